"""Survey test helpers: an index page, surveys with questions, and answers."""

import datetime

from django.utils import timezone

from surveys.builder.presets import SurveyPreset
from surveys.equalities.recording import record_about_you, take_about_you
from surveys.models import SurveyField, SurveyIndexPage, SurveyPage, SurveySubmission


def make_survey_index(home_page):
    page = SurveyIndexPage(title="Surveys", slug="surveys", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def make_survey(parent, fields=(), places=(), themes=(), **kwargs):
    """A published survey, open today unless dates are given, with `fields` (dicts of SurveyField)."""
    title = kwargs.pop("title", "Our park")
    if kwargs.pop("is_place_standard", False):  # the adult version, as before presets had a choice
        kwargs.setdefault("preset", SurveyPreset.PLACE_STANDARD)
    defaults = {
        "slug": kwargs.pop("slug", title.lower().replace(" ", "-")),
        "introduction": "Tell us what you think.",
        "opens_on": days(-5),
        "closes_on": days(20),
    }
    survey = SurveyPage(title=title, **{**defaults, **kwargs})
    survey.form_fields = [SurveyField(**field) for field in fields]
    survey.places = list(places)
    survey.themes = list(themes)
    parent.add_child(instance=survey)
    survey.save_revision().publish()
    survey.refresh_from_db()
    return survey


def answer(survey, place=None, **data):
    """A stored response, its "about you" answers kept apart as the survey form keeps them."""
    about_you = take_about_you(data, list(survey.form_fields.all()))
    submission = SurveySubmission.objects.create(page=survey, place=place, form_data=data)
    record_about_you(about_you, survey, place, submission=submission)
    return submission


RATING = {
    "label": "How green is the park",
    "field_type": "rating",
    "scale_min": 1,
    "scale_max": 7,
    "scale_min_label": "Not green",
    "scale_max_label": "Very green",
}
AGREE = {"label": "The park feels safe", "field_type": "agree"}
PLACE = {"label": "Your area", "field_type": "place"}
CHECKBOXES = {"label": "What do you use", "field_type": "checkboxes", "choices": "Paths\nPlayground\nCafe"}
TEXT = {"label": "Anything else", "field_type": "multiline", "required": False}
AGE = {
    "label": "Age band",
    "field_type": "radio",
    "choices": "Under 25\n25 to 64\n65 and over",
    "about_you": True,
}
