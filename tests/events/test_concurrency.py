"""Concurrent bookings against a real PostgreSQL: the row lock on the event keeps it within capacity."""

import contextlib
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from events import reservations
from events.models import Booking
from tests.events.factories import EventSessionFactory, make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks need PostgreSQL (SQLite serialises writes); CI runs this in its PostgreSQL pass"
        )


def fire(count, book):
    """Run `book(n)` from `count` threads at once, each with its own database connection."""
    barrier = threading.Barrier(count)
    errors = []

    def worker(number):
        try:
            barrier.wait()
            book(number)
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_forty_concurrent_bookings_for_ten_places(event_index):
    event = make_event(event_index, capacity=10)
    errors = fire(40, lambda n: reservations.book(event, name=f"R{n}", email=f"r{n}@example.org", places=1))
    assert errors == []
    bookings = Booking.objects.filter(event=event)
    assert bookings.count() == 40
    assert bookings.confirmed().count() == 10
    assert bookings.filter(status=Booking.Status.WAITING).count() == 30
    assert bookings.values("email").distinct().count() == 40


def test_concurrent_duplicates_and_session_capacity(event_index):
    event = make_event(event_index, capacity=100)
    session = EventSessionFactory(page=event, title="Green spaces", capacity=5)

    def book(number):
        with contextlib.suppress(reservations.SessionFull):
            reservations.book(event, name="R", email=f"r{number % 12}@example.org", sessions=[session])

    assert fire(24, book) == []
    bookings = Booking.objects.filter(event=event)
    assert bookings.count() == 5  # the same email never books twice, the session never overfills
    assert bookings.values("email").distinct().count() == 5


def test_concurrent_bookings_from_one_client_stay_within_its_cap(event_index, settings):
    settings.EVENT_BOOKING_PLACES_PER_CLIENT = 12
    event = make_event(event_index, capacity=100, max_places_per_booking=4)

    def book(number):
        with contextlib.suppress(reservations.ClientLimit):
            reservations.book(event, name="R", email=f"r{number}@example.org", places=4, client="one")

    assert fire(20, book) == []
    assert Booking.objects.filter(event=event).confirmed().total_places() == 12


def test_lapsed_holds_confirmations_and_new_bookings_at_once_never_overbook(event_index):
    event = make_event(event_index, capacity=10)
    holds = [reservations.book(event, name="H", email=f"h{n}@example.org").booking for n in range(10)]
    waiting = [
        reservations.confirm(reservations.book(event, name="W", email=f"w{n}@example.org").booking)
        for n in range(5)
    ]
    assert {booking.status for booking in waiting} == {Booking.Status.WAITING}
    Booking.objects.filter(pk__in=[hold.pk for hold in holds[:6]]).update(confirm_by=timezone.now())

    def act(number):
        if number < 10:
            reservations.confirm(holds[number])  # the first six lapsed: refused
        else:
            reservations.book(event, name="N", email=f"n{number}@example.org")

    assert fire(30, act) == []
    bookings = Booking.objects.filter(event=event)
    assert bookings.confirmed().total_places() == 10
    assert set(bookings.confirmed().filter(email__startswith="w").values_list("email", flat=True)) == {
        f"w{n}@example.org" for n in range(5)
    }  # the waiting list came before every newcomer
