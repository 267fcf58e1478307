"""Demo content for "who we heard from": the made-up area lookup (devdata/demo/lookup/, loaded with
import_simd_lookup), each demo place's data zones and population profile, and "about you" answers
and postcodes for the demo survey responses, through the same path the survey form uses. The
answers lean older, female and towards each place's less deprived zone, so the staff view shows
gaps. Fixed seed: every run is the same; a second run adds nothing."""

import random
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from site_home.models import PlacePopulation
from surveys.equalities.models import BoundarySet, DataZone, SimdRank
from surveys.equalities.questions import AGE_BANDS, DISABILITY, ETHNICITY, PREFER_NOT_TO_SAY, SEX
from surveys.equalities.recording import record_about_you, take_about_you
from surveys.models import AboutYou, SurveyPage, SurveySubmission

from . import DemoContext

LOOKUP = Path(__file__).parent / "lookup"
# In the lookup's order: each place has two zones (more deprived first) and three postcodes in each.
PLACE_ORDER = [
    "ashgrove",
    "brackenhill",
    "carron-vale",
    "dunmore-park",
    "eastwood-mill",
    "fernbank",
    "glenholm",
    "harbourside",
    "kirkton-cross",
    "lochview",
]
# Residents (shares in %, census-like) and who answered (weights): young people and men answer less.
RESIDENT_AGES = [17, 11, 14, 19, 20, 11, 8]
ANSWER_AGES = [0, 2, 9, 24, 30, 22, 10]
RESIDENT_DISABILITY = [10, 13, 77]
DIVERSE = {"fernbank": 0.35, "brackenhill": 0.25, "dunmore-park": 0.15}


def load_lookup(demo):
    out = StringIO()
    call_command(
        "import_simd_lookup", simd=LOOKUP / "simd_ranks.csv", postcodes=LOOKUP / "postcodes.csv", stdout=out
    )
    for line in out.getvalue().splitlines():
        demo.say(f"Area lookup (fictional): {line}")
    zones = list(
        DataZone.objects.filter(boundary_set=BoundarySet.DZ2011, code__startswith="DEMO").order_by("code")
    )
    for number, zone in enumerate(zones):
        place = demo.places.get(PLACE_ORDER[number // 2]) if number // 2 < len(PLACE_ORDER) else None
        if zone.place_id is None and place is not None:
            zone.place = place
            zone.save(update_fields=["place"])
    return zones


def population_rows(place, quintiles, rng):
    ages = [max(1, share + rng.randint(-2, 2)) for share in RESIDENT_AGES]
    scale = 100 / sum(ages)
    rows = [("age_band", band, round(share * scale, 1)) for band, share in zip(AGE_BANDS, ages, strict=True)]
    rows += [("sex", "Female", 51.5), ("sex", "Male", 48.5)]
    rows += [
        ("disability", group, share) for group, share in zip(DISABILITY, RESIDENT_DISABILITY, strict=True)
    ]
    minority = DIVERSE.get(place.slug, 0.05)
    rows += [
        ("ethnicity", "White: Scottish", round(100 * (1 - minority) * 0.85, 1)),
        ("ethnicity", "White: Other British", round(100 * (1 - minority) * 0.1, 1)),
        (
            "ethnicity",
            "Asian: Pakistani, Scottish Pakistani or British Pakistani",
            round(100 * minority * 0.4, 1),
        ),
        (
            "ethnicity",
            "African: African, Scottish African or British African",
            round(100 * minority * 0.3, 1),
        ),
    ]
    for quintile in sorted(set(quintiles)):
        rows.append(
            ("simd_quintile", str(quintile), round(100 * quintiles.count(quintile) / len(quintiles), 1))
        )
    return rows


def build_population(demo, zones):
    quintiles = {}
    for rank in SimdRank.objects.filter(data_zone__in=zones).select_related("data_zone"):
        quintiles.setdefault(rank.data_zone.place_id, []).append(rank.quintile)
    rng = random.Random(2022)
    for slug in PLACE_ORDER:
        place = demo.places.get(slug)
        if place is None or place.population_groups.exists():
            continue
        PlacePopulation.objects.bulk_create(
            PlacePopulation(place=place, measure=measure, group=group, share=share, sort_order=order)
            for order, (measure, group, share) in enumerate(
                population_rows(place, quintiles.get(place.pk, []), rng)
            )
        )


def about_you_answers(rng, place_slug, postcode_of):
    answers = {}
    if rng.random() < 0.85:
        answers["age_band"] = rng.choices(AGE_BANDS + [PREFER_NOT_TO_SAY], weights=ANSWER_AGES + [2])[0]
    if rng.random() < 0.8:
        answers["sex"] = rng.choices(SEX + [PREFER_NOT_TO_SAY], weights=[60, 38, 2])[0]
    if rng.random() < 0.7:
        answers["disability"] = rng.choices(DISABILITY, weights=[6, 10, 84])[0]
    if rng.random() < 0.6:
        minority = DIVERSE.get(place_slug, 0.05) / 3  # minority ethnic groups are heard less
        answers["ethnicity"] = rng.choices(
            [ETHNICITY[0], ETHNICITY[1], ETHNICITY[9], ETHNICITY[14]],
            weights=[85 * (1 - minority), 15 * (1 - minority), 60 * minority, 40 * minority],
        )[0]
    if rng.random() < 0.65 and place_slug in postcode_of:
        more_deprived, less_deprived = postcode_of[place_slug]
        answers["postcode"] = rng.choice(more_deprived if rng.random() < 0.25 else less_deprived)
    return answers


def build_answers(demo):
    number = {slug: index for index, slug in enumerate(PLACE_ORDER, start=1)}
    postcode_of = {
        slug: ([f"ZZ{n} 1{x}" for x in ("AA", "AB", "AD")], [f"ZZ{n} 2{x}" for x in ("AA", "AB", "AD")])
        for slug, n in number.items()
    }
    rng = random.Random(19)
    for survey in (
        SurveyPage.objects.filter(form_fields__standard_question="age_band").distinct().order_by("pk")
    ):
        if AboutYou.objects.filter(page=survey).exists():
            continue
        questions = list(survey.form_fields.all())
        keys = {q.standard_question or q.field_type: q.clean_name for q in questions}
        made = 0
        for submission in SurveySubmission.objects.filter(page=survey).select_related("place").order_by("pk"):
            answers = about_you_answers(rng, submission.place.slug if submission.place else "", postcode_of)
            data = {keys[key]: value for key, value in answers.items() if key in keys}
            made += bool(
                record_about_you(take_about_you(data, questions), survey, submission.place, submission)
            )
        demo.say(f"Who we heard from: 'about you' answers for {made} responses to {survey.title}")


def build_who_we_heard_demo(demo: DemoContext):
    zones = load_lookup(demo)
    build_population(demo, zones)
    build_answers(demo)
