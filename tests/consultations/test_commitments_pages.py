"""The public tracker and a commitment's own page: filters, counts by status, overdue shown, pages
that only the public may see, and queries that do not grow with commitments or updates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import CommitmentIndexPage, CommitmentPage, CommitmentStatus, MeetingMinutesPage
from site_home.models import HomePage
from tests.site_home.factories import ThemeFactory, make_place

from .factories import PartnerFactory, days, make_commitment, make_review

pytestmark = pytest.mark.django_db
S = CommitmentStatus


class TestTreeRules(WagtailPageTestCase):
    def test_commitments_live_under_the_single_tracker_under_home(self):
        self.assertAllowedParentPageTypes(CommitmentIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CommitmentIndexPage, {CommitmentPage, MeetingMinutesPage})
        self.assertAllowedParentPageTypes(CommitmentPage, {CommitmentIndexPage})
        self.assertAllowedSubpageTypes(CommitmentPage, {})
        assert CommitmentIndexPage.max_count == 1


def titles(response):
    return [c.title for c in response.context["commitments"]]


def counts(response):
    return {value: count for value, _label, count, _url, _current in response.context["status_counts"]}


@pytest.fixture
def tracker(commitment_index, place_index):
    ashgrove, fernbank = make_place(place_index, title="Ashgrove"), make_place(place_index, title="Fernbank")
    funding, health = ThemeFactory(name="Funding"), ThemeFactory(name="Health")
    council, nhs = PartnerFactory(name="Council"), PartnerFactory(name="Health Board")
    make_commitment(
        commitment_index,
        title="Late hall",
        places=[ashgrove],
        themes=[funding],
        partner=council,
        due_date=days(-10),
        status=S.IN_PROGRESS,
    )
    make_commitment(
        commitment_index,
        title="Clinic hours",
        places=[ashgrove, fernbank],
        themes=[health],
        partner=nhs,
        due_date=days(20),
    )
    make_commitment(
        commitment_index,
        title="Bus route",
        places=[fernbank],
        themes=[funding],
        partner=council,
        due_date=days(-30),
        status=S.NOT_GOING_AHEAD,
        status_reason="The operator withdrew.",
    )
    return commitment_index


def test_tracker_lists_soonest_due_first_with_counts_by_status(client, tracker):
    response = client.get(tracker.url)
    assert response.status_code == 200
    assert titles(response) == ["Bus route", "Late hall", "Clinic hours"]
    assert counts(response) == {
        "not-started": 1,
        "in-progress": 1,
        "done": 0,
        "changed": 0,
        "not-going-ahead": 1,
        "overdue": 1,
    }
    html = response.content.decode()
    assert "3 commitments" in html
    assert html.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1


@pytest.mark.parametrize(
    ("query", "expected", "overdue_count"),
    [
        ("place=ashgrove", ["Late hall", "Clinic hours"], 1),
        ("place=fernbank", ["Bus route", "Clinic hours"], 0),
        ("theme=funding", ["Bus route", "Late hall"], 1),
        ("partner=health-board", ["Clinic hours"], 0),
        ("status=not-going-ahead", ["Bus route"], 1),
        ("status=overdue", ["Late hall"], 1),
        ("place=ashgrove&theme=funding&partner=council", ["Late hall"], 1),
        ("place=nowhere", ["Bus route", "Late hall", "Clinic hours"], 1),  # unknown values are ignored
    ],
)
def test_filters_and_counts_follow_place_theme_and_partner(client, tracker, query, expected, overdue_count):
    response = client.get(f"{tracker.url}?{query}")
    assert titles(response) == expected
    # The counts follow the place, theme and partner chosen, never the status.
    assert counts(response)["overdue"] == overdue_count


def test_status_count_links_keep_the_other_filters(client, tracker):
    response = client.get(f"{tracker.url}?place=ashgrove&status=done")
    links = {value: (url, current) for value, _l, _c, url, current in response.context["status_counts"]}
    assert links["overdue"] == (f"{tracker.url}?place=ashgrove&status=overdue", False)
    assert links["done"][1] is True


def test_tracker_paginates(client, commitment_index):
    for n in range(22):
        make_commitment(commitment_index, title=f"Thing {n:02}", due_date=days(n))
    first, second = client.get(commitment_index.url), client.get(commitment_index.url + "?page=2")
    assert len(titles(first)) == 20
    assert titles(second) == ["Thing 20", "Thing 21"]
    assert "22 commitments" in second.content.decode()


def hide(commitment, how):
    if how == "draft":
        commitment.unpublish()
    else:
        PageViewRestriction.objects.create(page=commitment, restriction_type=how, password="secret")


@pytest.mark.parametrize("how", ["draft", PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_hidden_commitments_are_never_listed_counted_or_in_feeds(client, commitment_index, place_index, how):
    place = make_place(place_index, title="Ashgrove")
    theme = ThemeFactory(name="Funding")
    make_commitment(commitment_index, title="Public one", places=[place], themes=[theme], updates=1)
    hidden = make_commitment(
        commitment_index, title="Secret one", places=[place], themes=[theme], updates=1, due_date=days(-1)
    )
    hide(hidden, how)
    response = client.get(commitment_index.url)
    assert titles(response) == ["Public one"]
    assert counts(response)["overdue"] == 0
    for url in [
        commitment_index.url + "feed/",
        commitment_index.url + "feed/places/ashgrove/",
        commitment_index.url + "feed/themes/funding/",
        "/commitments/calendar.ics",
        "/commitments/calendar/places/ashgrove.ics",
        "/commitments/calendar/themes/funding.ics",
    ]:
        body = client.get(url).content.decode()
        assert "Public one" in body, url
        assert "Secret one" not in body, url


def test_commitment_page_shows_status_reason_partner_source_and_updates_newest_first(
    client, commitment_index, review_index, place_index
):
    review = make_review(review_index, title="Working together", sections=1, recs=2)
    rec = review.section_list[0].recommendation_list[0]
    place = make_place(place_index, title="Ashgrove")
    commitment = make_commitment(
        commitment_index,
        title="Share the budget",
        places=[place],
        themes=[ThemeFactory(name="Funding")],
        partner=PartnerFactory(name="Council", website="https://council.example.org"),
        source_page=review,
        recommendation_key=rec.key,
        due_date=days(-5),
        status=S.CHANGED,
        status_reason="We publish it twice a year instead.",
        updates=3,
    )
    html = client.get(commitment.url).content.decode()
    assert "Changed" in html
    assert "We publish it twice a year instead." in html
    assert "Overdue" not in html  # a changed commitment is settled
    assert 'href="https://council.example.org"' in html
    assert f'href="{review.url}#{rec.key}"' in html
    assert f"Recommendation {rec.number}" in html
    assert html.index("Update 1.") < html.index("Update 2.") < html.index("Update 3.")
    assert f"{days(-5):%-d %B %Y}" in html


def test_commitment_page_overdue_and_entered_by_staff(client, commitment_index):
    commitment = make_commitment(commitment_index, due_date=days(-1), status=S.IN_PROGRESS)
    html = client.get(commitment.url).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html
    assert "Entered by staff" in html
    assert "No updates yet." in html


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def tagged_commitments(index, place, n, updates=1):
    for _ in range(n):
        make_commitment(index, places=[place], themes=[ThemeFactory()], updates=updates)


@pytest.mark.parametrize("query", ["", "?place=ashgrove", "?status=overdue"])
def test_tracker_queries_do_not_grow_with_commitments(
    client, commitment_index, place_index, uncached_fragments, query
):
    place = make_place(place_index, title="Ashgrove")
    tagged_commitments(commitment_index, place, 2)
    few = count_queries(client, commitment_index.url + query)
    assert few > 5
    tagged_commitments(commitment_index, place, 8)
    assert count_queries(client, commitment_index.url + query) == few


def test_feeds_queries_do_not_grow_with_commitments(client, commitment_index, place_index):
    place = make_place(place_index, title="Ashgrove")
    tagged_commitments(commitment_index, place, 2)
    urls = [commitment_index.url + "feed/", "/commitments/calendar.ics"]
    few = [count_queries(client, url) for url in urls]
    assert min(few) > 1
    tagged_commitments(commitment_index, place, 8)
    assert [count_queries(client, url) for url in urls] == few


def test_commitment_page_queries_do_not_grow_with_updates(
    client, commitment_index, place_index, uncached_fragments
):
    place = make_place(place_index, title="Ashgrove")
    one = make_commitment(commitment_index, places=[place], updates=1)
    ten = make_commitment(commitment_index, places=[place], updates=10)
    few = count_queries(client, one.url)
    assert few > 3
    assert count_queries(client, ten.url) == few


def test_place_and_theme_hubs_show_commitments_still_to_deliver(
    client, commitment_index, place_index, theme_index, uncached_fragments
):
    place = make_place(place_index, title="Harbourside")
    theme = ThemeFactory(name="Procurement")
    make_commitment(
        commitment_index, title="Buy local food", places=[place], themes=[theme], due_date=days(-2)
    )
    make_commitment(
        commitment_index,
        title="Already done",
        places=[place],
        themes=[theme],
        status=S.DONE,
        status_reason="Done.",
    )
    hidden = make_commitment(commitment_index, title="Secret plan", places=[place], themes=[theme])
    hidden.unpublish()

    for url, more in [(place.url, "?place=harbourside"), (f"/themes/{theme.slug}/", "?theme=procurement")]:
        html = client.get(url).content.decode()
        assert "What we said we would do" in html
        assert "Buy local food" in html and "Overdue" in html
        assert "Already done" not in html and "Secret plan" not in html
        assert f'href="{commitment_index.url}{more}"' in html
    place_html = client.get(place.url).content.decode()
    title = "Updates on what we said we would do in Harbourside"
    feed = f"{commitment_index.url}feed/places/harbourside/"
    assert f'type="application/rss+xml" title="{title}" href="{feed}"' in place_html


def test_place_hub_queries_do_not_grow_with_commitments(
    client, commitment_index, place_index, uncached_fragments
):
    place = make_place(place_index, title="Ashgrove")
    tagged_commitments(commitment_index, place, 2)
    few = count_queries(client, place.url)
    tagged_commitments(commitment_index, place, 8)
    assert count_queries(client, place.url) == few


def test_review_shows_commitments_beside_their_recommendation_and_in_its_outcome(
    client, commitment_index, review_index
):
    from consultations.models import OutcomeItem, ReviewPage

    review = make_review(
        review_index, title="Halls", opening_date=days(-60), closing_date=days(-30), sections=1
    )
    first, second = review.section_list[0].recommendation_list
    make_commitment(commitment_index, title="Late opening", source_page=review, recommendation_key=first.key)
    draft = make_commitment(
        commitment_index, title="Secret", source_page=review, recommendation_key=first.key
    )
    draft.unpublish()

    html = client.get(review.url).content.decode()
    rec_html = html[html.index(f'id="{first.key}"') : html.index(f'id="{second.key}"')]
    assert "What we said we would do" in rec_html and "Late opening" in rec_html
    assert "Secret" not in html
    assert "Late opening" not in html[html.index(f'id="{second.key}"') :]

    OutcomeItem.objects.create(
        page=review, target_key=first.key, decision="kept", you_said="Yes", we_did="Did"
    )
    ReviewPage.objects.filter(pk=review.pk).update(outcome_published=True)
    outcome = client.get(review.url).content.decode()
    assert "You said, we did" in outcome
    assert "Late opening" in outcome and "Secret" not in outcome


def test_review_page_queries_do_not_grow_with_commitments_from_it(
    client, commitment_index, review_index, uncached_fragments
):
    review = make_review(review_index, title="Halls", sections=2, recs=3)
    recs = [rec for section in review.section_list for rec in section.recommendation_list]
    make_commitment(commitment_index, source_page=review, recommendation_key=recs[0].key)
    few = count_queries(client, review.url)
    for rec in recs:
        make_commitment(commitment_index, source_page=review, recommendation_key=rec.key)
    assert count_queries(client, review.url) == few


def test_places_under_an_unpublished_page_are_not_named(client, commitment_index, place_index):
    shown = make_place(place_index, title="Ashgrove")
    hidden = make_place(place_index, title="Hiddenvale")
    make_place(hidden, title="Inner")  # an unpublished page with children hides its subtree
    hidden.unpublish()
    inner = hidden.get_children().first().specific
    commitment = make_commitment(commitment_index, title="Mixed", places=[shown, inner])
    for url in (commitment_index.url, commitment.url):
        html = client.get(url).content.decode()
        assert "Ashgrove" in html and "Inner" not in html, url


def test_filtered_tracker_links_to_the_feeds_of_its_place_and_theme(client, tracker):
    html = client.get(f"{tracker.url}?place=ashgrove&theme=funding").content.decode()
    assert f'href="{tracker.url}feed/places/ashgrove/">Updates in Ashgrove as an RSS feed' in html
    assert 'href="/commitments/calendar/places/ashgrove.ics">Due dates in Ashgrove as a calendar' in html
    assert f'href="{tracker.url}feed/themes/funding/">Updates on Funding as an RSS feed' in html
    assert 'href="/commitments/calendar/themes/funding.ics"' in html
    assert "as an RSS feed" in client.get(tracker.url).content.decode()
    assert "Updates in" not in client.get(tracker.url).content.decode()
