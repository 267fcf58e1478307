"""The tracker per consultation: commitments filtered by where they came from (a review, a meeting's
minutes, an event), with counts by status, in queries that do not grow with the commitments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from consultations.models import CommitmentStatus

from .factories import days, make_commitment, make_minutes, make_review

pytestmark = pytest.mark.django_db
S = CommitmentStatus


def titles(response):
    return [c.title for c in response.context["commitments"]]


def counts(response):
    return {value: count for value, _label, count, _url, _current in response.context["status_counts"]}


@pytest.fixture
def sources(commitment_index, review_index):
    halls = make_review(review_index, title="Community halls")
    minutes = make_minutes(commitment_index, title="Sub-committee minutes")
    make_commitment(
        commitment_index, title="Late hall", source_page=halls, due_date=days(-2), status=S.IN_PROGRESS
    )
    make_commitment(
        commitment_index, title="Hall rates", source_page=halls, status=S.DONE, status_reason="Halved."
    )
    make_commitment(commitment_index, title="Report in a year", source_page=minutes)
    make_commitment(commitment_index, title="Staff idea")
    return {"halls": halls, "minutes": minutes}


def test_the_tracker_filters_by_where_commitments_came_from_with_counts(client, commitment_index, sources):
    halls, minutes = sources["halls"], sources["minutes"]
    response = client.get(commitment_index.url)
    choices = dict(response.context["filter_form"].fields["consultation"].choices)
    assert choices == {
        "": "Any consultation, meeting or event",
        str(halls.pk): "Community halls",
        str(minutes.pk): "Sub-committee minutes",
    }

    response = client.get(f"{commitment_index.url}?consultation={halls.pk}")
    assert titles(response) == ["Late hall", "Hall rates"]
    found = counts(response)
    assert (found["in-progress"], found["done"], found["not-started"], found["overdue"]) == (1, 1, 0, 1)
    html = response.content.decode()
    assert "2 commitments for Community halls" in html

    links = {value: url for value, _l, _c, url, _current in response.context["status_counts"]}
    assert links["done"] == f"{commitment_index.url}?consultation={halls.pk}&status=done"
    assert titles(client.get(links["done"])) == ["Hall rates"]

    assert titles(client.get(f"{commitment_index.url}?consultation={minutes.pk}")) == ["Report in a year"]
    # A value naming no source is ignored, as for the other filters.
    assert len(titles(client.get(f"{commitment_index.url}?consultation=99999"))) == 4


def test_a_source_the_public_may_not_see_is_not_offered(client, commitment_index, sources):
    PageViewRestriction.objects.create(page=sources["minutes"], restriction_type="password", password="x")
    choices = dict(client.get(commitment_index.url).context["filter_form"].fields["consultation"].choices)
    assert str(sources["minutes"].pk) not in choices


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_filtered_tracker_queries_do_not_grow_with_commitments(
    client, commitment_index, sources, uncached_fragments
):
    url = f"{commitment_index.url}?consultation={sources['halls'].pk}"
    few = count_queries(client, url)
    for n in range(8):
        make_commitment(commitment_index, title=f"More {n}", source_page=sources["halls"])
    assert count_queries(client, url) == few
