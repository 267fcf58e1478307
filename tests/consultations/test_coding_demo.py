from io import StringIO

import pytest
from django.core.management import call_command

from consultations.models import ReviewPage
from surveys.analysis.models import Code, Coding, Suggestion

pytestmark = pytest.mark.django_db


def test_demo_has_a_coding_frame_quotes_engagement_and_responses(client):
    call_command("load_demo", "--no-admin", stdout=StringIO())
    halls = ReviewPage.objects.get(locale__language_code="en-gb", slug="community-halls-opening-hours")
    assert Code.objects.filter(page=halls).count() == 5
    assert Coding.objects.filter(code__page=halls).count() == 10
    assert Suggestion.objects.filter(code__page=halls, decision="pending").exists()
    counts = (Code.objects.count(), Coding.objects.count(), Suggestion.objects.count())

    call_command("load_demo", "--no-admin", stdout=StringIO())
    assert (Code.objects.count(), Coding.objects.count(), Suggestion.objects.count()) == counts

    outcome = client.get(halls.url).content.decode()
    assert "own words" in outcome and "Eilidh" in outcome  # a named writer's quote
    assert "How we engaged" in outcome
    responses = client.get(halls.url + "responses/").content.decode()
    assert "Anonymous" in responses and "Hamish" not in responses  # his comment is kept private
    review = ReviewPage.objects.get(
        locale__language_code="en-gb", slug="better-relationships-better-outcomes"
    )
    assert "Inclusion" in client.get(review.url).content.decode()
