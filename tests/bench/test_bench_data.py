"""`make bench` data generators, run at a tiny scale so they cannot rot: every page type the
benchmark measures answers 200, and every write it times is accepted with the Origin header the
benchmark's wrk script sends (CSRF checks on)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from devdata.bench import DEFAULT_SCALE

pytestmark = pytest.mark.django_db


def test_bench_data_pages_answer_and_writes_are_accepted(tmp_path, client):
    # One test: building the data (the demo site first) is the slow part, so it runs once.
    output = tmp_path / "urls.json"
    call_command("bench_data", "--scale", "0.002", "--output", str(output), stdout=StringIO())
    bench_targets = json.loads(output.read_text())
    assert bench_targets["scale"]["events"] == max(1, int(DEFAULT_SCALE["events"] * 0.002))
    expected = {
        "home",
        "place hub",
        "theme page",
        "search",
        "event index",
        "event",
        "survey results",
        "survey start",
        "survey question page",
        "commitment tracker",
        "commitment",
    }
    assert expected <= set(bench_targets["urls"])
    for name, url in bench_targets["urls"].items():
        response = client.get(url)
        assert response.status_code == 200, f"{name} ({url}) answered {response.status_code}"

    assert {"booking", "comment", "follow"} <= set(bench_targets["post_targets"])
    for number, (name, target) in enumerate(bench_targets["post_targets"].items()):
        client = Client(enforce_csrf_checks=True, HTTP_ORIGIN="http://testserver")
        body = target["body"].replace("{n}", f"test{number}")
        response = client.post(target["url"], body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 302), f"{name} answered {response.status_code}"

    # The probe behind the table's query columns: fragments warm cost no more queries than cold.
    probe_output = StringIO()
    call_command("bench_probe", str(output), stdout=probe_output)
    probe = json.loads(probe_output.getvalue())
    assert set(probe) == set(bench_targets["urls"])
    for name, result in probe.items():
        assert result["status"] == 200, name
        assert result["queries"] <= result["queries_cold"], name
    assert probe["story"]["queries"] < probe["story"]["queries_cold"]
