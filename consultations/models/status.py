"""A review's status is never stored: it follows from its dates and whether an outcome is published,
so it changes at midnight without anyone touching the page."""

import datetime

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for feedback")
    CLOSED = "closed", _("Closed")
    OUTCOME = "outcome", _("Outcome published")


def derive_status(opens: datetime.date, closes: datetime.date, outcome_published: bool, today=None):
    """The single rule; `status_expression` below is the same rule for the database."""
    today = today or timezone.localdate()
    if today < opens:
        return ReviewStatus.UPCOMING
    if today <= closes:
        return ReviewStatus.OPEN
    return ReviewStatus.OUTCOME if outcome_published else ReviewStatus.CLOSED


def status_expression(today=None):
    today = today or timezone.localdate()
    return Case(
        When(opening_date__gt=today, then=Value(ReviewStatus.UPCOMING.value)),
        When(closing_date__gte=today, then=Value(ReviewStatus.OPEN.value)),
        When(Q(outcome_published=True), then=Value(ReviewStatus.OUTCOME.value)),
        default=Value(ReviewStatus.CLOSED.value),
        output_field=models.CharField(),
    )
