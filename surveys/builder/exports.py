"""Wagtail's form submissions listing for surveys, with place and theme columns in the CSV/XLSX
export, the channel each answer came through (filter and column), and "about you" answers only
for staff allowed to see personal data. A question a response holds no answer for was not asked (a
skip rule left it out, or it was added later): it says so, unlike a question left blank."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.views import SubmissionsListFilterSet, SubmissionsListView

from site_home.permissions import can_see_personal_data
from surveys.feedback.channels import Channel

THEMES_COLUMN = "survey_themes"
NOT_ASKED = _("Not asked")


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
        self.question_names = {question.clean_name for question in form_page.questions}
        response = super().dispatch(request, *args, **kwargs)
        return response

    def get_base_queryset(self):
        rows = super().get_base_queryset().select_related("place")
        if self.form_page.show_personal_data:
            # Stored apart (surveys.equalities): loaded only for staff allowed to see them.
            rows = rows.select_related("about_you__data_zone").prefetch_related("about_you__answers")
        return rows

    def as_spreadsheet(self, queryset, spreadsheet_format):
        self.list_export = [*self.list_export[:2], THEMES_COLUMN, *self.list_export[2:]]
        self.export_headings = {**self.export_headings, THEMES_COLUMN: _("Survey themes")}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if THEMES_COLUMN in row:
            row[THEMES_COLUMN] = self.survey_themes
        for name in row:
            if name in self.question_names and name not in item.form_data:
                row[name] = str(NOT_ASKED)
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = [name for name, _label in self.form_page.get_data_fields()]
        for submission, row in zip(context["submissions"], context.get("data_rows", ()), strict=False):
            for index, name in enumerate(names):
                if name in self.question_names and name not in submission.form_data:
                    row["fields"][index] = NOT_ASKED
        return context
