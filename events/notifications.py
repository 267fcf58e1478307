"""Emails to people who book or register interest. Each is queued after the transaction commits
(surveys.feedback.emails), with JSON-serialisable context; booking confirmations carry the
event's .ics file.

The first email of a booking only asks to confirm it: the link to view or cancel a booking, the
calendar file and any joining details travel only once the address is confirmed.

Each email is written in the language of the event page the resident used, whoever's action sends it
(a place freed by someone else's cancellation, dates published by an editor)."""

import functools

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from events.calendars import ics_text
from events.models.pages import LONDON
from events.tokens import booking_url, confirm_url, hold_minutes
from site_home.links import absolute_url
from surveys.feedback.emails import queue_email


def in_their_language(send):
    """Builds and queues the email of `send(record, ...)` in the language of the record's event page."""

    @functools.wraps(send)
    def in_language(record, *args, **kwargs):
        with translation.override(record.event.locale.language_code):
            return send(record, *args, **kwargs)

    return in_language


def when(event):
    if event.dates_tba or not event.start:
        return _("Dates to be announced")
    start, end = timezone.localtime(event.start, LONDON), timezone.localtime(event.end, LONDON)
    day = formats.date_format(start, "l j F Y")
    # Translators: when an event is, in an email: "Tuesday 3 March 2026, 18:00 to 20:00 (UK time)"
    return _("%(day)s, %(start)s to %(end)s (UK time)") % {
        "day": day,
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
    }


def _context(booking):
    event = booking.event
    return {
        "name": booking.name,
        "event_title": event.title,
        "event_url": absolute_url(event),
        "when": when(event),
        "where": ", ".join(p for p in [event.venue_name, " ".join(event.venue_address.split())] if p),
        "format": event.get_format_display(),
        "places": booking.places,
        "sessions": [session.title for session in booking.sessions.all()],
        "status": booking.status,
        "manage_url": absolute_url(booking_url(booking)),
        "organiser": event.organiser,
        "contact_email": event.contact_email,
    }


def _confirmed_context(booking):
    context = _context(booking)
    # Joining details travel only in a confirmed attendee's email.
    context["joining_details"] = booking.event.joining_details if booking.event.format != "in-person" else ""
    return context


def _ics_attachment(event):
    return [("event.ics", ics_text([event], event.title), "text/calendar")]


@in_their_language
def send_booking_confirmation(booking):
    if booking.status == booking.Status.CONFIRMED:
        queue_email(
            booking.email,
            "events/email/booking_confirmed",
            _confirmed_context(booking),
            attachments=_ics_attachment(booking.event),
        )
    else:
        queue_email(booking.email, "events/email/booking_waiting", _context(booking))


@in_their_language
def send_confirm_request(booking):
    context = _context(booking)
    del context["manage_url"]
    hold_ends = timezone.localtime(booking.confirm_by, LONDON)
    context.update(
        confirm_url=absolute_url(confirm_url(booking)),
        minutes=hold_minutes(),
        hold_ends=_("%(time)s (UK time)") % {"time": f"{hold_ends:%H:%M}"},
    )
    queue_email(booking.email, "events/email/booking_confirm", context)


@in_their_language
def send_booking_link(booking):
    queue_email(booking.email, "events/email/booking_link", _context(booking))


@in_their_language
def send_cancellation(booking, status_was):
    """Tell the resident the cancellation went through, with no link left to manage a dead booking."""
    context = _context(booking)
    del context["manage_url"]
    queue_email(booking.email, "events/email/booking_cancelled", {**context, "status_was": status_was})


@in_their_language
def send_promotion(booking):
    queue_email(
        booking.email,
        "events/email/booking_promoted",
        _confirmed_context(booking),
        attachments=_ics_attachment(booking.event),
    )


@in_their_language
def send_dates_announced(interest):
    event = interest.event
    queue_email(
        interest.email,
        "events/email/dates_announced",
        {
            "name": interest.name,
            "event_title": event.title,
            "event_url": absolute_url(event),
            "when": when(event),
        },
    )
