"""The events filter asks its dates as GOV.UK date inputs (day, month, year), with the pattern's
error messages, and still reads the old `?date_from=YYYY-MM-DD` links."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(event_index):
    soon = timezone.now() + datetime.timedelta(days=14)
    later = timezone.now() + datetime.timedelta(days=60)
    make_event(event_index, title="Funding fair", start=soon, end=soon + datetime.timedelta(hours=2))
    make_event(event_index, title="Winter forum", start=later, end=later + datetime.timedelta(hours=2))
    return soon.date(), later.date()


def parts(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_the_dates_are_three_boxes_not_a_date_picker(client, events):
    html = client.get("/events/").content.decode()
    assert 'type="date"' not in html
    for name in ("date_from", "date_to"):
        for part in ("day", "month", "year"):
            assert f'id="id_{name}-{part}" name="{name}-{part}" type="text" inputmode="numeric"' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">From</legend>' in html
    assert "For example, 27 3 2026" in html


def test_the_boxes_filter_and_so_do_old_links(client, events):
    soon, later = events
    body = client.get("/events/", {**parts("date_from", soon), **parts("date_to", soon)}).content.decode()
    assert "Funding fair" in body and "Winter forum" not in body
    old = client.get(f"/events/?date_from={later}").content.decode()
    assert "Winter forum" in old and "Funding fair" not in old
    assert f'name="date_from-year" type="text" inputmode="numeric" value="{later.year}"' in old


@pytest.mark.parametrize(
    "given, message, highlighted",
    [
        ({"date_from-day": "3", "date_from-year": "2027"}, "The ‘from’ date must include a month", {"month"}),
        ({"date_from-month": "3"}, "The ‘from’ date must include a day and year", {"day", "year"}),
        (
            {"date_from-day": "31", "date_from-month": "2", "date_from-year": "2027"},
            "The ‘from’ date must be a real date",
            {"day", "month", "year"},
        ),
        (
            {"date_from-day": "1", "date_from-month": "2", "date_from-year": "27"},
            "Year must include 4 numbers",
            {"year"},
        ),
        (
            {"date_from-day": "1", "date_from-month": "2", "date_from-year": "3027"},
            "The ‘from’ date must be between 1900 and 2999",
            {"year"},
        ),
        ({"date_from": "2026-02-30"}, "The ‘from’ date must be a real date", {"day", "month", "year"}),
    ],
)
def test_errors_use_the_govuk_wording_and_mark_the_wrong_boxes(client, events, given, message, highlighted):
    html = client.get("/events/", given).content.decode()
    assert "There is a problem" in html and message in html
    assert 'href="#id_date_from-day"' in html  # the summary links to the first box
    marked = set(re.findall(r'govuk-input--error" id="id_date_from-(\w+)"', html))
    assert marked == highlighted
    assert "Funding fair" in html  # a bad date filters nothing out


def test_a_to_date_before_the_from_date_is_explained(client, events):
    soon, later = events
    html = client.get("/events/", {**parts("date_from", later), **parts("date_to", soon)}).content.decode()
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in html
    assert len(re.findall(r'govuk-input--error" id="id_date_to-', html)) == 3
