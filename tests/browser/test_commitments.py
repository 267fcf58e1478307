import pytest
import wagtail_factories
from playwright.sync_api import expect

from consultations.models import CommitmentStatus, CommitmentUpdate
from tests.consultations.factories import (
    CommitmentIndexPageFactory,
    PartnerFactory,
    ReviewIndexPageFactory,
    days,
    make_commitment,
    make_review,
)
from tests.site_home.factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tracker(home_page, place_index, theme_index):
    index = CommitmentIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    reviews = ReviewIndexPageFactory(parent=home_page)
    reviews.save_revision().publish()
    review = make_review(reviews, title="Community halls", opening_date=days(-90), closing_date=days(-30))
    rec = review.section_list[0].recommendation_list[0]
    ashgrove, fernbank = make_place(place_index, title="Ashgrove"), make_place(place_index, title="Fernbank")
    funding = ThemeFactory(name="Funding")
    council = PartnerFactory(name="Kelvinford City Council", website="https://council.example.org")
    late = make_commitment(
        index,
        title="Open every hall until 9pm",
        places=[ashgrove, fernbank],
        themes=[funding],
        partner=council,
        source_page=review,
        recommendation_key=rec.key,
        due_date=days(-7),
        status=CommitmentStatus.IN_PROGRESS,
    )
    CommitmentUpdate.objects.create(page=late, date=days(-20), text="Rotas redrawn.", sort_order=0)
    CommitmentUpdate.objects.create(
        page=late,
        date=days(-2),
        text="Fernbank hall now open late twice a week.",
        link="https://council.example.org/halls",
        link_text="Hall opening times",
        image=wagtail_factories.ImageFactory(),
        image_alt="The hall lit up at night",
        sort_order=1,
    )
    make_commitment(
        index,
        title="An evening clinic",
        places=[fernbank],
        partner=PartnerFactory(name="Health Board"),
        due_date=days(-40),
        status=CommitmentStatus.NOT_GOING_AHEAD,
        status_reason="The lease ends next year.",
    )
    make_commitment(index, title="Publish the budget", places=[ashgrove], partner=council, due_date=days(90))
    return {"index": index, "late": late}


def test_resident_filters_the_tracker_and_reads_a_commitment(page, live_site, tracker, assert_accessible):
    page.goto(live_site + tracker["index"].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("What we said we would do")
    expect(page.get_by_role("heading", name="3 commitments")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Place").select_option(label="Ashgrove")
    page.get_by_label("Who made it").select_option(label="Kelvinford City Council")
    page.get_by_role("button", name="Apply filters").click()
    expect(
        page.get_by_role("heading", name="2 commitments for Ashgrove, Kelvinford City Council")
    ).to_be_visible()
    expect(page.get_by_role("link", name="An evening clinic")).to_have_count(0)
    page.get_by_role("link", name="Overdue: 1").click()
    expect(
        page.get_by_role("heading", name="1 commitment for Ashgrove, Kelvinford City Council, Overdue")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Open every hall until 9pm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open every hall until 9pm")
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    updates = page.locator(".cv-update")
    expect(updates.first).to_contain_text("Fernbank hall now open late twice a week.")
    expect(updates.last).to_contain_text("Rotas redrawn.")
    expect(page.get_by_role("link", name="Community halls")).to_be_visible()
    assert_accessible(page)


def test_editor_settles_a_commitment_with_a_reason_and_posts_an_update(
    page, live_site, tracker, django_user_model
):
    from consultations.models import CommitmentPage

    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")
    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Commitments due and overdue")).to_be_visible()
    page.get_by_role("link", name="Open every hall until 9pm").first.click()

    commitment = tracker["late"]
    expect(page).to_have_url(f"{live_site}/admin/pages/{commitment.pk}/edit/")
    page.locator("#id_status").select_option(label="Done")
    page.get_by_role("button", name="Add update").click()
    page.locator("textarea[name$='-text']").last.fill("Every hall now open until 9pm.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Say why the status is ‘done’: residents see this reason.")).to_be_visible()

    page.locator("#id_status_reason").fill("All six halls open late from Monday to Friday.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    commitment = CommitmentPage.objects.get(pk=commitment.pk)
    assert commitment.status == "done" and commitment.live
    page.goto(live_site + commitment.url)
    expect(page.locator(".cv-update").first).to_contain_text("Every hall now open until 9pm.")
    expect(page.get_by_text("All six halls open late from Monday to Friday.")).to_be_visible()
    expect(page.get_by_text("Overdue", exact=True)).to_have_count(0)
