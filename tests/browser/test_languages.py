"""A resident switches to Welsh and back with the header's language select; every page is
axe-clean in each language."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Locale

from tests.surveys.factories import make_discussion

pytestmark = pytest.mark.django_db(transaction=True)


def translate(page, code, **fields):
    locale, _ = Locale.objects.get_or_create(language_code=code)  # the live server emptied the tables
    copy = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    cache.clear()
    return copy


@pytest.fixture
def welsh_site(live_site, home_page):
    discussion = make_discussion(home_page, title="The community hall", slug="hall")
    translate(home_page, "cy", title="Dweud eich dweud", introduction="Helpwch i siapio eich ardal.")
    translate(discussion, "cy", title="Y neuadd gymunedol")
    translate(home_page, "gd", title="Abair do bheachd")
    return discussion


def test_a_resident_reads_a_page_in_welsh_and_goes_back_to_english(
    page, live_site, welsh_site, assert_accessible
):
    page.goto(live_site + welsh_site.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("The community hall")
    assert_accessible(page)

    page.get_by_role("navigation", name="Choose a language").get_by_role("link", name="Cymraeg").click()
    expect(page).to_have_url(f"{live_site}/cy/hall/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Y neuadd gymunedol")
    expect(page.get_by_role("button", name="Chwilio")).to_be_visible()  # our own words, in Welsh
    assert_accessible(page)

    page.get_by_role("navigation", name="Dewis iaith").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_site}/hall/")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")


@pytest.mark.parametrize("path", ["/cy/", "/gd/", "/cy/search/?q=neuadd", "/gd/hall/"])
def test_pages_in_every_language_are_accessible(page, live_site, welsh_site, assert_accessible, path):
    page.goto(live_site + path)
    assert_accessible(page)
