import pytest
from wagtail.test.utils import WagtailPageTestCase

from site_home.models import HomePage, PlacePage, StandardPage
from surveys.models import DiscussionPage
from tests.site_home.factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db


class TestTree(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(DiscussionPage, {HomePage})
        self.assertCanNotCreateAt(StandardPage, DiscussionPage)
        self.assertAllowedSubpageTypes(DiscussionPage, {})
        self.assertCanNotCreateAt(PlacePage, DiscussionPage)


def test_page_shows_themes_places_and_its_thread(client, discussion, place_index, theme_index):
    place = make_place(place_index, title="Kirkton Cross")
    theme = ThemeFactory(name="Facilities and services")
    discussion.places.add(place)
    discussion.themes.add(theme)
    discussion.save_revision().publish()
    html = client.get(discussion.url).content.decode()
    assert "How should the community hall be used?" in html
    assert "Kirkton Cross" in html and "Facilities and services" in html
    assert 'action="/feedback/comments/"' in html and "No comments yet." in html


def test_editor_sees_the_discussion_settings(admin_client, discussion):
    html = admin_client.get(f"/admin/pages/{discussion.pk}/edit/").content.decode()
    for field in ("discussion_enabled", "comment_publishing", "allow_stance", "allow_category"):
        assert f'name="{field}"' in html


def test_feedback_settings_are_editable_in_the_admin(admin_client, home_page):
    from wagtail.models import Site

    from surveys.models import FeedbackSettings

    site = Site.objects.get()
    url = f"/admin/settings/surveys/feedbacksettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"default_publishing": "moderate", "reports_to_hide": "5", "moderators_email": ""}
    )
    assert response.status_code == 302
    feedback = FeedbackSettings.for_site(site)
    assert (feedback.default_publishing, feedback.report_threshold) == ("moderate", 5)
