from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from site_home.models import PlacePage, SiteSettings, Theme

pytestmark = pytest.mark.django_db


def test_demo_builds_places_themes_and_standing_pages():
    call_command("load_demo", "--no-admin", stdout=StringIO())

    assert PlacePage.objects.live().count() == 10
    assert Theme.objects.filter(group=Theme.GROUP_REVIEW).count() == 8
    assert Theme.objects.filter(group=Theme.GROUP_PLACE_STANDARD).count() == 14
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.privacy_page and settings.accessibility_page and settings.guidelines_page
    for place in PlacePage.objects.all():
        assert place.priorities.count() == 3 and place.steering_group_members.exists()


def test_demo_is_idempotent_and_keeps_edits(client):
    out = StringIO()
    call_command("load_demo", "--no-admin", stdout=out)
    place = PlacePage.objects.get(slug="ashgrove")
    place.summary = "Edited by an editor."
    place.save_revision().publish()
    pages, themes = Page.objects.count(), Theme.objects.count()

    call_command("load_demo", "--no-admin", stdout=out)

    assert Page.objects.count() == pages
    assert Theme.objects.count() == themes
    assert PlacePage.objects.get(slug="ashgrove").summary == "Edited by an editor."
    assert client.get("/").status_code == 200


def test_demo_creates_admin_once(django_user_model):
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)
    assert django_user_model.objects.filter(username="admin", is_superuser=True).count() == 1
