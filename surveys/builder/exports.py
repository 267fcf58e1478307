"""Wagtail's form submissions listing for surveys, with place and theme columns in the CSV/XLSX
export, the channel each answer came through (filter and column), and "about you" answers only
for staff allowed to see personal data."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.views import SubmissionsListFilterSet, SubmissionsListView

from site_home.permissions import can_see_personal_data
from surveys.feedback.channels import Channel

THEMES_COLUMN = "survey_themes"


class SurveySubmissionsFilterSet(SubmissionsListFilterSet):
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)


class SurveySubmissionsListView(SubmissionsListView):
    """With a channel filter, so the listing and its export can be split by how answers came in."""

    filterset_class = SurveySubmissionsFilterSet

    def dispatch(self, request, *args, **kwargs):
        form_page = kwargs["form_page"]
        # Wagtail asks the page for its columns without the user; the page object is this request's own.
        form_page.show_personal_data = can_see_personal_data(request.user)
        self.survey_themes = ", ".join(theme.name for theme in form_page.themes.all())
        response = super().dispatch(request, *args, **kwargs)
        return response

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("place")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        self.list_export = [*self.list_export[:2], THEMES_COLUMN, *self.list_export[2:]]
        self.export_headings = {**self.export_headings, THEMES_COLUMN: "Survey themes"}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if THEMES_COLUMN in row:
            row[THEMES_COLUMN] = self.survey_themes
        return row
