"""The admin is told apart by its anchored prefix: a public page whose slug starts with "admin" is
treated as every other public page (cached, under the CSP, forms checked by origin)."""

import pytest
from django.test import Client

from site_home.models import SiteSettings, StandardPage
from site_home.paths import is_admin_path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "admin"),
    [
        ("/admin/", True),
        ("/admin/pages/3/", True),
        ("/administrivia/", False),
        ("/admin", False),
        ("/", False),
    ],
)
def test_only_paths_under_the_admin_prefix_are_the_admin(path, admin):
    assert is_admin_path(path) is admin


@pytest.fixture
def administrivia(home_page):
    page = StandardPage(title="Administrivia", slug="administrivia", body=[])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    SiteSettings.for_site(home_page.get_site())
    return page


def test_a_public_page_named_like_the_admin_is_cached_and_under_the_csp(client, administrivia, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/administrivia/")["X-Page-Cache"] == "miss"
    hit = client.get("/administrivia/")
    assert hit["X-Page-Cache"] == "hit"
    assert "Content-Security-Policy" in hit


def test_forms_on_a_page_named_like_the_admin_are_checked_by_origin_not_token(administrivia):
    same_site = Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})
    cross_site = Client(enforce_csrf_checks=True, headers={"Origin": "https://evil.example"})
    assert same_site.post("/administrivia/", {}).status_code == 200
    assert cross_site.post("/administrivia/", {}).status_code == 403
