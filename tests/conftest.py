"""Shared fixtures: a Wagtail site with a home page, and the hub pages most tests need.

Per-app factories live in tests/<app>/factories.py.
"""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from site_home.models import HomePage, SiteSettings, ThemeIndexPage
from tests.site_home.factories import place_index_for


@pytest.fixture
def client():
    """Django's test client sending an Origin header on every request, as browsers do on POST.
    Anonymous form posts are checked by origin (site_home.security), not by CSRF token."""
    from django.test import Client

    return Client(headers={"Origin": "http://testserver"})


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request under /cy/ leaves Welsh active in its thread, as Django's own LocaleMiddleware
    does: each test starts and ends in the site's first language, whatever ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail caches site root paths, and the rate limits and navigation live in the caches too.
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def uncached_fragments(monkeypatch):
    """Render hub sections and the blank comment form on every request, so query counts measure
    the real work, not the cache."""
    monkeypatch.setattr("site_home.page_cache.FRAGMENT_SECONDS", 0)


@pytest.fixture
def home_page(db):
    # Transactional (browser) tests flush the tables the migrations filled: rebuild the root.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Have your say", slug="home", introduction="Shape what happens where you live.")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test"
    )
    # Made on a site's first request otherwise: a content write, which would start a new cache
    # version in the middle of a test's first measurement.
    SiteSettings.for_site(site)
    return home


@pytest.fixture
def place_index(home_page):
    # There is only one; a discussion's default place may have made it already.
    return place_index_for(home_page)


@pytest.fixture
def theme_index(home_page):
    page = ThemeIndexPage(title="Themes", slug="themes", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
