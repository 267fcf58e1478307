"""`make bench`: run the site as in production on PostgreSQL with a large data set and measure it.

Steps: build the data set once (manage.py bench_data), collect static files, count SQL queries and
HTML bytes per page type (manage.py bench_probe), then serve with gunicorn and load each page from a
separate process (wrk, on loopback, bounded in time) with the page cache warm and with it off, plus
the static-file ceiling and the write throughput of comments and bookings. Results go to
bench/results/latest.json and latest.md.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cv_bench), BENCH_SCALE
(default 1: the full data set), BENCH_SECONDS (per measurement, default 8), BENCH_CONNECTIONS (16).
"""

import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


RESULTS = ROOT / "bench" / "results"
SERVER_LOG = RESULTS / "tmp" / "gunicorn.log"
PORT = int(os.environ.get("BENCH_PORT", "0")) or free_port()
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cv_bench")

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


def ensure_database():
    name = DATABASE_URL.rsplit("/", 1)[-1]
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    exists = subprocess.run(
        ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", admin, "-c", f'CREATE DATABASE "{name}"'], check=True)


def unit_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, script=None, extra_env=None):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s"]
    command += ["-H", "Accept-Encoding: gzip, deflate, br"]  # as every browser sends
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        command + [BASE + url],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(extra_env or {})},
    ).stdout
    timeouts = re.search(r"Socket errors: .*timeout (\d+)", output)
    timeouts = int(timeouts.group(1)) if timeouts else 0
    finished = re.search(r"(\d+) requests in", output)
    if not finished or finished.group(1) == "0":  # not one request finished in the run
        return {"rps": 0.0, "p50_ms": None, "p99_ms": None, "non_2xx": None, "timeouts": timeouts}
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": round(unit_ms(percentiles["50"]), 2),
        "p99_ms": round(unit_ms(percentiles["99"]), 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
        # Requests still unanswered after wrk's 10 s timeout: not in the percentiles, so shown apart.
        "timeouts": timeouts,
    }


class Server:
    def __init__(self, page_cache_seconds):
        self.env = {**ENV, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "site_home.wsgi",
                "-b",
                f"127.0.0.1:{PORT}",
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
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                return self
            except OSError:
                time.sleep(0.5)
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
        if not drained():
            self.__exit__()
            self.__enter__()


def drained(workers=4, rounds=2, seconds=45):
    """Whether the requests wrk left queued when it stopped have been served (gunicorn still serves
    them, and they would slow the next measurement). Connections are accepted in order, so once
    `workers` health checks sent together have all come back (twice), what was queued before them
    has been served. False when that takes more than `seconds`."""
    deadline = time.monotonic() + seconds

    def ping(_):
        urllib.request.urlopen(BASE + "/healthz", timeout=max(deadline - time.monotonic(), 1)).read()

    try:
        for _ in range(rounds):
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(ping, range(workers)))
    except OSError:
        return False
    return True


def warm(url, times=8, seconds=20):
    """A few requests first, so each worker has loaded its templates and code before it is timed
    (fewer when a page is so slow that they would take more than `seconds`)."""
    started = time.monotonic()
    for _ in range(times):
        try:
            urllib.request.urlopen(BASE + url, timeout=60).read()
        except OSError:  # an error or a gunicorn worker timeout: the measurement will show it
            return
        if time.monotonic() - started > seconds:
            return


def first_visit_kb(url, css_url, js_urls):
    """HTML + CSS + JS of a first visit, gzip-compressed as whitenoise serves them."""
    total = 0
    for path in (url, css_url, *js_urls):
        try:
            with urllib.request.urlopen(BASE + path, timeout=60) as response:
                total += len(gzip.compress(response.read(), 6))
        except OSError:
            return None
    return round(total / 1024, 1)


def static_paths():
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())["paths"]
    return (
        "/static/" + manifest["css/site.css"],
        ["/static/" + manifest["js/site.mjs"], "/static/" + manifest["vendor/govuk/govuk-frontend.min.js"]],
    )


def main():
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: apt-get install wrk")
    SERVER_LOG.parent.mkdir(parents=True, exist_ok=True)
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    manage(
        "bench_data", "--output", str(RESULTS / "urls.json"), "--scale", os.environ.get("BENCH_SCALE", "1")
    )
    manage("collectstatic", "--noinput", "-v0")
    targets = json.loads((RESULTS / "urls.json").read_text())
    probe = json.loads(
        manage(
            "bench_probe", str(RESULTS / "urls.json"), env={**ENV, "PAGE_CACHE_SECONDS": "0"}, capture=True
        )
    )
    css_url, js_urls = static_paths()
    pages = {name: {**probe[name]} for name in targets["urls"]}

    with Server(page_cache_seconds=0) as server:
        for name, url in targets["urls"].items():
            server.settle()
            warm(url)
            pages[name]["uncached"] = wrk(url)
        writes = {}
        for name, target in targets.get("post_targets", {}).items():
            server.settle()
            writes[name] = wrk(
                target["url"],
                ROOT / "bench" / "post.lua",
                {
                    "BENCH_BODY": target["body"],
                    "BENCH_ORIGIN": BASE,
                },
            )
    with Server(page_cache_seconds=600) as server:
        static = wrk(css_url)
        for name, url in targets["urls"].items():
            server.settle()
            warm(url)  # fills the page cache
            pages[name]["cached"] = wrk(url)
            pages[name]["first_visit_kb_gzip"] = first_visit_kb(url, css_url, js_urls)

    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "seconds_per_run": SECONDS,
        "connections": CONNECTIONS,
        "scale": targets["scale"],
        "static_file": static,
        "pages": pages,
        "writes": writes,
    }
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    (RESULTS / "latest.md").write_text(markdown(report))
    print(markdown(report))


def ms(value, result=None):
    """A latency for the table, with the requests that timed out (beyond every percentile)."""
    text = "–" if value is None else f"{value:.0f}"
    if result and result.get("timeouts"):
        text += f" ({result['timeouts']} timed out)"
    return text


def markdown(report):
    static_rps = report["static_file"]["rps"]
    lines = [
        f"Benchmark of {report['when']}: {report['connections']} connections, "
        f"{report['seconds_per_run']} s a run, static-file ceiling {static_rps:.0f} req/s.",
        "",
        "| page | queries (fragments warm / cold) | HTML KB | first visit KB (gzip) | cached req/s "
        "| cached / static | cached p99 ms | uncached req/s | uncached p50 ms | uncached p99 ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, page in report["pages"].items():
        cached, uncached = page["cached"], page["uncached"]
        first_visit = page["first_visit_kb_gzip"] or "–"
        lines.append(
            f"| {name} | {page['queries']} / {page['queries_cold']} | {page['html_bytes'] / 1024:.1f} "
            f"| {first_visit} "
            f"| {cached['rps']:.0f} | {cached['rps'] / static_rps:.2f} | {ms(cached['p99_ms'], cached)} "
            f"| {uncached['rps']:.1f} | {ms(uncached['p50_ms'])} | {ms(uncached['p99_ms'], uncached)} |"
        )
    if report["writes"]:
        lines += ["", "| write | req/s | p50 ms | p99 ms | non-2xx/3xx |", "|---|---|---|---|---|"]
        for name, result in report["writes"].items():
            lines.append(
                f"| {name} | {result['rps']:.0f} | {ms(result['p50_ms'])} | {ms(result['p99_ms'], result)} "
                f"| {result['non_2xx']} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
