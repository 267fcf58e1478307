import pytest
from playwright.sync_api import expect

from tests.site_home.factories import (
    PlacePriorityFactory,
    SteeringGroupMemberFactory,
    ThemeFactory,
    make_place,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hub(place_index, theme_index):
    theme = ThemeFactory(name="Moving around", description="Walking and cycling routes.")
    place = make_place(
        place_index, title="Ashgrove", summary="Proud of its allotments and youth football club."
    )
    SteeringGroupMemberFactory(place=place, name="Ashgrove Tenants")
    PlacePriorityFactory(place=place, theme=theme, title="Safer routes to school")
    place.save_revision().publish()
    return place


def test_visitor_goes_home_place_theme_search(page, live_site, hub, assert_accessible):
    page.goto(live_site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say")
    assert_accessible(page)

    page.get_by_role("link", name="Ashgrove").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ashgrove")
    expect(page.get_by_text("Ashgrove Tenants")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Moving around").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moving around")
    expect(page.get_by_role("link", name="Ashgrove")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search this site").fill("allotments")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("heading", name="1 result for “allotments”")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ashgrove").last.click()
    expect(page).to_have_url(f"{live_site}{hub.url}")


@pytest.mark.parametrize("path", ["/places/", "/themes/", "/search/?q=nothing-matches", "/missing-page/"])
def test_other_foundation_pages_are_accessible(page, live_site, hub, assert_accessible, path):
    page.goto(live_site + path)
    assert_accessible(page)


def test_site_works_without_javascript(no_js_page, live_site, hub):
    page = no_js_page
    page.goto(live_site + "/")
    page.get_by_role("link", name="Places").first.click()
    page.get_by_role("link", name="Ashgrove").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ashgrove")
    page.get_by_label("Search this site").fill("football")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("link", name="Ashgrove").last).to_be_visible()
