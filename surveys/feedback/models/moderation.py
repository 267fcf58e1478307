"""What happens to comments after they are posted: moderation history, reports and reactions.

"One person" for reactions and reports is site_home.people: a participant cookie and a network,
each stored as a keyed hash scoped to the comment. One reaction and one report per participant per
comment; a network adds at most FEEDBACK_VOTES_PER_NETWORK_PER_HOUR reactions to a comment an hour;
reports hide a comment only once they come from enough different networks.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site_home.retention import After, Anonymise, Delete, PersonalData, Rule

from .comments import Comment

# What the history shows for each stored `action` (a data key); an unknown one is shown as it is.
ACTION_LABELS = {
    "confirmed": _("confirmed"),
    "approved": _("approved"),
    "rejected": _("rejected"),
    "flagged": _("flagged"),
    "redacted": _("redacted"),
}


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

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, self.action)

    def page_cache_scope(self, created):
        return None  # staff-only records: the public pages stay cached (site_home.cache_versions)


class Reaction(models.Model):
    """An "I agree": one per participant per comment (see the module docstring)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    participant = models.CharField(max_length=64)
    network = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    # The count stays on the comment (agree_count); the per-person keys go.
    personal_data = PersonalData(
        fields=("participant", "network"),
        rules=(Rule("fingerprint", After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"), Delete()),),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "participant"], name="one_reaction_per_participant")
        ]

    def __str__(self):
        return f"Agreed at {self.created_at:%Y-%m-%d %H:%M}"

    def page_cache_scope(self, created):
        return self.comment.page_id  # residents' activity on the comment's page


class Report(models.Model):
    class Reason(models.TextChoices):
        ABUSIVE = "abusive", _("Abusive or offensive")
        PERSONAL = "personal", _("Shares someone's personal information")
        SPAM = "spam", _("Spam or advertising")
        OFF_TOPIC = "off-topic", _("Off topic")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    participant = models.CharField(max_length=64)
    network = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    details = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    # The report stays in the comment's history; who made it does not.
    personal_data = PersonalData(
        fields=("participant", "network"),
        rules=(
            Rule(
                "fingerprint",
                After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"),
                Anonymise.unique_placeholder("participant", also={"network": ""}),
            ),
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "participant"], name="one_report_per_participant")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"

    def page_cache_scope(self, created):
        return None  # staff-only records: the public pages stay cached (site_home.cache_versions)
