"""Agree/disagree answers on recommendations keep their choice and lose the per-person keys."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.models import RecommendationResponse

from .factories import make_review

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_old_answers_keep_their_choice_and_lose_the_participant_keys(review_index, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    review = make_review(review_index)
    old, recent = (
        RecommendationResponse.objects.create(
            review=review,
            section_key="s1",
            recommendation_key="r1",
            choice="agree",
            participant=c * 64,
            network="n" * 64,
        )
        for c in "ab"
    )
    # updated_at is auto_now: only a queryset update can age it.
    RecommendationResponse.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=31)
    )

    run("--dry-run")
    assert RecommendationResponse.objects.get(pk=old.pk).participant == "a" * 64

    run()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.choice, old.participant, old.network) == ("agree", f"anonymised-{old.pk}", "")
    assert (recent.participant, recent.network) == ("b" * 64, "n" * 64)
    assert "Total erased: 0" in run()
