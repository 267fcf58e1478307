import pytest
from playwright.sync_api import expect

from surveys.models import SurveySubmission
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import (
    AGREE,
    PLACE,
    RATING,
    TEXT,
    answer,
    days,
    make_survey,
    make_survey_index,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def surveys(home_page, place_index):
    index = make_survey_index(home_page)
    north = make_place(place_index, title="North", slug="north")
    south = make_place(place_index, title="South", slug="south")
    park = make_survey(index, title="Our park", fields=[PLACE, RATING, AGREE, TEXT], results_public=True)
    earlier = make_survey(
        index,
        title="Place Standard 2025",
        is_place_standard=True,
        places=[north, south],
        opens_on=days(-400),
        closes_on=days(-300),
        results_public=True,
    )
    later = make_survey(
        index,
        title="Place Standard 2026",
        is_place_standard=True,
        places=[north, south],
        previous_round=earlier,
        results_public=True,
    )
    for survey, base in ((earlier, 2), (later, 4)):
        ratings = [f for f in survey.form_fields.all() if f.field_type == "rating"]
        for offset in range(3):
            answer(survey, north, **{f.clean_name: base + (i + offset) % 3 for i, f in enumerate(ratings)})
    return park, later


def test_resident_answers_a_survey_and_reads_the_results(page, live_site, surveys, assert_accessible):
    park, _ = surveys
    page.goto(live_site + "/surveys/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Surveys")
    assert_accessible(page)

    page.get_by_role("link", name="Our park").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our park")
    assert_accessible(page)

    page.get_by_label("Anything else").fill("More benches please")
    page.get_by_role("button", name="Send my answers").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose a score for “How green is the park”")
    expect(summary).to_contain_text("Choose the area you live in or know best")
    expect(page.get_by_label("Anything else")).to_have_value("More benches please")
    assert_accessible(page)

    page.get_by_role("radio", name="North").check()
    page.get_by_role("radio", name="6", exact=True).check()
    page.get_by_role("radio", name="Agree", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, we have your answers")
    assert_accessible(page)
    assert SurveySubmission.objects.get(page=park).place.slug == "north"

    page.get_by_role("link", name="See the results so far").click()
    expect(page.get_by_role("heading", name="What people said")).to_be_visible()
    expect(page.get_by_role("table", name="Answers to “The park feels safe” (1 answered)")).to_be_visible()
    assert_accessible(page)


def test_place_standard_results_show_the_compass_with_the_earlier_round(
    page, live_site, surveys, assert_accessible
):
    _, later = surveys
    page.goto(live_site + later.url + "results/")
    compass = page.get_by_role("img", name="Place Standard compass for North")
    expect(compass).to_be_visible()
    expect(page.get_by_text("Place Standard 2025 (dashed)")).to_be_visible()
    expect(page.get_by_role("table", name="Median scores in North")).to_contain_text("Place Standard 2025")
    assert_accessible(page)

    page.get_by_label("Show answers from").select_option("south")
    page.get_by_role("button", name="Show results").click()
    expect(page).to_have_url(live_site + later.url + "results/?place=south")
    expect(page.get_by_text("0 responses from South.")).to_be_visible()
    assert_accessible(page)


def test_survey_works_without_javascript(no_js_page, live_site, surveys):
    park, _ = surveys
    page = no_js_page
    page.goto(live_site + park.url)
    page.get_by_role("radio", name="South").check()
    page.get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("radio", name="Unsure").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, we have your answers")
    assert SurveySubmission.objects.get(page=park).place.slug == "south"
