"""The Place Standard as published: its three versions, "I don't know" and rounds over time."""

import pytest
from django.core.cache import cache

from surveys.builder.models.fields import DONT_KNOW
from surveys.builder.presets import VERSIONS, SurveyPreset
from surveys.builder.results import MAX_ROUNDS, survey_results
from surveys.models import SurveyPage
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import answer, days, make_survey, make_survey_index
from tests.surveys.test_survey_results import uncached_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_index(home_page):
    return make_survey_index(home_page)


@pytest.fixture
def north(place_index):
    return make_place(place_index, title="North", slug="north")


def ratings(survey):
    return [f for f in survey.questions if f.field_type == "rating"]


def rate(survey, place, **scores):
    """An answer giving `scores` ({theme slug with _ for -: score}) on the survey's ratings."""
    data = {f.clean_name: scores.get(f.theme.slug.replace("-", "_")) for f in ratings(survey)}
    return answer(survey, place, **{k: v for k, v in data.items() if v is not None})


def test_adult_preset_asks_the_tools_own_questions_on_its_scale(survey_index):
    survey = make_survey(survey_index, title="PS", preset=SurveyPreset.PLACE_STANDARD)
    rated = ratings(survey)
    assert len(rated) == 14 and len([f for f in survey.questions if f.field_type == "multiline"]) == 28
    first = rated[0]
    assert first.label == "Can I easily walk and cycle around using good-quality routes?"
    assert first.theme.slug == "moving-around" and first.help_text == "Moving around"
    assert (first.scale_min, first.scale_max) == (1, 7) and first.allow_dont_know
    assert (first.scale_min_label, first.scale_max_label) == (
        "Lots of room for improvement",
        "Very little room for improvement",
    )
    assert rated[-1].label == VERSIONS[SurveyPreset.PLACE_STANDARD].questions[-1]
    assert rated[-1].label.startswith("Do I feel able to take part in decisions")
    assert survey.is_place_standard and survey.scale_max == 7


def test_children_preset_has_a_three_point_scale_and_young_peoples_their_own_words(survey_index):
    children = make_survey(survey_index, title="Kids", preset=SurveyPreset.CHILDREN)
    assert {(f.scale_min, f.scale_max) for f in ratings(children)} == {(1, 3)}
    assert children.scale_max == 3 and len(ratings(children)) == 14
    form = children.get_form()
    assert [value for value, _ in form.fields[ratings(children)[0].clean_name].choices] == [
        "1",
        "2",
        "3",
        DONT_KNOW,
    ]
    young = make_survey(survey_index, title="Young", preset=SurveyPreset.YOUNG_PEOPLE)
    assert [f.label for f in ratings(young)] == list(VERSIONS[SurveyPreset.YOUNG_PEOPLE].questions)
    assert {f.scale_max for f in ratings(young)} == {7}


def test_children_compass_is_drawn_on_three_rings(survey_index, north):
    children = make_survey(survey_index, title="Kids", preset=SurveyPreset.CHILDREN, places=[north])
    rate(children, north, moving_around=3)
    compass = survey_results(children).compasses[0]["compass"]
    assert compass.scale_max == 3 and len(compass.rings) == 3
    assert compass.current_points[0] == (compass.spokes[0][0], compass.spokes[0][1])  # 3 is the outer ring


def test_i_dont_know_is_stored_and_shown_but_not_counted_in_the_median(survey_index, north, client):
    survey = make_survey(survey_index, title="PS", preset=SurveyPreset.PLACE_STANDARD, places=[north])
    moving = ratings(survey)[0]
    form = survey.get_form({f.clean_name: "4" for f in ratings(survey)} | {moving.clean_name: DONT_KNOW})
    assert form.is_valid(), form.errors
    assert form.cleaned_data[moving.clean_name] == DONT_KNOW
    stored = survey.process_form_submission(form)
    assert stored.form_data[moving.clean_name] == DONT_KNOW and stored.channel == "online"
    rate(survey, north, moving_around=2)
    rate(survey, north, moving_around=6)

    results = survey_results(survey)
    result = next(r for r in results.questions if r.question.pk == moving.pk)
    assert result.answered == 3  # counted as an answer
    assert {o.label: o.count for o in result.options}["I don't know"] == 1
    assert result.median == 4  # the median of 2 and 6 only
    assert results.compasses[0]["compass"].axes[0].score == 4

    html = client.get(survey.url).content.decode()
    assert f'value="{DONT_KNOW}"' in html and "I don&#x27;t know" in html


def chained_rounds(survey_index, place, count, name="Round"):
    """`count` rounds of one survey, each pointing at the one before; the last is returned first."""
    previous, rounds = None, []
    for n in range(count):
        previous = make_survey(
            survey_index,
            title=f"{name} {n + 1}",
            preset=SurveyPreset.PLACE_STANDARD,
            places=[place],
            previous_round=previous,
            opens_on=days(-100 * (count - n)),
            closes_on=days(-100 * (count - n) + 50) if n < count - 1 else days(20),
            results_public=True,
        )
        rounds.append(previous)
    return list(reversed(rounds))


def test_compass_compares_every_earlier_round(survey_index, north, client):
    latest, *earlier = chained_rounds(survey_index, north, 4)
    for score, survey in zip((5, 4, 3, 2), (latest, *earlier), strict=True):
        rate(survey, north, moving_around=score)
    results = survey_results(latest)
    assert [r.title for r in results.rounds] == ["Round 3", "Round 2", "Round 1"]
    compass = results.compasses[0]["compass"]
    axis = compass.axes[0]
    assert (axis.score, axis.previous, axis.older, axis.change) == (5, 4, (3, 2), 1)
    assert [label for label, _ in compass.history_columns] == ["Round 3", "Round 2", "Round 1"]
    assert len(compass.older_rounds) == 2

    html = client.get(latest.url + "results/").content.decode()
    assert html.count('class="cv-compass__older"') == 2
    for title in ("Round 3", "Round 2", "Round 1"):
        header = f'<th scope="col" class="govuk-table__header govuk-table__header--numeric">{title}</th>'
        assert header in html


def test_rounds_are_bounded_and_their_queries_constant(survey_index, north):
    rounds = chained_rounds(survey_index, north, MAX_ROUNDS + 2)
    for survey in rounds:
        rate(survey, north, moving_around=4)
    latest = rounds[0]
    results = survey_results(latest)
    assert len(results.rounds) == MAX_ROUNDS - 1
    assert [r.pk for r in results.rounds] == [r.pk for r in rounds[1:MAX_ROUNDS]]

    two = chained_rounds(survey_index, north, 2, name="Other")
    for survey in two:
        rate(survey, north, moving_around=3)
    assert uncached_queries(latest) == uncached_queries(two[0])


def test_a_loop_of_rounds_ends(survey_index, north):
    first, second = chained_rounds(survey_index, north, 2)[::-1]
    SurveyPage.objects.filter(pk=first.pk).update(previous_round=second)
    rate(first, north, moving_around=2)
    rate(second, north, moving_around=6)
    cache.clear()
    assert [r.pk for r in survey_results(SurveyPage.objects.get(pk=second.pk)).rounds] == [first.pk]
