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


def test_page_shows_its_place_theme_and_thread(client, discussion, place_index, theme_index):
    discussion.place = make_place(place_index, title="Ashgrove")
    discussion.theme = ThemeFactory(name="Funding")
    discussion.save_revision().publish()
    html = client.get(discussion.url).content.decode()
    assert "How should the community hall be used?" in html
    assert f'About: <a class="govuk-link" href="{discussion.place.url}">Ashgrove</a>' in html
    assert ">Funding</a>" in html
    assert 'action="/feedback/comments/"' in html and "No comments yet." in html


@pytest.mark.parametrize("field", ["place", "theme"])
def test_publishing_needs_a_place_and_a_theme_and_a_draft_does_not(admin_client, discussion, field):
    from django.core.exceptions import ValidationError

    setattr(discussion, field, None)
    discussion.save_revision(clean=False)  # a draft may leave either empty, as the admin saves it
    with pytest.raises(ValidationError) as raised:
        discussion.save_revision().publish()
    assert field in raised.value.message_dict


def test_editor_is_asked_for_place_and_theme_only_on_publish(admin_client, home_page):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    def form(**extra):
        data = {
            "title": "Should the pool open later?",
            "slug": "pool",
            "intro": "Tell us when you would swim.",
            "body": streamfield([]),
            "place": "",
            "theme": "",
            "comment_publishing": "",
            "discussion_enabled": "on",
            "comments": inline_formset([]),
        }
        return nested_form_data({**data, **extra})

    url = reverse("wagtailadmin_pages:add", args=["surveys", "discussionpage", home_page.pk])
    publish = admin_client.post(url, form(**{"action-publish": "publish"}))
    assert publish.status_code == 200 and not DiscussionPage.objects.exists()
    errors = publish.context["form"].errors
    assert "place" in errors and "theme" in errors
    draft = admin_client.post(url, form())
    assert draft.status_code == 302
    page = DiscussionPage.objects.get(slug="pool")
    assert not page.live and page.place is None and page.theme is None


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
