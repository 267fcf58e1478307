"""Printable paper copies of a survey and of a review's response form, from the same questions."""

import re

import pytest

from site_home.models import SiteSettings
from surveys.builder.presets import SurveyPreset
from tests.consultations.factories import ReviewIndexPageFactory, make_review
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
def return_address(home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.postal_address = "Freepost COMMUNITY VOICE\n1 High Street\nG1 1AA"
    settings.contact_phone = "0141 000 0000"
    settings.save()


def boxes(html):
    return len(re.findall(r'class="cv-paper__box"', html))


def test_paper_copy_lists_every_question_with_boxes_lines_and_the_return_address(
    client, home_page, place_index, return_address
):
    make_place(place_index, title="North", slug="north")
    survey = make_survey(make_survey_index(home_page), fields=[PLACE, RATING, AGREE, CHECKBOXES, TEXT, AGE])
    assert f'href="{survey.url}paper/"' in client.get(survey.url).content.decode()

    response = client.get(survey.url + "paper/")
    html = response.content.decode()
    assert response.status_code == 200 and "css/paper.css" in html
    for field in (PLACE, RATING, AGREE, CHECKBOXES, TEXT, AGE):
        assert field["label"] in html
    # North; 1 to 7; agree, disagree, unsure; three uses; three age bands and "Prefer not to say".
    assert boxes(html) == 1 + 7 + 3 + 3 + 4
    assert "Not green" in html and "Very green" in html and "Tick all that apply." in html
    assert 'class="cv-paper__lines cv-paper__lines--6"' in html  # the free-text question
    assert "Freepost COMMUNITY VOICE<br>1 High Street" in html and "Call 0141 000 0000." in html
    assert html.index(AGE["label"]) > html.index(TEXT["label"])  # "about you" last


def test_paper_place_standard_has_every_theme_and_i_dont_know(client, home_page):
    survey = make_survey(make_survey_index(home_page), title="Kids", preset=SurveyPreset.CHILDREN)
    html = client.get(survey.url + "paper/").content.decode()
    ratings = [f for f in survey.questions if f.field_type == "rating"]
    assert all(f.label.replace("'", "&#x27;") in html for f in survey.questions)
    assert boxes(html) == len(ratings) * 4  # 1, 2, 3 and "I don't know"
    assert html.count("I don&#x27;t know") == len(ratings)


def test_paper_review_form_has_every_recommendation_and_room_for_comments(client, home_page, return_address):
    review = make_review(ReviewIndexPageFactory(parent=home_page), sections=2, recs=3)
    review.save_revision().publish()
    assert f'href="{review.url}paper/"' in client.get(review.url).content.decode()
    html = client.get(review.url + "paper/").content.decode()
    for section in review.section_list:
        assert section.title in html
        for rec in section.recommendation_list:
            assert rec.text in html and f"Recommendation {rec.number}" in html
    assert boxes(html) == 6 * 3  # agree, disagree, not sure under each recommendation
    assert html.count('class="cv-paper__lines cv-paper__lines--6"') == 2
    assert "Freepost COMMUNITY VOICE" in html
