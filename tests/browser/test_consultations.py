import re

import pytest
from playwright.sync_api import expect

from tests.consultations.factories import ReviewIndexPageFactory, days, make_review
from tests.site_home.factories import make_place

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def review(live_site, home_page, place_index, theme_index):
    make_place(place_index, title="Ashgrove")
    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    review = make_review(index, title="Working together better", sections=2, recs=2)
    return review


def counts(page, key):
    return page.locator(f'[data-counts="{key}"]')


def test_resident_reads_agrees_and_comments(page, live_site, review, assert_accessible):
    section = review.section_list[1]
    rec = section.recommendation_list[0]
    page.goto(live_site + "/")
    page.get_by_role("link", name="Working together better").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Working together better")
    assert_accessible(page)

    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Key area 2").click()
    expect(page).to_have_url(re.compile(f"#section-{section.key}$"))
    expect(page.get_by_role("heading", name="2. Key area 2")).to_be_visible()

    item = page.locator(f"#{rec.key}")
    item.get_by_label("Agree", exact=True).check()
    item.get_by_label("Where are you responding from? (optional)").select_option(label="Ashgrove")
    item.get_by_role("button", name="Send my view").click()
    expect(page).to_have_url(re.compile(f"#{rec.key}$"))
    expect(
        page.get_by_text("Thank you: your view on recommendation 2.1 (agree) is recorded.")
    ).to_be_visible()
    expect(counts(page, rec.key)).to_have_text("0 comments, 1 agree, 0 disagree, 0 not sure")
    expect(counts(page, section.key)).to_have_text("0 comments, 1 agree, 0 disagree, 0 not sure")

    page.locator(f"#section-{section.key}").get_by_role(
        "link", name=re.compile("comment on this key area")
    ).click()
    expect(page.get_by_role("heading", name="Comments on this key area")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Morag")
    page.get_by_label("Email address").fill("morag@example.org")
    page.get_by_role("textbox", name="Your comment").fill("Ask community groups at the start, please.")
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Ask community groups at the start, please.")).to_be_visible()

    page.get_by_role("link", name="Back to the review").click()
    expect(counts(page, section.key)).to_have_text("1 comment, 1 agree, 0 disagree, 0 not sure")


def test_agree_form_works_with_the_keyboard_alone(page, live_site, review):
    rec = review.section_list[0].recommendation_list[1]
    page.goto(review.full_url)
    item = page.locator(f"#{rec.key}")
    item.get_by_role("link", name="Comments on recommendation 1.2").focus()
    page.keyboard.press("Tab")
    expect(item.get_by_label("Agree", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")  # radios move and select with the arrow keys
    expect(item.get_by_label("Disagree", exact=True)).to_be_checked()
    page.keyboard.press("Tab")
    expect(item.get_by_role("combobox")).to_be_focused()
    page.keyboard.press("Tab")
    expect(item.get_by_role("button", name="Send my view")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("recommendation 1.2 (disagree) is recorded")).to_be_visible()
    expect(counts(page, rec.key)).to_have_text("0 comments, 0 agree, 1 disagree, 0 not sure")


def test_error_state_index_and_outcome_are_accessible(page, live_site, review, assert_accessible):
    rec = review.section_list[0].recommendation_list[0]
    page.goto(review.full_url)
    page.locator(f"#{rec.key}").get_by_role("button", name="Send my view").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_role("link", name="Choose agree, disagree or not sure").click()
    expect(page.get_by_label("Agree", exact=True)).to_be_focused()
    assert_accessible(page)

    index_url = review.get_parent().full_url
    page.goto(index_url + "?status=open")
    expect(page.get_by_role("heading", name="1 review")).to_be_visible()
    assert_accessible(page)

    closed = make_review(
        review.get_parent(), title="Hall hours", opening_date=days(-30), closing_date=days(-2), publish=False
    )
    closed.outcome_published = True
    closed.outcome_summary = "<p>Halls now open later on three evenings.</p>"
    closed.save_revision().publish()
    page.goto(closed.full_url)
    expect(page.get_by_role("heading", name="The outcome")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Read the draft as it was consulted on")).click()
    expect(page.get_by_text("Feedback closed on")).to_be_visible()
    assert_accessible(page)


def test_review_works_without_javascript(no_js_page, live_site, review):
    rec = review.section_list[0].recommendation_list[0]
    page = no_js_page
    page.goto(review.get_parent().full_url)
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"status=open"))
    page.get_by_role("link", name="Working together better").click()
    page.locator(f"#{rec.key}").get_by_label("Not sure").check()
    page.locator(f"#{rec.key}").get_by_role("button", name="Send my view").click()
    expect(counts(page, rec.key)).to_have_text("0 comments, 0 agree, 0 disagree, 1 not sure")
