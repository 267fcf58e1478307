"""Demo surveys: two rounds of a Place Standard survey (an earlier closed round and the current
open one, so the compass shows change) and a short general survey about how public bodies and the
voluntary sector work together. Answers are generated with a fixed seed, so every run is the same,
and they differ by place the way real areas do."""

import datetime
import random

from django.utils import timezone

from devdata.demo import DemoContext, child_page
from surveys.builder.models.fields import DONT_KNOW, SurveyFieldType
from surveys.builder.presets import SurveyPreset, place_standard_fields, standard_about_you_fields
from surveys.equalities.questions import AGE_BANDS, StandardQuestion
from surveys.feedback.channels import Channel
from surveys.models import SurveyField, SurveyIndexPage, SurveyPage, SurveySubmission

PS_PLACES = ["ashgrove", "brackenhill", "carron-vale", "harbourside", "lochview"]

# Each place's character on the Place Standard themes, as a median to scatter answers around, and
# the themes where things changed between the rounds (positive: better now).
PLACE_PROFILES = {
    "ashgrove": (
        {"natural-space": 6, "social-interaction": 6, "public-transport": 3, "jobs-and-places-to-work": 3},
        {"public-transport": 1.5, "care-and-maintenance": -1},
    ),
    "brackenhill": (
        {
            "feeling-safe": 2.5,
            "care-and-maintenance": 2.5,
            "housing-and-community": 3,
            "play-and-recreation": 5,
        },
        {"feeling-safe": 1.5, "having-a-say": 1},
    ),
    "carron-vale": (
        {
            "natural-space": 6.5,
            "public-transport": 2,
            "facilities-and-services": 2.5,
            "identity-and-belonging": 6,
        },
        {"facilities-and-services": -1, "moving-around": 1},
    ),
    "harbourside": (
        {
            "jobs-and-places-to-work": 5.5,
            "traffic-and-parking": 2,
            "streets-and-spaces": 5,
            "housing-and-community": 2.5,
        },
        {"traffic-and-parking": 1, "housing-and-community": -1},
    ),
    "lochview": (
        {"having-a-say": 2, "play-and-recreation": 3, "moving-around": 5, "feeling-safe": 5.5},
        {"having-a-say": 2, "play-and-recreation": 1.5},
    ),
}
GOOD_NOW = [
    "The park and the river path",
    "Friendly neighbours",
    "The community centre",
    "Local shops we can walk to",
]
BETTER = [
    "More frequent buses in the evening",
    "Fix the broken pavements",
    "Somewhere for teenagers to go",
    "Lighting on the path to the station",
]


def score(rng, centre, low=1, high=7):
    return max(low, min(high, round(rng.gauss(centre, 1.0))))


def place_question():
    return SurveyField(
        label="Which area do you live in?",
        field_type=SurveyFieldType.PLACE,
        help_text="Choose the area you know best.",
    )


def age_question():
    return SurveyField(
        label="What is your age?",
        field_type="radio",
        choices="\n".join(AGE_BANDS),
        required=False,
        about_you=True,
        standard_question=StandardQuestion.AGE_BAND,
    )


def place_standard_answers(survey, places, seed, later_round):
    rng = random.Random(seed)
    questions = list(survey.form_fields.select_related("theme"))
    rows = []
    for slug in PS_PLACES:
        place = places.get(slug)
        if place is None:
            continue
        profile, change = PLACE_PROFILES[slug]
        for _ in range(rng.randint(12, 18)):
            data = {}
            for question in questions:
                if question.field_type == SurveyFieldType.PLACE:
                    data[question.clean_name] = slug
                elif question.field_type == SurveyFieldType.RATING:
                    centre = profile.get(question.theme.slug, 4)
                    if later_round:
                        centre += change.get(question.theme.slug, 0)
                    data[question.clean_name] = score(rng, centre)
                elif question.asked_about_you:
                    continue  # stored apart from the answers (devdata/demo/who_we_heard.py)
                    # Now and then someone cannot say (no children, so no view on play areas).
                    data[question.clean_name] = DONT_KNOW if rng.random() < 0.04 else score(rng, centre)
                elif question.about_you:
                    data[question.clean_name] = rng.choice(AGE_BANDS.split("\n") + ["Prefer not to say"])
                elif rng.random() < 0.15:
                    pool = GOOD_NOW if "good now" in question.label else BETTER
                    data[question.clean_name] = rng.choice(pool)
                else:
                    data[question.clean_name] = ""
            rows.append(SurveySubmission(page=survey, place=place, form_data=data, channel=channel(rng)))
    return rows


def channel(rng):
    """Most answers come online; staff type in the rest from paper, phone calls and events (the
    events demo names the event)."""
    draw = rng.random()
    if draw < 0.14:
        return Channel.PAPER
    if draw < 0.19:
        return Channel.PHONE
    if draw < 0.27:
        return Channel.EVENT
    return Channel.ONLINE


def children_answers(survey, place, seed):
    rng = random.Random(seed)
    ratings = [q for q in survey.form_fields.all() if q.field_type == SurveyFieldType.RATING]
    rows = []
    for _ in range(24):
        data = {
            q.clean_name: DONT_KNOW if rng.random() < 0.06 else rng.choice([1, 2, 2, 3, 3]) for q in ratings
        }
        rows.append(SurveySubmission(page=survey, place=place, form_data=data, channel=Channel.PAPER))
    return rows


GENERAL_PROFILES = {
    "ashgrove": 3.5,
    "brackenhill": 2.2,
    "carron-vale": 2.8,
    "dunmore-park": 3.2,
    "fernbank": 4,
    "harbourside": 2.5,
}
KINDS = [
    "Community or voluntary group",
    "Charity",
    "Social enterprise",
    "Public body",
    "Not part of an organisation",
]
NEEDS = [
    "Funding that lasts several years",
    "Simpler applications and reports",
    "Being involved before decisions are made",
    "Plainer, more regular communication",
    "Contracts that small groups can bid for",
]


RELATIONSHIP = "How good is the relationship between public bodies and the voluntary sector where you are?"
PLACE_STANDARD_INTRO = (
    "The Place Standard asks fourteen simple questions about where you live, from green space to feeling "
    "safe. Give each a score from 1 to 7 and tell us what is good and what could be better."
)


PUBLIC_FUNDING = "Does your organisation get funding from a public body?"


def general_questions(themes):
    return [
        place_question(),
        SurveyField(
            label="What kind of organisation are you part of?",
            field_type="radio",
            choices="\n".join(KINDS),
        ),
        SurveyField(
            label=RELATIONSHIP,
            field_type=SurveyFieldType.RATING,
            scale_min=1,
            scale_max=5,
            scale_min_label="Very poor",
            scale_max_label="Very good",
            theme=themes.get("values"),
        ),
        SurveyField(
            label="Public bodies treat voluntary organisations as equal partners",
            field_type=SurveyFieldType.AGREE,
            theme=themes.get("power-dynamics"),
        ),
        SurveyField(label=PUBLIC_FUNDING, field_type="radio", choices="Yes\nNo\nNot sure"),
        # Asked only of organisations with public funding: one page each, the rule checked on the server.
        SurveyField(
            label="Funding lets us plan more than a year ahead",
            field_type=SurveyFieldType.AGREE,
            theme=themes.get("funding"),
            show_if_question=PUBLIC_FUNDING,
            show_if_answer="Yes",
        ),
        SurveyField(
            label="What would make the most difference?",
            field_type="checkboxes",
            required=False,
            choices="\n".join(NEEDS),
            theme=themes.get("communications-and-understanding"),
        ),
        SurveyField(
            label="Anything else you would like to tell us?",
            field_type="multiline",
            required=False,
            same_page_as_previous=True,
        ),
        *standard_about_you_fields(),
    ]


def general_answers(survey, places, seed):
    rng = random.Random(seed)
    by_label = {q.label: q.clean_name for q in survey.form_fields.all()}
    rows = []
    for slug, mood in GENERAL_PROFILES.items():
        place = places.get(slug)
        if place is None:
            continue
        for _ in range(rng.randint(8, 14)):
            rating = score(rng, mood, 1, 5)
            kind = rng.choice(KINDS)
            agree = (
                "Agree"
                if rating >= 4
                else ("Disagree" if rating <= 2 else rng.choice(["Agree", "Disagree", "Unsure"]))
            )
            funding = rng.choices(
                ["Agree", "Disagree", "Unsure"], weights=[1, 4 if kind != "Public body" else 1, 1]
            )[0]
            funded = rng.choices(["Yes", "No", "Not sure"], weights=[5, 3, 1])[0]
            data = {
                by_label["Which area do you live in?"]: slug,
                by_label["What kind of organisation are you part of?"]: kind,
                by_label[RELATIONSHIP]: rating,
                by_label["Public bodies treat voluntary organisations as equal partners"]: agree,
                by_label[PUBLIC_FUNDING]: funded,
                by_label["What would make the most difference?"]: rng.sample(NEEDS, rng.randint(1, 3)),
                by_label["Anything else you would like to tell us?"]: "",
            }
            if funded == "Yes":  # the others were not asked
                data[by_label["Funding lets us plan more than a year ahead"]] = funding
            rows.append(SurveySubmission(page=survey, place=place, form_data=data))
    return rows


def save_answers(rows, when):
    created = SurveySubmission.objects.bulk_create(rows)
    # submit_time is auto_now_add: move the answers into the survey's own weeks.
    for offset, submission in enumerate(created):
        moment = when + datetime.timedelta(hours=7 * offset % (24 * 30))
        SurveySubmission.objects.filter(pk=submission.pk).update(submit_time=moment)


def build(demo: DemoContext):
    today = timezone.localdate()
    index_page, _ = child_page(
        demo.home,
        SurveyIndexPage,
        "surveys",
        title="Surveys",
        show_in_menus=True,
        introduction=(
            "Tell us what it is like where you live and how organisations work together. "
            "Surveys take five to fifteen minutes."
        ),
    )
    ps_places = [demo.places[slug] for slug in PS_PLACES if slug in demo.places]
    ps_themes = [theme for slug, theme in demo.themes.items() if theme.group == "place-standard"]

    def place_standard_round(slug, title, opens, closes, previous=None):
        return child_page(
            index_page,
            SurveyPage,
            slug,
            title=title,
            introduction=PLACE_STANDARD_INTRO,
            opens_on=opens,
            closes_on=closes,
            results_public=True,
            preset=SurveyPreset.PLACE_STANDARD,
            previous_round=previous,
            places=ps_places,
            themes=ps_themes,
            children={
                "form_fields": [place_question(), *place_standard_fields(), *standard_about_you_fields()]
            },
        )

    first, created = place_standard_round(
        "place-standard-2025",
        "How good is our place? Place Standard 2025",
        datetime.date(2025, 3, 1),
        datetime.date(2025, 4, 30),
    )
    if created:
        rows = place_standard_answers(first, demo.places, seed=2025, later_round=False)
        save_answers(rows, timezone.make_aware(datetime.datetime(2025, 3, 2, 10)))
        demo.say(f"Survey: {first.title} with {len(rows)} answers")

    second, created = place_standard_round(
        "place-standard-2026",
        "How good is our place? Place Standard 2026",
        today - datetime.timedelta(days=21),
        today + datetime.timedelta(days=42),
        previous=first,
    )
    if created:
        rows = place_standard_answers(second, demo.places, seed=2026, later_round=True)
        save_answers(rows, timezone.now() - datetime.timedelta(days=20))
        demo.say(f"Survey: {second.title} with {len(rows)} answers")

    children_survey, created = child_page(
        index_page,
        SurveyPage,
        "lochview-primary-place-standard",
        title="How good is our place? Lochview Primary pupils",
        introduction=(
            "The children's Place Standard, filled in on paper by pupils at Lochview Primary with their "
            "teachers: three faces for each question, from not good to good."
        ),
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=2),
        results_public=True,
        preset=SurveyPreset.CHILDREN,
        places=[demo.places[s] for s in ("lochview",) if s in demo.places],
        themes=ps_themes,
        children={"form_fields": place_standard_fields(SurveyPreset.CHILDREN)},
    )
    if created and "lochview" in demo.places:
        rows = children_answers(children_survey, demo.places["lochview"], seed=12)
        save_answers(rows, timezone.now() - datetime.timedelta(days=25))
        demo.say(f"Survey: {children_survey.title} with {len(rows)} paper answers")

    review_themes = [
        demo.themes[s]
        for s in ("values", "power-dynamics", "funding", "communications-and-understanding")
        if s in demo.themes
    ]
    general, created = child_page(
        index_page,
        SurveyPage,
        "working-together",
        title="Working together: a short general survey",
        introduction=(
            "How well do public bodies and voluntary and community organisations work together where you "
            "are? Five minutes of your time helps the review. One question at a time: you can save your answers "
            "and come back later."
        ),
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=30),
        results_public=True,
        question_pages=True,
        places=[demo.places[s] for s in GENERAL_PROFILES if s in demo.places],
        themes=review_themes,
        children={"form_fields": general_questions(demo.themes)},
    )
    if created:
        rows = general_answers(general, demo.places, seed=77)
        save_answers(rows, timezone.now() - datetime.timedelta(days=9))
        demo.say(f"Survey: {general.title} with {len(rows)} answers")

    child_page(
        index_page,
        SurveyPage,
        "community-transport-2027",
        title="Community transport: where should the new minibus go?",
        introduction=(
            "We are planning a shared community minibus. Tell us which trips matter most to you before we "
            "draw up the timetable."
        ),
        opens_on=today + datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=75),
        themes=[demo.themes[s] for s in ("public-transport",) if s in demo.themes],
        children={
            "form_fields": [
                place_question(),
                SurveyField(
                    label="Which trips matter most?",
                    field_type="checkboxes",
                    choices="Hospital appointments\nShopping\nVisiting family\nSocial clubs",
                ),
            ]
        },
    )
