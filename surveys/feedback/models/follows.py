"""Following a place, a theme or a consultation by email alone: no account, double opt-in, and
one-click unsubscribe. Who follows what is personal data: it shows on no public page, and staff
without site_home.view_personal_data see only counts.

A `FollowUpdate` is one thing worth telling followers (a consultation opened, an event announced,
a story published), recorded once per happening by the app where it happens; what it is tagged
with (pages: places and the consultation itself; themes) decides who hears of it."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from site_home.retention import After, Delete, PersonalData, Rule


def confirm_days():
    """How long a follow waits for its address to be confirmed: the link's life, then it is deleted."""
    return getattr(settings, "FOLLOW_CONFIRM_DAYS", 7)


def emails_per_day():
    """How many emails the follow form sends one address about one target in a day."""
    return getattr(settings, "FOLLOW_EMAILS_PER_DAY", 3)


def new_token():
    return secrets.token_urlsafe(32)


# One email can be about several follows of one address (a place and a theme the same news matches);
# its one-click unsubscribe link carries their tokens joined by this, which no token contains.
UNSUBSCRIBE_SEPARATOR = "."
MAX_FOLLOWS_PER_EMAIL = 50


class FollowQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def as_it_happens(self):
        return self.confirmed().filter(frequency=Follow.Frequency.IMMEDIATE)

    def weekly(self):
        return self.confirmed().filter(frequency=Follow.Frequency.WEEKLY)

    def for_update(self, update):
        """The follows an update concerns: of one of its pages or one of its themes."""
        return self.filter(Q(page__in=update.pages.values("pk")) | Q(theme__in=update.themes.values("pk")))

    def for_email(self, email):
        return self.filter(email_key=email_key(email))


def normalise_email(email):
    return email.strip().lower()


def email_key(email):
    """A keyed digest of an address: what the link to manage follows carries, so that no address
    is ever in a URL (server logs, browser history)."""
    return salted_hmac("surveys.follow.email", normalise_email(email), algorithm="sha256").hexdigest()


class Follow(models.Model):
    """An email address following one page (a place, a consultation or a commitment) or one theme."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As it happens")
        WEEKLY = "weekly", _("Weekly digest")

    email = models.EmailField()
    email_key = models.CharField(max_length=64, db_index=True, editable=False)
    # A place, consultation (review) or commitment page; the kind is the page's own type.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        "site_home.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    # The language the follower asked in: their emails are written in it, whoever sends them.
    language = models.CharField(max_length=15, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The end of the window the last weekly digest covered: set in the same transaction that
    # queues the digest, so an interrupted run resumes without losing or repeating an email.
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Emails the follow form sent to this address about this target, in the day from emails_since.
    emails_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    emails_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Never expires: the unsubscribe link of an old email must still work.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    objects = FollowQuerySet.as_manager()

    personal_data = PersonalData(
        fields=("email", "email_key"),
        rules=(
            Rule(
                "unconfirmed follow",
                After("created_at", days=confirm_days),
                Delete(),
                where=Q(confirmed_at__isnull=True),
            ),
        ),
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, theme__isnull=True)
                | Q(page__isnull=True, theme__isnull=False),
                name="surveys_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["email", "page"], condition=Q(page__isnull=False), name="surveys_follow_page_once"
            ),
            models.UniqueConstraint(
                fields=["email", "theme"], condition=Q(theme__isnull=False), name="surveys_follow_theme_once"
            ),
        ]

    def __str__(self):
        return f"Follow {self.pk} of {self.target_name}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.email_key = email_key(self.email)
        super().save(*args, **kwargs)

    def page_cache_scope(self, created):
        return None  # shows on no public page (site_home.cache_versions)

    @property
    def target(self):
        return self.theme if self.theme_id else self.page

    @property
    def target_name(self):
        return self.theme.name if self.theme_id else self.page.title

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class FollowUpdate(models.Model):
    """Something followers are told of, once: `key` names the happening ("story:12"), so
    publishing the same page again records nothing new."""

    class Kind(models.TextChoices):
        REVIEW_OPENED = "review-opened", _("Consultation open")
        REVIEW_OUTCOME = "review-outcome", _("Consultation outcome published")
        EVENT = "event", _("New event")
        EVENT_CHANGED = "event-changed", _("Event dates changed")
        STORY = "story", _("New story")
        COMMITMENT_UPDATE = "commitment-update", _("Commitment updated")

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255)
    url = models.URLField(max_length=500)
    summary = models.TextField(blank=True)
    pages = models.ManyToManyField("wagtailcore.Page", blank=True, related_name="+")
    themes = models.ManyToManyField("site_home.Theme", blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def page_cache_scope(self, created):
        return None  # only emails show it
