"""A discussion belongs to a place and a theme: it is listed on their pages while it is open and
the public may see it, and its comments are filed under its theme for moderators."""

import csv
import importlib
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from surveys.models import Comment, DiscussionPage
from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.conftest import MODERATOR_PERMS
from tests.surveys.factories import CommentFactory, make_discussion

pytestmark = pytest.mark.django_db

SECTION = "Join the discussion"


@pytest.fixture
def ashgrove(place_index):
    return make_place(place_index, title="Ashgrove")


@pytest.fixture
def funding():
    return ThemeFactory(name="Funding")


@pytest.fixture
def hall(home_page, ashgrove, funding):
    title = "How should the hall be used?"
    page = make_discussion(home_page, title=title, slug="hall", place=ashgrove, theme=funding)
    CommentFactory.create_batch(2, page=page)
    CommentFactory(page=page, state=Comment.State.PENDING)
    return page


def theme_url(theme):
    return f"/themes/{theme.slug}/"


def test_place_page_lists_the_open_discussion(client, hall, ashgrove):
    html = client.get(ashgrove.url).content.decode()
    assert f"{SECTION} in Ashgrove" in html
    assert f'href="{hall.url}">How should the hall be used?</a>' in html
    assert "2 comments · Funding" in html  # published ones only


def test_theme_page_lists_the_open_discussion(client, hall, funding, theme_index):
    html = client.get(theme_url(funding)).content.decode()
    assert SECTION in html
    assert f'href="{hall.url}">How should the hall be used?</a>' in html
    assert "2 comments · Ashgrove" in html


def test_other_places_and_themes_do_not_list_it(client, hall, place_index, theme_index):
    other_place, other_theme = make_place(place_index, title="Glenholm"), ThemeFactory(name="Transport")
    assert "How should the hall be used?" not in client.get(other_place.url).content.decode()
    assert "How should the hall be used?" not in client.get(theme_url(other_theme)).content.decode()


def _hidden(hall, how):
    if how == "unpublished":
        hall.unpublish()
    elif how == "restricted":
        PageViewRestriction.objects.create(page=hall, restriction_type="password", password="secret")
    elif how == "closed":
        hall.discussion_enabled = False
        hall.save_revision().publish()


@pytest.mark.parametrize("how", ["unpublished", "restricted", "closed"])
def test_not_listed_when_hidden_or_closed(client, hall, ashgrove, funding, theme_index, how):
    _hidden(hall, how)
    assert SECTION not in client.get(ashgrove.url).content.decode()
    assert SECTION not in client.get(theme_url(funding)).content.decode()


def test_not_listed_under_a_restricted_parent(client, home_page, ashgrove, funding, theme_index):
    from site_home.models import StandardPage

    private = StandardPage(title="Steering group", slug="steering")
    home_page.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_discussion(private, title="Members only question", slug="members", place=ashgrove, theme=funding)
    assert "Members only question" not in client.get(ashgrove.url).content.decode()
    assert "Members only question" not in client.get(theme_url(funding)).content.decode()


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _discussions(home_page, place, theme, start, count):
    for n in range(start, start + count):
        page = make_discussion(home_page, title=f"Question {n}", slug=f"q-{n}", place=place, theme=theme)
        CommentFactory.create_batch(2, page=page)


def test_place_and_theme_pages_make_the_same_queries_for_1_or_5_discussions(
    client, home_page, ashgrove, funding, theme_index, uncached_fragments
):
    _discussions(home_page, ashgrove, funding, 0, 1)
    one = (_queries(client, ashgrove.url), _queries(client, theme_url(funding)))
    assert "Question 0" in client.get(ashgrove.url).content.decode()
    _discussions(home_page, ashgrove, funding, 1, 4)
    assert (_queries(client, ashgrove.url), _queries(client, theme_url(funding))) == one
    html = client.get(ashgrove.url).content.decode()
    assert all(f"Question {n}" in html for n in range(5))


def test_a_posted_comment_is_filed_under_the_theme_and_found_by_the_moderation_filter(
    client, hall, funding, make_user
):
    other = ThemeFactory(name="Transport")
    CommentFactory(page=hall, theme=other, body="On another theme")
    data = {
        "page_id": hall.pk,
        "display_name": "Priya",
        "email": "priya@example.org",
        "body": "Half price for local clubs.",
        "consent": "on",
        "return_to": hall.url,
    }
    assert client.post(reverse("surveys:comment_post"), data).status_code == 302
    comment = Comment.objects.get(body="Half price for local clubs.")
    assert comment.theme == funding

    client.force_login(make_user("moderator", *MODERATOR_PERMS, "surveys.view_comment"))
    listing = client.get(f"/admin/surveys/comment/?theme__id__exact={funding.pk}").content.decode()
    assert "Half price for local clubs." in listing and "On another theme" not in listing
    export = client.get(f"/admin/surveys/comment/?theme__id__exact={funding.pk}&export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert [(row["Comment"], row["Theme"]) for row in rows] == [("Half price for local clubs.", "Funding")]


def test_backfill_files_earlier_discussion_comments_under_the_theme(hall, funding):
    from django.apps import apps

    other = ThemeFactory(name="Transport")
    untagged = CommentFactory(page=hall)
    mistagged = CommentFactory(page=hall, theme=other)
    migration = importlib.import_module("surveys.migrations.0006_discussion_comments_carry_the_theme")
    migration.file_under_discussion_theme(apps, None)
    assert Comment.objects.get(pk=untagged.pk).theme == funding
    assert Comment.objects.get(pk=mistagged.pk).theme == funding
    assert not Comment.objects.filter(page=hall).exclude(theme=funding).exists()


def test_demo_discussion_is_on_its_place_and_theme_pages(client, home_page):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", "--no-admin", stdout=StringIO())
    page = DiscussionPage.objects.get(slug="community-hall")
    assert (page.place.slug, page.theme.slug) == ("kirkton-cross", "facilities-and-services")
    assert page.url in client.get(page.place.url).content.decode()
    assert page.url in client.get(theme_url(page.theme)).content.decode()
    assert not Comment.objects.for_page(page).exclude(theme=page.theme).exists()
