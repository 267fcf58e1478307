"""Signed links to view or cancel a booking: no account needed, nothing guessable, and they expire."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "events.booking"


def max_age():
    return getattr(settings, "EVENT_BOOKING_LINK_MAX_AGE", 60 * 60 * 24 * 365)


def make_token(booking):
    return signing.dumps({"b": booking.pk}, salt=SALT)


def read_token(token):
    """The booking id in a valid token, or raise signing.BadSignature (expired ones too)."""
    return signing.loads(token, salt=SALT, max_age=max_age())["b"]


def booking_url(booking):
    return reverse("events:booking", args=[make_token(booking)])
