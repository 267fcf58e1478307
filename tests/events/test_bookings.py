import json
import re

import pytest
from django.core import mail, signing
from django.test import override_settings

from events import reservations
from events.models import Booking, Interest
from events.tokens import make_token
from tests.events.factories import BookingFactory, EventSessionFactory, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run queued emails as if the request's transaction had committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def form_data(**overrides):
    return {
        "name": "Morag Resident",
        "email": "morag@example.org",
        "places": "1",
        "consent": "on",
        **overrides,
    }


def manage_link(message):
    return re.search(r"http://testserver(/events/bookings/[^/\s]+/)", message.body).group(1)


def confirm_link(message):
    return re.search(r"http://testserver(/events/bookings/confirm/[^/\s]+/)", message.body).group(1)


def booked(event, **details):
    """A booking made and confirmed by its owner's email link."""
    return reservations.confirm(reservations.book(event, **details).booking)


def test_booking_is_confirmed_by_the_emailed_link_then_emails_ics_and_signed_link(
    client, event_index, on_commit
):
    event = make_event(
        event_index, title="Ashgrove drop-in", format="hybrid", joining_details="https://meet/xyz-42"
    )
    with on_commit():
        response = client.post(
            event.url + "book/", form_data(email="Morag@Example.org", access_needs="Hearing loop")
        )
    assert response["Location"] == event.url + "book/check-email/"
    booking = Booking.objects.get()
    assert (booking.status, booking.email, booking.access_needs) == (
        "confirmed",
        "morag@example.org",
        "Hearing loop",
    )
    assert booking.is_unconfirmed and event.places_left() == event.capacity - 1  # the place is held
    check = client.get(response["Location"]).content.decode()
    assert "Check your email" in check and "morag" not in check.lower()

    [request] = mail.outbox
    assert request.to == ["morag@example.org"] and "Confirm your booking" in request.subject
    assert "30 minutes" in request.body and not request.attachments
    assert "xyz-42" not in request.body and "View or cancel" not in request.body

    with on_commit():
        page = client.get(confirm_link(request))
    assert page.status_code == 200 and "Booking confirmed" in page.content.decode()
    booking.refresh_from_db()
    assert not booking.is_unconfirmed
    _, message = mail.outbox
    assert message.to == ["morag@example.org"] and "Booking confirmed" in message.subject
    assert "https://meet/xyz-42" in message.body  # joining details only travel in the attendee's email
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("event.ics", "text/calendar") and "BEGIN:VEVENT" in content
    assert "xyz-42" not in content

    manage = client.get(manage_link(message))
    assert manage.status_code == 200 and "Confirmed" in manage.content.decode()
    with on_commit():
        again = client.get(confirm_link(request))
    assert "Booking confirmed" in again.content.decode() and len(mail.outbox) == 2  # nothing resent


def test_errors_are_specific_and_keep_what_was_typed(client, event_index):
    event = make_event(event_index, max_places_per_booking=3)
    response = client.post(event.url + "book/", form_data(email="not-an-email", places="7", consent=""))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter an email address in the correct format" in body
    assert "You can book up to 3 places at once" in body
    assert "Tick the box to agree" in body
    assert 'value="not-an-email"' in body and 'value="Morag Resident"' in body
    assert not Booking.objects.exists()


def test_full_event_puts_people_on_waiting_list(client, event_index, on_commit):
    event = make_event(event_index, capacity=2)
    with on_commit():
        client.post(event.url + "book/", form_data(email="a@example.org", places="2"))
        response = client.post(event.url + "book/", form_data(email="b@example.org"))
    assert response["Location"].endswith("book/check-email/")
    assert Booking.objects.get(email="b@example.org").status == Booking.Status.WAITING
    assert "Join the waiting list" in client.get(event.url).content.decode()  # held places count
    assert "When you confirm, you join the waiting list" in mail.outbox[-1].body
    with on_commit():
        page = client.get(confirm_link(mail.outbox[-1])).content.decode()
    assert "You are on the waiting list" in page
    assert "waiting list" in mail.outbox[-1].subject
    assert not mail.outbox[-1].attachments


def test_cancelling_promotes_the_first_waiting_party_that_fits(event_index, on_commit):
    event = make_event(event_index, capacity=3, format="online", joining_details="https://meet/abc")
    first = booked(event, name="A", email="a@example.org", places=2)
    booked(event, name="B", email="b@example.org", places=1)
    big = booked(event, name="C", email="c@example.org", places=3)
    small = booked(event, name="D", email="d@example.org", places=2)
    assert (big.status, small.status) == ("waiting", "waiting")

    with on_commit():
        promoted = reservations.cancel(first)
    assert promoted == [small]  # the party of 3 does not fit in 2 places; the next one does
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == ("waiting", "confirmed")
    cancelled, message = mail.outbox
    assert cancelled.to == ["a@example.org"] and "cancelled" in cancelled.subject
    assert message.to == ["d@example.org"] and "place has come up" in message.subject
    assert "https://meet/abc" in message.body and message.attachments
    assert Booking.objects.filter(event=event).confirmed().total_places() == 3


def test_booking_again_emails_the_existing_booking_link_and_books_nothing(client, event_index, on_commit):
    event = make_event(event_index)
    BookingFactory(event=event, email="morag@example.org", name="Morag")
    with on_commit():
        response = client.post(event.url + "book/", form_data(name="Someone else", email="MORAG@example.org"))
    assert response["Location"].endswith("book/check-email/")
    assert Booking.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["morag@example.org"] and "You already have a booking" in message.subject
    assert client.get(manage_link(message)).status_code == 200
    body = client.get(response["Location"]).content.decode()
    assert "Check your email" in body and "Morag" not in body and "morag@" not in body


def test_session_choice_and_session_capacity(client, event_index):
    event = make_event(event_index, capacity=50)
    budgeting = EventSessionFactory(page=event, title="Participatory budgeting", capacity=1)
    EventSessionFactory(page=event, title="Co-production", capacity=10)
    response = client.post(event.url + "book/", form_data())
    assert "Choose at least one workshop" in response.content.decode()

    client.post(event.url + "book/", form_data(sessions=[budgeting.pk]))
    assert list(Booking.objects.get().sessions.all()) == [budgeting]
    response = client.post(event.url + "book/", form_data(email="x@example.org", sessions=[budgeting.pk]))
    assert "Participatory budgeting is full" in response.content.decode()
    assert Booking.objects.count() == 1


def test_cancel_link_cancels_once(client, event_index, on_commit):
    event = make_event(event_index)
    booking = BookingFactory(event=event)
    url = f"/events/bookings/{make_token(booking)}/cancel/"
    assert "Are you sure" in client.get(url).content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed"  # GET never cancels
    with on_commit():
        response = client.post(url)
    assert "Booking cancelled" in response.content.decode()
    assert "We have emailed you to confirm" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancelled_at
    [message] = mail.outbox
    assert message.to == [booking.email]
    assert message.subject == f"Your booking is cancelled: {event.title}"
    assert "Your booking is cancelled" in message.body and event.title in message.body
    assert "/cancel/" not in message.body  # no link to manage a booking that is gone
    with on_commit():
        client.post(url)
    assert len(mail.outbox) == 1  # cancelling twice tells the resident once


@pytest.mark.parametrize("suffix", ["", "cancel/"])
def test_tampered_and_expired_links_are_rejected(client, event_index, suffix):
    event = make_event(event_index)
    booking = BookingFactory(event=event)
    token = make_token(booking)
    other = BookingFactory(event=event)
    payload = signing.b64_encode(json.dumps({"b": other.pk}, separators=(",", ":")).encode()).decode()
    forged = payload + token[token.index(":") :]  # someone else's booking id under this signature
    for bad in [token[:-2] + "xx", forged, "nonsense"]:
        response = client.post(f"/events/bookings/{bad}/{suffix}")
        assert response.status_code == 404 and "This link does not work" in response.content.decode()
    with override_settings(EVENT_BOOKING_LINK_MAX_AGE=-1):
        assert client.post(f"/events/bookings/{token}/{suffix}").status_code == 404
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_closed_past_and_tba_events_take_no_bookings(client, event_index):
    import datetime

    from django.utils import timezone

    closed = make_event(event_index, bookings_open=False)
    past = make_event(event_index, start=timezone.now() - datetime.timedelta(days=3))
    tba = make_event(event_index, dates_tba=True, start=None, end=None)
    for event in (closed, past, tba):
        assert "Bookings are closed" in client.post(event.url + "book/", form_data()).content.decode()
    assert not Booking.objects.exists()
    assert "Bookings closed" in client.get(closed.url).content.decode()


def test_honeypot_and_rate_limit(client, event_index, settings):
    settings.EVENT_BOOKING_RATE_LIMIT = "4/h"  # an hour's window: slow CI cannot straddle its boundary
    event = make_event(event_index)
    response = client.post(event.url + "book/", form_data(website="http://spam.example"))
    assert response.status_code == 302 and not Booking.objects.exists()
    limit = 4
    statuses = [
        client.post(event.url + "book/", form_data(email=f"r{n}@example.org")).status_code
        for n in range(limit)
    ]
    assert 429 not in statuses[:-1] and statuses[-1] == 429  # the honeypot post counted too
    assert "Retry-After" in client.post(event.url + "book/", form_data())


def test_register_interest_then_announcement_email_sent_exactly_once(client, event_index, on_commit):
    import datetime

    from django.utils import timezone

    event = make_event(event_index, title="Relationships review event", dates_tba=True, start=None, end=None)
    response = client.post(
        event.url + "interest/", {"name": "Ali", "email": "ali@example.org", "consent": "on"}
    )
    assert "We will email you" in response.content.decode()
    client.post(event.url + "interest/", {"name": "Ali again", "email": "ALI@example.org", "consent": "on"})
    client.post(event.url + "interest/", {"name": "Bea", "email": "bea@example.org", "consent": "on"})
    assert Interest.objects.count() == 2
    errors = client.post(event.url + "interest/", {"name": "", "email": "bad"}).content.decode()
    assert "Enter your name" in errors and "Tick the box" in errors

    with on_commit():
        event.save_revision().publish()  # still no dates: nobody is told anything
    assert mail.outbox == []

    event.dates_tba = False
    event.start = timezone.now() + datetime.timedelta(days=20)
    event.end = event.start + datetime.timedelta(hours=3)
    with on_commit():
        event.save_revision().publish()
    with on_commit():
        event.save_revision().publish()
    assert sorted(m.to[0] for m in mail.outbox) == ["ali@example.org", "bea@example.org"]
    assert "Dates announced" in mail.outbox[0].subject
    assert f"http://testserver{event.url}" in mail.outbox[0].body
    assert Interest.objects.filter(notified_at__isnull=True).count() == 0


def test_raising_capacity_promotes_the_waiting_list(event_index, on_commit):
    event = make_event(event_index, capacity=1)
    booked(event, name="A", email="a@example.org")
    waiting = booked(event, name="B", email="b@example.org")
    assert waiting.status == Booking.Status.WAITING
    event.capacity = 2
    with on_commit():
        event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
