import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from events.models import EventIndexPage, EventPage
from site_home.models import HomePage, PlacePage
from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.events.factories import BookingFactory, EventSessionFactory, make_event
from tests.site_home.factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


class TestTreeRules(WagtailPageTestCase):
    def test_index_under_home_and_events_under_index(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, {})
        assert EventIndexPage.max_count == 1


def test_dates_are_stored_in_utc_and_shown_in_uk_time_across_clock_changes(client, event_index):
    # Last Sunday of March 2027: the clocks go forward at 01:00 UTC. Last Sunday of October: back.
    spring = make_event(
        event_index, title="Spring", start=london(2027, 3, 28, 10, 0), end=london(2027, 3, 28, 12, 0)
    )
    autumn = make_event(
        event_index, title="Autumn", start=london(2027, 10, 31, 10, 0), end=london(2027, 10, 31, 12, 0)
    )
    overnight = make_event(
        event_index, title="Overnight", start=london(2027, 3, 28, 0, 30), end=london(2027, 3, 28, 3, 0)
    )
    with connection.cursor() as cursor:
        cursor.execute("select start from events_eventpage where page_ptr_id = %s", [spring.pk])
        stored = cursor.fetchone()[0]
    stored = stored if isinstance(stored, datetime.datetime) else datetime.datetime.fromisoformat(stored)
    assert stored.replace(tzinfo=None) == datetime.datetime(2027, 3, 28, 9, 0)  # BST: UTC+1
    spring.refresh_from_db()
    autumn.refresh_from_db()
    assert spring.start.astimezone(datetime.UTC).hour == 9
    assert autumn.start.astimezone(datetime.UTC).hour == 10  # GMT again
    assert (overnight.end - overnight.start) == datetime.timedelta(hours=1, minutes=30)

    assert "Sunday 28 March 2027, 10:00</time> to" in client.get(spring.url).content.decode()
    assert "Sunday 31 October 2027, 10:00</time> to" in client.get(autumn.url).content.decode()
    body = client.get(overnight.url).content.decode()
    assert "00:30</time> to <time" in body and ">03:00</time>" in body


def test_event_needs_dates_unless_to_be_announced(event_index):
    event = EventPage(title="x", slug="x", summary="s", start=None, end=None)
    with pytest.raises(Exception, match="starts"):
        event.full_clean()
    event.dates_tba = True
    event.start = timezone.now()
    event.clean()
    assert event.start is None and event.end is None
    later = EventPage(
        title="y", slug="y", summary="s", start=timezone.now(), end=timezone.now() - datetime.timedelta(1)
    )
    with pytest.raises(Exception, match="cannot end before"):
        later.clean()


def test_index_lists_upcoming_grouped_by_month_and_past_on_its_own_page(client, event_index):
    now = timezone.now()
    make_event(event_index, title="Soon", start=now + datetime.timedelta(days=3))
    make_event(event_index, title="Later", start=now + datetime.timedelta(days=70))
    make_event(event_index, title="Finished", start=now - datetime.timedelta(days=10))
    make_event(event_index, title="Someday", dates_tba=True, start=None, end=None)

    upcoming = client.get("/events/").content.decode()
    assert "Soon" in upcoming and "Later" in upcoming and "Someday" in upcoming
    assert "Finished" not in upcoming
    assert upcoming.index("Soon") < upcoming.index("Later") < upcoming.index("Someday")
    soon_month = timezone.localtime(now + datetime.timedelta(days=3), LONDON).strftime("%B %Y")
    later_month = timezone.localtime(now + datetime.timedelta(days=70), LONDON).strftime("%B %Y")
    assert f">{soon_month}</h3>" in upcoming and f">{later_month}</h3>" in upcoming
    assert 'href="/events/calendar.ics"' in upcoming

    past = client.get("/events/past/").content.decode()
    assert "Finished" in past and "Soon" not in past and "Someday" not in past


@pytest.fixture
def tagged(event_index, place_index, theme_index):
    ashgrove, fernbank = make_place(place_index, title="Ashgrove"), make_place(place_index, title="Fernbank")
    funding, values = ThemeFactory(name="Funding"), ThemeFactory(name="Values")
    now = timezone.now()
    make_event(event_index, title="Ashgrove funding fair", places=[ashgrove], themes=[funding])
    make_event(event_index, title="Fernbank online chat", places=[fernbank], themes=[values], format="online")
    make_event(
        event_index,
        title="Winter hybrid forum",
        places=[ashgrove, fernbank],
        themes=[values],
        format="hybrid",
        start=now + datetime.timedelta(days=60),
    )
    return ashgrove, fernbank


@pytest.mark.parametrize(
    "query, expected",
    [
        ("place=ashgrove", {"Ashgrove funding fair", "Winter hybrid forum"}),
        ("place=fernbank&theme=values", {"Fernbank online chat", "Winter hybrid forum"}),
        ("theme=funding", {"Ashgrove funding fair"}),
        ("format=online", {"Fernbank online chat"}),
        ("format=hybrid", {"Winter hybrid forum"}),
    ],
)
def test_filters(client, tagged, query, expected):
    body = client.get(f"/events/?{query}").content.decode()
    shown = {t for t in ["Ashgrove funding fair", "Fernbank online chat", "Winter hybrid forum"] if t in body}
    assert shown == expected


def test_date_range_filter_and_bad_dates(client, tagged):
    soon = timezone.localdate() + datetime.timedelta(days=14)
    body = client.get(f"/events/?date_from={soon}&date_to={soon}").content.decode()
    assert "Ashgrove funding fair" in body and "Winter hybrid forum" not in body

    response = client.get("/events/?date_from-day=31&date_from-month=2&date_from-year=2027&place=ashgrove")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "The ‘from’ date must be a real date" in body
    assert 'name="date_from-day" type="text" inputmode="numeric" value="31"' in body  # what was typed is kept
    assert "Ashgrove funding fair" in body and "Fernbank online chat" not in body  # valid filters still apply


def test_pagination_keeps_filters(client, event_index, place_index):
    place = make_place(place_index, title="Ashgrove")
    for number in range(22):
        make_event(
            event_index,
            title=f"Meeting {number:02d}",
            places=[place],
            start=timezone.now() + datetime.timedelta(days=number + 1),
        )
    body = client.get("/events/?place=ashgrove").content.decode()
    assert "22 upcoming events" in body
    assert 'href="?place=ashgrove&amp;page=2"' in body
    assert "Meeting 21" in client.get("/events/?place=ashgrove&page=2").content.decode()


def test_event_page_shows_public_details_and_never_private_ones(client, event_index, place_index):
    place = make_place(place_index, title="Ashgrove")
    event = make_event(
        event_index,
        title="Hybrid forum",
        format="hybrid",
        places=[place],
        joining_details="https://meet.example.org/secret-room-123",
        venue_accessibility="Step-free entrance and a hearing loop.",
        latitude="55.860000",
        longitude="-4.250000",
    )
    body = client.get(event.url).content.decode()
    assert "secret-room-123" not in body
    assert "Step-free entrance" in body
    assert "https://www.openstreetmap.org/?mlat=55.860000&amp;mlon=-4.250000" in body
    assert "<iframe" not in body
    assert 'href="/places/ashgrove/"' in body


def test_report_and_related_review(client, event_index, home_page):
    reviews = ReviewIndexPageFactory(parent=home_page)
    review = make_review(reviews, title="Better Relationships review", slug="review", sections=0)
    event = make_event(
        event_index,
        title="Conference",
        start=timezone.now() - datetime.timedelta(days=30),
        report_summary="People asked for longer-term funding.",
        attendance=152,
        related_review=review,
    )
    body = client.get(event.url).content.decode()
    assert "152 people took part" in body and "longer-term funding" in body
    assert f'href="{review.url}"' in body


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_listing_query_count_does_not_grow(client, event_index, place_index):
    place = make_place(place_index)

    def add(count):
        for _ in range(count):
            make_event(event_index, places=[place], themes=[ThemeFactory()])

    add(5)
    few = _queries(client, "/events/")
    add(35)
    assert _queries(client, "/events/") == few


def test_event_page_query_count_does_not_grow_with_sessions(client, event_index, place_index):
    place = make_place(place_index)
    event = make_event(event_index, places=[place], sessions=2)
    few = _queries(client, event.url)
    for _ in range(20):
        EventSessionFactory(page=event, capacity=10)
    assert _queries(client, event.url) == few


@pytest.mark.parametrize("where", ["home", "place", "theme"])
def test_hub_sections_show_upcoming_events_in_constant_queries(
    client, event_index, place_index, theme_index, where, uncached_fragments
):
    place = make_place(place_index, title="Ashgrove")
    theme = ThemeFactory(name="Funding")
    make_event(event_index, title="Ashgrove funding fair", places=[place], themes=[theme])
    make_event(
        event_index,
        title="Old meeting",
        places=[place],
        themes=[theme],
        start=timezone.now() - datetime.timedelta(days=5),
    )
    url = {"home": "/", "place": place.url, "theme": "/themes/funding/"}[where]
    body = client.get(url).content.decode()
    assert "Ashgrove funding fair" in body and "Old meeting" not in body
    few = _queries(client, url)
    for _ in range(6):
        make_event(event_index, places=[place], themes=[theme, ThemeFactory()])
    assert _queries(client, url) == few


def test_sitemap_lists_events_and_past_listing(client, event_index):
    event = make_event(event_index, title="Drop-in")
    body = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/events/past/" in body and f"http://testserver{event.url}" in body


def test_an_event_leaves_the_cached_upcoming_listing_once_it_ends(client, event_index, monkeypatch):
    now = timezone.now()
    make_event(
        event_index,
        title="Evening walk",
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(minutes=1),
    )
    assert "Evening walk" in client.get("/events/").content.decode()
    # No content changes, so only the time in the listing's cache key can take it off.
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=10))
    assert "Evening walk" not in client.get("/events/").content.decode()
    assert "Evening walk" in client.get("/events/past/").content.decode()


def test_demo_programme_days_skip_sundays_and_the_winter_holidays():
    import datetime

    from devdata.demo.events import programme_day

    assert programme_day(datetime.date(2026, 12, 25)) == datetime.date(2027, 1, 5)
    assert programme_day(datetime.date(2027, 1, 1)) == datetime.date(2027, 1, 5)
    assert programme_day(datetime.date(2026, 12, 13)) == datetime.date(2026, 12, 14)  # a Sunday
    assert programme_day(datetime.date(2026, 12, 12)) == datetime.date(2026, 12, 12)  # a Saturday


def test_check_email_page_query_count_does_not_grow_with_bookings_sessions_or_places(
    client, event_index, place_index, uncached_fragments
):
    event = make_event(event_index, places=[make_place(place_index)], sessions=1, capacity=500)
    url = event.url + "book/check-email/"
    few = _queries(client, url)
    for n in range(20):
        EventSessionFactory(page=event, capacity=10)
        BookingFactory(event=event, places=2)
        make_event(event_index, places=[make_place(place_index, title=f"Extra place {n}", slug=f"extra-{n}")])
    event.places.add(*PlacePage.objects.all())
    assert _queries(client, url) == few


def test_check_email_page_names_no_booking_and_writes_nothing(client, event_index):
    event = make_event(event_index, title="Ashgrove drop-in")
    BookingFactory(event=event, email="morag@example.org")
    url = event.url + "book/check-email/"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    writes = [
        q["sql"]
        for q in captured
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
    ]
    assert writes == []
    assert "morag" not in response.content.decode()
