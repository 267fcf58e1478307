"""Bookings and interest registrations are erased when their rules say, as the booking form promises."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.forms import BookingForm
from events.models import Booking, Interest
from tests.events.factories import BookingFactory, InterestFactory, make_event

pytestmark = pytest.mark.django_db


def ended(days):
    """Event dates that ended `days` ago."""
    start = timezone.now() - datetime.timedelta(days=days, hours=2)
    return {"start": start, "end": start + datetime.timedelta(hours=2)}


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_access_needs_go_the_day_after_the_event_and_bookings_after_the_event_retention(
    event_index, settings
):
    settings.EVENT_PERSONAL_DATA_RETENTION_DAYS = 60
    long_ago = make_event(event_index, **ended(61))
    yesterday = make_event(event_index, **ended(1.1))
    today = make_event(event_index, **ended(0.5))
    coming = make_event(event_index)
    gone = BookingFactory(event=long_ago, access_needs="Wheelchair user")
    after = BookingFactory(event=yesterday, access_needs="Hearing loop, please")
    during = BookingFactory(event=today, access_needs="Step-free access")
    ahead = BookingFactory(event=coming, access_needs="Large print")

    assert "events.Booking: access needs (1 day after event end): 2 would erase" in run("--dry-run")
    assert Booking.objects.count() == 4 and Booking.objects.get(pk=after.pk).access_needs

    run()
    assert not Booking.objects.filter(pk=gone.pk).exists()
    after.refresh_from_db()
    assert (after.name, after.email, after.access_needs) == (after.name, after.email, "")
    assert Booking.objects.get(pk=during.pk).access_needs == "Step-free access"
    assert Booking.objects.get(pk=ahead.pk).access_needs == "Large print"
    assert "Total erased: 0" in run()


def test_interest_registrations_go_after_the_event_retention_and_undated_ones_after_the_backstop(
    event_index, settings
):
    settings.EVENT_PERSONAL_DATA_RETENTION_DAYS = 60
    settings.PERSONAL_DATA_RETENTION_DAYS = 400
    past = make_event(event_index, **ended(61))
    recent = make_event(event_index, **ended(59))
    undated = make_event(event_index, dates_tba=True, start=None, end=None)
    gone = InterestFactory(event=past)
    kept = InterestFactory(event=recent)
    waiting = InterestFactory(event=undated)
    forgotten = InterestFactory(event=undated, created_at=timezone.now() - datetime.timedelta(days=401))

    run("--dry-run")
    assert Interest.objects.count() == 4
    run()
    assert set(Interest.objects.values_list("pk", flat=True)) == {kept.pk, waiting.pk}
    assert not Interest.objects.filter(pk__in=[gone.pk, forgotten.pk]).exists()
    assert "Total erased: 0" in run()


def test_the_booking_form_promises_what_the_retention_rules_do(event_index, settings):
    settings.EVENT_PERSONAL_DATA_RETENTION_DAYS = 60
    label = str(BookingForm(event=make_event(event_index)).fields["consent"].label)
    assert "deleted 60 days after the event (any access needs the day after)" in label
    assert "retention period" not in label
