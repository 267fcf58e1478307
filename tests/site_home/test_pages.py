import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from site_home.models import HomePage, PlaceIndexPage, PlacePage, StandardPage, ThemeIndexPage

from .factories import PlacePriorityFactory, SteeringGroupMemberFactory, ThemeFactory, make_place

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailPageTestCase):
    def test_places_live_under_the_place_index_only(self):
        self.assertAllowedParentPageTypes(PlacePage, {PlaceIndexPage})
        self.assertAllowedSubpageTypes(PlacePage, {})

    def test_singleton_indexes_sit_under_home(self):
        self.assertAllowedParentPageTypes(PlaceIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ThemeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PlaceIndexPage, {PlacePage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})


def test_place_page_shows_profile_plan_group_and_priorities(client, place_index, theme_index):
    theme = ThemeFactory(name="Moving around")
    place = make_place(place_index, title="Ashgrove")
    SteeringGroupMemberFactory(place=place, name="Ashgrove Tenants")
    PlacePriorityFactory(place=place, theme=theme, title="Safer routes to school")
    place.save_revision().publish()

    response = client.get(place.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ashgrove Tenants" in html
    assert "Safer routes to school" in html
    assert 'href="/themes/moving-around/"' in html
    assert "2024–2034" in html
    assert "Alex Connector" in html


def test_connector_contact_details_hidden_unless_editor_ticks_the_box(client, place_index):
    place = make_place(place_index, show_connector_contact=False)
    assert "connector-private@example.org" not in client.get(place.url).content.decode()

    place.show_connector_contact = True
    place.save_revision().publish()
    assert "connector-private@example.org" in client.get(place.url).content.decode()


def test_plan_cannot_end_before_it_starts(place_index):
    from django.core.exceptions import ValidationError

    place = make_place(place_index)
    place.plan_start_year, place.plan_end_year = 2030, 2020
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "plan_end_year" in error.value.message_dict


def test_theme_page_lists_places_with_that_priority(client, place_index, theme_index):
    theme = ThemeFactory(name="Funding", description="Money for local groups.")
    other = ThemeFactory(name="Values")
    with_priority = make_place(place_index, title="Brackenhill")
    without = make_place(place_index, title="Carron Vale")
    PlacePriorityFactory(place=with_priority, theme=theme)
    PlacePriorityFactory(place=without, theme=other)

    response = client.get("/themes/funding/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Money for local groups." in html
    assert "Brackenhill" in html
    assert "Carron Vale" not in html
    assert client.get("/themes/no-such-theme/").status_code == 404


def test_theme_index_groups_themes(client, theme_index):
    ThemeFactory(name="Funding")
    ThemeFactory(name="Feeling safe", group="place-standard")
    html = client.get("/themes/").content.decode()
    assert "Review key areas" in html and "Place Standard" in html


def test_home_page_lists_places_and_navigation(client, place_index, theme_index):
    make_place(place_index, title="Dunmore Park")
    html = client.get("/").content.decode()
    assert "Dunmore Park" in html
    assert 'href="/places/"' in html and 'href="/themes/"' in html
    assert 'href="#main-content"' in html


def test_navigation_updates_when_a_page_is_published(client, home_page, place_index):
    assert "About us" not in client.get("/").content.decode()
    page = StandardPage(title="About us", slug="about", show_in_menus=True, body=[])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert "About us" in client.get("/").content.decode()


def test_anonymous_pages_set_no_cookies(client, place_index, theme_index):
    place = make_place(place_index)
    for url in ("/", place.url, "/themes/", "/search/?q=place"):
        assert client.get(url).cookies == {}, url


@pytest.mark.parametrize("url_name", ["home", "place", "theme"])
def test_query_count_does_not_grow_with_places(
    client, place_index, theme_index, url_name, uncached_fragments
):
    theme = ThemeFactory(name="Funding")

    def add_places(count):
        for _ in range(count):
            place = make_place(place_index)
            PlacePriorityFactory(place=place, theme=theme)
            SteeringGroupMemberFactory(place=place)
        return place

    def queries(url):
        client.get(url)  # warm caches that are meant to be warm (site root, navigation)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    place = add_places(3)
    url = {"home": "/", "place": place.url, "theme": "/themes/funding/"}[url_name]
    few = queries(url)
    add_places(27)
    assert queries(url) == few


def test_place_key_facts_show_figures_with_thousands_separators(client, place_index):
    place = make_place(
        place_index, title="Harbourside", population=12400, index_score="61.5", index_year=2025
    )
    html = client.get(place.url).content.decode()
    assert '<dd class="cv-key-facts__value">about 12,400</dd>' in html
    assert "Thriving Communities Index score, 2025</dt>" in html
    assert '<dd class="cv-key-facts__value">61.5</dd>' in html


def test_home_page_hero_has_tagline_and_find_your_place_links(client, place_index):
    from site_home.models import SiteSettings

    for title in ("Lochview", "Ashgrove"):
        make_place(place_index, title=title)
    site_settings = SiteSettings.for_site(place_index.get_site())
    site_settings.tagline = "Local people shaping their area"
    site_settings.save()

    html = client.get("/").content.decode()
    assert "Local people shaping their area" in html
    links = html[html.index('id="find-your-place"') :]
    assert links.index(">Ashgrove</a>") < links.index(">Lochview</a>")
    assert 'href="/places/ashgrove/"' in links
