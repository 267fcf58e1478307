import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from site_home.hub import HOME_SECTIONS, PLACE_SECTIONS, THEME_SECTIONS, build_sections

from .factories import make_story

pytestmark = pytest.mark.django_db


def story_section(hook_name, obj, rf, prefix):
    request = rf.get("/")
    return next(s for s in build_sections(hook_name, obj, request) if s.title.startswith(prefix))


def test_place_page_shows_its_latest_stories_and_links(client, story_index, places):
    for number in range(4):
        make_story(story_index, title=f"Ashgrove story {number}", place=places["ashgrove"])
    make_story(story_index, title="Brackenhill story", place=places["brackenhill"])

    html = client.get(places["ashgrove"].url).content.decode()

    assert "Stories from Ashgrove" in html
    assert "Ashgrove story 3" in html and "Ashgrove story 1" in html
    assert "Ashgrove story 0" not in html  # only the latest three
    assert "Brackenhill story" not in html
    assert 'href="/stories/?place=ashgrove"' in html
    assert 'href="/stories/feed/ashgrove/"' in html


def test_home_shows_latest_stories_and_theme_page_shows_its_stories(client, story_index, theme_index, themes):
    make_story(story_index, title="Garden story", themes=[themes["natural-space"]])
    make_story(story_index, title="Grant story", themes=[themes["funding"]])

    home = client.get("/").content.decode()
    theme_page = client.get("/themes/funding/").content.decode()

    assert "Latest stories" in home and "Garden story" in home and "Grant story" in home
    assert "Grant story" in theme_page and "Garden story" not in theme_page
    assert 'href="/stories/?theme=funding"' in theme_page


def test_sections_make_constant_queries(rf, story_index, places, themes):
    def add(count):
        for _ in range(count):
            make_story(
                story_index,
                place=places["ashgrove"],
                themes=[themes["funding"]],
                hero_image=wagtail_factories.ImageFactory(),
            )

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            for hook_name, obj in [
                (PLACE_SECTIONS, places["ashgrove"]),
                (HOME_SECTIONS, story_index.get_parent().specific),
                (THEME_SECTIONS, themes["funding"]),
            ]:
                request = rf.get("/")
                for section in build_sections(hook_name, obj, request):
                    section.render(request)
        return len(queries)

    add(1)
    few = count_queries()
    add(10)
    assert count_queries() == few


def test_place_without_stories_still_invites_one(client, story_index, places):
    html = client.get(places["brackenhill"].url).content.decode()
    assert "No stories here yet." in html
    assert 'href="/stories/share/"' in html


def test_demo_content_is_idempotent(home_page):
    from django.core.management import call_command

    from stories.models import StoryPage, StorySubmission

    call_command("load_demo", "--no-admin", verbosity=0)
    stories = StoryPage.objects.live().count()
    submissions = StorySubmission.objects.waiting().count()
    call_command("load_demo", "--no-admin", verbosity=0)

    assert stories >= 20
    assert StoryPage.objects.live().count() == stories
    assert StorySubmission.objects.waiting().count() == submissions >= 3
    assert StoryPage.objects.values("place").distinct().count() == 10
    assert {s.teller_type for s in StoryPage.objects.all()} == {"resident", "group", "staff"}
    assert StoryPage.objects.filter(hero_image__isnull=True).count() == 0
