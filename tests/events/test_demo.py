from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Booking, EventPage, Interest

pytestmark = pytest.mark.django_db


def test_demo_events_cover_every_case_and_are_idempotent(client):
    call_command("load_demo", "--no-admin", stdout=StringIO())
    events = EventPage.objects.live()
    assert events.count() >= 15
    assert events.upcoming().count() >= 5 and events.past().count() >= 3
    assert events.past().exclude(report_summary="").count() >= 3
    assert events.filter(format="hybrid").exists() and events.filter(format="online").exists()
    tba = events.dates_to_be_announced().get()
    assert tba.interests.count() >= 2
    full = events.get(slug="brackenhill-steering-group-spring")
    assert full.places_left() == 0 and full.bookings.filter(status=Booking.Status.WAITING).exists()
    assert not full.is_past
    conference = events.get(slug="stronger-together-conference")
    assert conference.attendance >= 150 and conference.sessions.filter(capacity__isnull=False).count() >= 4
    assert events.filter(places__isnull=False).values("places").distinct().count() >= 8
    counts = (EventPage.objects.count(), Booking.objects.count(), Interest.objects.count())

    call_command("load_demo", "--no-admin", stdout=StringIO())
    assert (EventPage.objects.count(), Booking.objects.count(), Interest.objects.count()) == counts
    for url in ["/events/", "/events/past/", conference.url, tba.url, full.url, "/events/calendar.ics"]:
        assert client.get(url).status_code == 200, url
