"""Signed links to confirm, view or cancel a booking: no account needed, nothing guessable, and they
expire. The confirmation link lives only as long as the booking's hold."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "events.booking"
CONFIRM_SALT = "events.booking.confirm"


def max_age():
    return getattr(settings, "EVENT_BOOKING_LINK_MAX_AGE", 60 * 60 * 24 * 365)


def hold_minutes():
    """How long an unconfirmed booking holds its places, and its confirmation link works."""
    return getattr(settings, "EVENT_BOOKING_HOLD_MINUTES", 30)


def make_token(booking):
    return signing.dumps({"b": booking.pk}, salt=SALT)


def read_token(token):
    """The booking id in a valid token, or raise signing.BadSignature (expired ones too)."""
    return signing.loads(token, salt=SALT, max_age=max_age())["b"]


def booking_url(booking):
    return reverse("events:booking", args=[make_token(booking)])


def read_confirm_token(token):
    """The booking id in a valid confirmation token; raises signing.SignatureExpired once the hold
    time has passed, signing.BadSignature when tampered with."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=hold_minutes() * 60)["b"]


def confirm_url(booking):
    return reverse("events:booking_confirm", args=[signing.dumps({"b": booking.pk}, salt=CONFIRM_SALT)])
