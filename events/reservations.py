"""Booking, waiting list and cancellation, safe under concurrent requests.

Every change takes a row lock on the event (and the chosen sessions) inside one transaction, so two
people booking the last place at the same moment are served one after the other: the event never goes
over capacity. PostgreSQL honours select_for_update(); SQLite serialises writes anyway.

An event translated into Welsh or Gaelic is one event: a booking is kept on the language version it
was made on (its emails and links follow that language), but places, sessions, the per-connection
limit and the waiting list are counted over every version, and all of them are locked together.

A booking is unconfirmed until its owner opens the link we email: until then it holds its places
for a short time (tokens.hold_minutes), after which it lapses and counts for nothing. Places freed
that way go to the waiting list before anyone new, the next time anyone books or confirms.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events import notifications
from events.models import Booking, EventPage, EventSession
from events.tokens import hold_minutes
from surveys.feedback.antispam import may_email


def emails_per_day():
    return getattr(settings, "EVENT_BOOKING_EMAILS_PER_DAY", 3)


def places_per_client():
    return getattr(settings, "EVENT_BOOKING_PLACES_PER_CLIENT", 12)


class SessionFull(Exception):
    def __init__(self, session):
        super().__init__(f"{session.title} is full")
        self.session = session


class ClientLimit(Exception):
    """This client network already holds as many places at the event as one client may."""


@dataclass
class BookingResult:
    booking: Booking
    created: bool
    emailed: bool = True


def _lock_event(event):
    """Locks every language version of the event, always in the same order, and returns `event`."""
    versions = EventPage.objects.select_for_update(of=("self",)).filter(translation_key=event.translation_key)
    return next(version for version in versions.order_by("pk") if version.pk == event.pk)


def _lock_sessions(session_ids):
    return list(EventSession.objects.select_for_update().filter(pk__in=session_ids).order_by("pk"))


def _session_fits(session, places, now=None):
    if session.capacity is None:
        return True
    if session.sort_order is None:
        same_session = {"sessions": session}
    else:  # its translations are the same agenda item: the one at its place in the agenda
        same_session = {
            "sessions__page__translation_key": session.page.translation_key,
            "sessions__sort_order": session.sort_order,
        }
    return Booking.objects.confirmed(now).filter(**same_session).total_places() + places <= session.capacity


def _event_fits(event, places, now=None):
    if event.capacity is None:
        return True
    return Booking.objects.for_event(event).confirmed(now).total_places() + places <= event.capacity


def book(event, *, name, email, places=1, access_needs="", sessions=(), client=""):
    """Hold places for an unconfirmed booking if they fit, else put it on the waiting list once its
    email is confirmed, and email the link to confirm it.

    An email that already has a booking gets that booking back (created=False) and an email about it
    instead. Either way the caller learns nothing it may show: what differs is only in the email,
    and no address gets more than emails_per_day() of them per event. Raises SessionFull when a
    chosen session is full and ClientLimit when `client` (a network digest) holds too many places:
    both are checked before the email is looked up, so they cannot tell known emails apart."""
    email = email.strip().lower()
    session_ids = sorted(session.pk for session in sessions)
    now = timezone.now()
    with transaction.atomic():
        event = _lock_event(event)
        locked_sessions = _lock_sessions(session_ids)
        promote_waiting(event)
        if client:
            held_by_client = Booking.objects.for_event(event).filter(client=client).live(now).total_places()
            if held_by_client + places > places_per_client():
                raise ClientLimit()
        fits = _event_fits(event, places, now)
        if fits:
            for session in locked_sessions:
                if not _session_fits(session, places, now):
                    raise SessionFull(session)
        booking = Booking.objects.for_event(event).active().filter(email=email).first()
        if booking is not None and not booking.has_lapsed(now):
            emailed = may_email(booking, now, emails_per_day())
            Booking.objects.filter(pk=booking.pk).update(
                emails_sent=booking.emails_sent, emails_since=booking.emails_since
            )
            if emailed and booking.is_unconfirmed:
                notifications.send_confirm_request(booking)
            elif emailed:
                notifications.send_booking_link(booking)
            return BookingResult(booking, created=False, emailed=emailed)
        # New, or a lapsed booking started again (keeping its email count for the day).
        booking = booking or Booking(event=event, email=email)
        booking.name, booking.places, booking.access_needs = name, places, access_needs
        booking.client = client
        booking.status = Booking.Status.CONFIRMED if fits else Booking.Status.WAITING
        booking.created_at, booking.confirm_by = now, now + timedelta(minutes=hold_minutes())
        emailed = may_email(booking, now, emails_per_day())
        booking.save()
        booking.sessions.set(locked_sessions)
        if emailed:
            notifications.send_confirm_request(booking)
    return BookingResult(booking, created=True, emailed=emailed)


def confirm(booking):
    """The owner opened the confirmation link: keep the held places for good, or join the waiting
    list. Returns the booking, or None when it lapsed before being confirmed. Confirming twice is a
    no-op."""
    with transaction.atomic():
        event = _lock_event(booking.event)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED or booking.has_lapsed():
            return None
        if not booking.is_unconfirmed:
            return booking
        booking.confirm_by = None
        booking.save(update_fields=["confirm_by"])
        # The waiting list is served in order; this booking may be in it, and move up at once.
        promoted = promote_waiting(event)
        if booking not in promoted:
            notifications.send_booking_confirmation(booking)
    booking.refresh_from_db()
    return booking


def cancel(booking):
    """Cancel a booking and promote whoever on the waiting list now fits, first come first served."""
    with transaction.atomic():
        _lock_event(booking.event)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            return []
        status_was = booking.status
        was_confirmed = status_was == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        notifications.send_cancellation(booking, status_was)
        return promote_waiting(booking.event) if was_confirmed else []


def promote_after_change(event):
    """An organiser raised the capacity, or holds lapsed: offer the free places to the waiting list."""
    with transaction.atomic():
        return promote_waiting(_lock_event(event))


def promote_waiting(event):
    """Confirm waiting bookings in order while they fit. Call inside a transaction holding the event lock."""
    promoted = []
    if not _event_fits(event, 1):
        return promoted
    for waiting in Booking.objects.for_event(event).waiting().prefetch_related("sessions"):
        sessions = list(waiting.sessions.all())
        if _event_fits(event, waiting.places) and all(_session_fits(s, waiting.places) for s in sessions):
            waiting.status = Booking.Status.CONFIRMED
            waiting.promoted_at = timezone.now()
            waiting.save(update_fields=["status", "promoted_at"])
            notifications.send_promotion(waiting)
            promoted.append(waiting)
    return promoted
