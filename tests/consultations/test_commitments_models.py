"""Commitments: the reason a settled status needs, where a commitment came from, and overdue."""

import pytest
from django.core.exceptions import ValidationError

from consultations.models import CommitmentPage, CommitmentStatus

from .factories import days, make_commitment, make_review

pytestmark = pytest.mark.django_db

S = CommitmentStatus


@pytest.mark.parametrize("status", [S.DONE, S.CHANGED, S.NOT_GOING_AHEAD])
def test_settled_status_needs_a_reason(commitment_index, status):
    commitment = make_commitment(commitment_index)
    commitment.status = status
    commitment.status_reason = "  "
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "status_reason" in error.value.message_dict
    assert f"Say why the status is ‘{status.label.lower()}’" in error.value.message_dict["status_reason"][0]
    commitment.status_reason = "The hall opened on 3 May."
    commitment.full_clean()


@pytest.mark.parametrize("status", [S.NOT_STARTED, S.IN_PROGRESS])
def test_open_status_needs_no_reason(commitment_index, status):
    commitment = make_commitment(commitment_index, status=status)
    commitment.full_clean()


def test_recommendation_key_must_belong_to_the_source_review(commitment_index, review_index):
    review = make_review(review_index, sections=1, recs=2)
    rec = review.section_list[0].recommendation_list[1]
    commitment = make_commitment(commitment_index, source_page=review, recommendation_key=rec.key)
    commitment.full_clean()
    assert commitment.source["label"] == f"Recommendation {rec.number}: {rec.short_text}"
    assert commitment.source["anchor"] == rec.key

    commitment.recommendation_key = "rec-nonsense"
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "recommendation_key" in error.value.message_dict


def test_recommendation_key_needs_a_review_as_source(commitment_index):
    commitment = make_commitment(commitment_index)
    commitment.recommendation_key = "rec-abc"
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert error.value.message_dict["recommendation_key"] == [
        "A recommendation or resolution can only be given when the source is a review or meeting minutes."
    ]


# (due in n days, status) -> overdue
OVERDUE = [
    ((-1, S.NOT_STARTED), True),
    ((-1, S.IN_PROGRESS), True),
    ((-1, S.DONE), False),
    ((-1, S.CHANGED), False),
    ((-1, S.NOT_GOING_AHEAD), False),
    ((0, S.NOT_STARTED), False),  # due today is not yet overdue
    ((5, S.IN_PROGRESS), False),
]


@pytest.mark.parametrize(("due", "expected"), OVERDUE)
def test_overdue_property_and_queryset_agree(commitment_index, due, expected):
    days_ahead, status = due
    reason = "Because." if status in (S.DONE, S.CHANGED, S.NOT_GOING_AHEAD) else ""
    commitment = make_commitment(
        commitment_index, due_date=days(days_ahead), status=status, status_reason=reason
    )
    assert commitment.is_overdue() is expected
    assert CommitmentPage.objects.overdue().filter(pk=commitment.pk).exists() is expected


def test_due_soon_is_the_next_thirty_days_and_not_settled(commitment_index):
    soon = make_commitment(commitment_index, due_date=days(30))
    make_commitment(commitment_index, due_date=days(31))
    make_commitment(commitment_index, due_date=days(-1))
    make_commitment(commitment_index, due_date=days(3), status=S.DONE, status_reason="Done early.")
    assert list(CommitmentPage.objects.due_soon()) == [soon]


def test_status_counts_in_one_query(commitment_index, django_assert_num_queries):
    make_commitment(commitment_index, due_date=days(-3))
    make_commitment(commitment_index, status=S.IN_PROGRESS)
    make_commitment(commitment_index, status=S.DONE, status_reason="Done.")
    with django_assert_num_queries(1):
        counts = CommitmentPage.objects.all().status_counts()
    assert counts == {
        "total": 3,
        "overdue": 1,
        "not-started": 1,
        "in-progress": 1,
        "done": 1,
        "changed": 0,
        "not-going-ahead": 0,
    }
