from django.db import transaction
from django.utils import timezone
from wagtail.signals import page_published

from events import notifications, reservations
from events.models import Booking, EventPage, Interest


def announce_dates(sender, instance, **kwargs):
    """When an event with dates is published, email everyone who registered interest, exactly once:
    the conditional update claims each person, so publishing again (or twice at once) sends nothing."""
    if instance.dates_tba or not instance.start:
        return
    with transaction.atomic():
        for interest in Interest.objects.filter(event_id=instance.pk, notified_at__isnull=True):
            claimed = Interest.objects.filter(pk=interest.pk, notified_at__isnull=True).update(
                notified_at=timezone.now()
            )
            if claimed:
                interest.event = instance
                notifications.send_dates_announced(interest)


def promote_waiting_list(sender, instance, **kwargs):
    if Booking.objects.filter(event_id=instance.pk, status=Booking.Status.WAITING).exists():
        reservations.promote_after_change(instance)


def connect():
    page_published.connect(announce_dates, sender=EventPage, dispatch_uid="events-announce-dates")
    page_published.connect(promote_waiting_list, sender=EventPage, dispatch_uid="events-promote-waiting")
