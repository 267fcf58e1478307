"""Every page says what it is when shared or indexed: a canonical link on BASE_URL, Open Graph and a
Twitter card, from the page's own fields."""

import re

import wagtail_factories

from site_home.models import Theme
from tests.stories.factories import make_index, make_story

from .factories import make_place


def meta(html, key):
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def canonical(html):
    found = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return found.group(1) if found else None


def test_a_story_with_a_hero_image_is_shared_with_its_picture_title_and_standfirst(
    client, home_page, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://haveyoursay.example.org"
    story = make_story(
        make_index(home_page),
        title="The hall we saved",
        standfirst="How Ashgrove kept its hall open.",
        hero_image=wagtail_factories.ImageFactory(),
        hero_image_alt="Volunteers painting the hall",
    )

    html = client.get(story.url + "?utm_source=newsletter").content.decode()

    assert canonical(html) == f"https://haveyoursay.example.org{story.url}"
    assert meta(html, "og:url") == canonical(html)
    assert meta(html, "og:title") == "The hall we saved"
    assert meta(html, "og:description") == "How Ashgrove kept its hall open."
    assert meta(html, "description") == "How Ashgrove kept its hall open."
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:image").startswith("https://haveyoursay.example.org/")
    assert int(meta(html, "og:image:width")) > 0 and int(meta(html, "og:image:height")) > 0
    assert meta(html, "og:image:alt") == "Volunteers painting the hall"
    assert meta(html, "twitter:card") == "summary_large_image"


def test_a_page_without_a_picture_gets_a_summary_card_and_its_seo_title(client, place_index):
    place = make_place(
        place_index,
        title="Ashgrove",
        summary="A village by the river.",
        seo_title="Ashgrove life",
        hero_image=None,
    )

    html = client.get(place.url).content.decode()

    assert meta(html, "og:title") == "Ashgrove life"
    assert meta(html, "og:description") == "A village by the river."
    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "og:site_name")


def test_a_theme_is_shared_under_its_own_name(client, theme_index):
    theme = Theme.objects.create(name="Transport", slug="transport", description="Buses and paths.")

    html = client.get(theme.get_url()).content.decode()

    assert meta(html, "og:title") == "Transport"
    assert meta(html, "og:description") == "Buses and paths."
