import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from tests.events.factories import BookingFactory, make_event
from tests.site_home.factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events_in(calendar):
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def feed_events(event_index, place_index, theme_index):
    ashgrove, fernbank = make_place(place_index, title="Ashgrove"), make_place(place_index, title="Fernbank")
    funding = ThemeFactory(name="Funding")
    spring = make_event(
        event_index,
        title="Spring forum",
        places=[ashgrove],
        themes=[funding],
        format="hybrid",
        joining_details="https://meet.example.org/private-777",
        start=datetime.datetime(2027, 3, 28, 10, 0, tzinfo=LONDON),
        end=datetime.datetime(2027, 3, 28, 12, 0, tzinfo=LONDON),
    )
    BookingFactory(
        event=spring, name="Private Person", email="private@example.org", access_needs="Wheelchair"
    )
    make_event(event_index, title="Fernbank walk", places=[fernbank])
    make_event(event_index, title="Someday", places=[ashgrove], dates_tba=True, start=None, end=None)
    return spring


def test_all_events_feed_is_valid_with_stable_uids_timezone_and_urls(client, feed_events):
    calendar = parse(client.get("/events/calendar.ics"))
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    found = events_in(calendar)
    assert set(found) == {"Spring forum", "Fernbank walk"}  # dates-to-be-announced events are left out
    spring = found["Spring forum"]
    assert str(spring["uid"]) == f"event-{feed_events.pk}@testserver"
    assert str(spring["url"]) == "http://testserver/events/spring-forum/"
    assert spring["dtstart"].params["TZID"] == "Europe/London"
    assert spring["dtstart"].dt == datetime.datetime(2027, 3, 28, 10, 0, tzinfo=LONDON)
    assert spring["dtstart"].dt.astimezone(datetime.UTC).hour == 9

    again = events_in(parse(client.get("/events/calendar.ics")))
    assert str(again["Spring forum"]["uid"]) == str(spring["uid"])


def test_place_theme_and_single_event_feeds(client, feed_events):
    assert set(events_in(parse(client.get("/events/calendar/places/ashgrove.ics")))) == {"Spring forum"}
    assert set(events_in(parse(client.get("/events/calendar/places/fernbank.ics")))) == {"Fernbank walk"}
    assert set(events_in(parse(client.get("/events/calendar/themes/funding.ics")))) == {"Spring forum"}
    single = events_in(parse(client.get(f"/events/calendar/events/{feed_events.pk}.ics")))
    assert str(single["Spring forum"]["uid"]) == f"event-{feed_events.pk}@testserver"
    assert client.get("/events/calendar/places/nowhere.ics").status_code == 404


def test_private_fields_never_in_feeds_or_public_pages(client, feed_events):
    urls = [
        "/events/calendar.ics",
        "/events/calendar/places/ashgrove.ics",
        "/events/calendar/themes/funding.ics",
        f"/events/calendar/events/{feed_events.pk}.ics",
        feed_events.url,
        "/events/",
        "/",
        "/places/ashgrove/",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for private in ("private-777", "Private Person", "private@example.org", "Wheelchair"):
            assert private not in body, (url, private)


def test_tba_event_has_no_calendar_file(client, event_index):
    event = make_event(event_index, dates_tba=True, start=None, end=None)
    assert client.get(f"/events/calendar/events/{event.pk}.ics").status_code == 404
