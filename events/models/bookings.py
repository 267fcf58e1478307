from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from site_home.retention import After, Anonymise, Delete, PersonalData, Rule

EVENT_DAYS = "EVENT_PERSONAL_DATA_RETENTION_DAYS"
# A backstop for an event whose dates were taken away again: nothing is kept for ever.
BACKSTOP = Rule(
    "record of an undated event", After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"), Delete()
)


class BookingQuerySet(models.QuerySet):
    """An unconfirmed booking (its email address not yet confirmed) counts only until `confirm_by`:
    after that it has lapsed and holds nothing, with no job needed to release it."""

    def for_event(self, event):
        """The bookings of `event` in every language: its translations share its places."""
        return self.filter(event__translation_key=event.translation_key)

    def live(self, now=None):
        """Not cancelled and not lapsed: confirmed by email, or still within its hold."""
        return self.active().filter(Q(confirm_by__isnull=True) | Q(confirm_by__gt=now or timezone.now()))

    def lapsed(self, now=None):
        return self.active().filter(confirm_by__lte=now or timezone.now())

    def confirmed(self, now=None):
        """The bookings that hold places now: with a place, and confirmed by email or still held."""
        return self.live(now).filter(status=Booking.Status.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served: only people who confirmed their email."""
        return self.filter(status=Booking.Status.WAITING, confirm_by__isnull=True).order_by(
            "created_at", "pk"
        )

    def active(self):
        return self.exclude(status=Booking.Status.CANCELLED)

    def total_places(self):
        return self.aggregate(total=Sum("places"))["total"] or 0


class Booking(models.Model):
    """A resident's booking. Name, email and access needs are personal data: only staff with
    site_home.view_personal_data see them, and they never appear on public pages or feeds."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="bookings")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    places = models.PositiveSmallIntegerField(default=1)
    access_needs = models.TextField(blank=True, max_length=1000)
    sessions = models.ManyToManyField("events.EventSession", blank=True, related_name="bookings")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confirm_by = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "Until the email address is confirmed, the booking holds its places until this time; "
            "empty once confirmed."
        ),
    )
    # A keyed digest of the network the booking came from (IPv6 by /64), for the per-client cap.
    client = models.CharField(max_length=64, blank=True, editable=False)
    # Emails the public booking form sent to this address for this event, in the day from emails_since.
    emails_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    emails_since = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BookingQuerySet.as_manager()

    personal_data = PersonalData(
        fields=("name", "email", "access_needs", "client"),
        rules=(
            # Access needs are health data, needed only to run the event.
            Rule("access needs", After("event__end", days=1), Anonymise({"access_needs": ""})),
            Rule("client network", After("event__end", days=1), Anonymise({"client": ""})),
            # Never confirmed: kept one day, so the daily email limit for the address still holds.
            Rule("unconfirmed booking", After("confirm_by", days=1), Delete()),
            Rule("booking", After("event__end", days=EVENT_DAYS), Delete()),
            BACKSTOP,
        ),
    )

    class Meta:
        ordering = ["event", "created_at"]
        constraints = [
            # One booking per email and event; the booking form emails the existing one's owner.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="events_one_booking_per_email",
            )
        ]

    def __str__(self):
        return gettext("Booking %(number)s for %(event)s") % {"number": self.pk, "event": self.event.title}

    def page_cache_scope(self, created):
        # What the anonymous form writes (an unconfirmed booking) keeps the page cache: else a cache
        # miss after posting would tell the poster that the email had no booking. Places shown on
        # the event page catch up when a booking is confirmed or cancelled (site_home.cache_versions).
        return None if self.confirm_by is not None else self.event_id

    @property
    def is_unconfirmed(self):
        return self.confirm_by is not None

    def has_lapsed(self, now=None):
        return self.confirm_by is not None and self.confirm_by <= (now or timezone.now())

    @property
    def state(self):
        """The status as organisers need to read it: unconfirmed bookings told apart."""
        if self.status == self.Status.CANCELLED or self.confirm_by is None:
            return self.get_status_display()
        if self.has_lapsed():
            return gettext("Not confirmed in time")
        if self.status == self.Status.CONFIRMED:
            return gettext("Awaiting email confirmation (place held)")
        return gettext("Awaiting email confirmation (waiting list)")

    state.fget.short_description = _("State")  # the column heading in the admin's list

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
        return gettext("Interest %(number)s in %(event)s") % {"number": self.pk, "event": self.event.title}

    def page_cache_scope(self, created):
        return None  # staff-only records: the public pages stay cached (site_home.cache_versions)
