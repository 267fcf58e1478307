"""A coding frame: the codes staff read a consultation's responses against, and which responses
carry which code.

A frame belongs to one page (the consultation). Its responses are the comments and the free-text
survey answers of the pages the consultation names (`frame_sources`): a response is either a
comment or one answer (`question_key`) of a survey submission. Each coding keeps the place and
theme of its response, so counts by code × place × theme are one grouped query.

Suggestions are computed on this machine (surveys/analysis/suggestions.py) and stored with the
words that led to them; a code is applied only when a person accepts one, and the accept/reject
record is what the acceptance report counts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site_home.cache_versions import SITE

ONE_RESPONSE = Q(comment__isnull=False, submission__isnull=True, question_key="") | (
    Q(comment__isnull=True, submission__isnull=False) & ~Q(question_key="")
)


class Code(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="analysis_codes")
    label = models.CharField(_("label"), max_length=80)
    description = models.TextField(
        _("description"), blank=True, max_length=1000, help_text=_("What a response with this code says.")
    )
    theme = models.ForeignKey(
        "site_home.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="analysis_codes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["label"]
        constraints = [models.UniqueConstraint(fields=["page", "label"], name="one_code_label_per_frame")]
        permissions = [("code_responses", "Can code responses and choose quotes")]

    def __str__(self):
        return self.label

    def page_cache_scope(self, created):
        # A new code is staff's working material; an edited one may head quotes on an outcome.
        return None if created else SITE


class ResponseRef(models.Model):
    """Points at one response: a comment, or one free-text answer of a survey submission."""

    comment = models.ForeignKey(
        "surveys.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    submission = models.ForeignKey(
        "surveys.SurveySubmission", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    question_key = models.CharField(max_length=255, blank=True, help_text=_("The answered question's key."))

    class Meta:
        abstract = True

    @property
    def response_key(self):
        return response_key(self.comment_id, self.submission_id, self.question_key)


def response_key(comment_id=None, submission_id=None, question_key=""):
    """A response's id on screens and in forms: "c12" for a comment, "s7:q-name" for an answer."""
    return f"c{comment_id}" if comment_id else f"s{submission_id}:{question_key}"


class Coding(ResponseRef):
    """One code on one response, with the response's place and theme copied for the counts."""

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    place = models.ForeignKey(
        "site_home.PlacePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    theme = models.ForeignKey(
        "site_home.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_quote = models.BooleanField(
        _("quote"), default=False, help_text=_("Chosen to be quoted in the published outcome.")
    )
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code__label", "pk"]
        constraints = [
            models.CheckConstraint(condition=ONE_RESPONSE, name="coding_one_response"),
            models.UniqueConstraint(
                fields=["code", "comment"], condition=Q(comment__isnull=False), name="one_code_per_comment"
            ),
            models.UniqueConstraint(
                fields=["code", "submission", "question_key"],
                condition=Q(submission__isnull=False),
                name="one_code_per_answer",
            ),
        ]
        indexes = [models.Index(fields=["code", "place", "theme"])]

    def __str__(self):
        return f"{self.code} on {self.response_key}"

    def page_cache_scope(self, created):
        # A quote shows on the published outcome; other codings show nowhere public.
        return SITE if self.is_quote or not created else None


class Suggestion(ResponseRef):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for a person")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="suggestions")
    score = models.FloatField()
    words = models.JSONField(default=list, help_text=_("The words the response shares with the code."))
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.CheckConstraint(condition=ONE_RESPONSE, name="suggestion_one_response"),
            models.UniqueConstraint(
                fields=["code", "comment"],
                condition=Q(comment__isnull=False),
                name="one_suggestion_per_comment",
            ),
            models.UniqueConstraint(
                fields=["code", "submission", "question_key"],
                condition=Q(submission__isnull=False),
                name="one_suggestion_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.code}? on {self.response_key}"

    def page_cache_scope(self, created):
        return None  # staff-only
