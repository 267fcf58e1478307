"""Hub sections are rendered once per content version and served from the shared cache."""

import pytest

from site_home.models import PlacePage
from tests.surveys.factories import CommentFactory, make_discussion

from .factories import make_place

pytestmark = pytest.mark.django_db


def test_home_sections_come_from_the_cache_until_content_changes(client, place_index, theme_index):
    place = make_place(place_index, title="Lochview")
    client.get("/")  # the first visit creates the site settings, which is a content write
    assert "Lochview" in client.get("/").content.decode()
    # A write that bypasses the site's signals is not seen: the listing is served from the cache.
    PlacePage.objects.filter(pk=place.pk).update(title="Renamed quietly")
    assert "Lochview" in client.get("/").content.decode()

    make_place(place_index, title="Ashgrove")  # a publish starts a new content version
    html = client.get("/").content.decode()
    assert "Ashgrove" in html and "Renamed quietly" in html and "Lochview" not in html


def test_a_newly_published_comment_shows_on_the_place_hub_at_once(client, home_page, place_index):
    place = make_place(place_index, title="Ashgrove")
    discussion = make_discussion(home_page)
    CommentFactory(page=discussion, place=place, body="The bus timetable needs a rethink")
    assert "The bus timetable needs a rethink" in client.get(place.url).content.decode()

    CommentFactory(page=discussion, place=place, body="Keep the library open on Saturdays")
    assert "Keep the library open on Saturdays" in client.get(place.url).content.decode()


def test_an_editors_previewed_draft_never_reaches_anonymous_visitors(
    client, admin_client, settings, place_index
):
    settings.PAGE_CACHE_SECONDS = 300
    from tests.stories.factories import make_index, make_story

    place = make_place(place_index, title="Lochview")
    make_story(make_index(place_index.get_parent()), place=place)
    draft = place.specific
    draft.title = "Secret new name"
    revision = draft.save_revision()  # a draft: the live page keeps its title

    admin = f"/admin/pages/{place.pk}"
    for url in (f"{admin}/view_draft/", f"{admin}/revisions/{revision.pk}/view/"):
        preview = admin_client.get(url)
        assert "Stories from Secret new name" in preview.content.decode(), url
        html = client.get(place.url, HTTP_HOST="localhost").content.decode()  # the site's own host
        assert "Stories from Lochview" in html
        assert "Secret new name" not in html
    assert "Secret new name" not in client.get(place.url, HTTP_HOST="localhost").content.decode()


def test_nothing_made_for_a_signed_in_editor_is_shared(rf, admin_user):
    from django.contrib.auth.models import AnonymousUser

    from site_home.page_cache import cached_content

    signed_in = rf.get("/")
    signed_in.user = admin_user
    assert cached_content(signed_in, "probe", (), lambda: "for staff") == "for staff"
    anonymous = rf.get("/")
    anonymous.user = AnonymousUser()
    assert cached_content(anonymous, "probe", (), lambda: "for everyone") == "for everyone"
