"""An analyst codes a consultation's responses: selects several, applies a code, accepts a
suggestion; the coding screen and the published responses page are axe-clean."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from surveys.analysis.models import Code, Coding, Suggestion
from surveys.analysis.suggestions import make_suggestions
from surveys.models import Comment
from tests.consultations.factories import ReviewIndexPageFactory, days, make_review

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password-1"
BODIES = [
    "Open the halls until 9pm on weekday evenings, after work.",
    "Evening opening after work would let our choir meet.",
    "The hourly letting charge is too high for small groups.",
    "Later evening opening after school for the youth club.",
]


@pytest.fixture
def halls(home_page):
    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    review = make_review(
        index, title="Community halls", opening_date=days(-100), closing_date=days(-5), publish_responses=True
    )
    comments = [
        Comment.objects.create(
            page=review,
            body=body,
            display_name=f"Resident {n}",
            state=Comment.State.PUBLISHED,
            publication="anonymous" if n % 2 else "named",
        )
        for n, body in enumerate(BODIES)
    ]
    evening = Code.objects.create(page=review, label="Evening opening", description="open later evenings 9pm")
    Code.objects.create(page=review, label="Cost", description="charge price rate")
    return review, comments, evening


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user("analyst", "analyst@example.org", PASSWORD)
    for codename in ("access_admin", "code_responses"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def sign_in(page, live_site):
    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_analyst_codes_in_bulk_and_accepts_a_suggestion(
    page, live_site, halls, analyst, assert_accessible
):
    review, comments, evening = halls
    sign_in(page, live_site)
    page.goto(f"{live_site}/admin/surveys/coding/{review.pk}/")
    expect(page.get_by_role("heading", name="Responses")).to_be_visible()
    assert_accessible(page)

    page.get_by_label(BODIES[0]).check()
    page.get_by_label(BODIES[1]).check()
    page.locator("#id_code").select_option(label="Evening opening")
    page.get_by_role("button", name="Apply code to selected responses").click()
    expect(page.get_by_text("“Evening opening” applied to 2 responses.")).to_be_visible()
    assert set(Coding.objects.filter(code=evening).values_list("comment_id", flat=True)) == {
        comments[0].pk,
        comments[1].pk,
    }

    page.get_by_role("button", name="Suggest codes for responses without one").click()
    row = page.locator(f'tr[data-response="c{comments[3].pk}"]')
    expect(row.get_by_text("because of:")).to_be_visible()
    expect(row.locator(".cv-suggestion").first).to_contain_text("evening")
    assert not Coding.objects.filter(comment=comments[3]).exists()
    # Wagtail slides its message in from transparent: check colours once it has arrived.
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    assert_accessible(page)

    row.get_by_role("button", name="Accept Evening opening").click()
    expect(page.get_by_text("Suggestion accepted: code applied.")).to_be_visible()
    assert Coding.objects.filter(comment=comments[3], code=evening).exists()
    assert Suggestion.objects.get(comment=comments[3], code=evening).decision == "accepted"


def test_the_published_responses_page_is_accessible(page, live_site, halls, assert_accessible):
    review, comments, _ = halls
    make_suggestions(review)
    page.goto(live_site + review.url + "responses/")
    expect(page.get_by_role("heading", name="What people said")).to_be_visible()
    expect(page.get_by_text(BODIES[1])).to_be_visible()
    expect(page.get_by_text("Anonymous").first).to_be_visible()
    assert_accessible(page)
