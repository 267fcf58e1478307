from django.db import transaction
from django.utils import timezone
from wagtail.signals import page_published

from events import notifications, reservations
from events.models import Booking, EventPage, Interest
from surveys.feedback.follow_notices import announce_page
from surveys.models import FollowUpdate


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
    if Booking.objects.for_event(instance).filter(status=Booking.Status.WAITING).exists():
        reservations.promote_after_change(instance)


def tell_followers(sender, instance, **kwargs):
    """Followers of the event's places, themes and consultation hear when it is announced, and again
    when its dates change (each start date is its own happening)."""
    event = instance
    prefix = f"event:{event.pk}:"
    when = "tba" if event.dates_tba or not event.start else event.start.isoformat()
    if FollowUpdate.objects.filter(key=prefix + when).exists():
        return
    known = FollowUpdate.objects.filter(key__startswith=prefix).exists()
    announce_page(
        event,
        prefix + when,
        FollowUpdate.Kind.EVENT_CHANGED if known else FollowUpdate.Kind.EVENT,
        pages=[*event.places.all(), event.related_review],
        themes=event.themes.all(),
        summary=notifications.when(event),
    )


def connect():
    page_published.connect(announce_dates, sender=EventPage, dispatch_uid="events-announce-dates")
    page_published.connect(promote_waiting_list, sender=EventPage, dispatch_uid="events-promote-waiting")
    page_published.connect(tell_followers, sender=EventPage, dispatch_uid="events-tell-followers")
