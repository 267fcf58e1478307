"""A story page's content-only parts come from the fragment cache; what depends on the visitor
(their form token) does not, and new content shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.surveys.factories import CommentFactory

from .factories import make_story

pytestmark = pytest.mark.django_db


def visit(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_warm_story_page_skips_the_content_queries(client, story_index, places, themes, monkeypatch):
    story = make_story(story_index, place=places["ashgrove"], themes=[themes["funding"]], tags=["food"])
    for _ in range(4):
        make_story(story_index, themes=[themes["funding"]])  # related stories
    for n in range(30):
        CommentFactory(page=story, body=f"Comment number {n}")
    visit(client, story.url)  # the first visit creates the feedback settings: a content change
    monkeypatch.setattr("site_home.page_cache.FRAGMENT_SECONDS", 0)
    cold, uncached = visit(client, story.url)
    monkeypatch.undo()
    visit(client, story.url)
    warm, cached = visit(client, story.url)
    assert cached == uncached
    # Routing (with the active language's locale), view restrictions (Wagtail's and the page
    # cache's), settings, the story's themes (the comment form needs one) and the pages the public
    # may not see (read once per request).
    assert warm == 13 and cold >= 20


def test_signed_in_visitors_get_their_form_token_in_a_cached_comment_list(
    client, story_index, django_user_model
):
    story = make_story(story_index)
    CommentFactory(page=story, body="Keep the hall open")
    _, anonymous = visit(client, story.url)
    assert "Keep the hall open" in anonymous and "csrfmiddlewaretoken" not in anonymous

    client.force_login(django_user_model.objects.create_user("resident", password="a-long-password-1"))
    _, signed_in = visit(client, story.url)
    assert "Keep the hall open" in signed_in
    assert signed_in.count('name="csrfmiddlewaretoken"') == 2  # the "I agree" form and the comment form


def test_a_newly_published_comment_and_story_show_at_once(client, story_index):
    story = make_story(story_index, title="The lunch club")
    CommentFactory(page=story, body="First thoughts")
    visit(client, story.url), visit(client, story_index.url)
    CommentFactory(page=story, body="Second thoughts")
    make_story(story_index, title="The allotment")
    assert "Second thoughts" in visit(client, story.url)[1]
    assert "The allotment" in visit(client, story_index.url)[1]
