"""What happens to comments after they are posted: moderation history, reports and reactions.

Reactions and reports need "one per person" without accounts or cookies for anonymous visitors.
We identify a person by a keyed hash (HMAC-SHA256 with SECRET_KEY) of their client address, their
browser's user agent and the comment. Why this choice:
- no cookie or local storage, so reading a page never sets anything and no consent banner is needed;
- the raw address is never stored: the digest cannot be reversed without SECRET_KEY, and it differs
  per comment, so digests cannot be joined up to follow a person across comments;
- it is good enough for "I agree" counts, not proof: people behind one address with the same browser
  count once, and someone changing network counts twice. Per-address rate limits
  (surveys.feedback.antispam.over_limit) bound the damage, and moderators see the counts in context.
Signed-in users are identified by their account instead.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone

from site_home.retention import After, Anonymise, Delete, PersonalData, Rule
from surveys.feedback.antispam import client_key

from .comments import Comment


def person_digest(request, comment_id, purpose):
    if request.user.is_authenticated:
        identity = f"user:{request.user.pk}"
    else:
        identity = f"{client_key(purpose, request)}|{request.META.get('HTTP_USER_AGENT', '')[:500]}"
    message = f"{purpose}|{comment_id}|{identity}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


class ModerationEvent(models.Model):
    """One line of a comment's history: who moved it from which state to which, when and why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="moderation_events")
    action = models.CharField(max_length=32)
    from_state = models.CharField(max_length=16, choices=Comment.State.choices)
    to_state = models.CharField(max_length=16, choices=Comment.State.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        who = self.user or "system"
        return f"{self.action} by {who} at {self.created_at:%Y-%m-%d %H:%M}"

    def changes_public_pages(self, created):
        return False  # staff-only records: the public pages stay cached (site_home.page_cache)


class Reaction(models.Model):
    """An "I agree": one per person per comment (see the module docstring for "person")."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    person = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    # The count stays on the comment (agree_count); the per-person fingerprint goes.
    personal_data = PersonalData(
        fields=("person",),
        rules=(Rule("fingerprint", After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"), Delete()),),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "person"], name="one_reaction_per_person")]

    def __str__(self):
        return f"Agreed at {self.created_at:%Y-%m-%d %H:%M}"


class Report(models.Model):
    class Reason(models.TextChoices):
        ABUSIVE = "abusive", "Abusive or offensive"
        PERSONAL = "personal", "Shares someone's personal information"
        SPAM = "spam", "Spam or advertising"
        OFF_TOPIC = "off-topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    person = models.CharField(max_length=64)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    details = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    # The report stays in the comment's history; who made it does not.
    personal_data = PersonalData(
        fields=("person",),
        rules=(
            Rule(
                "fingerprint",
                After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"),
                Anonymise.unique_placeholder("person"),
            ),
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["comment", "person"], name="one_report_per_person")]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"

    def changes_public_pages(self, created):
        return False  # staff-only records: the public pages stay cached (site_home.page_cache)
