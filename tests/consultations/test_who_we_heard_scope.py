"""A consultation's "who we heard from" counts the responses to the survey it links to."""

import pytest
from django.urls import reverse

from surveys.equalities.reach import page_scope, scope_pages, who_we_heard
from tests.consultations.factories import make_review
from tests.surveys.survey_factories import RATING, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db


def test_a_consultation_counts_the_answers_to_its_survey(client, review_index, home_page, django_user_model):
    survey = make_survey(make_survey_index(home_page), fields=[RATING], ask_about_you=True)
    other = make_survey(survey.get_parent(), title="Other survey", fields=[RATING], ask_about_you=True)
    review = make_review(review_index, title="Better relationships", survey_page=survey)
    key = survey.form_fields.get(standard_question="sex").clean_name
    for _ in range(6):
        answer(survey, **{key: "Female"})
    answer(other, **{other.form_fields.get(standard_question="sex").clean_name: "Male"})

    assert review.pk in {page.pk for page in scope_pages()}
    report = who_we_heard(page_scope(review))
    sex = next(measure for measure in report.measures if measure.key == "sex")
    assert {row.group: str(row.count) for row in sex.rows}["Female"] == "6"
    assert str(report.responses) == "6"  # not the other survey's answer
    client.force_login(django_user_model.objects.create_superuser("lead", "lead@example.org", "pw-12345678"))
    html = client.get(reverse("surveys_who_we_heard"), {"page": review.pk}).content.decode()
    assert "Better relationships" in html and "Responses: 6." in html
