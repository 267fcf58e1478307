"""Every public listing answers any query string with a page, never a server error.

Visitors, crawlers and scanners send whatever they like after the "?": out-of-range dates, huge
numbers, NUL bytes, unicode, repeated and array-style parameters. Each listing must treat those as
bad filters (ignored or shown as an error), not crash.
"""

import datetime
import string
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.consultations.factories import (
    CommitmentIndexPageFactory,
    ReviewIndexPageFactory,
    make_commitment,
    make_review,
)
from tests.events.factories import EventIndexPageFactory, make_event
from tests.site_home.factories import ThemeFactory, make_place
from tests.stories.factories import make_index, make_story
from tests.surveys.factories import CommentFactory, make_discussion

# The parameters each listing reads, and a few it does not.
PARAMETERS = [
    "page",
    "q",
    "place",
    "theme",
    "tag",
    "format",
    "status",
    "partner",
    "date_from",
    "date_to",
    "comments-page",
    "comments-sort",
    "comments-status",
    "place[]",
    "utm_source",
]

EDGE_VALUES = [
    "",
    "0",
    "-1",
    "9" * 40,
    "1e400",
    "NaN",
    "inf",
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "10000-01-01",
    "2026-02-30",
    "-2026-01-01",
    "\x00",
    "a\x00b",
    "%00",
    "\ud7ff\ufffd",
    "名前",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "x" * 5000,
    "ashgrove",
    "funding",
    "in-person",
    "open",
    "agreed",
]


@pytest.fixture
def listings(home_page, place_index, theme_index):
    """A small site with one of everything, and the public listing URLs to hit."""
    theme = ThemeFactory(name="Funding")
    place = make_place(place_index, title="Ashgrove")
    events = EventIndexPageFactory(parent=home_page)
    events.save_revision().publish()
    event = make_event(events, places=[place], themes=[theme])
    make_event(events, places=[place], start=None, end=None, dates_tba=True, title="Dates to come")
    stories = make_index(home_page)
    make_story(stories, themes=[theme], place=place)
    reviews = ReviewIndexPageFactory(parent=home_page)
    reviews.save_revision().publish()
    review = make_review(reviews)
    discussion = make_discussion(home_page, title="The hall", slug="hall")
    CommentFactory(page=discussion)
    commitments = CommitmentIndexPageFactory(parent=home_page)
    commitments.save_revision().publish()
    commitment = make_commitment(commitments, places=[place], themes=[theme], updates=2)
    return [
        commitments.url,
        commitment.url,
        f"{commitments.url}feed/",
        f"{commitments.url}feed/places/{place.slug}/",
        f"{commitments.url}feed/themes/{theme.slug}/",
        "/commitments/calendar.ics",
        f"/commitments/calendar/places/{place.slug}.ics",
        f"/commitments/calendar/themes/{theme.slug}.ics",
        "/",
        "/events/",
        "/events/past/",
        "/stories/",
        "/stories/feed/",
        f"/stories/feed/{place.slug}/",
        "/consultations/",
        review.url,
        "/search/",
        "/search/?q=hall",
        discussion.url,
        place.url,
        theme_index.url,
        f"{theme_index.url}{theme.slug}/",
        "/events/calendar.ics",
        f"/events/calendar/events/{event.pk}.ics",
        f"/events/calendar/places/{place.slug}.ics",
        f"/events/calendar/themes/{theme.slug}.ics",
        "/sitemap.xml",
    ]


def _get(client, url, params):
    joiner = "&" if "?" in url else "?"
    response = client.get(f"{url}{joiner}{urlencode(params, doseq=True)}" if params else url)
    assert response.status_code < 500, (url, params, response.status_code)
    return response


# Sent one parameter at a time too: in a request full of bad values, one error could hide another.
NASTIEST = ["9" * 40, "9999-12-31", "0001-01-01", "a\x00b"]


@pytest.mark.django_db
def test_every_listing_answers_edge_case_queries_without_a_server_error(client, listings):
    for url in listings:
        assert client.get(url).status_code == 200, url
        for value in EDGE_VALUES:
            _get(client, url, [(name, value) for name in PARAMETERS])
        for name in PARAMETERS:
            for value in NASTIEST:
                _get(client, url, [(name, value)])
        # Repeated and array-style parameters.
        _get(client, url, [("page", "1"), ("page", "2"), ("date_to", "2026-01-01"), ("date_to", "x")])
        _get(client, url, [("place[]", "ashgrove"), ("place[0]", "ashgrove"), ("theme[]", "funding")])


@pytest.mark.django_db
@pytest.mark.parametrize("listing", ["/events/", "/events/past/"])
@pytest.mark.parametrize("name", ["date_from", "date_to"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-02-30"])
def test_event_dates_out_of_range_are_a_clear_error_not_a_server_error(client, listings, listing, name, day):
    response = client.get(listing, {name: day})
    assert response.status_code == 200
    assert "govuk-error-message" in response.content.decode()


@pytest.mark.django_db
def test_event_dates_far_ahead_within_range_still_filter(client, listings):
    response = client.get("/events/", {"date_from": "2026-01-01", "date_to": "2999-12-31"})
    assert response.status_code == 200
    assert "govuk-error-message" not in response.content.decode()


query_values = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(max_size=60),
    st.integers().map(str),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(str),
)
query_names = st.one_of(st.sampled_from(PARAMETERS), st.text(string.ascii_letters + "-_[]", max_size=12))
queries = st.lists(st.tuples(query_names, query_values), max_size=6)


@pytest.mark.django_db
def test_listings_answer_arbitrary_queries_without_a_server_error(client, listings):
    @hypothesis_settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(url=st.sampled_from(listings), params=queries)
    def fuzz(url, params):
        _get(client, url, params)

    fuzz()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["place", "theme"])
def test_review_finder_treats_a_huge_id_as_no_choice(client, listings, name):
    response = client.get("/consultations/", {name: "9" * 40})
    assert response.status_code == 200
