from .bookings import Booking, BookingQuerySet, Interest
from .pages import EventIndexPage, EventMaterial, EventPage, EventQuerySet, EventSession

__all__ = [
    "Booking",
    "BookingQuerySet",
    "EventIndexPage",
    "EventMaterial",
    "EventPage",
    "EventQuerySet",
    "EventSession",
    "Interest",
]
