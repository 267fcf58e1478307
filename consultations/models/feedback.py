from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from site_home.languages import in_every_language
from site_home.retention import After, Anonymise, PersonalData, Rule
from surveys.feedback.channels import ChannelMixin


class ResponseQuerySet(models.QuerySet):
    def for_review(self, review):
        return self.filter(review_id__in=in_every_language(review))

    def for_place(self, place):
        return self.filter(place=place)

    def tally(self):
        """{recommendation_key: {"agree": n, "disagree": n, "unsure": n}} in one query."""
        counts = {}
        rows = self.values_list("recommendation_key", "choice").annotate(n=Count("id")).order_by()
        for key, choice, n in rows:
            counts.setdefault(key, {}).setdefault(choice, 0)
            counts[key][choice] += n
        return counts


class RecommendationResponse(ChannelMixin, models.Model):
    """Agree / disagree / unsure on one recommendation, given without writing a comment.

    One answer per participant per recommendation (answering again changes it), and a cap on new
    answers per network and hour: `participant` and `network` are keyed hashes from site_home.people,
    never an address.
    """

    class Choice(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        UNSURE = "unsure", _("Not sure")

    review = models.ForeignKey(
        "consultations.ReviewPage", on_delete=models.CASCADE, related_name="recommendation_responses"
    )
    section_key = models.CharField(max_length=12, db_index=True)
    recommendation_key = models.CharField(max_length=64)
    choice = models.CharField(max_length=10, choices=Choice.choices)
    place = models.ForeignKey(
        "site_home.PlacePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendation_responses",
    )
    theme = models.ForeignKey(
        "site_home.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    participant = models.CharField(max_length=64, editable=False)
    network = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    # The answer stays in the counts; the per-person keys (which could recognise a returning
    # visitor) become a unique placeholder and nothing.
    personal_data = PersonalData(
        fields=("participant", "network"),
        rules=(
            Rule(
                "participant keys",
                After("updated_at", days="PERSONAL_DATA_RETENTION_DAYS"),
                Anonymise.unique_placeholder("participant", also={"network": ""}),
            ),
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "recommendation_key", "participant"], name="one_response_per_participant"
            )
        ]
        indexes = [models.Index(fields=["review", "recommendation_key"])]

    def __str__(self):
        return f"{self.get_choice_display()} on {self.recommendation_key}"

    def page_cache_scope(self, created):
        return self.review_id  # residents' activity on the review (site_home.cache_versions)


class OutcomeNotice(models.Model):
    """Records that residents were told about a review's outcome, so it happens exactly once.

    A separate row, not a page field: publishing an older revision would otherwise write the
    field back to empty and email everyone again.
    """

    review = models.OneToOneField(
        "consultations.ReviewPage", on_delete=models.CASCADE, related_name="outcome_notice"
    )
    outcome_notified_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Outcome of {self.review_id} sent to {self.recipients} on {self.outcome_notified_at:%Y-%m-%d}"
