"""`make bench`: run the site as in production on PostgreSQL with a large data set and measure it.

Steps: build the data set once (manage.py bench_data), collect static files, count SQL queries and
HTML bytes per page type (manage.py bench_probe), then serve with gunicorn and load each page from a
separate process (wrk, on loopback, bounded in time) with the page cache warm and with it off, plus
the static-file ceiling and the write throughput of comments and bookings.

Then the mixed workload (bench/mixed.py: pages read while residents write) and the fault runs
(bench/faults.py: Redis, then PostgreSQL, stopped under load, on private servers). Results go to
bench/results/latest.json and latest.md, and docs/benchmarks.md is written from them (bench/docs.py).

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cv_bench), BENCH_SCALE
(default 1: the full data set), BENCH_SECONDS (per measurement, default 8), BENCH_CONNECTIONS (16),
BENCH_OUTAGE_SECONDS (15), BENCH_ONLY (some of "pages,mixed,faults": the others are kept from the
last results), BENCH_QUICK=1 (3 s a measurement, scale 0.02, database cv_bench_quick,
results in bench/results/tmp/quick.*: a check that the harness works, not numbers to publish).
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import faults
import mixed
from harness import (
    BASE,
    CONNECTIONS,
    DATABASE_URL,
    ENV,
    QUICK,
    RESULTS,
    ROOT,
    SCALE,
    SECONDS,
    SERVER_LOG,
    Server,
    manage,
    warm,
    wrk,
)

import docs

PARTS = {"pages", "mixed", "faults"}
# BENCH_ONLY=mixed,faults measures only those parts and keeps the others from the last results.
ONLY = set(filter(None, os.environ.get("BENCH_ONLY", ",".join(PARTS)).split(","))) & PARTS


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
    manage("bench_data", "--output", str(RESULTS / "urls.json"), "--scale", SCALE)
    manage("collectstatic", "--noinput", "-v0")
    targets = json.loads((RESULTS / "urls.json").read_text())
    # A quick run only checks the harness: its numbers stay out of the published results.
    out = RESULTS / "tmp" if QUICK else RESULTS
    name = "quick" if QUICK else "latest"
    previous = out / f"{name}.json"
    report = json.loads(previous.read_text()) if ONLY != PARTS and previous.exists() else {}
    report.update({"when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "scale": targets["scale"]})
    if "pages" in ONLY:
        report.update(measure_pages(targets))
    if "mixed" in ONLY:
        with Server(page_cache_seconds=600) as server:
            report["mixed"] = mixed.run(server, targets["urls"], RESULTS / "urls.json", SECONDS)
    if "faults" in ONLY:
        report["faults"] = faults.run(DATABASE_URL, RESULTS / "urls.json")
    report["parts_run"] = sorted(ONLY)
    (out / f"{name}.json").write_text(json.dumps(report, indent=2))
    (out / f"{name}.md").write_text(markdown(report))
    doc = out / "benchmarks-quick.md" if QUICK else ROOT / "docs" / "benchmarks.md"
    docs.write(report, markdown(report), doc, source=(out / f"{name}.md").relative_to(ROOT))
    print(markdown(report))


def measure_pages(targets):
    """Every page's queries and size, uncached and cached, the static-file ceiling and the write
    throughput."""
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
    return {
        "pages_when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "seconds_per_run": SECONDS,
        "connections": CONNECTIONS,
        "static_file": static,
        "pages": pages,
        "writes": writes,
    }


def ms(value, result=None):
    """A latency for the table, with the requests that timed out (beyond every percentile)."""
    text = "–" if value is None else f"{value:.0f}"
    if result and result.get("timeouts"):
        text += f" ({result['timeouts']} timed out)"
    return text


def markdown(report):
    lines = []
    if report.get("pages"):
        lines += page_tables(report)
    if report.get("mixed"):
        lines += ["", mixed.markdown(report["mixed"]).rstrip()]
    if report.get("faults"):
        lines += ["", faults.markdown(report["faults"]).rstrip()]
    return "\n".join(lines).lstrip("\n") + "\n"


def page_tables(report):
    static_rps = report["static_file"]["rps"]
    lines = [
        f"Benchmark of {report.get('pages_when', report['when'])}: {report['connections']} connections, "
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
    return lines


if __name__ == "__main__":
    main()
