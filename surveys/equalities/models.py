"""Who responded, stored apart from what they said.

The area lookup (public data): postcode -> data zone, each row recording its boundary set, and
data zone -> SIMD rank, each row recording its SIMD edition. A data zone may map to a place.

AboutYou holds one response's "about you" answers (special-category data) and the area values
derived from the postcode, never the postcode itself. Only staff with site_home.view_personal_data
see rows; the "who we heard from" view shows suppressed counts only."""

import math

from django.db import models
from django.utils.translation import gettext_lazy as _

from site_home.retention import After, Delete, PersonalData, Rule


class BoundarySet(models.TextChoices):
    DZ2011 = "2011", _("Data zones 2011")
    DZ2022 = "2022", _("Data zones 2022")


# How many data zones each boundary set has: the denominator of ranks, deciles and quintiles.
ZONE_COUNTS = {BoundarySet.DZ2011: 6976, BoundarySet.DZ2022: 7392}


class SimdEdition(models.TextChoices):
    SIMD2020V2 = "SIMD2020v2", _("SIMD 2020v2")


# SIMD 2020 ranks the 2011 data zones.
EDITION_BOUNDARIES = {SimdEdition.SIMD2020V2: BoundarySet.DZ2011}


def rank_band(rank, zones, bands):
    """The band (1 = most deprived) of a rank out of `zones`: deciles with bands=10, quintiles with 5."""
    return math.ceil(rank * bands / zones)


class DataZone(models.Model):
    code = models.CharField(max_length=12)
    boundary_set = models.CharField(max_length=4, choices=BoundarySet.choices)
    name = models.CharField(max_length=160, blank=True)
    place = models.ForeignKey(
        "site_home.PlacePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_zones",
        help_text=_("The place this data zone belongs to."),
    )

    class Meta:
        verbose_name = _("data zone")
        constraints = [
            models.UniqueConstraint(fields=["code", "boundary_set"], name="one_zone_per_boundary_set")
        ]
        ordering = ["boundary_set", "code"]

    def __str__(self):
        return f"{self.code} {self.name}".strip()


class PostcodeDataZone(models.Model):
    """A row of the postcode index: which data zone a postcode lies in, for one boundary set."""

    postcode = models.CharField(max_length=8, help_text=_("Normalised: upper case, one space."))
    boundary_set = models.CharField(max_length=4, choices=BoundarySet.choices)
    data_zone = models.ForeignKey(DataZone, on_delete=models.CASCADE, related_name="postcodes")

    class Meta:
        verbose_name = _("postcode lookup row")
        constraints = [
            models.UniqueConstraint(fields=["postcode", "boundary_set"], name="one_zone_per_postcode")
        ]

    def __str__(self):
        return f"{self.postcode} -> {self.data_zone_id}"


class SimdRank(models.Model):
    data_zone = models.ForeignKey(DataZone, on_delete=models.CASCADE, related_name="simd_ranks")
    edition = models.CharField(max_length=16, choices=SimdEdition.choices)
    rank = models.PositiveIntegerField(help_text=_("1 = most deprived."))
    decile = models.PositiveSmallIntegerField()
    quintile = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("SIMD rank")
        constraints = [models.UniqueConstraint(fields=["data_zone", "edition"], name="one_rank_per_edition")]

    def __str__(self):
        return f"{self.edition} rank {self.rank}"


class AboutYouQuerySet(models.QuerySet):
    def in_scope(self, pages=None, place=None):
        """Responses made on any of `pages` (ids), and/or for `place`."""
        rows = self
        if pages is not None:
            rows = rows.filter(page_id__in=pages)
        if place is not None:
            rows = rows.filter(place=place)
        return rows


class AboutYou(models.Model):
    """Who gave one response: their optional answers and their area's data zone and SIMD band."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    submission = models.OneToOneField(
        "surveys.SurveySubmission", null=True, blank=True, on_delete=models.CASCADE, related_name="about_you"
    )
    comment = models.OneToOneField(
        "surveys.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="about_you"
    )
    place = models.ForeignKey(
        "site_home.PlacePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="about_you_records",
    )
    data_zone = models.ForeignKey(
        DataZone, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    simd_edition = models.CharField(max_length=16, blank=True, choices=SimdEdition.choices)
    simd_decile = models.PositiveSmallIntegerField(null=True, blank=True)
    simd_quintile = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AboutYouQuerySet.as_manager()

    personal_data = PersonalData(
        fields=("data_zone", "simd_decile", "simd_quintile"),
        rules=(Rule("about you", After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"), Delete()),),
    )

    class Meta:
        verbose_name = _("about you answers")
        verbose_name_plural = _("about you answers")
        permissions = [("view_who_we_heard", "Can see who we heard from (suppressed counts only)")]

    def __str__(self):
        return f"About you #{self.pk}"

    def page_cache_scope(self, created):
        return None  # shown on no public page


class AboutYouAnswer(models.Model):
    """One answer to an "about you" question; a question with several ticked options has several."""

    about_you = models.ForeignKey(AboutYou, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(
        max_length=64, help_text=_("The standard question's key, or the editor's own question's name.")
    )
    label = models.CharField(max_length=255)
    answer = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("about you answer")
        indexes = [models.Index(fields=["question", "answer"])]

    def __str__(self):
        return f"{self.label}: {self.answer}"

    def page_cache_scope(self, created):
        return None
