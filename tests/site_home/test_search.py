"""Site search: themes beside pages, ranking, hits inside a review's key areas, "did you mean"."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from site_home.search import SearchResults, suggest
from tests.consultations.factories import ReviewIndexPageFactory, add_section, days, make_review
from tests.events.factories import EventIndexPageFactory, make_event
from tests.stories.factories import make_index, make_story

from .factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_index(home_page):
    page = EventIndexPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


@pytest.fixture
def review_index(home_page):
    page = ReviewIndexPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


def result_links(html):
    """The results' links, in the order shown."""
    listing = html.split('class="govuk-list cv-search-results"', 1)[-1].split("</ol>", 1)[0]
    return re.findall(r'<h3 class="govuk-heading-s"><a class="govuk-link" href="([^"]+)">', listing)


def search(client, query):
    return client.get("/search/", {"q": query}).content.decode()


def test_procurement_finds_its_theme_and_the_events_tagged_with_it(client, theme_index, event_index):
    procurement = ThemeFactory(name="Procurement", slug="procurement", description="Buying services.")
    event = make_event(
        event_index,
        title="Community benefits in council contracts",
        summary="How community benefit clauses work.",
        themes=[procurement],
    )
    make_event(event_index, title="Tea dance", summary="Music and cake.")

    links = result_links(search(client, "procurement"))

    assert links == ["/themes/procurement/", event.url]


def test_themes_are_left_out_without_a_themes_index_to_show_them(client, home_page):
    ThemeFactory(name="Procurement", slug="procurement")
    assert "0 results" in search(client, "procurement")


def test_a_title_match_beats_a_passing_mention(client, place_index, theme_index, event_index):
    make_event(
        event_index,
        title="Spring clean",
        summary="Litter picking along the shore from Harbourside to the old mill, bring gloves.",
    )
    place = make_place(place_index, title="Harbourside", summary="Flats and a working harbour.")
    make_event(event_index, title="Walking group", summary="A weekly walk around Harbourside.")
    assert result_links(search(client, "harbourside"))[0] == place.url

    # A theme found by name comes before an event that only mentions it...
    make_event(event_index, title="Open meeting", summary="We will talk about funding and more.")
    ThemeFactory(name="Funding", slug="funding", description="Grants, contracts and budgets.")
    assert result_links(search(client, "funding"))[0] == "/themes/funding/"
    # ...and one whose description mentions the word comes after an event with it in its title.
    event = make_event(event_index, title="Council contracts explained", summary="An evening talk.")
    assert result_links(search(client, "contracts")) == [event.url, "/themes/funding/"]


def test_results_are_paged_across_themes_and_pages(client, place_index, theme_index):
    for n in range(12):
        make_place(place_index, title=f"Glen {n}", summary="Famous for its allotments.")
    ThemeFactory(name="Allotments", slug="allotments", description="Growing food together.")

    results = SearchResults("allotments", None)
    every = [hit.url for hit in results[0:13]]
    pages = [hit.url for hit in results[0:10]] + [hit.url for hit in results[10:13]]

    assert results.count() == 13 and len(set(every)) == 13
    assert every[0] == "/themes/allotments/" and pages == every
    html = client.get("/search/", {"q": "allotments", "page": 2}).content.decode()
    assert len(result_links(html)) == 3


@pytest.fixture
def review(review_index):
    procurement = ThemeFactory(name="Procurement", slug="procurement")
    review = make_review(
        review_index,
        sections=0,
        title="Better relationships",
        introduction="<p>How the council and local groups work together.</p>",
    )
    add_section(review, "Communications", recs=["Hold a briefing every quarter."])
    section = add_section(
        review,
        "Buying services",
        theme=procurement,
        recs=["Split large contracts into lots that local organisations can bid for."],
    )
    review.save_revision().publish()
    return review, section


def test_a_hit_inside_a_key_area_links_to_that_key_area(client, review):
    review, section = review

    assert result_links(search(client, "lots"))[0] == f"{review.url}#{section.anchor}"
    html = search(client, "lots")
    assert "key area “Buying services”" in html
    # Words only in the introduction: the top of the review.
    assert result_links(search(client, "council"))[0] == review.url


def test_a_key_area_hit_in_a_review_with_its_outcome_links_into_the_draft(client, review):
    review, section = review
    review.opening_date, review.closing_date, review.outcome_published = days(-40), days(-10), True
    review.save_revision().publish()

    assert result_links(search(client, "lots"))[0] == f"{review.url}draft/#{section.anchor}"


def test_did_you_mean_a_place_spelled_as_it_is(client, place_index):
    make_place(place_index, title="Harbourside", summary="Flats and a working harbour.")
    make_place(place_index, title="Lochview", summary="Beside the country park.")

    html = search(client, "Harborside")

    assert "0 results" in html
    assert 'Did you mean <a class="govuk-link" href="/search/?q=harbourside">harbourside</a>?' in html
    assert "Did you mean" not in search(client, "harbourside")


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("harborside", "harbourside"),
        ("procurment", "procurement"),
        ("harborside events", "harbourside events"),
        ("ash grove", "ashgrove"),
        ("zzzzzz", None),
    ],
)
def test_suggestions_come_from_the_titles_of_places_themes_events_and_stories(
    home_page, place_index, theme_index, event_index, typed, expected
):
    make_place(place_index, title="Harbourside")
    make_place(place_index, title="Ashgrove")
    ThemeFactory(name="Procurement", slug="procurement")
    make_event(event_index, title="Spring events", summary="Every event this spring, in Harbourside.")

    suggestion = suggest(typed)

    assert (suggestion and suggestion.text) == expected


def test_no_suggestion_that_finds_no_more_than_the_query(home_page, place_index):
    # "smaller" is in no title, but it is right: "small" finds nothing more.
    make_place(place_index, title="Small holdings", summary="Fields.")
    make_place(place_index, title="Glenholm", summary="Smaller lots for local groups.")
    assert suggest("smaller lots", found=1) is None


def test_titles_of_pages_the_public_cannot_see_are_never_suggested(home_page, place_index):
    place = make_place(place_index, title="Harbourside")
    place.unpublish()
    assert suggest("harborside") is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_has_pg_trgm_for_the_suggestions():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)


def test_search_queries_do_not_grow_with_the_data_with_or_without_a_suggestion(
    client, uncached_fragments, place_index, theme_index, event_index, review_index, home_page
):
    stories = make_index(home_page)
    ThemeFactory(name="Harbourside life", slug="harbourside-life", description="Boats.")
    make_place(place_index, title="Harbourside", summary="Flats and a working harbour.")
    make_event(event_index, title="Harbourside walk", summary="A walk.")
    review = make_review(review_index, sections=0, title="Harbourside review")
    add_section(review, "Harbourside key area")
    review.save_revision().publish()
    make_story(stories, title="Harbourside story", standfirst="Down by the water.")

    def add_passing_mentions(count):
        # Of one page type: each type on the page shown costs a query (Wagtail's `specific()`).
        for _ in range(count):
            make_event(event_index, summary="Meet at the Harbourside car park.")

    def queries(query):
        client.get("/search/", {"q": query})  # Wagtail's site and content type caches
        with CaptureQueriesContext(connection) as captured:
            html = search(client, query)
        return len(captured), html

    add_passing_mentions(1)
    found_few, html = queries("harbourside")
    suggested_few, suggested_html = queries("harborsid")
    assert "6 results" in html and "Did you mean" not in html and "Did you mean" in suggested_html
    add_passing_mentions(5)
    found_many, html = queries("harbourside")
    suggested_many, suggested_html = queries("harborsid")

    assert "11 results" in html and len(result_links(html)) == 10
    assert "Did you mean" in suggested_html
    assert (found_many, suggested_many) == (found_few, suggested_few)


def test_in_the_demo_site_procurement_finds_its_theme_key_area_and_contracts_event(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", "--no-admin", stdout=StringIO())

    html = search(client, "procurement")
    links = result_links(html)

    assert links[0] == "/themes/procurement/"
    assert "/events/kirkton-cross-procurement-session/" in links
    review = next(link for link in links if link.startswith("/consultations/"))
    assert "#section-" in review and "key area “Procurement”" in html
    assert 'Did you mean <a class="govuk-link" href="/search/?q=harbourside">' in search(client, "Harborside")
