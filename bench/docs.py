"""Writes docs/benchmarks.md: the hand-written narrative (bench/benchmarks.template.md) with the
run's tables and a few sentences computed from them, so the numbers in the docs are always the
last run's.

    python bench/docs.py [results.json] [output.md]   # again from saved results, without a run
"""

import json
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "benchmarks.template.md"
MARKER = "<!-- RESULTS -->"


def percent(value):
    return "–" if value is None else f"{value * 100:.0f} %"


def mixed_findings(mixed):
    lines = []
    accepted = stored = lost = 0
    for name, page in mixed["pages"].items():
        runs = page["runs"]
        base = runs["read only"]
        parts = []
        for run_name, run in runs.items():
            if run_name == "read only":
                continue
            parts.append(
                f"{run_name}: ×{run.get('rps_ratio', 0):.2f} req/s, ×{run.get('p99_ratio') or 0:.2f} p99, "
                f"hits {percent(run.get('hit_share'))}"
            )
            writes = run.get("writes") or {}
            accepted += writes.get("accepted", 0)
            stored += writes.get("stored", 0)
            lost += writes.get("lost", 0)
        lines.append(
            f"- **{name}** (read only {base['rps']:.0f} req/s, hits {percent(base.get('hit_share'))}): "
            + "; ".join(parts)
            + "."
        )
    verdict = "none lost" if lost == 0 else f"**{lost} lost**"
    lines.append(f"- Writes in the mixed runs: {accepted} accepted, {stored} stored, {verdict}.")
    return lines


def fault_findings(faults):
    if not faults.get("runs"):
        return [f"- Fault runs not made: {faults.get('not_run')}."]
    lines = [f"- Fault runs stopped early: {faults['not_run']}."] if faults.get("not_run") else []
    for service, run in faults["runs"].items():
        during = run["phases"]["during"]
        replies = sum((during.get("status") or {}).values())
        writes = run["writes"]
        verdict = "none lost" if writes["lost"] == 0 else f"**{writes['lost']} lost**"
        lines.append(
            f"- **{service} stopped for {run['outage_seconds']} s**: {during['server_errors']} of {replies} "
            f"page replies were 5xx and {during['stale']} stale; writes during the outage: "
            f"{during['writes']['accepted']} of {during['writes']['sent']} accepted; over the whole run "
            f"{writes['accepted']} accepted, {writes['stored']} stored, {verdict}; "
            f"{'recovered' if run['recovered'] else '**not recovered**'} after the restart."
        )
    return lines


def results_section(report, tables, source):
    scale = report.get("scale", {})
    lines = [
        f"Run of {report['when']} on this machine (2 cores, with the web server, PostgreSQL, Redis and "
        f"wrk all on them), {scale.get('stories', '?')} stories, {scale.get('events', '?')} events, "
        f"{scale.get('comments', '?')} comments (`{source}`).",
        "",
    ]
    if report.get("mixed") or report.get("faults"):
        lines += ["In short:", ""]
        if report.get("mixed"):
            lines += mixed_findings(report["mixed"])
        if report.get("faults"):
            lines += fault_findings(report["faults"])
        lines.append("")
    else:
        lines += ["This run had no mixed or fault runs (they came with a later version of the harness).", ""]
    return "\n".join(lines) + "\n" + tables.rstrip() + "\n"


def write(report, tables, path, source="bench/results/latest.md"):
    text = TEMPLATE.read_text().replace(MARKER, results_section(report, tables, source).rstrip())
    Path(path).write_text(text)


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import markdown

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "bench" / "results" / "latest.json"
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "docs" / "benchmarks.md"
    saved = json.loads(source.read_text())
    write(saved, markdown(saved), target)
