from django.core.management.base import BaseCommand
from django.utils import timezone

from events import reservations
from events.models import Booking, EventPage


class Command(BaseCommand):
    help = (
        "Offer the places of lapsed unconfirmed bookings to the waiting lists now. Not needed for "
        "correctness (lapsed holds never count, and the next booking serves the waiting list first); "
        "run it every few minutes so waiting residents hear sooner."
    )

    def handle(self, *args, **options):
        waiting = Booking.objects.waiting().values("event")
        promoted = 0
        for event in EventPage.objects.filter(pk__in=waiting, end__gte=timezone.now()):
            promoted += len(reservations.promote_after_change(event))
        self.stdout.write(f"Promoted {promoted} waiting bookings")
