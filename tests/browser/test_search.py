import pytest
from playwright.sync_api import expect

from tests.site_home.factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_misspelt_place_offers_the_right_spelling(
    page, live_site, place_index, theme_index, assert_accessible
):
    place = make_place(place_index, title="Harbourside", summary="Flats and a working harbour.")
    ThemeFactory(name="Moving around", slug="moving-around", description="Walking and cycling.")

    page.goto(live_site + "/search/?q=Harborside")
    expect(page.get_by_role("heading", name="0 results for “Harborside”")).to_be_visible()
    expect(page.get_by_text("Did you mean harbourside?")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="harbourside").click()
    expect(page.get_by_role("heading", name="1 result for “harbourside”")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Harbourside").last.click()
    expect(page).to_have_url(f"{live_site}{place.url}")
