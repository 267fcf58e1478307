from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from consultations.models import CommitmentPage, CommitmentStatus, Partner
from consultations.models.commitments import overdue_q
from site_home.filters import FilterForm
from site_home.forms import PlaceChoiceField
from site_home.models import PlacePage, Theme
from site_home.page_cache import cached_content

OVERDUE = "overdue"
FIELD_ORDER = ("place", "theme", "partner", "consultation", "status")


class CommitmentFilterForm(FilterForm):
    """The tracker's filters, read from GET so every filtered list is a bookmarkable (and cacheable)
    URL. Values that match nothing are ignored rather than shown as errors."""

    place = PlaceChoiceField(required=False, label=_("Place"))
    theme = forms.ChoiceField(required=False, label=_("Theme"))
    partner = forms.ChoiceField(required=False, label=_("Who made it"))
    consultation = forms.ChoiceField(required=False, label=_("Where it came from"))
    status = forms.ChoiceField(
        required=False,
        label=_("Status"),
        choices=[("", _("Any status")), *CommitmentStatus.choices, (OVERDUE, _("Overdue"))],
    )

    def __init__(self, data, request):
        super().__init__(data)
        choices = cached_content(request, "commitment-filters", (), self.choices)
        self.fields["place"].choices = [("", _("All places")), *choices["place"]]
        self.fields["theme"].choices = [("", _("All themes")), *choices["theme"]]
        self.fields["partner"].choices = [("", _("All partners")), *choices["partner"]]
        self.fields["consultation"].choices = [
            ("", _("Any consultation, meeting or event")),
            *choices["consultation"],
        ]

    @staticmethod
    def choices():
        """The places, and the themes, partners and public sources (reviews, meetings, events) that
        have commitments: four queries, kept per content version."""
        return {
            "place": PlacePage.objects.slug_choices(),
            "theme": list(
                Theme.objects.filter(commitments__live=True)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
            "partner": list(
                Partner.objects.filter(commitments__live=True)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
            "consultation": [
                (str(pk), title)
                for pk, title in Page.objects.live()
                .public()
                .filter(pk__in=CommitmentPage.objects.live().values("source_page_id"))
                .order_by("title", "pk")
                .values_list("pk", "title")
            ],
        }

    def query_string(self, params=None):
        params = self.active_params() if params is None else params
        return urlencode([(name, params[name]) for name in FIELD_ORDER if params.get(name)])

    def filter(self, commitments, with_status=True):
        params = self.active_params()
        if "place" in params:
            commitments = commitments.filter(places__slug=params["place"])
        if "theme" in params:
            commitments = commitments.filter(themes__slug=params["theme"])
        if "partner" in params:
            commitments = commitments.filter(partner__slug=params["partner"])
        if "consultation" in params:
            commitments = commitments.filter(source_page_id=int(params["consultation"]))
        status = params.get("status") if with_status else None
        if status == OVERDUE:
            commitments = commitments.filter(overdue_q())
        elif status:
            commitments = commitments.filter(status=status)
        if "place" in params or "theme" in params:
            commitments = commitments.distinct()
        return commitments

    def describe(self):
        """The active filters in words, for the results heading."""
        params = self.active_params()
        return [dict(self.fields[name].choices)[params[name]] for name in FIELD_ORDER if name in params]
