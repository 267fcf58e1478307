from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, ReferenceIndex, Site

from site_home.models import PlacePage, SiteSettings, Theme

pytestmark = pytest.mark.django_db


def test_demo_builds_the_site_once_keeps_edits_and_creates_the_admin_once(client, django_user_model):
    """One test, because each build takes seconds: first run, checks, an editor's edit, second run."""
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert PlacePage.objects.live().count() == 10
    assert Theme.objects.filter(group=Theme.Group.REVIEW).count() == 8
    assert Theme.objects.filter(group=Theme.Group.PLACE_STANDARD).count() == 14
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.privacy_page and settings.accessibility_page and settings.guidelines_page
    for place in PlacePage.objects.prefetch_related("priorities", "steering_group_members"):
        assert len(place.priorities.all()) == 3 and place.steering_group_members.all()
    # Some answers came on paper, by phone or at an event, typed in by staff; the event is named.
    from consultations.models import RecommendationResponse
    from surveys.models import SurveyPage, SurveySubmission

    channels = set(SurveySubmission.objects.values_list("channel", flat=True))
    assert channels == {"online", "paper", "phone", "event"}
    assert not SurveySubmission.objects.filter(channel="event", event__isnull=True).exists()
    assert RecommendationResponse.objects.filter(channel="event", event__isnull=False).exists()
    assert (
        SurveyPage.objects.get(preset="place_standard_children").form_fields.filter(scale_max=3).count() == 14
    )
    assert (
        settings.postal_address
        or SiteSettings.for_site(Site.objects.get(is_default_site=True)).postal_address
    )
    # The reference index is rebuilt once at the end rather than on every save.
    assert ReferenceIndex.objects.exists()

    place = PlacePage.objects.get(slug="ashgrove")
    place.summary = "Edited by an editor."
    place.save_revision().publish()
    pages, themes = Page.objects.count(), Theme.objects.count()

    call_command("load_demo", stdout=out)

    assert Page.objects.count() == pages
    assert Theme.objects.count() == themes
    assert PlacePage.objects.get(slug="ashgrove").summary == "Edited by an editor."
    assert django_user_model.objects.filter(username="admin", is_superuser=True).count() == 1
    assert client.get("/").status_code == 200
    # The privacy notice promises what the retention rules do, with the same settings.
    privacy = client.get(settings.privacy_page.url).content.decode()
    assert "email address are removed 2 years after you wrote" in privacy
    assert "deleted 90 days after the event" in privacy and "deleted the day after it" in privacy
