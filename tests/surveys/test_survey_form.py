import re

import pytest
from django.core import mail

from surveys.models import SurveySubmission
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import (
    AGE,
    AGREE,
    CHECKBOXES,
    PLACE,
    RATING,
    TEXT,
    make_survey,
    make_survey_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_index(home_page):
    return make_survey_index(home_page)


@pytest.fixture
def north(place_index):
    return make_place(place_index, title="North", slug="north")


@pytest.fixture
def survey(survey_index, north):
    return make_survey(
        survey_index, fields=[PLACE, RATING, AGREE, CHECKBOXES, TEXT, AGE], results_public=True
    )


def input_tag(html, name, value):
    """The <input> for this name and value, its attributes on one line ("" if missing)."""
    for tag in re.findall(r"<input\s[^>]*>", html):
        tag = " ".join(tag.split())
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return tag
    return ""


def names(survey):
    return {f.label: f.clean_name for f in survey.form_fields.all()}


def valid_answers(survey, **overrides):
    n = names(survey)
    data = {
        n["Your area"]: "north",
        n["How green is the park"]: "6",
        n["The park feels safe"]: "Unsure",
        n["What do you use"]: ["Paths", "Cafe"],
        n["Anything else"]: "More benches please",
        n["Age band"]: "Prefer not to say",
    }
    return {**data, **overrides}


def test_the_form_shows_each_question_type_in_govuk_markup(client, survey):
    html = client.get(survey.url).content.decode()
    n = names(survey)
    assert 'class="govuk-radios cv-scale__options"' in html  # the rating scale
    text = re.sub(r"<[^>]+>", "", html)
    assert "1 – Not green" in text and "7 – Very green" in text  # each end's meaning in its label
    ends = '<p class="cv-scale__ends" aria-hidden="true"><span>Not green</span><span>Very green</span></p>'
    assert ends in html  # shown under the row's ends, once, for sighted people
    assert "1 means not green, 7 means very green." in html
    assert input_tag(html, n["The park feels safe"], "Disagree")
    assert 'type="radio"' in input_tag(html, n["Your area"], "north")
    assert "About you (optional)" in html and input_tag(html, n["Age band"], "Prefer not to say")
    assert "style=" not in html


def test_a_resident_answers_and_the_answer_is_stored_with_its_place(client, survey, north):
    response = client.post(survey.url, valid_answers(survey))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you, we have your answers" in html and "What happens next" in html
    assert survey.url + "results/" in html
    submission = SurveySubmission.objects.get()
    n = names(survey)
    assert submission.place == north
    assert submission.form_data[n["How green is the park"]] == 6
    assert submission.form_data[n["What do you use"]] == ["Paths", "Cafe"]
    assert "website" not in submission.form_data


def test_the_surveys_only_place_is_used_without_a_place_question(client, survey_index, north):
    survey = make_survey(survey_index, fields=[AGREE], places=[north])
    client.post(survey.url, {names(survey)["The park feels safe"]: "Agree"})
    assert SurveySubmission.objects.get().place == north


def test_errors_are_summarised_and_what_was_typed_is_kept(client, survey):
    n = names(survey)
    data = valid_answers(survey)
    del data[n["How green is the park"]]
    data[n["The park feels safe"]] = ""
    response = client.post(survey.url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("There is a problem") < html.index('<form method="post"')
    assert "Choose a score for “How green is the park”" in html
    assert "Choose agree, disagree or unsure for “The park feels safe”" in html
    link = f'href="#id_{n["How green is the park"]}_1"'  # the first radio, which exists on the page
    assert link in html and f'id="id_{n["How green is the park"]}_1"' in html
    assert "More benches please" in html  # typed text kept
    assert 'value="Cafe" checked' in html or 'value="Cafe"\n' in html
    assert "checked" in html.split('value="north"')[1][:40]
    assert not SurveySubmission.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_stored(client, survey):
    response = client.post(survey.url, {**valid_answers(survey), "website": "http://spam.example"})
    assert response.status_code == 200 and b"Thank you" in response.content
    assert not SurveySubmission.objects.exists()


def test_floods_are_rate_limited(client, survey, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/h"
    statuses = [client.post(survey.url, valid_answers(survey)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert SurveySubmission.objects.count() == 2


def test_the_notification_email_is_queued_after_the_answer_is_stored(
    client, survey, django_capture_on_commit_callbacks
):
    survey.notification_email = "team@example.org"
    survey.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(survey.url, valid_answers(survey))
    assert SurveySubmission.objects.count() == 1 and mail.outbox == []  # stored first
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@example.org"] and "Our park" in message.subject
    assert "for North" in message.body and "More benches" not in message.body
