from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from site_home.forms import PlaceChoiceField, SlugChoiceField
from site_home.models import Theme
from surveys.feedback.antispam import HONEYPOT_FIELD
from surveys.feedback.forms_base import PublicForm

from .models import RecommendationResponse, ReviewPage, ReviewStatus


class RecommendationResponseForm(PublicForm):
    """Agree, disagree or not sure, with the place the resident responds from if they want to say."""

    choice = forms.ChoiceField(
        label=_("What do you think of this recommendation?"),
        choices=RecommendationResponse.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose agree, disagree or not sure")},
    )
    place = PlaceChoiceField(
        label=_("Where are you responding from? (optional)"),
        required=False,
        empty_label=_("I'd rather not say"),
    )

    def __init__(self, *args, recommendation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if recommendation is not None:
            self.fields["choice"].label = gettext("What do you think of recommendation %(number)s?") % {
                "number": recommendation.number
            }

    @property
    def helper(self):
        # Small inline radios: one of these sits under every recommendation.
        helper = super().helper
        helper.layout = Layout(
            Field.radios("choice", legend_size=Size.SMALL, small=True, inline=True), "place"
        )
        return helper

    def is_spam(self):
        # Forms are prefixed by recommendation (many on one page), so the honeypot is too.
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())


class ReviewFilterForm(forms.Form):
    """The finder's filters: plain GET parameters, so every filtered list is a bookmarkable link."""

    q = forms.CharField(label=_("Search reviews"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ReviewStatus.choices]
    )
    place = PlaceChoiceField(label=_("Place"), required=False, empty_label=_("Any place"))
    theme = SlugChoiceField(
        label=_("Theme"), required=False, queryset=Theme.objects.all(), empty_label=_("Any theme")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(
            Q(reviews__isnull=False) | Q(review_sections__isnull=False)
        ).distinct()

    def filter(self, reviews, index_page):
        if not self.is_bound or not self.is_valid():
            return reviews
        data = self.cleaned_data
        if data["status"]:
            reviews = reviews.filter(status_value=data["status"])
        if data["place"]:
            reviews = reviews.for_place(data["place"])
        if data["theme"]:
            reviews = reviews.for_theme(data["theme"])
        if data["q"]:
            # Search first, then filter by id: the search backend cannot filter on the status annotation.
            found = ReviewPage.objects.live().public().child_of(index_page).search(data["q"])
            reviews = reviews.filter(pk__in=[page.pk for page in found])
        return reviews
