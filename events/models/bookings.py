from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone

from site_home.retention import After, Anonymise, Delete, PersonalData, Rule

EVENT_DAYS = "EVENT_PERSONAL_DATA_RETENTION_DAYS"
# A backstop for an event whose dates were taken away again: nothing is kept for ever.
BACKSTOP = Rule(
    "record of an undated event", After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"), Delete()
)


class BookingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Booking.CONFIRMED)

    def waiting(self):
        return self.filter(status=Booking.WAITING).order_by("created_at", "pk")

    def active(self):
        return self.exclude(status=Booking.CANCELLED)

    def total_places(self):
        return self.aggregate(total=Sum("places"))["total"] or 0


class Booking(models.Model):
    """A resident's booking. Name, email and access needs are personal data: only staff with
    site_home.view_personal_data see them, and they never appear on public pages or feeds."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [(CONFIRMED, "Confirmed"), (WAITING, "Waiting list"), (CANCELLED, "Cancelled")]

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="bookings")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    places = models.PositiveSmallIntegerField(default=1)
    access_needs = models.TextField(blank=True, max_length=1000)
    sessions = models.ManyToManyField("events.EventSession", blank=True, related_name="bookings")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=CONFIRMED)
    created_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    personal_data = PersonalData(
        fields=("name", "email", "access_needs"),
        rules=(
            # Access needs are health data, needed only to run the event.
            Rule("access needs", After("event__end", days=1), Anonymise({"access_needs": ""})),
            Rule("booking", After("event__end", days=EVENT_DAYS), Delete()),
            BACKSTOP,
        ),
    )

    class Meta:
        ordering = ["event", "created_at"]
        constraints = [
            # One live booking per email and event; the booking form hands back the existing one.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="events_one_booking_per_email",
            )
        ]

    def __str__(self):
        return f"Booking {self.pk} for {self.event.title}"

    @property
    def session_titles(self):
        return ", ".join(session.title for session in self.sessions.all())


class Interest(models.Model):
    """Someone who asked to hear when a "dates to be announced" event gets its dates."""

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="interests")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    personal_data = PersonalData(
        fields=("name", "email"),
        rules=(Rule("registered interest", After("event__end", days=EVENT_DAYS), Delete()), BACKSTOP),
    )

    class Meta:
        ordering = ["event", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="events_one_interest_per_email")
        ]

    def __str__(self):
        return f"Interest {self.pk} in {self.event.title}"

    def changes_public_pages(self, created):
        return False  # staff-only records: the public pages stay cached (site_home.page_cache)
