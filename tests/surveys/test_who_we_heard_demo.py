"""The demo's fictional area lookup and about-you answers: the view shows gaps, the postcodes are
kept nowhere but the lookup, and a second build adds nothing."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from site_home.models import PlacePage, PlacePopulation
from surveys.equalities.models import DataZone, PostcodeDataZone, SimdRank
from surveys.models import AboutYou, AboutYouAnswer, SurveyPage, SurveySubmission

pytestmark = pytest.mark.django_db


def test_demo_lookup_and_about_you_answers_show_who_we_missed(client):
    out = StringIO()
    call_command("load_demo", "--no-admin", stdout=out)
    assert DataZone.objects.filter(code__startswith="DEMO", place__isnull=False).count() == 20
    assert SimdRank.objects.count() == 20 and PostcodeDataZone.objects.count() == 60
    assert PlacePopulation.objects.filter(measure="age_band").count() == 70
    records = AboutYou.objects.count()
    assert records > 100 and AboutYou.objects.exclude(simd_quintile=None).exists()
    assert not any(
        "ZZ" in json.dumps(data) for data in SurveySubmission.objects.values_list("form_data", flat=True)
    )

    general = SurveyPage.objects.get(slug="working-together")
    client.force_login(get_user_model().objects.create_superuser("lead", "lead@example.org", "pw-123456789"))
    html = client.get(reverse("surveys_who_we_heard"), {"page": general.pk}).content.decode()
    assert "Under-heard" in html and "fewer than 5" in html
    ashgrove = PlacePage.objects.get(slug="ashgrove")
    assert (
        "Under-heard" in client.get(reverse("surveys_who_we_heard"), {"place": ashgrove.pk}).content.decode()
    )

    answers = AboutYouAnswer.objects.count()
    call_command("load_demo", "--no-admin", stdout=out)
    assert AboutYou.objects.count() == records and AboutYouAnswer.objects.count() == answers
    assert "0 created, 0 updated, 20 unchanged" in out.getvalue()
