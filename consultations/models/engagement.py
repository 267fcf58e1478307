"""How a consultation engaged people, against Scotland's National Standards for Community
Engagement, and the basics a consultation should have before it opens."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.models import Orderable

# Long enough for groups to meet and answer: the Scottish Government's usual minimum.
MIN_PERIOD = datetime.timedelta(weeks=12)


class NationalStandard(models.TextChoices):
    INCLUSION = "inclusion", _("Inclusion")
    SUPPORT = "support", _("Support")
    PLANNING = "planning", _("Planning")
    WORKING_TOGETHER = "working-together", _("Working together")
    METHODS = "methods", _("Methods")
    COMMUNICATION = "communication", _("Communication")
    IMPACT = "impact", _("Impact")


STANDARD_ORDER = {value: position for position, value in enumerate(NationalStandard.values)}


class EngagementRecord(Orderable):
    """What was done for one standard, in the consultation's own words."""

    page = ParentalKey("consultations.ReviewPage", on_delete=models.CASCADE, related_name="engagement")
    standard = models.CharField(_("standard"), max_length=20, choices=NationalStandard.choices)
    what_we_did = models.TextField(_("what we did"), max_length=2000)

    panels = [FieldPanel("standard"), FieldPanel("what_we_did")]

    class Meta(Orderable.Meta):
        verbose_name = _("engagement record")


def engagement_by_standard(page):
    """[(standard label, [what we did])] in the standards' own order, for the public panel."""
    grouped = {}
    for record in page.engagement.all():
        grouped.setdefault(record.standard, []).append(record.what_we_did)
    return [
        (NationalStandard(standard).label, grouped[standard])
        for standard in sorted(grouped, key=STANDARD_ORDER.get)
    ]


def pre_open_warnings(page):
    """What a consultation is missing before residents can respond well. Advice, not a block."""
    warnings = []
    has_key_area = len(page.sections.all()) > 0  # the editor's page holds its key areas in memory
    if not (page.summary or "").strip() or not has_key_area:
        warnings.append(_("Give residents enough to respond to: a summary and at least one key area."))
    if page.opening_date and page.closing_date:
        short = page.closing_date - page.opening_date < MIN_PERIOD
        if short and not (page.short_period_reason or "").strip():
            warnings.append(_("The consultation is open for less than 12 weeks: lengthen it or explain why."))
    if not (page.contact_name or "").strip() or not (page.contact_email or "").strip():
        warnings.append(_("Name a contact (a person and an email address) residents can ask."))
    if not page.response_expected_on:
        warnings.append(_("Say when you will publish your response to what people said."))
    return warnings


class PreOpenCheckPanel(Panel):
    """The pre-open check at the top of the editor, on the page as last saved."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/pre_open_check.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = pre_open_warnings(self.instance) if self.instance.pk else []
            context["opened"] = self.instance.pk and self.instance.status != "upcoming"
            return context
