"""Paper copies, staff entry of paper responses and the results at 320 px, in Chromium."""

import pytest
from playwright.sync_api import expect

from surveys.builder.presets import SurveyPreset
from surveys.models import SurveySubmission
from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import AGREE, RATING, TEXT, answer, days, make_survey, make_survey_index

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = 320


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": NARROW, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture
def surveys(home_page, place_index):
    index = make_survey_index(home_page)
    north = make_place(place_index, title="North", slug="north")
    park = make_survey(
        index, title="Our park", fields=[RATING, AGREE, TEXT], places=[north], results_public=True
    )
    previous = None
    for year in (2024, 2025, 2026):
        previous = make_survey(
            index,
            title=f"Place Standard {year}",
            preset=SurveyPreset.PLACE_STANDARD,
            places=[north],
            previous_round=previous,
            opens_on=days(-5 - 365 * (2026 - year)),
            closes_on=days(20 - 365 * (2026 - year)),
            results_public=True,
        )
        ratings = [f for f in previous.questions if f.field_type == "rating"]
        for offset in range(3):
            answer(
                previous, north, **{f.clean_name: 1 + (i + offset + year) % 7 for i, f in enumerate(ratings)}
            )
    SurveySubmission.objects.create(
        page=previous, place=north, form_data={ratings[0].clean_name: 5}, channel="paper"
    )
    return park, previous


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def test_results_survey_and_paper_pages_reflow_at_320_px(narrow_page, live_site, surveys, assert_accessible):
    park, standard = surveys
    review = make_review(ReviewIndexPageFactory(parent=park.get_parent().get_parent()), sections=2, recs=2)
    page = narrow_page
    for url in (
        standard.url + "results/",
        park.url + "results/",
        standard.url,
        park.url,
        standard.url + "paper/",
        review.url + "paper/",
    ):
        page.goto(live_site + url)
        assert scroll_width(page) <= NARROW, f"{url} scrolls sideways: {page.evaluate(WIDE)}"
        if "paper" in url:
            assert_accessible(page)
    page.goto(live_site + standard.url + "results/")
    svg = page.locator(".cv-compass__svg").first.bounding_box()
    assert svg["width"] <= NARROW - 30  # it scales into the column, page margins included
    expect(page.get_by_role("table", name="How the answers reached us")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Place Standard 2024")).to_be_visible()


def test_paper_pages_are_accessible_at_desktop_width(page, live_site, surveys, assert_accessible):
    park, standard = surveys
    page.goto(live_site + park.url)
    page.get_by_role("link", name="Print a paper copy to fill in by hand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our park")
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".cv-no-print").first).to_be_hidden()
    page.emulate_media(media="screen")
    page.goto(live_site + standard.url + "paper/")
    assert_accessible(page)


def test_staff_enter_a_paper_response_that_shows_in_the_results(page, live_site, surveys, django_user_model):
    park, _ = surveys
    django_user_model.objects.create_superuser("clerk", "clerk@example.org", "a-long-test-password-1")
    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill("clerk")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_site + "/admin/")
    page.goto(f"{live_site}/admin/surveys/{park.pk}/enter/")
    expect(page.get_by_text("Enter a paper, phone or event response")).to_be_visible()

    page.get_by_label("Paper", exact=True).check()
    page.get_by_role("button", name="Save this response").click()
    expect(page.get_by_text("Choose a score for “How green is the park”")).to_be_visible()

    page.get_by_label("6", exact=True).check()
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("Anything else").fill("More bins by the pond")
    page.get_by_role("button", name="Save this response").click()
    expect(page.get_by_text("Response entered (paper)")).to_be_visible()
    entered = SurveySubmission.objects.get(page=park)
    assert entered.channel == "paper" and entered.form_data["anything_else"] == "More bins by the pond"

    page.goto(live_site + park.url + "results/")
    expect(page.get_by_text("1 response.")).to_be_visible()
