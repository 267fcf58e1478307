"""An event translated into Welsh is one event: its places, sessions and waiting list are shared by
every language version, and each resident hears back in the language they booked in."""

import pytest
from django.utils import translation

from events import notifications, reservations
from events.models import Booking
from tests.events.factories import EventSessionFactory, make_event
from tests.site_home.test_languages import translate

pytestmark = pytest.mark.django_db


def booked(event, email, places=1, sessions=()):
    result = reservations.book(event, name="A resident", email=email, places=places, sessions=sessions)
    return reservations.confirm(result.booking)


@pytest.fixture
def event_in_two_languages(event_index):
    english = make_event(event_index, capacity=2)
    return english, translate(english, "cy", title="Diwrnod agored y neuadd")


def test_places_are_counted_over_every_language(event_in_two_languages):
    english, welsh = event_in_two_languages
    booked(english, "a@example.org")
    booked(welsh, "b@example.org")
    third = booked(welsh, "c@example.org")

    assert third.status == Booking.Status.WAITING
    assert english.places_left() == welsh.places_left() == 0
    assert Booking.objects.get(email="b@example.org").event == welsh  # kept where it was made


def test_the_same_email_on_another_language_version_gets_its_booking_back(event_in_two_languages):
    english, welsh = event_in_two_languages
    booked(english, "a@example.org")
    again = reservations.book(welsh, name="A resident", email="A@example.org")
    assert again.created is False and Booking.objects.count() == 1


def test_a_session_is_full_whichever_language_it_was_booked_in(event_index):
    english = make_event(event_index, capacity=20)
    EventSessionFactory(page=english, title="Participatory budgeting", capacity=1, sort_order=0)
    english.save_revision().publish()
    welsh = translate(english, "cy")
    booked(english, "a@example.org", sessions=list(english.sessions.all()))
    with pytest.raises(reservations.SessionFull):
        reservations.book(welsh, name="B", email="b@example.org", sessions=list(welsh.sessions.all()))


def test_a_place_freed_by_someone_else_is_offered_in_the_waiting_residents_language(
    event_in_two_languages, django_capture_on_commit_callbacks, monkeypatch
):
    english, welsh = event_in_two_languages
    first = booked(english, "a@example.org", places=2)
    booked(welsh, "b@example.org")
    queued = []
    real_queue_email = notifications.queue_email

    def record_language(to, template, *args, **kwargs):
        queued.append((to, template, translation.get_language()))
        return real_queue_email(to, template, *args, **kwargs)

    monkeypatch.setattr(notifications, "queue_email", record_language)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en-gb"):
        reservations.cancel(first)  # an English resident's action, in an English request

    assert queued == [
        ("a@example.org", "events/email/booking_cancelled", "en-gb"),
        ("b@example.org", "events/email/booking_promoted", "cy"),
    ]
