"""Load test: 200 people try to book 50 places at the same moment (real PostgreSQL).

The server allows ~100 connections shared by everything on the machine, so the 200 attempts come
from 25 threads (each its own connection) released together, 8 attempts each, all in flight at once.
"""

import threading
import time

import pytest
from django.db import connection, connections

from events import reservations
from events.models import Booking
from tests.events.factories import EventIndexPageFactory, make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


THREADS = 25
ATTEMPTS = 200


def fire_pooled(book):
    """Run book(n) for n in 0..ATTEMPTS-1 from THREADS threads started together; return errors."""
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker(first):
        try:
            barrier.wait()
            for number in range(first, ATTEMPTS, THREADS):
                try:
                    book(number)
                except Exception as error:  # noqa: BLE001 - collected and asserted on below
                    errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks need PostgreSQL (SQLite serialises writes); CI runs this in its PostgreSQL pass"
        )


def test_two_hundred_concurrent_bookings_for_fifty_places(home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = make_event(index, capacity=50)
    started = time.monotonic()
    errors = fire_pooled(
        lambda n: reservations.book(event, name=f"R{n}", email=f"r{n}@example.org", places=1)
    )
    assert time.monotonic() - started < 30
    assert errors == []
    bookings = Booking.objects.filter(event=event)
    assert bookings.count() == 200
    assert bookings.confirmed().count() == 50
    assert bookings.filter(status=Booking.Status.WAITING).count() == 150
    assert bookings.values("email").distinct().count() == 200
