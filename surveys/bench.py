"""Benchmark data for surveys: one public Place Standard survey with bench.scale["survey_responses"]
answers spread over the bench places, bulk-created with realistic answers (a score for each of the
14 themes, an occasional written answer, an age band)."""

import datetime
import random

from django.utils import timezone

from site_home.bench import BenchContext
from site_home.demo import child_page
from surveys.models import SurveyIndexPage, SurveyPage, SurveySubmission
from surveys.models.survey_fields import PLACE, RATING
from surveys.survey_demo import AGE_BANDS, BETTER, GOOD_NOW, age_question, place_question, score
from surveys.survey_presets import place_standard_fields

SLUG = "bench-place-standard"
BATCH = 2000


def _answers(survey, places, count, rng):
    questions = list(survey.form_fields.select_related("theme"))
    ages = AGE_BANDS.split("\n") + ["Prefer not to say"]
    moods = {place.pk: rng.uniform(2.5, 5.5) for place in places}
    for _ in range(count):
        place = rng.choice(places)
        data = {}
        for question in questions:
            if question.field_type == PLACE:
                data[question.clean_name] = place.slug
            elif question.field_type == RATING:
                data[question.clean_name] = score(rng, moods[place.pk])
            elif question.about_you:
                data[question.clean_name] = rng.choice(ages)
            elif rng.random() < 0.15:
                data[question.clean_name] = rng.choice(GOOD_NOW if "good now" in question.label else BETTER)
            else:
                data[question.clean_name] = ""
        yield SurveySubmission(page=survey, place=place, form_data=data)


def build(bench: BenchContext):
    today = timezone.localdate()
    survey, _ = child_page(
        SurveyIndexPage.objects.get(),
        SurveyPage,
        SLUG,
        title="How good is our place? Benchmark survey",
        introduction="A Place Standard survey generated for the benchmark.",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today + datetime.timedelta(days=60),
        results_public=True,
        is_place_standard=True,
        places=bench.places,
        children={"form_fields": [place_question(), *place_standard_fields(), age_question()]},
    )
    missing = bench.scale["survey_responses"] - SurveySubmission.objects.filter(page=survey).count()
    rows = list(_answers(survey, bench.places, max(missing, 0), random.Random(50)))
    for start in range(0, len(rows), BATCH):
        SurveySubmission.objects.bulk_create(rows[start : start + BATCH])
    bench.urls["survey results"] = survey.results_url()
