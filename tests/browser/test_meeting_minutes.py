"""The journey from a meeting to a resident's inbox: an editor turns a sub-committee's resolution
into a commitment, a resident follows it, the editor posts an update and the follower is emailed.
The minutes page and the commitment page are axe-clean."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from consultations.models import CommitmentPage
from surveys.models import Follow
from tests.consultations.factories import CommitmentIndexPageFactory, PartnerFactory, make_minutes

pytestmark = pytest.mark.django_db(transaction=True)

RESOLUTION = "That an update on Social Prescribing be provided in September."


@pytest.fixture
def minutes(home_page):
    index = CommitmentIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    PartnerFactory(name="Kelvinford Health Board")
    return make_minutes(
        index,
        title="Thriving Communities Sub-Committee",
        items=(
            ("Thriving Communities programme", ("That an update be provided in 12 months.",)),
            ("Social prescribing", (RESOLUTION,)),
        ),
    )


def sign_in(page, live_site, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")
    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


def publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(re.compile(r"(created and|has been) published")).first).to_be_visible()


def test_editor_turns_a_resolution_into_a_commitment_and_a_follower_hears_of_its_update(
    page, browser, live_site, minutes, django_user_model, assert_accessible
):
    page.goto(live_site + minutes.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Thriving Communities Sub-Committee")
    expect(page.get_by_text("No commitment has been made from this resolution yet.")).to_have_count(2)
    assert_accessible(page)

    sign_in(page, live_site, django_user_model)
    index = minutes.get_parent()
    page.goto(f"{live_site}/admin/pages/add/consultations/commitmentpage/{index.pk}/")
    page.locator("#id_title").fill("Report on social prescribing in September")
    page.locator("#id_summary").fill(
        "The health board reports referrals by link workers to the sub-committee."
    )
    page.get_by_role("button", name="Choose partner").click()
    page.get_by_role("link", name="Kelvinford Health Board").click()
    page.locator("#id_due_date").fill("2027-09-30")
    page.locator("#id_recommendation_key").select_option(label=f"Resolution 2.1: {RESOLUTION}")
    publish(page)

    commitment = CommitmentPage.objects.get(title="Report on social prescribing in September")
    assert (commitment.source_page_id, commitment.recommendation_key) == (
        minutes.pk,
        minutes.resolution_list[1].key,
    )

    # A resident, not signed in, sees it beside the resolution and follows it.
    resident = browser.new_context().new_page()
    resident.goto(live_site + minutes.url)
    expect(resident.get_by_role("link", name="Report on social prescribing in September")).to_be_visible()
    assert_accessible(resident)
    resident.get_by_role("link", name="Report on social prescribing in September").click()
    expect(resident.get_by_role("link", name=minutes.title)).to_be_visible()
    assert_accessible(resident)
    resident.get_by_label("Email address").fill("morag@example.org")
    resident.get_by_role("button", name="Follow").click()
    expect(resident.get_by_role("heading", name="Check your email")).to_be_visible()
    [request] = mail.outbox
    resident.goto(live_site + re.search(r"(/feedback/follow/confirm/\S+/)", request.body).group(1))
    assert Follow.objects.get(page=commitment).is_confirmed

    # The editor posts an update; the follower is emailed.
    mail.outbox.clear()
    page.goto(f"{live_site}/admin/pages/{commitment.pk}/edit/")
    page.locator("#id_status").select_option(label="In progress")
    page.get_by_role("button", name="Add update").click()
    page.locator("textarea[name$='-text']").last.fill("Link workers started in all four Ashgrove practices.")
    publish(page)

    [update] = mail.outbox
    assert update.to == ["morag@example.org"]
    assert update.subject == "Commitment updated: Report on social prescribing in September"
    assert "Link workers started in all four Ashgrove practices." in update.body
    assert "Status: In progress." in update.body

    resident.goto(live_site + minutes.url)
    expect(resident.locator(f"#{minutes.resolution_list[1].key}").get_by_text("In progress")).to_be_visible()
    assert_accessible(resident)


def test_a_key_areas_easy_read_summary_sits_beside_its_text_and_is_accessible(
    page, live_site, home_page, place_index, theme_index, assert_accessible
):
    from tests.consultations.factories import ReviewIndexPageFactory, add_section, make_review

    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    review = make_review(index, title="Working together better", sections=0, publish=False)
    add_section(
        review, "Values", easy_read="<p>We want to trust each other.</p><p>We will meet every month.</p>"
    )
    review.save_revision().publish()
    page.set_viewport_size({"width": 320, "height": 800})  # reflows at 320 px
    page.goto(live_site + review.url)
    easy_read = page.locator(".cv-easy-read")
    expect(easy_read.get_by_role("heading", name=re.compile(r"^Easy Read"))).to_be_visible()
    expect(easy_read).to_contain_text("We will meet every month.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
