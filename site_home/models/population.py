"""A place's population profile: the share of its residents in each group (from the census or
another source an editor names), set beside who responded in the staff "who we heard from" view."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class PopulationMeasure(models.TextChoices):
    """What a population share is about; the keys are those of the standard "about you" questions."""

    SIMD_QUINTILE = "simd_quintile", _("SIMD quintile (1 = most deprived)")
    AGE_BAND = "age_band", _("Age band")
    SEX = "sex", _("Sex")
    DISABILITY = "disability", _("Disability (day-to-day activities limited)")
    ETHNICITY = "ethnicity", _("Ethnic group")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    TRANS = "trans", _("Trans or trans history")
    RELIGION = "religion", _("Religion")


class PlacePopulation(Orderable):
    place = ParentalKey("site_home.PlacePage", on_delete=models.CASCADE, related_name="population_groups")
    measure = models.CharField(_("measure"), max_length=32, choices=PopulationMeasure.choices)
    group = models.CharField(
        _("group"),
        max_length=120,
        help_text=_(
            "Worded exactly as the answer option (Census 2022 wording), e.g. '16 to 24'; for SIMD, the "
            "quintile number 1 to 5."
        ),
    )
    share = models.DecimalField(
        _("share of residents (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(_("source"), max_length=120, blank=True, default="Scotland's Census 2022")

    panels = [
        FieldRowPanel([FieldPanel("measure"), FieldPanel("group"), FieldPanel("share")]),
        FieldPanel("source"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("population group")
        constraints = [
            models.UniqueConstraint(fields=["place", "measure", "group"], name="one_share_per_place_group")
        ]

    def clean(self):
        super().clean()
        if self.measure == PopulationMeasure.SIMD_QUINTILE and self.group not in {"1", "2", "3", "4", "5"}:
            raise ValidationError({"group": _("A SIMD quintile is a number from 1 to 5.")})

    def __str__(self):
        return f"{self.get_measure_display()}: {self.group} ({self.share} %)"
