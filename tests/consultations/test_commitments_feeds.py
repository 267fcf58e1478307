"""Feeds of commitments: RSS of their public updates and iCalendar of their due dates, all, per
place and per theme; and a closed review's "response due by" / "response overdue"."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from consultations.models import CommitmentStatus, CommitmentUpdate, ReviewPage
from tests.site_home.factories import ThemeFactory, make_place

from .factories import PartnerFactory, days, make_commitment, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_scene(commitment_index, place_index):
    ashgrove, fernbank = make_place(place_index, title="Ashgrove"), make_place(place_index, title="Fernbank")
    funding, health = ThemeFactory(name="Funding"), ThemeFactory(name="Health")
    hall = make_commitment(
        commitment_index,
        title="Open the hall",
        places=[ashgrove],
        themes=[funding],
        partner=PartnerFactory(name="Council"),
        due_date=datetime.date(2027, 4, 1),
    )
    CommitmentUpdate.objects.create(page=hall, date=days(-2), text="Keys cut.", sort_order=0)
    CommitmentUpdate.objects.create(page=hall, date=days(-1), text="Rota agreed.", sort_order=1)
    clinic = make_commitment(
        commitment_index,
        title="Longer clinic hours",
        places=[fernbank],
        themes=[health],
        due_date=days(-1),
        status=CommitmentStatus.IN_PROGRESS,
    )
    CommitmentUpdate.objects.create(page=clinic, date=days(0), text="Staff recruited.", sort_order=0)
    return {"index": commitment_index, "hall": hall, "clinic": clinic}


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    return [
        (item.findtext("title"), item.findtext("description"), item.findtext("link"))
        for item in root.iter("item")
    ]


def test_update_feed_newest_first_with_links_to_each_update(client, feed_scene):
    items = rss_items(client.get(feed_scene["index"].url + "feed/"))
    assert [description for _t, description, _l in items] == ["Staff recruited.", "Rota agreed.", "Keys cut."]
    title, _d, link = items[1]
    assert title.startswith("Open the hall: update of")
    assert link.startswith("http") and "/commitments/open-the-hall/#update-" in link


@pytest.mark.parametrize(
    ("path", "expected"),
    [("feed/places/ashgrove/", ["Rota agreed.", "Keys cut."]), ("feed/themes/health/", ["Staff recruited."])],
)
def test_update_feeds_per_place_and_theme(client, feed_scene, path, expected):
    items = rss_items(client.get(feed_scene["index"].url + path))
    assert [description for _t, description, _l in items] == expected


def test_unknown_place_feed_is_a_404(client, feed_scene):
    assert client.get(feed_scene["index"].url + "feed/places/nowhere/").status_code == 404
    assert client.get("/commitments/calendar/themes/nothing.ics").status_code == 404


def calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_due_dates_calendar_has_all_day_events_with_status(client, feed_scene):
    events = calendar(client.get("/commitments/calendar.ics"))
    assert set(events) == {"Due: Open the hall", "Due: Longer clinic hours"}
    hall = events["Due: Open the hall"]
    assert hall.decoded("dtstart") == datetime.date(2027, 4, 1)
    assert str(hall["uid"]).startswith(f"commitment-{feed_scene['hall'].pk}@")
    assert "Council" in str(hall["description"])
    assert "In progress, overdue" in str(events["Due: Longer clinic hours"]["description"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/commitments/calendar/places/ashgrove.ics", {"Due: Open the hall"}),
        ("/commitments/calendar/themes/health.ics", {"Due: Longer clinic hours"}),
    ],
)
def test_calendars_per_place_and_theme(client, feed_scene, url, expected):
    assert set(calendar(client.get(url))) == expected


def test_feeds_and_calendars_may_be_shared_by_the_page_cache(client, feed_scene, rf):
    from consultations.commitments import views

    request = rf.get("/commitments/calendar.ics")
    views.calendar_all(request)
    assert request.shared_page_cache[0] is None  # shared, and made stale by editorial changes only


# A review that has closed with no published response -------------------------------------


def test_closed_review_shows_response_due_by_closing_plus_twelve_weeks(client, review_index):
    review = make_review(review_index, opening_date=days(-40), closing_date=days(-10), sections=1)
    html = client.get(review.url).content.decode()
    due = days(-10) + datetime.timedelta(weeks=12)
    assert f'Response due by <time datetime="{due:%Y-%m-%d}">{due:%-d %B %Y}</time>' in html
    assert "Response overdue" not in html


def test_review_past_twelve_weeks_shows_response_overdue(client, review_index):
    review = make_review(review_index, opening_date=days(-200), closing_date=days(-85), sections=1)
    html = client.get(review.url).content.decode()
    assert "Response overdue" in html
    assert "Response due by" not in html


def test_review_on_the_due_day_is_not_yet_overdue(review_index):
    review = make_review(review_index, opening_date=days(-200), closing_date=days(-84), sections=1)
    assert review.response_state == "due"


@pytest.mark.parametrize(("opens", "closes", "outcome"), [(-5, 5, False), (-100, -90, True), (5, 10, False)])
def test_no_response_notice_while_open_upcoming_or_once_the_outcome_is_published(
    client, review_index, opens, closes, outcome
):
    review = make_review(review_index, opening_date=days(opens), closing_date=days(closes), sections=1)
    ReviewPage.objects.filter(pk=review.pk).update(outcome_published=outcome)
    review.refresh_from_db()
    assert review.response_state is None
    html = client.get(review.url).content.decode()
    assert "Response due by" not in html and "Response overdue" not in html
