"""What every part of `make bench` shares: the settings the site is served with, gunicorn, and wrk.

BENCH_QUICK=1 shortens everything (a few seconds a measurement, scale 0.02, its own database) so the
whole benchmark can be checked in a few minutes; its numbers only show that the harness works.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TMP = RESULTS / "tmp"
SERVER_LOG = TMP / "gunicorn.log"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(os.environ.get("BENCH_PORT", "0")) or free_port()
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "3" if QUICK else "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SCALE = os.environ.get("BENCH_SCALE", "0.02" if QUICK else "1")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{'cv_bench_quick' if QUICK else 'cv_bench'}"
)

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "site_home.settings.production_demo",  # bench_data and bench_probe
    "DATABASE_URL": DATABASE_URL,
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-7f3a9c1e5b2d8046af19ce73b5d20e8f4a6c1b9d3e7f"),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"),
    "FEEDBACK_RATE_LIMIT": "1000000/s",  # measure the write path, not the flood guard
    "TRUSTED_PROXY_COUNT": "1",  # wrk plays the proxy: each request names its own client address
    "LOG_LEVEL": "ERROR",
}


def manage(*args, env=None, capture=False):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env or ENV, check=True, text=True, capture_output=capture)
    return result.stdout


def unit_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, script=None, extra_env=None, seconds=None, base=None):
    """One wrk run against `url`. With bench/cache_count.lua as `script`, the result also has
    `cache` (replies by X-Page-Cache value) and `status` (by status class)."""
    seconds = seconds or SECONDS
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    command += ["-H", "Accept-Encoding: gzip, deflate, br"]  # as every browser sends
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        command + [(base or BASE) + url],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(extra_env or {})},
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    """wrk's report as numbers (and the counts bench/cache_count.lua prints, when it ran)."""
    timeouts = re.search(r"Socket errors: .*timeout (\d+)", output)
    timeouts = int(timeouts.group(1)) if timeouts else 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+)", output)
    socket_errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    counts = re.search(r"^BENCH_COUNTS (\{.*\})$", output, re.M)
    extra = {}
    if counts:
        counted = json.loads(counts.group(1))
        extra["cache"] = {k: v for k, v in counted.items() if not k.startswith("status_")}
        extra["status"] = {
            k.removeprefix("status_"): v for k, v in counted.items() if k.startswith("status_")
        }
    finished = re.search(r"(\d+) requests in", output)
    if not finished or finished.group(1) == "0":  # not one request finished in the run
        return {
            "rps": 0.0,
            "requests": 0,
            "p50_ms": None,
            "p99_ms": None,
            "non_2xx": None,
            "timeouts": timeouts,
            "socket_errors": socket_errors,
            **extra,
        }
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(finished.group(1)),
        "p50_ms": round(unit_ms(percentiles["50"]), 2),
        "p99_ms": round(unit_ms(percentiles["99"]), 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
        # Requests still unanswered after wrk's 10 s timeout: not in the percentiles, so shown apart.
        "timeouts": timeouts,
        "socket_errors": socket_errors,
        **extra,
    }


def hit_share(result):
    """Share of the replies that the page cache answered (hit or stale), None without counts."""
    cache = result.get("cache")
    if not cache:
        return None
    total = sum(cache.values())
    return round((cache.get("hit", 0) + cache.get("stale", 0)) / total, 3) if total else None


class Server:
    """gunicorn with 4 sync workers, as `make serve` runs it; `env` overrides the site's settings
    (another database or Redis for the fault runs)."""

    def __init__(self, page_cache_seconds, env=None, port=None):
        self.env = {**ENV, "PAGE_CACHE_SECONDS": str(page_cache_seconds), **(env or {})}
        self.port = port or PORT
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "site_home.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stderr=SERVER_LOG.open("a"),  # quick shutdowns log the requests they cut short
        )
        for _ in range(60):
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited at start")
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGQUIT)  # quick shutdown: no waiting for queued requests
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def settle(self):
        """Start the next measurement from idle workers: wait for the previous run's queue to be
        served, or restart the server when a very slow page left too much of it."""
        if not drained(self.base):
            self.__exit__()
            self.__enter__()


def drained(base=BASE, workers=4, rounds=2, seconds=45):
    """Whether the requests wrk left queued when it stopped have been served (gunicorn still serves
    them, and they would slow the next measurement). Connections are accepted in order, so once
    `workers` health checks sent together have all come back (twice), what was queued before them
    has been served. False when that takes more than `seconds`."""
    from concurrent.futures import ThreadPoolExecutor

    deadline = time.monotonic() + seconds

    def ping(_):
        urllib.request.urlopen(base + "/healthz", timeout=max(deadline - time.monotonic(), 1)).read()

    try:
        for _ in range(rounds):
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(ping, range(workers)))
    except OSError:
        return False
    return True


def warm(url, times=8, seconds=20, base=BASE):
    """A few requests first, so each worker has loaded its templates and code before it is timed
    (fewer when a page is so slow that they would take more than `seconds`)."""
    started = time.monotonic()
    for _ in range(times):
        try:
            urllib.request.urlopen(base + url, timeout=60).read()
        except OSError:  # an error or a gunicorn worker timeout: the measurement will show it
            return
        if time.monotonic() - started > seconds:
            return
