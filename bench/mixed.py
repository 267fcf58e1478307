"""Mixed workload: pages read while residents write (part of `make bench`).

For each measured page (home, a story, a review, an event), with the page cache on:
- "read only": wrk alone at BENCH_CONNECTIONS;
- "other 2/s", "other 8/s": the same while bench/writer.py posts votes, "I agree"s, comments and
  bookings on OTHER pages (spread over many pages and client addresses);
- "same 2/s": while it posts 2 a second to forms of the page being read (none for the home page,
  which has no form of its own).
Each run reports req/s, p99, the share of replies the page cache answered (X-Page-Cache, counted by
bench/cache_count.lua) and the ratios to the read-only run of the same page. The writer counts the
writes the site accepted; the database is counted before and after, and every accepted write must
be stored (lost = accepted - stored = 0).
"""

import json
import subprocess
import sys
import time

from harness import CONNECTIONS, ROOT, TMP, hit_share, manage, warm, wrk

COUNT_SCRIPT = ROOT / "bench" / "cache_count.lua"
WRITER = ROOT / "bench" / "writer.py"
PAGES = ("home", "story", "review page", "event")
OTHER_RATES = (2, 8)
SAME_RATE = 2


def interleave(targets):
    """Round-robin over the kinds, so even a short run posts some of each."""
    by_kind = {}
    for target in targets:
        by_kind.setdefault(target["kind"], []).append(target)
    mixed, queues = [], list(by_kind.values())
    while any(queues):
        for queue in queues:
            if queue:
                mixed.append(queue.pop(0))
    return mixed


def write_targets(env, urls_file):
    targets = json.loads(manage("bench_writes", "targets", str(urls_file), env=env, capture=True))
    targets["other"] = interleave(targets["other"])
    return targets


def stored_rows(env):
    return json.loads(manage("bench_writes", "count", env=env, capture=True))


class Writer:
    """bench/writer.py in its own process, for `seconds` at `rate` writes a second."""

    def __init__(self, base, targets, rate, seconds, name):
        self.targets_file = TMP / f"writer-{name}-targets.json"
        self.output = TMP / f"writer-{name}.json"
        self.targets_file.write_text(json.dumps(targets))
        self.args = [
            sys.executable,
            str(WRITER),
            "--base",
            base,
            "--targets",
            str(self.targets_file),
            "--rate",
            str(rate),
            "--seconds",
            str(seconds),
            "--output",
            str(self.output),
        ]

    def start(self):
        self.output.unlink(missing_ok=True)
        self.started = time.monotonic()
        self.process = subprocess.Popen(self.args, cwd=ROOT)
        return self

    def finish(self):
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return json.loads(self.output.read_text())


def check_stored(result, before, after):
    """Accepted writes against rows added, by kind; `lost` must be 0."""
    stored = {kind: after[kind] - before[kind] for kind in after}
    accepted = {kind: counts["accepted"] for kind, counts in result["by_kind"].items()}
    return {
        "sent": result["sent"],
        "accepted": result["accepted"],
        "stored": sum(stored.values()),
        "lost": result["accepted"] - sum(stored.values()),
        "server_errors": result["server_errors"],
        "accepted_by_kind": accepted,
        "stored_by_kind": stored,
        "statuses": result["statuses"],
        "p50_ms": result["p50_ms"],
        "p99_ms": result["p99_ms"],
    }


def with_writer(server, url, targets, rate, seconds, name):
    before = stored_rows(server.env)
    writer = Writer(server.base, targets, rate, seconds, name).start()
    read = wrk(url, COUNT_SCRIPT, seconds=seconds, base=server.base)
    result = writer.finish()
    time.sleep(0.5)  # let the last writes' transactions end before counting
    read["writes"] = check_stored(result, before, stored_rows(server.env))
    return read


def summary(run, baseline):
    run["hit_share"] = hit_share(run)
    if baseline and baseline.get("rps") and run.get("rps") is not None:
        run["rps_ratio"] = round(run["rps"] / baseline["rps"], 2)
    if baseline and baseline.get("p99_ms") and run.get("p99_ms") is not None:
        run["p99_ratio"] = round(run["p99_ms"] / baseline["p99_ms"], 2)
    return run


def run(server, urls, urls_file, seconds):
    targets = write_targets(server.env, urls_file)
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "connections": CONNECTIONS,
        "seconds_per_run": seconds,
        "pages": {},
        "write_targets": {
            "other_pages": len({t["page"] for t in targets["other"]}),
            "other_kinds": sorted({t["kind"] for t in targets["other"]}),
        },
    }
    for name in PAGES:
        url = urls[name]
        server.settle()
        warm(url, base=server.base)
        runs = {"read only": summary(wrk(url, COUNT_SCRIPT, seconds=seconds, base=server.base), None)}
        baseline = runs["read only"]
        for rate in OTHER_RATES:
            server.settle()
            runs[f"other {rate}/s"] = summary(
                with_writer(server, url, targets["other"], rate, seconds, f"other-{rate}"), baseline
            )
        same = targets["same"].get(name)
        if same:
            server.settle()
            runs[f"same {SAME_RATE}/s"] = summary(
                with_writer(server, url, same, SAME_RATE, seconds, "same"), baseline
            )
        report["pages"][name] = {"url": url, "runs": runs}
    return report


def pct(value):
    return "–" if value is None else f"{value * 100:.0f} %"


def ratio(value):
    return "–" if value is None else f"{value:.2f}"


def markdown(report):
    lines = [
        f"Mixed workload ({report.get('when', 'undated')}): {report['connections']} reading connections, "
        f"{report['seconds_per_run']} s a run; "
        f"writes spread over {report['write_targets']['other_pages']} other pages "
        f"({', '.join(report['write_targets']['other_kinds'])}).",
        "",
        "| page | run | req/s | ×read-only | p99 ms | ×read-only | cache hits | misses | stale | 5xx "
        "| writes accepted / stored / lost | write 5xx |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, page in report["pages"].items():
        for run_name, run in page["runs"].items():
            writes = run.get("writes")
            cache = run.get("cache") or {}
            written = f"{writes['accepted']} / {writes['stored']} / {writes['lost']}" if writes else "–"
            p99 = "–" if run.get("p99_ms") is None else f"{run['p99_ms']:.0f}"
            lines.append(
                f"| {name} | {run_name} | {run['rps']:.0f} | {ratio(run.get('rps_ratio'))} | {p99} "
                f"| {ratio(run.get('p99_ratio'))} | {pct(run.get('hit_share'))} "
                f"| {cache.get('miss', '–')} | {cache.get('stale', '–')} "
                f"| {run.get('status', {}).get('5xx', '–')} | {written} "
                f"| {writes['server_errors'] if writes else '–'} |"
            )
    return "\n".join(lines) + "\n"
