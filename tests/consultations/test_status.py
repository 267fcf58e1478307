"""The status matrix: dates (before, on the first day, during, on the last day, after) × outcome."""

import pytest

from consultations.models import ReviewPage, ReviewStatus

from .factories import days, make_review

pytestmark = pytest.mark.django_db

UPCOMING, OPEN, CLOSED, OUTCOME = (
    ReviewStatus.UPCOMING,
    ReviewStatus.OPEN,
    ReviewStatus.CLOSED,
    ReviewStatus.OUTCOME,
)

# (opens in n days, closes in n days, outcome published) -> status
MATRIX = [
    ((1, 10, False), UPCOMING),
    ((1, 10, True), UPCOMING),  # an outcome ticked too early is not shown before the review runs
    ((0, 10, False), OPEN),  # opens today
    ((0, 10, True), OPEN),
    ((-5, 5, False), OPEN),
    ((-5, 5, True), OPEN),
    ((-5, 0, False), OPEN),  # closes at the end of today
    ((-5, 0, True), OPEN),
    ((-10, -1, False), CLOSED),
    ((-10, -1, True), OUTCOME),
]


@pytest.mark.parametrize(("dates", "expected"), MATRIX)
def test_status_property_and_queryset_annotation_agree(review_index, dates, expected):
    opens, closes, outcome = dates
    review = make_review(review_index, sections=0, opening_date=days(opens), closing_date=days(closes))
    # Set directly: the editor's form refuses an outcome before closing, but the rule must still hold.
    ReviewPage.objects.filter(pk=review.pk).update(outcome_published=outcome)
    review.refresh_from_db()
    assert review.status == expected
    annotated = ReviewPage.objects.with_status().get(pk=review.pk)
    assert annotated.status_value == expected.value
    assert list(ReviewPage.objects.with_status_value(expected)) == [review]
    assert review.accepts_feedback() is (expected == OPEN)


def test_outcome_cannot_be_published_while_open_and_dates_must_be_in_order(review_index):
    from django.core.exceptions import ValidationError

    review = make_review(review_index, sections=0)
    review.outcome_published = True
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert "outcome_published" in error.value.message_dict

    review.outcome_published = False
    review.opening_date, review.closing_date = days(5), days(1)
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert "closing_date" in error.value.message_dict
