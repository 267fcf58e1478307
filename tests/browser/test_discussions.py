import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from surveys.models import Comment
from tests.surveys.factories import CommentFactory, make_discussion

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hall(live_site, home_page):
    page = make_discussion(
        home_page, title="How should the community hall be used?", slug="hall", comment_publishing="confirm"
    )
    CommentFactory(page=page, display_name="Aileen", body="Weekday mornings for toddler groups, please.")
    return page


def fill_comment(page, body):
    page.get_by_label("Your name").fill("Morag")
    page.get_by_label("Email address").fill("morag@example.org")
    page.get_by_label("Your comment", exact=True).fill(body)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Post comment").click()


def test_resident_posts_confirms_by_email_and_sees_it_published(
    page, live_site, hall, assert_accessible, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_site  # emailed links are built on BASE_URL
    page.goto(live_site + hall.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("How should the community hall be used?")
    assert_accessible(page)

    fill_comment(page, "A repair café on the first Saturday of the month.")
    expect(page.get_by_text("Now check your email")).to_be_visible()
    expect(page.get_by_text("A repair café on the first Saturday")).to_have_count(0)
    assert_accessible(page)

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/feedback/confirm/\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    expect(page.get_by_text("Your comment is published")).to_be_visible()
    expect(page.get_by_text("A repair café on the first Saturday of the month.")).to_be_visible()
    assert Comment.objects.get(body__startswith="A repair café").state == Comment.State.PUBLISHED
    assert_accessible(page)


def test_form_errors_are_clear_accessible_and_keep_what_was_typed(page, live_site, hall, assert_accessible):
    page.goto(live_site + hall.url)
    page.get_by_label("Your comment", exact=True).fill("Keep this text")
    page.get_by_role("button", name="Post comment").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name to show with your comment")
    expect(summary).to_contain_text("Enter your email address")
    expect(summary).to_contain_text("Tick the box to say you have read the privacy notice")
    expect(page.get_by_label("Your comment", exact=True)).to_have_value("Keep this text")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Email address")).to_be_focused()


def test_resident_reports_a_comment_and_replies(page, live_site, hall, assert_accessible):
    page.goto(live_site + hall.url)
    page.get_by_role("link", name="Report the comment by Aileen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a comment")
    assert_accessible(page)
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select why you are reporting this comment")
    assert_accessible(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you for telling us")).to_be_visible()
    assert Comment.objects.get(display_name="Aileen").reports.count() == 1

    page.get_by_role("link", name="Reply to Aileen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reply to Aileen")
    assert_accessible(page)


def test_discussion_works_without_javascript(no_js_page, live_site, hall):
    hall.comment_publishing = "immediate"
    hall.save_revision().publish()
    page = no_js_page
    page.goto(live_site + hall.url)
    fill_comment(page, "Film nights in winter would be lovely.")
    expect(page.get_by_text("Your comment is published")).to_be_visible()
    expect(page.get_by_text("Film nights in winter would be lovely.")).to_be_visible()
    page.get_by_role("button", name="I agree with Aileen").click()
    expect(page.get_by_text("We have counted your agreement")).to_be_visible()
    expect(page.locator("#comments").get_by_text("1 person agrees")).to_be_visible()


def test_resident_finds_the_discussion_from_its_place_and_theme_pages(
    page, live_site, place_index, theme_index, home_page, assert_accessible
):
    from tests.site_home.factories import ThemeFactory, make_place

    ashgrove, funding = make_place(place_index, title="Ashgrove"), ThemeFactory(name="Funding")
    hall = make_discussion(
        home_page, title="How should the hall be used?", slug="hall", place=ashgrove, theme=funding
    )
    CommentFactory(page=hall, display_name="Aileen", body="Weekday mornings for toddler groups, please.")

    page.goto(live_site + ashgrove.url)
    section = page.get_by_role("region", name="Join the discussion in Ashgrove")
    expect(section).to_contain_text("1 comment · Funding")
    assert_accessible(page)

    section.get_by_role("link", name="How should the hall be used?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How should the hall be used?")
    expect(page.get_by_label("Where do you live or work? (optional)")).to_have_value(ashgrove.slug)

    page.goto(f"{live_site}/themes/{funding.slug}/")
    section = page.get_by_role("region", name="Join the discussion")
    expect(section.get_by_role("link", name="How should the hall be used?")).to_be_visible()
    expect(section).to_contain_text("1 comment · Ashgrove")
    assert_accessible(page)
