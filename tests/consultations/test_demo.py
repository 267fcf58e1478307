from io import StringIO

import pytest
from django.core.management import call_command

from consultations.models import RecommendationResponse, ReviewPage, ReviewStatus
from surveys.models import Comment

pytestmark = pytest.mark.django_db


def test_demo_reviews_open_closed_and_upcoming_and_idempotent(client):
    call_command("load_demo", "--no-admin", stdout=StringIO())
    review = ReviewPage.objects.get(
        locale__language_code="en-gb", slug="better-relationships-better-outcomes"
    )
    statuses = {page.slug: page.status for page in ReviewPage.objects.all()}
    assert statuses == {
        "better-relationships-better-outcomes": ReviewStatus.OPEN,
        "community-halls-opening-hours": ReviewStatus.OUTCOME,
        "green-spaces-strategy": ReviewStatus.UPCOMING,
    }
    assert [s.theme.slug for s in review.section_list][:2] == ["values", "power-dynamics"]
    assert len(review.section_list) == 8
    assert review.section_list[0].easy_read  # an Easy Read summary beside the full text
    assert all(len(s.recommendation_list) >= 3 for s in review.section_list)
    keys = {s.key for s in review.section_list}
    assert Comment.objects.for_page(review).filter(section_key__in=keys).count() >= 10
    assert RecommendationResponse.objects.for_review(review).count() > 100
    counts = (Comment.objects.count(), RecommendationResponse.objects.count(), ReviewPage.objects.count())

    call_command("load_demo", "--no-admin", stdout=StringIO())

    assert (
        Comment.objects.count(),
        RecommendationResponse.objects.count(),
        ReviewPage.objects.count(),
    ) == counts
    assert client.get(review.url).status_code == 200
    closed = ReviewPage.objects.get(locale__language_code="en-gb", slug="community-halls-opening-hours")
    html = client.get(closed.url).content.decode()
    assert "You said, we did" in html and "Introduce a community rate" not in html
    assert "The community rate starts next April." in html
    assert client.get(closed.url + "draft/").status_code == 200
    assert "Open for feedback now" in client.get("/").content.decode()


def test_demo_commitments_cover_every_status_an_overdue_one_and_reviews(client):
    from consultations.models import CommitmentPage, CommitmentStatus, Partner

    call_command("load_demo", "--no-admin", stdout=StringIO())
    commitments = CommitmentPage.objects.live()
    assert commitments.count() == 11  # three of them from the sub-committee's resolutions
    assert {c.status for c in commitments} == set(CommitmentStatus.values)
    assert commitments.overdue().count() >= 1
    from_reviews = [c for c in commitments if c.recommendation_key]
    assert len(from_reviews) >= 2
    assert {c.source["label"].split(" ")[0] for c in from_reviews} == {"Recommendation", "Resolution"}
    assert Partner.objects.count() == 3
    assert sum(c.updates.count() for c in commitments) >= 10
    counts = (CommitmentPage.objects.count(), sum(c.updates.count() for c in commitments))

    call_command("load_demo", "--no-admin", stdout=StringIO())

    assert (
        CommitmentPage.objects.count(),
        sum(c.updates.count() for c in CommitmentPage.objects.all()),
    ) == counts
    tracker = commitments.first().get_parent()
    html = client.get(tracker.url).content.decode()
    assert "Overdue" in html
    assert client.get(from_reviews[0].url).status_code == 200
    minutes = client.get("/what-we-said-we-would-do/thriving-communities-sub-committee-minutes/")
    html = minutes.content.decode()
    assert "That an update on Social Prescribing be provided in September." in html
    assert "Update the sub-committee on social prescribing in September" in html
