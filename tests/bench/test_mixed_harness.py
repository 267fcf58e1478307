"""The mixed-workload and fault-run harness of `make bench` (bench/mixed.py, bench/faults.py): its
write targets are accepted and stored, its writer counts what the site accepted, and the wrk script
counts replies by X-Page-Cache. Without these, a broken harness would report "0 lost" or "100 %
hits" for the wrong reason."""

import http.server
import json
import shutil
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import faults  # noqa: E402
import harness  # noqa: E402
import writer  # noqa: E402


@pytest.mark.django_db
def test_every_write_target_is_accepted_and_stored(tmp_path, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # as the benchmark serves the site: each write its own address
    settings.FEEDBACK_RATE_LIMIT = "1000000/s"
    output = tmp_path / "urls.json"
    call_command("bench_data", "--scale", "0.002", "--output", str(output), stdout=StringIO())
    urls = json.loads(output.read_text())["urls"]
    targets_out = StringIO()
    call_command("bench_writes", "targets", str(output), stdout=targets_out)
    targets = json.loads(targets_out.getvalue())

    measured = {urls[name] for name in ("home", "story", "review page", "event")}
    assert {"agree", "comment", "booking"} <= {t["kind"] for t in targets["other"]}
    assert not {t["page"] for t in targets["other"]} & measured, "other-page writes hit a measured page"
    assert len({t["page"] for t in targets["other"]}) > 3
    assert set(targets["same"]) == {"story", "review page", "event"}  # the home page has no form
    for name, same in targets["same"].items():
        assert {t["page"] for t in same} == {urls[name]}

    every = [*targets["other"], *(t for same in targets["same"].values() for t in same)]
    counted = StringIO()
    call_command("bench_writes", "count", stdout=counted)
    before = json.loads(counted.getvalue())
    posted = {}
    for number, target in enumerate(every):
        # A new client each time: no participant cookie, so every vote and "I agree" is a new one.
        client = Client(headers={"Origin": "http://testserver"})
        response = client.post(
            target["url"],
            target["body"].replace("{n}", f"t{number}"),
            content_type="application/x-www-form-urlencoded",
            HTTP_X_FORWARDED_FOR=f"2001:db8:1:{number:x}::1",
        )
        assert writer.accepted(response.status_code), (
            f"{target['kind']} {target['url']}: {response.status_code}"
        )
        posted[target["kind"]] = posted.get(target["kind"], 0) + 1
    counted = StringIO()
    call_command("bench_writes", "count", stdout=counted)
    after = json.loads(counted.getvalue())
    assert {kind: after[kind] - before[kind] for kind in posted} == posted


def test_writer_counts_only_2xx_and_3xx_as_accepted():
    requests = [
        {"t": 0.0, "ms": 10, "kind": "comment", "status": 302},
        {"t": 0.5, "ms": 10, "kind": "comment", "status": 200},
        {"t": 1.0, "ms": 10, "kind": "booking", "status": 500},
        {"t": 1.5, "ms": 10, "kind": "booking", "status": 403},
        {"t": 2.0, "ms": 10, "kind": "agree", "status": "error: ConnectionRefusedError"},
    ]
    result = writer.summarise(requests, rate=2, seconds=2.5)
    assert result["accepted"] == 2
    assert result["server_errors"] == 1
    assert result["by_kind"]["comment"] == {"sent": 2, "accepted": 2}
    assert result["by_kind"]["booking"] == {"sent": 2, "accepted": 0}


def test_fault_phases_bin_writes_by_when_they_were_answered():
    writes = [
        {"t": 0.9, "ms": 200, "status": 302},  # sent before the outage, answered during it
        {"t": 1.5, "ms": 5, "status": 500},
        {"t": 2.5, "ms": 5, "status": 302},
    ]
    assert faults.phase_counts(writes, 0, 1) == {
        "sent": 0,
        "accepted": 0,
        "server_errors": 0,
        "connection_errors": 0,
    }
    assert faults.phase_counts(writes, 1, 2) == {
        "sent": 2,
        "accepted": 1,
        "server_errors": 1,
        "connection_errors": 0,
    }


class CacheStates(http.server.BaseHTTPRequestHandler):
    """Answers in turn hit, hit, miss, stale, bypass, no header, and a 500 with `hit`."""

    protocol_version = "HTTP/1.1"
    answers = [
        (200, "hit"),
        (200, "hit"),
        (200, "miss"),
        (200, "stale"),
        (200, "bypass"),
        (200, None),
        (500, "hit"),
    ]
    served = []
    lock = threading.Lock()

    def do_GET(self):
        with self.lock:
            status, state = self.answers[len(self.served) % len(self.answers)]
            self.served.append((status, state))
        self.send_response(status)
        if state:
            self.send_header("X-Page-Cache", state)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not shutil.which("wrk"), reason="needs wrk (apt-get install wrk)")
def test_wrk_script_counts_every_reply_by_cache_header_and_status():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CacheStates)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c2",
                "-d1s",
                "--latency",
                "-s",
                str(BENCH / "cache_count.lua"),
                f"http://127.0.0.1:{server.server_port}/",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    finally:
        server.shutdown()
        server.server_close()
    result = harness.parse_wrk(output)
    served = CacheStates.served
    # wrk may leave a request or two unanswered when it stops: what it counted is what it received.
    counted = sum(result["cache"].values())
    assert counted == sum(result["status"].values()) == result["requests"]
    assert 0 <= len(served) - counted <= 4
    expected_hits = sum(state == "hit" for _, state in served)
    assert abs(result["cache"]["hit"] - expected_hits) <= 4
    assert result["cache"]["none"] > 0 and result["cache"]["stale"] > 0 and result["cache"]["bypass"] > 0
    assert result["status"]["5xx"] > 0
    assert harness.hit_share(result) == pytest.approx(
        (result["cache"]["hit"] + result["cache"]["stale"]) / counted, abs=0.001
    )


def mixed_run(rps, hits, accepted, stored):
    run = {"rps": rps, "p99_ms": 10.0, "cache": {"hit": hits, "miss": 100 - hits}, "status": {"5xx": 0}}
    run["hit_share"] = hits / 100
    if accepted is not None:
        run.update({"rps_ratio": rps / 1000, "p99_ratio": 1.0})
        run["writes"] = {
            "accepted": accepted,
            "stored": stored,
            "lost": accepted - stored,
            "server_errors": 0,
        }
    return run


def test_generated_docs_show_the_runs_numbers_and_any_lost_write(tmp_path):
    import bench as make_bench
    import docs

    report = {
        "when": "2026-12-03 15:00:00 UTC",
        "scale": {"stories": 40, "events": 20, "comments": 2000},
        "mixed": {
            "when": "2026-12-03 15:00:00 UTC",
            "connections": 16,
            "seconds_per_run": 3,
            "write_targets": {"other_pages": 24, "other_kinds": ["agree", "comment"]},
            "pages": {
                "home": {
                    "url": "/",
                    "runs": {
                        "read only": mixed_run(1000, 100, None, None),
                        "other 8/s": mixed_run(500, 90, 24, 23),
                    },
                }
            },
        },
    }
    path = tmp_path / "benchmarks.md"
    # Only the mixed part was measured (BENCH_ONLY=mixed): the tables skip what is missing.
    docs.write(report, make_bench.markdown(report), path)
    text = path.read_text()
    assert docs.MARKER not in text
    assert "| home | other 8/s | 500 | 0.50 |" in text
    assert "**1 lost**" in text
    assert "## What the numbers of 1 December 2026 said" in text  # the narrative is kept
