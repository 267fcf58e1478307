import random
import statistics

import pytest
from django.db import connection

from surveys.builder.results import median_from_counts
from surveys.builder.tallies import answer_tallies, combined, python_rows, sql_rows
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import CHECKBOXES, RATING, TEXT, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db

NAMES = ["how_green_is_the_park", "what_do_you_use"]  # the questions whose options are counted


@pytest.fixture
def survey(home_page, place_index):
    index = make_survey_index(home_page)
    north = make_place(place_index, title="North", slug="north")
    south = make_place(place_index, title="South", slug="south")
    survey = make_survey(index, fields=[RATING, CHECKBOXES, TEXT])
    for place, data in [
        (north, {"how_green_is_the_park": 4, "what_do_you_use": ["Paths", "Café"], "anything_else": "Nice"}),
        (north, {"how_green_is_the_park": "4", "what_do_you_use": ["Paths"], "anything_else": ""}),
        (north, {"how_green_is_the_park": None, "what_do_you_use": [], "anything_else": "[]"}),
        (north, {"how_green_is_the_park": 6.5, "what_do_you_use": ["Cafe", None]}),
        (south, {"how_green_is_the_park": 2, "what_do_you_use": "Paths", "anything_else": "x" * 2000}),
        (south, {"how_green_is_the_park": True, "what_do_you_use": [1, "[odd"], "unknown_key": "kept"}),
        (None, {"how_green_is_the_park": 7, "what_do_you_use": ["Playground"], "anything_else": "Hi"}),
        (None, {}),
    ]:
        answer(survey, place, **data)
    return survey, north, south


def test_tallies_count_options_and_answers_per_place(survey):
    survey, north, south = survey
    tallies = answer_tallies(survey, NAMES)
    assert set(tallies) == {north.pk, south.pk, None}
    at_north = tallies[north.pk]
    assert at_north.chosen["how_green_is_the_park"] == {"4": 2, "6.5": 1}  # ints and strings agree
    assert at_north.chosen["what_do_you_use"] == {"Paths": 2, "Café": 1, "Cafe": 1}  # once per option
    # null, "" and [] are not answers; a written "[]" is read as the empty list it looks like
    assert at_north.answered == {"how_green_is_the_park": 3, "what_do_you_use": 3, "anything_else": 1}
    assert "anything_else" not in at_north.chosen  # written answers are counted, never grouped
    at_south = tallies[south.pk]
    assert at_south.chosen["what_do_you_use"] == {"Paths": 1, "1": 1, "[odd": 1}
    assert at_south.chosen["how_green_is_the_park"] == {"2": 1, "true": 1}
    assert at_south.answered["unknown_key"] == 1
    everywhere = combined(tallies.values())
    assert everywhere.chosen["what_do_you_use"]["Paths"] == 3
    assert everywhere.answered["what_do_you_use"] == 6


def test_tallies_for_one_place(survey):
    survey, north, _ = survey
    tallies = answer_tallies(survey, NAMES, place=north)
    assert list(tallies) == [north.pk]
    assert tallies[north.pk].answered["how_green_is_the_park"] == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="The SQL path needs PostgreSQL's jsonb")
@pytest.mark.parametrize("names", [NAMES, [], ["what_do_you_use", "anything_else", "missing"]])
def test_sql_and_python_tallies_agree(survey, names):
    survey, north, _ = survey
    pages = [survey.pk]
    assert sorted(sql_rows(pages, names), key=repr) == sorted(python_rows(pages, names), key=repr)
    assert sorted(sql_rows(pages, names, north), key=repr) == sorted(
        python_rows(pages, names, north), key=repr
    )
    assert sql_rows(pages, names, channel="paper") == python_rows(pages, names, channel="paper") == []


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, None),
        ({3: 0}, None),
        ({5: 1}, 5),
        ({2: 1, 7: 1}, 4.5),
        ({3: 2, 4: 2}, 3.5),
        ({3: 1, 5: 1}, 4),  # 4.0 is shown as 4
        ({1: 1, 2: 5, 7: 1}, 2),
        ({7: 3, 1: 3}, 4),  # order of the counts does not matter
    ],
)
def test_median_from_counts(counts, expected):
    median = median_from_counts(counts)
    assert median == expected and type(median) is type(expected)


def test_median_from_counts_matches_statistics_median():
    rng = random.Random(7)
    for _ in range(500):
        counts = {score: rng.randint(0, 4) for score in rng.sample(range(1, 8), rng.randint(1, 7))}
        values = [score for score, count in counts.items() for _ in range(count)]
        if values:
            expected = statistics.median(values)
            assert median_from_counts(counts) == expected
            assert isinstance(median_from_counts(counts), int) == float(expected).is_integer()
