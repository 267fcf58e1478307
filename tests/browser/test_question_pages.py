"""A survey asked one question per page, in a browser with and without JavaScript: answer, back,
change, check answers and send; save and come back through the emailed link. Axe on every step."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from surveys.models import SurveyDraft, SurveySubmission
from tests.events.factories import EventIndexPageFactory
from tests.surveys.survey_factories import AGE, RATING, TEXT, make_survey, make_survey_index

pytestmark = pytest.mark.django_db(transaction=True)

USES = {"label": "Do you use the park", "field_type": "radio", "choices": "Yes\nNo"}
HOW_OFTEN = {
    "label": "How often do you visit",
    "field_type": "radio",
    "choices": "Every week\nEvery month",
    "show_if_question": "Do you use the park",
    "show_if_answer": "Yes",
}


@pytest.fixture
def park(home_page):
    fields = [USES, HOW_OFTEN, RATING, {**TEXT, "same_page_as_previous": True}, AGE]
    return make_survey(make_survey_index(home_page), fields=fields, question_pages=True)


def heading(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_answer_go_back_change_check_and_send(browser, live_site, park, assert_accessible, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    check = assert_accessible if javascript else (lambda page: None)  # axe needs JavaScript
    page.goto(live_site + park.url)
    check(page)
    page.get_by_role("button", name="Start now").click()
    expect(heading(page)).to_have_text("Do you use the park")
    expect(page.get_by_text("Question 1 of 4")).to_be_visible()
    check(page)

    page.get_by_role("button", name="Continue").click()  # nothing chosen
    expect(page.locator(".govuk-error-summary")).to_contain_text("Answer the question “Do you use the park”")
    check(page)
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Continue").click()

    expect(heading(page)).to_have_text("How often do you visit")
    expect(page.get_by_text("Question 2 of 5")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("radio", name="Yes")).to_be_checked()  # the answer is kept
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("radio", name="Every week").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("Questions 3 to 4 of 5")).to_be_visible()
    check(page)
    page.get_by_role("radio", name="6", exact=True).check()
    page.get_by_label("Anything else").fill("More benches")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("radio", name="65 and over").check()
    page.get_by_role("button", name="Continue").click()

    expect(heading(page)).to_have_text("Check your answers before sending them")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Every week")
    check(page)
    page.get_by_role("link", name="Change your answer to “Do you use the park”").click()
    check(page)
    page.get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Check your answers before sending them")
    expect(page.locator(".govuk-summary-list")).not_to_contain_text("How often do you visit")

    page.get_by_role("button", name="Send my answers").click()
    expect(heading(page)).to_have_text("Thank you, we have your answers")
    check(page)
    answers = SurveySubmission.objects.get(page=park).form_data
    names = {f.label: f.clean_name for f in park.form_fields.all()}
    assert answers[names["Do you use the park"]] == "No" and names["How often do you visit"] not in answers
    assert answers[names["Anything else"]] == "More benches"
    context.close()


def test_save_and_come_back_through_the_emailed_link(
    no_js_page, page, live_site, park, assert_accessible, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_site  # emailed links are built on BASE_URL
    no_js_page.goto(live_site + park.url + "answer/")
    no_js_page.get_by_role("radio", name="Yes").check()
    no_js_page.get_by_role("button", name="Save and come back later").click()
    expect(heading(no_js_page)).to_have_text("Save your answers and come back later")
    no_js_page.get_by_label("Email address").fill("resident@example.org")
    no_js_page.get_by_role("button", name="Email me a link").click()
    expect(heading(no_js_page)).to_have_text("Check your email")
    assert SurveyDraft.objects.get().email == "resident@example.org"

    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(link)  # another browser, with JavaScript
    expect(heading(page)).to_have_text("How often do you visit")
    expect(page.get_by_text("Question 2 of 5")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("radio", name="Yes")).to_be_checked()
    page.goto(link)
    page.get_by_role("radio", name="Every month").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("radio", name="Under 25").check()
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(heading(page)).to_have_text("Thank you, we have your answers")
    assert not SurveyDraft.objects.exists()
    page.goto(link)
    expect(heading(page)).to_have_text("We cannot find these answers")
    assert_accessible(page)


def test_question_pages_and_the_date_filter_reflow_at_320_pixels(browser, live_site, park, home_page):
    EventIndexPageFactory(parent=home_page).save_revision().publish()
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()

    def fits():
        return page.evaluate("document.scrollingElement.scrollWidth") <= 320

    page.goto(live_site + park.url + "answer/")
    page.get_by_role("button", name="Continue").click()  # with the error summary
    assert fits()
    page.get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Continue").click()
    assert fits()  # a rating scale and a text box on one page
    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("radio", name="25 to 64").check()
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Check your answers before sending them")
    assert fits()
    page.goto(live_site + "/events/?date_from-day=31&date_from-month=2&date_from-year=2027")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The ‘from’ date must be a real date")
    assert fits()
    context.close()
