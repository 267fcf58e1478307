"""Fault runs (part of `make bench`): what residents see while Redis or PostgreSQL is down.

The machine's shared PostgreSQL (5432) and Redis (6379) are never stopped or written by these runs:
they start a private redis-server on port 6390 and a private PostgreSQL cluster (initdb into
bench/results/tmp/pg, port 5440, the bench data copied in with pg_dump / pg_restore), serve the site
on them with gunicorn, and remove both at the end.

Each fault run reads the home page with wrk and posts 2 writes a second on other pages (as the mixed
workload does) in three phases: before (service up), during (service stopped for
BENCH_OUTAGE_SECONDS, 15 by default) and after (started again). For each phase: req/s, replies by
status class and by X-Page-Cache (stale = an older copy served while the cache could not be checked
or refreshed), writes accepted and answered 5xx. At the end the database is counted: every accepted
write must be stored (lost = accepted - stored = 0).
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from harness import QUICK, TMP, Server, free_port, hit_share, warm, wrk
from mixed import COUNT_SCRIPT, Writer, stored_rows, write_targets

REDIS_PORT = 6390
PG_PORT = 5440
SHARED_PORTS = {5432, 6379}
OUTAGE = int(os.environ.get("BENCH_OUTAGE_SECONDS", "15"))
BEFORE, AFTER = (3, 5) if QUICK else (8, 10)
WRITE_RATE = 2
READ_URL = "/"


def port_in_use(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class PrivateRedis:
    """redis-server on its own port, without persistence: stopping it loses the cache, as a restart
    of a cache-only Redis does."""

    def __init__(self, port=REDIS_PORT):
        assert port not in SHARED_PORTS
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        if port_in_use(self.port):
            raise RuntimeError(f"port {self.port} is taken: another private Redis is running")
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            if port_in_use(self.port):
                return self
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def postgres_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    return found[-1]


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on its own port, holding a copy of the bench database. As
    root, the server runs as the `postgres` user (PostgreSQL refuses to run as root)."""

    def __init__(self, source_url, port=PG_PORT):
        assert port not in SHARED_PORTS
        self.source_url = source_url
        self.port = port
        self.bin = postgres_bin()
        self.data = TMP / "pg"
        self.sockets = TMP / "pgsock"
        self.log = TMP / "pg.log"
        self.name = source_url.rsplit("/", 1)[-1]
        self.url = f"postgres://postgres@127.0.0.1:{port}/{self.name}"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command):
        done = subprocess.run([*self.as_postgres, *command], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(
                f"{Path(command[0]).name} failed: {(done.stderr or done.stdout).strip()[-500:]}"
            )

    def _ctl(self, action, *extra):
        self._run(f"{self.bin}/pg_ctl", "-D", str(self.data), "-w", "-t", "60", action, *extra)

    def start(self):
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("start", "-o", options, "-l", str(self.log))

    def stop(self):
        self._ctl("stop", "-m", "fast")

    def __enter__(self):
        if port_in_use(self.port):
            raise RuntimeError(f"port {self.port} is taken: another private PostgreSQL is running")
        shutil.rmtree(self.data, ignore_errors=True)
        for folder in (self.data, self.sockets):
            folder.mkdir(parents=True, exist_ok=True)
            if self.as_postgres:
                shutil.chown(folder, "postgres", "postgres")
        self.log.touch()
        if self.as_postgres:
            shutil.chown(self.log, "postgres", "postgres")
        self._run(f"{self.bin}/initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        try:
            admin = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
            subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{self.name}"'], check=True)
            dump = subprocess.Popen(["pg_dump", "-Fc", self.source_url], stdout=subprocess.PIPE)
            subprocess.run(
                ["pg_restore", "--no-owner", "--no-privileges", "-d", self.url],
                stdin=dump.stdout,
                check=True,
            )
            if dump.wait() != 0:
                raise RuntimeError("pg_dump of the bench database failed")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(RuntimeError):  # already stopped
            self.stop()
        shutil.rmtree(self.data, ignore_errors=True)
        shutil.rmtree(self.sockets, ignore_errors=True)


def phase_counts(writes, start, end):
    """The writer's requests answered in [start, end) seconds after it started."""
    chosen = [r for r in writes if start <= r["t"] + r["ms"] / 1000 < end]
    return {
        "sent": len(chosen),
        "accepted": sum(isinstance(r["status"], int) and 200 <= r["status"] < 400 for r in chosen),
        "server_errors": sum(isinstance(r["status"], int) and r["status"] >= 500 for r in chosen),
        "connection_errors": sum(not isinstance(r["status"], int) for r in chosen),
    }


def phase(read):
    return {
        "rps": read["rps"],
        "requests": read.get("requests", 0),
        "p99_ms": read["p99_ms"],
        "status": read.get("status"),
        "cache": read.get("cache"),
        "hit_share": hit_share(read),
        "stale": (read.get("cache") or {}).get("stale", 0),
        "server_errors": (read.get("status") or {}).get("5xx", 0),
        "timeouts": read["timeouts"],
        "socket_errors": read["socket_errors"],
    }


def wait_healthy(server, seconds=30):
    """Whether the site renders a page again: a query string of its own each time makes it a page
    cache miss, so the page is made from the database, not served from the cache."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            url = f"{server.base}{READ_URL}?bench-recovered={time.monotonic_ns()}"
            urllib.request.urlopen(url, timeout=5).read()
            return True
        except OSError:
            time.sleep(0.5)
    return False


def outage(server, targets, stop, start):
    """Reads and writes across a stop of one service; returns the three phases and the totals."""
    before_rows = stored_rows(server.env)
    total = BEFORE + OUTAGE + AFTER + 2
    writer = Writer(server.base, targets, WRITE_RATE, total, "fault").start()
    marks = {}
    reads = {}
    # Each phase starts when the stop (or the start) is asked for: a write answered while the
    # service is shutting down belongs to the outage.
    marks["before"] = time.monotonic()
    reads["before"] = wrk(READ_URL, COUNT_SCRIPT, seconds=BEFORE, base=server.base)
    marks["during"] = time.monotonic()
    stop()
    reads["during"] = wrk(READ_URL, COUNT_SCRIPT, seconds=OUTAGE, base=server.base)
    marks["after"] = time.monotonic()
    start()
    reads["after"] = wrk(READ_URL, COUNT_SCRIPT, seconds=AFTER, base=server.base)
    marks["end"] = time.monotonic()
    result = writer.finish()
    recovered = wait_healthy(server)
    time.sleep(0.5)
    after_rows = stored_rows(server.env)
    stored = sum(after_rows[k] - before_rows[k] for k in after_rows)
    phases = {}
    bounds = list(marks.items())
    origin = result["started_monotonic"]
    for (name, at), (_, until) in zip(bounds, bounds[1:], strict=False):
        start_t, end_t = at - origin, until - origin
        if name == "before":
            start_t = float("-inf")
        if name == "after":
            end_t = float("inf")
        phases[name] = {
            **phase(reads[name]),
            "seconds": {"before": BEFORE, "during": OUTAGE, "after": AFTER}[name],
            "writes": phase_counts(result["requests"], start_t, end_t),
        }
    return {
        "outage_seconds": OUTAGE,
        "phases": phases,
        "recovered": recovered,
        "writes": {
            "sent": result["sent"],
            "accepted": result["accepted"],
            "stored": stored,
            "lost": result["accepted"] - stored,
            "server_errors": result["server_errors"],
            "statuses": result["statuses"],
        },
    }


def run(source_database_url, urls_file):
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "read_url": READ_URL,
        "write_rate": WRITE_RATE,
        "runs": {},
        "not_run": None,
    }
    try:
        with PrivateRedis() as redis, PrivatePostgres(source_database_url) as postgres:
            env = {"DATABASE_URL": postgres.url, "REDIS_URL": redis.url}
            with Server(page_cache_seconds=600, env=env, port=free_port()) as server:
                targets = write_targets(server.env, urls_file)["other"]
                warm(READ_URL, base=server.base)
                report["runs"]["redis"] = outage(server, targets, redis.stop, redis.start)
                server.settle()
                warm(READ_URL, base=server.base)
                report["runs"]["database"] = outage(server, targets, postgres.stop, postgres.start)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        # What was measured before the failure is kept; the rest is reported as not run.
        report["not_run"] = f"{type(error).__name__}: {error}"
    return report


def markdown(report):
    if not report["runs"]:
        return f"Fault runs not made: {report['not_run']}\n"
    note = f"\n\nStopped early: {report['not_run']}" if report.get("not_run") else ""
    lines = [
        f"Fault runs ({report.get('when', 'undated')}): {READ_URL} read by wrk, "
        f"{report['write_rate']} writes a second on other pages; "
        "private Redis (port 6390) and PostgreSQL (port 5440).",
        "",
        "| service stopped | phase | s | req/s | 5xx | stale | cache hits | timeouts | writes sent "
        "| accepted | write 5xx |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for service, run in report["runs"].items():
        for name, phase_result in run["phases"].items():
            writes = phase_result["writes"]
            share = phase_result["hit_share"]
            lines.append(
                f"| {service} | {name} | {phase_result.get('seconds', '–')} | {phase_result['rps']:.0f} "
                f"| {phase_result['server_errors']} | {phase_result['stale']} "
                f"| {'–' if share is None else f'{share * 100:.0f} %'} | {phase_result['timeouts']} "
                f"| {writes['sent']} | {writes['accepted']} | {writes['server_errors']} |"
            )
    lines += [
        "",
        "| service stopped | writes accepted | stored | lost | recovered |",
        "|---|---|---|---|---|",
    ]
    for service, run in report["runs"].items():
        writes = run["writes"]
        lines.append(
            f"| {service} | {writes['accepted']} | {writes['stored']} | {writes['lost']} "
            f"| {'yes' if run['recovered'] else 'no'} |"
        )
    return "\n".join(lines) + note + "\n"


if __name__ == "__main__":  # a fault run alone, on the data set `make bench` built
    import json

    from harness import DATABASE_URL, RESULTS

    result = run(DATABASE_URL, RESULTS / "urls.json")
    (TMP / "faults.json").write_text(json.dumps(result, indent=2))
    print(markdown(result))
