"""Comments on any page: the discussion half of the feedback engine.

A page takes part by inheriting `DiscussionMixin` (mixins first, `Page` last) and rendering the
thread tag with the *specific* page. Every comment knows its page, an optional section of that page,
the place the resident responds from and a theme, so editors can ask "what did people in this area
say about this theme?". The theme comes from the thread tag (a review section's, a story's), unless
the page is filed under one theme: then `comment_theme_id()` says which (a DiscussionPage's own).

    class ReviewPage(DiscussionMixin, Page):
        edit_handler = TabbedInterface([..., ObjectList(DiscussionMixin.discussion_panels, heading="Talk")])
        def accepts_comments(self):                      # e.g. only while the review is open
            return super().accepts_comments() and self.is_open

    {% load discussions %}
    {% discussion page section_key=rec.key section_label=rec.title theme=rec.theme heading="Comments" %}

    Comment.objects.section_counts(page)                 # {"rec-1": 12, "": 3} in one query
    Comment.objects.published().for_place(place)         # also for_page, for_section, for_theme
"""

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.log_actions import log

from site_home.cache_versions import SITE
from site_home.languages import in_every_language
from site_home.retention import After, Anonymise, Delete, PersonalData, Rule
from site_home.visibility import OnVisiblePagesMixin, PublicPlaceMixin, public_page_flag
from surveys.feedback.channels import ChannelMixin

from .settings import FeedbackSettings, Publishing

BODY_MAX_LENGTH = 5000
ANONYMOUS = "Anonymous"
RETENTION = "PERSONAL_DATA_RETENTION_DAYS"
REDACTED = "redacted"
REDACT_LOG_ACTION = "surveys.redact_comment"


def confirm_max_age():
    """How long a comment's email confirmation link works (and an unconfirmed comment is kept)."""
    return timezone.timedelta(days=getattr(settings, "FEEDBACK_CONFIRM_DAYS", 7))


class DiscussionMixin(models.Model):
    """Fields and panels for a page that carries a discussion. Add `discussion_panels` to a tab."""

    discussion_enabled = models.BooleanField(
        default=True, help_text=_("Show the comments and let residents post new ones.")
    )
    comment_publishing = models.CharField(
        max_length=16,
        blank=True,
        choices=[("", _("Use the site default")), *Publishing.choices],
        help_text=_("When a resident's comment appears on the page."),
    )
    allow_stance = models.BooleanField(
        default=False, help_text=_("Let residents say whether they are for, against or neutral.")
    )
    allow_category = models.BooleanField(
        default=False, help_text=_("Let residents mark a comment as a question, suggestion or concern.")
    )

    discussion_panels = [
        MultiFieldPanel(
            [
                # Headings give the fields' labels in the editor's language (the fields have no
                # verbose_name of their own, and adding one would need a migration on every page type).
                FieldPanel("discussion_enabled", heading=_("Discussion enabled")),
                FieldPanel("comment_publishing", heading=_("Comment publishing")),
                FieldPanel("allow_stance", heading=_("Allow stance")),
                FieldPanel("allow_category", heading=_("Allow category")),
            ],
            heading=_("Discussion"),
        )
    ]

    class Meta:
        abstract = True

    # Whether commenters can ask to be told the outcome: only pages that publish one (a review) say so.
    offers_outcome_email = False

    def accepts_comments(self) -> bool:
        """Whether the form is shown. Pages override it (e.g. a review closed for feedback)."""
        return self.discussion_enabled

    def comments_closed_message(self) -> str:
        return gettext("Comments are closed.")

    def discussion_section_label(self, section_key: str, posted_label: str) -> str | None:
        """The label stored with a comment on `section_key`; None refuses the key. Pages with known
        sections override this to check the key and supply their own label."""
        return posted_label[:255]

    def comment_theme_id(self) -> int | None:
        """The theme every comment on this page is filed under, whatever the form posted. None lets
        the thread say (a review section's theme, a story's first theme)."""
        return None

    def comment_place_slug(self) -> str | None:
        """The place the comment form offers first. The resident's answer is what is stored: it is
        shown as where they are from, so it is never filled in for them."""
        return None

    def publishing_mode(self, request=None) -> str:
        if self.comment_publishing:
            return self.comment_publishing
        site_settings = (
            FeedbackSettings.for_request(request)
            if request is not None
            else FeedbackSettings.for_site(self.get_site())
        )
        return site_settings.default_publishing


class CommentQuerySet(OnVisiblePagesMixin, models.QuerySet):
    def published(self):
        """What the public may read: published by a moderator (or at once) and not kept private
        by the resident who wrote it. Every public list, count, feed and quote goes through it."""
        return self.accepted().exclude(publication=Comment.Publication.PRIVATE)

    def accepted(self):
        """Through confirmation and moderation, published or kept private: for staff and for
        telling the writers (the outcome email), never for a public page."""
        return self.filter(state=Comment.State.PUBLISHED)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def for_page(self, page):
        return self.filter(page_id__in=in_every_language(page))

    def for_section(self, page, section_key):
        return self.for_page(page).filter(section_key=section_key)

    def for_place(self, place):
        return self.filter(place_id=place.pk)

    def for_theme(self, theme):
        return self.filter(theme_id=theme.pk)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def with_public_place(self, request=None):
        """The place each comment was written from, for `public_place`: named on public pages only
        when the public may see that place."""
        return self.select_related("place").annotate(place_is_public=public_page_flag("place", request))

    def most_agreed(self):
        return self.order_by("-agree_count", "-published_at", "-pk")

    def section_counts(self, page) -> dict[str, int]:
        """{section_key: published comments (replies included)} for one page, in one query."""
        rows = self.published().for_page(page).order_by().values("section_key").annotate(total=Count("pk"))
        return {row["section_key"]: row["total"] for row in rows}


class Comment(PublicPlaceMixin, ChannelMixin, models.Model):
    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        FLAGGED = "flagged", _("Hidden after reports")
        REJECTED = "rejected", _("Rejected")

    class Stance(models.TextChoices):
        # Translators: a resident's stance on a proposal.
        FOR = "for", pgettext_lazy("stance", "For")
        AGAINST = "against", pgettext_lazy("stance", "Against")
        NEUTRAL = "neutral", pgettext_lazy("stance", "Neutral")

    class Category(models.TextChoices):
        QUESTION = "question", _("Question")
        SUGGESTION = "suggestion", _("Suggestion")
        CONCERN = "concern", _("Concern")

    class Publication(models.TextChoices):
        """The resident's choice of what the public sees; staff still read and code every one."""

        NAMED = "named", _("Publish it with my name")
        ANONYMOUS = "anonymous", _("Publish it without my name")
        PRIVATE = "private", _("Do not publish it")

    class RedactionReason(models.TextChoices):
        PERSONAL = "personal", _("personal information")
        OFFENSIVE = "offensive", _("offensive language")
        DEFAMATORY = "defamatory", _("a claim about a named person")
        OTHER = "other", _("breaks the house rules")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="feedback_comments")
    section_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Stable id of a section; empty for the whole page."),
    )
    section_label = models.CharField(max_length=255, blank=True)
    place = models.ForeignKey(
        "site_home.PlacePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        # Not "feedback_comments": a PlacePage is a Page, which already has that name for its own thread.
        related_name="place_comments",
    )
    theme = models.ForeignKey(
        "site_home.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )

    display_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True, help_text=_("Never shown on the site."))
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    stance = models.CharField(max_length=16, blank=True, choices=Stance.choices)
    category = models.CharField(max_length=16, blank=True, choices=Category.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING, db_index=True)
    is_official_response = models.BooleanField(
        default=False,
        verbose_name=_("official response"),
        help_text=_("Posted on behalf of the organisation."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The staff member who posted an official response."),
    )
    notify_on_outcome = models.BooleanField(
        default=False, verbose_name=_("email me when the outcome is published")
    )
    # Comments from before residents were asked were published with their names: they stay so.
    publication = models.CharField(
        max_length=16, choices=Publication.choices, default=Publication.NAMED, db_index=True
    )
    redaction_reason = models.CharField(
        max_length=16,
        blank=True,
        choices=RedactionReason.choices,
        help_text=_("Set when staff removed part of the comment; the public sees the category."),
    )
    source_path = models.CharField(
        max_length=255, blank=True, help_text=_("Where on the site it was posted (for links back).")
    )
    agree_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    # What was said stays (it shaped decisions); who said it goes. Words that were never published
    # (unconfirmed or rejected, with no replies hanging on them) go altogether.
    personal_data = PersonalData(
        fields=("display_name", "email"),
        rules=(
            Rule(
                "name",
                After("created_at", days=RETENTION),
                # Official responses carry the organisation's name, not a resident's: kept.
                Anonymise({"display_name": ANONYMOUS}),
                where=models.Q(is_official_response=False),
                public=True,
            ),
            Rule(
                "email",
                After("created_at", days=RETENTION),
                Anonymise({"email": "", "notify_on_outcome": False}),
            ),
            # An unconfirmed address was never shown to be the writer's: it goes once its link expires.
            Rule(
                "email of an unconfirmed comment",
                After("created_at", days=confirm_max_age),
                Anonymise({"email": "", "notify_on_outcome": False}),
                where=models.Q(state="unconfirmed"),
            ),
            Rule(
                "unpublished comment",
                After("created_at", days=RETENTION),
                Delete(),
                where=models.Q(state__in=["unconfirmed", "rejected"], replies__isnull=True),
            ),
        ),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Newest first, for a thread and for a place's or theme's hub: index scans, not sorts, at
        # hundreds of thousands of comments.
        indexes = [
            models.Index(fields=["page", "section_key", "state", "published_at", "id"]),
            # A thread's top-level comments: counted for its pages without reading the table.
            models.Index(
                fields=["page", "section_key", "state", "published_at", "id"],
                condition=models.Q(parent__isnull=True),
                name="surveys_comment_top_level",
            ),
            models.Index(fields=["place", "state", "published_at", "id"]),
            models.Index(fields=["theme", "state", "published_at", "id"]),
        ]
        permissions = [
            ("moderate_comment", "Can moderate comments"),
            ("post_official_response", "Can post the organisation's official response"),
        ]

    def __str__(self):
        return f"{self.display_name} on {self.section_label or self.page_id}: {self.body[:40]}"

    def get_absolute_url(self):
        path = self.source_path or self.page.url or "/"
        return f"{path}#{self.anchor}"

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def public_name(self):
        """The name the public sees: the resident's only when they chose to be named."""
        if self.is_official_response or self.publication == self.Publication.NAMED:
            return self.display_name
        return _("Anonymous")

    def page_cache_scope(self, created):
        """What a save changes on the public site (site_home.cache_versions): a new comment waiting
        for confirmation or moderation shows nowhere; one that is published is activity on its page;
        any other change (hidden, removed by a moderator) must vanish from every page at once."""
        if self.state == self.State.PUBLISHED and not getattr(self, "_taken_down", False):
            return self.page_id
        return None if created else SITE

    # State transitions: each one is recorded as a ModerationEvent (who, when, why).

    def _move(self, state, action, user=None, reason=""):
        previous = self.state
        self.state = state
        fields = ["state"]
        if state == self.State.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            fields.append("published_at")
        self.save(update_fields=fields)
        self.moderation_events.create(
            action=action,
            from_state=previous,
            to_state=state,
            user=user if user is not None and user.is_authenticated else None,
            reason=reason,
        )

    def confirm(self):
        """The resident opened their signed link: publish, or hand to the moderators."""
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_at"])
        self._move(self.State.PUBLISHED, "confirmed")

    def approve(self, user, reason=""):
        self._move(self.State.PUBLISHED, "approved", user, reason)

    def reject(self, user, reason=""):
        self._move(self.State.REJECTED, "rejected", user, reason)

    def flag(self, reason=""):
        self._move(self.State.FLAGGED, "flagged", None, reason)

    def redact(self, user, body, reason, note=""):
        """Replace the words with `body` (the part staff removed is gone, not hidden) and record
        why; the page then says that part was removed and the category of reason."""
        self.body = body
        self.redaction_reason = reason
        self._taken_down = True  # the removed words must leave every cached page at once
        self.save(update_fields=["body", "redaction_reason"])
        label = self.RedactionReason(reason).label
        who = user if user is not None and user.is_authenticated else None
        record = f"{label}: {note}" if note else str(label)
        self.moderation_events.create(
            action=REDACTED, from_state=self.state, to_state=self.state, user=who, reason=record
        )
        log(instance=self, action=REDACT_LOG_ACTION, user=who, data={"reason": reason, "note": note})
