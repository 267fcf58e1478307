"""Booking, waiting list and cancellation, safe under concurrent requests.

Every change takes a row lock on the event (and the chosen sessions) inside one transaction, so two
people booking the last place at the same moment are served one after the other: the event never goes
over capacity. PostgreSQL honours select_for_update(); SQLite serialises writes anyway.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from events import notifications
from events.models import Booking, EventPage, EventSession


class SessionFull(Exception):
    def __init__(self, session):
        super().__init__(f"{session.title} is full")
        self.session = session


@dataclass
class BookingResult:
    booking: Booking
    created: bool


def _lock_event(event):
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _lock_sessions(session_ids):
    return list(EventSession.objects.select_for_update().filter(pk__in=session_ids).order_by("pk"))


def _session_fits(session, places):
    if session.capacity is None:
        return True
    taken = Booking.objects.confirmed().filter(sessions=session).total_places()
    return taken + places <= session.capacity


def _event_fits(event, places):
    if event.capacity is None:
        return True
    return Booking.objects.filter(event=event).confirmed().total_places() + places <= event.capacity


def book(event, *, name, email, places=1, access_needs="", sessions=()):
    """Confirm a booking if it fits, else put it on the waiting list. The same email gets its
    existing booking back (created=False). Raises SessionFull when a chosen session is full."""
    email = email.strip().lower()
    session_ids = sorted(session.pk for session in sessions)
    with transaction.atomic():
        event = _lock_event(event)
        existing = Booking.objects.active().filter(event=event, email=email).first()
        if existing is not None:
            notifications.send_booking_link(existing)
            return BookingResult(existing, created=False)
        locked_sessions = _lock_sessions(session_ids)
        if _event_fits(event, places):
            for session in locked_sessions:
                if not _session_fits(session, places):
                    raise SessionFull(session)
            status = Booking.CONFIRMED
        else:
            status = Booking.WAITING
        booking = Booking.objects.create(
            event=event, name=name, email=email, places=places, access_needs=access_needs, status=status
        )
        booking.sessions.set(locked_sessions)
        notifications.send_booking_confirmation(booking)
    return BookingResult(booking, created=True)


def cancel(booking):
    """Cancel a booking and promote whoever on the waiting list now fits, first come first served."""
    with transaction.atomic():
        _lock_event(booking.event)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.CANCELLED:
            return []
        status_was = booking.status
        was_confirmed = status_was == Booking.CONFIRMED
        booking.status = Booking.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        notifications.send_cancellation(booking, status_was)
        return promote_waiting(booking.event) if was_confirmed else []


def promote_after_change(event):
    """An organiser raised the capacity: offer the new places to the waiting list."""
    with transaction.atomic():
        return promote_waiting(_lock_event(event))


def promote_waiting(event):
    """Confirm waiting bookings in order while they fit. Call inside a transaction holding the event lock."""
    promoted = []
    for waiting in Booking.objects.filter(event=event).waiting().prefetch_related("sessions"):
        sessions = list(waiting.sessions.all())
        if _event_fits(event, waiting.places) and all(_session_fits(s, waiting.places) for s in sessions):
            waiting.status = Booking.CONFIRMED
            waiting.promoted_at = timezone.now()
            waiting.save(update_fields=["status", "promoted_at"])
            notifications.send_promotion(waiting)
            promoted.append(waiting)
    return promoted
