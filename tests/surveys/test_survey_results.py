import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.builder.radar import CENTRE, RADIUS, Compass, CompassAxis, point
from surveys.builder.results import survey_results
from surveys.models import SurveyPage, SurveySubmission
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import (
    AGE,
    AGREE,
    CHECKBOXES,
    PLACE,
    RATING,
    TEXT,
    answer,
    days,
    make_survey,
    make_survey_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_index(home_page):
    return make_survey_index(home_page)


@pytest.fixture
def places(place_index):
    return {
        "north": make_place(place_index, title="North", slug="north"),
        "south": make_place(place_index, title="South", slug="south"),
    }


@pytest.fixture
def park_survey(survey_index, places):
    return make_survey(
        survey_index,
        fields=[PLACE, RATING, AGREE, CHECKBOXES, TEXT, AGE],
        places=places.values(),
        results_public=True,
    )


def names(survey):
    return {f.label: f.clean_name for f in survey.form_fields.all()}


def add_answers(survey, places):
    n = names(survey)
    rows = [
        ("north", 2, "Agree", ["Paths", "Playground"], "Under 25"),
        ("north", 3, "Disagree", ["Paths"], "Prefer not to say"),
        ("north", 7, "Agree", [], "65 and over"),
        ("south", 6, "Unsure", ["Cafe", "Paths"], ""),
    ]
    for slug, score, agree, used, age in rows:
        answer(
            survey,
            places[slug],
            **{
                n["Your area"]: slug,
                n["How green is the park"]: score,
                n["The park feels safe"]: agree,
                n["What do you use"]: used,
                n["Anything else"]: "Private thoughts from a resident",
                n["Age band"]: age,
            },
        )


def by_label(results):
    return {r.question.label: r for r in results.questions}


def counts(result):
    return {option.label: option.count for option in result.options}


def test_each_option_of_a_multiple_choice_answer_counts_once(park_survey, places):
    add_answers(park_survey, places)
    results = by_label(survey_results(park_survey))
    assert counts(results["What do you use"]) == {"Paths": 3, "Playground": 1, "Cafe": 1}
    assert results["What do you use"].answered == 3  # the empty answer is not a respondent
    assert counts(results["The park feels safe"]) == {"Agree": 2, "Disagree": 1, "Unsure": 1}
    assert counts(results["Your area"]) == {"North": 3, "South": 1}


def test_rating_results_give_the_median_and_a_count_per_score(park_survey, places):
    add_answers(park_survey, places)
    rating = by_label(survey_results(park_survey))["How green is the park"]
    assert rating.median == 4.5  # 2, 3, 6, 7
    assert counts(rating)["7"] == 1 and list(counts(rating)) == [str(n) for n in range(1, 8)]


def test_place_filter_narrows_every_question(park_survey, places):
    add_answers(park_survey, places)
    results = survey_results(park_survey, place_slug="north")
    assert results.selected_place == places["north"] and results.total == 3
    assert by_label(results)["How green is the park"].median == 3
    assert survey_results(park_survey, place_slug="nowhere").total == 4  # unknown place: everything


def test_about_you_and_written_answers_stay_out_of_public_results(client, park_survey, places):
    add_answers(park_survey, places)
    assert "Age band" not in by_label(survey_results(park_survey))
    html = client.get(park_survey.url + "results/").content.decode()
    assert "Private thoughts" not in html and "Under 25" not in html
    assert "4 written answers" in html


def test_results_page_is_bookmarkable_by_place(client, park_survey, places):
    add_answers(park_survey, places)
    response = client.get(park_survey.url + "results/?place=south")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 response from South" in html
    assert '<option value="south" selected>' in html


def test_results_are_hidden_unless_the_editor_makes_them_public(client, park_survey, places):
    add_answers(park_survey, places)
    park_survey.results_public = False
    park_survey.save_revision().publish()
    assert client.get(park_survey.url + "results/").status_code == 404
    assert "See the results so far" not in client.get(park_survey.url).content.decode()


def test_closed_survey_says_so_and_shows_results_instead_of_the_form(client, survey_index, places):
    survey = make_survey(
        survey_index,
        fields=[AGREE],
        places=[places["north"]],
        opens_on=days(-30),
        closes_on=days(-1),
        results_public=True,
    )
    answer(survey, places["north"], **{names(survey)["The park feels safe"]: "Agree"})
    html = client.get(survey.url).content.decode()
    assert "This survey closed on" in html and "cv-status--closed" in html
    assert '<form method="post"' not in html
    assert "What people said" in html and "Answers to “The park feels safe”" in html
    # a POST to a closed survey stores nothing
    client.post(survey.url, {names(survey)["The park feels safe"]: "Agree"})
    assert survey.get_submissions().count() == 1


def test_closed_survey_with_private_results_shows_no_results(client, survey_index):
    survey = make_survey(survey_index, fields=[AGREE], opens_on=days(-30), closes_on=days(-1))
    html = client.get(survey.url).content.decode()
    assert "This survey closed on" in html and "What people said" not in html


def test_upcoming_survey_says_when_it_opens(client, survey_index):
    survey = make_survey(survey_index, fields=[AGREE], opens_on=days(3), closes_on=days(30))
    html = client.get(survey.url).content.decode()
    assert f"It opens on {days(3).day} " in html and "cv-status--upcoming" in html
    assert '<form method="post"' not in html


# Place Standard compass -------------------------------------------------------------------


def test_radar_points_put_seven_on_the_outer_ring_and_one_near_the_centre():
    top = point(0, 14, 7)
    assert top == (CENTRE[0], CENTRE[1] - RADIUS)
    x, y = point(0, 14, 1)
    assert CENTRE[1] - y == pytest.approx(RADIUS / 7, abs=0.1)
    x, y = point(7, 14, 7)  # half way round: straight down
    assert (x, y) == (CENTRE[0], CENTRE[1] + RADIUS)
    assert point(3, 14, None) == CENTRE
    compass = Compass("c", [CompassAxis("A", 7), CompassAxis("B", 1)])
    assert [ring["radius"] for ring in compass.rings][-1] == RADIUS and len(compass.rings) == 7


@pytest.fixture
def rounds(survey_index, places):
    earlier = make_survey(
        survey_index,
        title="Round one",
        is_place_standard=True,
        places=places.values(),
        opens_on=days(-400),
        closes_on=days(-300),
        results_public=True,
    )
    later = make_survey(
        survey_index,
        title="Round two",
        is_place_standard=True,
        places=places.values(),
        previous_round=earlier,
        results_public=True,
    )
    return earlier, later


def rate(survey, place, scores):
    """An answer giving `scores` ({theme slug: score}) on the Place Standard ratings."""
    data = {
        f.clean_name: scores.get(f.theme.slug)
        for f in survey.form_fields.select_related("theme")
        if f.field_type == "rating"
    }
    return answer(survey, place, **data)


def test_compass_shows_the_median_per_theme_for_each_place(rounds, places):
    _, later = rounds
    for score in (2, 3, 7):
        rate(later, places["north"], {"moving-around": score, "feeling-safe": 6})
    rate(later, places["south"], {"moving-around": 1})
    results = survey_results(later)
    by_place = {item["place"].slug: item["compass"] for item in results.compasses}
    north = {axis.label: axis.score for axis in by_place["north"].axes}
    assert north["Moving around"] == 3 and north["Feeling safe"] == 6 and north["Natural space"] is None
    assert len(by_place["north"].axes) == 14
    assert [item["place"].slug for item in survey_results(later, place_slug="south").compasses] == ["south"]


def test_compass_overlays_the_earlier_round_and_the_change(client, rounds, places):
    earlier, later = rounds
    rate(earlier, places["north"], {"moving-around": 2})
    rate(later, places["north"], {"moving-around": 5})
    compass = survey_results(later).compasses[0]["compass"]
    axis = compass.axes[0]
    assert (axis.label, axis.score, axis.previous, axis.change) == ("Moving around", 5, 2, 3)
    assert compass.has_previous and compass.previous_label == "Round one"

    html = client.get(later.url + "results/").content.decode()
    assert 'class="cv-compass__current"' in html and 'class="cv-compass__previous"' in html
    assert 'stroke-dasharray="8 5"' in html  # the earlier round is dashed, and the legend says so
    assert "Round one (dashed)" in html
    assert re.search(
        r"<th[^>]*>Moving around</th>\s*<td[^>]*>5</td>\s*<td[^>]*>2</td>\s*<td[^>]*>\+3</td>", html
    )


def test_compass_svg_is_an_accessible_image_with_a_table(client, rounds, places):
    _, later = rounds
    rate(later, places["north"], {"moving-around": 4})
    html = client.get(later.url + "results/?place=north").content.decode()
    svg_tag = r"<svg class=\"cv-compass__svg\" viewBox=\"0 -?[\d.]+ 460 [\d.]+\"(.*?)</svg>"
    svg = re.search(svg_tag, html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="compass-title-north compass-desc-north"' in svg
    assert '<title id="compass-title-north">Place Standard compass for North</title>' in svg
    assert "Moving around: 4" in re.search(r"<desc.*?</desc>", svg, re.S).group(0)
    assert svg.count(f'<circle cx="{CENTRE[0]}" cy="{CENTRE[1]}"') == 7  # the 1–7 rings
    assert "Feeling safe" in svg  # spoke labels
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--s" id="compass-table-north">'
        "Median scores in North</caption>" in html
    )
    assert "style=" not in html  # CSP: no inline styles


# Query counts ---------------------------------------------------------------------------


def many_answers(survey, places, count):
    n = names(survey)
    for i in range(count):
        slug = "north" if i % 2 else "south"
        answer(
            survey,
            places[slug],
            **{
                n["Your area"]: slug,
                n["How green is the park"]: 1 + i % 7,
                n["The park feels safe"]: "Agree",
                n["What do you use"]: ["Paths", "Cafe"],
                n["Age band"]: "Under 25",
            },
        )


@pytest.mark.parametrize("suffix", ["", "results/", "results/?place=north"])
def test_survey_and_results_queries_do_not_grow_with_answers(client, park_survey, places, suffix):
    url = park_survey.url + suffix

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    many_answers(park_survey, places, 10)
    few = queries()
    many_answers(park_survey, places, 290)
    assert queries() == few


def test_compass_queries_do_not_grow_with_answers(client, rounds, places):
    earlier, later = rounds
    url = later.url + "results/"

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(5):
        rate(earlier, places["north"], {"moving-around": 3})
        rate(later, places["south"], {"moving-around": 4})
    few = queries()
    for _ in range(60):
        rate(earlier, places["south"], {"moving-around": 3})
        rate(later, places["north"], {"moving-around": 4})
    assert queries() == few


def test_what_people_in_an_area_said_about_a_theme(survey_index, places):
    from site_home.models import Theme
    from surveys.builder.results import answers_about

    park = make_survey(
        survey_index,
        title="Park",
        fields=[{**AGREE, "theme": Theme.objects.create(name="Safety", slug="safety")}],
    )
    ps = make_survey(survey_index, title="PS", is_place_standard=True)
    safety = Theme.objects.get(slug="safety")
    answer(park, places["north"], **{names(park)["The park feels safe"]: "Agree"})
    answer(park, places["south"], **{names(park)["The park feels safe"]: "Disagree"})
    feeling_safe = ps.form_fields.get(label="Do I feel safe here?")
    answer(ps, places["north"], **{feeling_safe.clean_name: 5})

    [north] = answers_about(safety, places["north"])
    assert (north.question.label, north.answers) == ("The park feels safe", ["Agree"])
    assert answers_about(safety)[0].answers == ["Agree", "Disagree"]
    by_question = {a.question.label: a.answers for a in answers_about(feeling_safe.theme, places["north"])}
    assert by_question == {
        "Do I feel safe here?": [5],
        "Feeling safe: what is good now?": [],
        "Feeling safe: what could be better?": [],
    }


def uncached_queries(survey, place_slug=None):
    cache.clear()
    survey = SurveyPage.objects.get(pk=survey.pk)  # as a request loads it
    with CaptureQueriesContext(connection) as captured:
        survey_results(survey, place_slug)
    # PostgreSQL's tallies run in a savepoint inside the test's transaction: count data queries only.
    return sum(not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) for q in captured)


def test_results_queries_do_not_grow_with_answers_when_nothing_is_cached(park_survey, places):
    many_answers(park_survey, places, 10)
    few = uncached_queries(park_survey), uncached_queries(park_survey, "north")
    many_answers(park_survey, places, 290)
    assert (uncached_queries(park_survey), uncached_queries(park_survey, "north")) == few
    assert max(few) <= 8


def test_compass_queries_do_not_grow_with_answers_when_nothing_is_cached(rounds, places):
    earlier, later = rounds
    rate(earlier, places["north"], {"moving-around": 3})
    rate(later, places["south"], {"moving-around": 4})
    few = uncached_queries(later)
    for _ in range(30):
        rate(earlier, places["south"], {"moving-around": 3})
        rate(later, places["north"], {"moving-around": 4})
    assert uncached_queries(later) == few <= 14


# Caching ----------------------------------------------------------------------------------


def test_cached_results_cost_one_query_until_an_answer_changes(
    park_survey, places, django_assert_max_num_queries
):
    add_answers(park_survey, places)
    first = survey_results(park_survey)
    with django_assert_max_num_queries(1):
        again = survey_results(park_survey)
    assert again.total == 4 and again.questions[1].median == first.questions[1].median == 4.5

    new = answer(park_survey, places["south"], **{names(park_survey)["How green is the park"]: 7})
    assert survey_results(park_survey).total == 5
    new.delete()
    assert survey_results(park_survey).total == 4


def test_each_place_is_cached_and_an_unknown_place_reuses_everything(
    park_survey, places, django_assert_max_num_queries
):
    add_answers(park_survey, places)
    survey_results(park_survey)
    survey_results(park_survey, place_slug="north")
    with django_assert_max_num_queries(1):
        assert survey_results(park_survey, place_slug="north").total == 3
    with django_assert_max_num_queries(1):
        assert survey_results(park_survey, place_slug="made-up").total == 4


def test_republishing_the_survey_refreshes_its_results(park_survey, places):
    add_answers(park_survey, places)
    survey_results(park_survey)
    field = park_survey.form_fields.get(label="The park feels safe")
    field.label = "The park feels safe at night"
    field.save()
    park_survey.save_revision().publish()
    assert "The park feels safe at night" in by_label(
        survey_results(SurveyPage.objects.get(pk=park_survey.pk))
    )


def test_place_standard_results_survive_the_cache(rounds, places, django_assert_max_num_queries):
    earlier, later = rounds
    rate(earlier, places["north"], {"moving-around": 2})
    rate(later, places["north"], {"moving-around": 5})
    survey_results(later)
    with django_assert_max_num_queries(2):  # the answer counts, and whether round one is public
        compass = survey_results(later).compasses[0]["compass"]
    assert (compass.axes[0].score, compass.axes[0].previous) == (5, 2)
    rate(earlier, places["north"], {"moving-around": 4})  # the earlier round counts too
    assert survey_results(later).compasses[0]["compass"].axes[0].previous == 3


def test_compass_leaves_out_a_previous_round_the_public_may_not_see(rounds, places):
    from wagtail.models import PageViewRestriction

    earlier, later = rounds
    rate(earlier, places["north"], {"moving-around": 2})
    rate(later, places["north"], {"moving-around": 5})
    assert survey_results(later).compasses[0]["compass"].axes[0].previous == 2
    PageViewRestriction.objects.create(page=earlier, restriction_type=PageViewRestriction.LOGIN)
    results = survey_results(later)
    compass = results.compasses[0]["compass"]
    assert (compass.axes[0].score, compass.axes[0].previous) == (5, None)
    assert results.previous_round is None and compass.previous_label == ""


# Many places ------------------------------------------------------------------------------


@pytest.fixture
def many_places(place_index, places):
    extra = [make_place(place_index, title=f"Place {n}", slug=f"place-{n}") for n in range(1, 6)]
    return [places["north"], places["south"], *extra]


def test_more_than_six_places_share_one_compass_and_link_to_each(client, rounds, many_places):
    earlier, later = rounds
    for score, place in enumerate(many_places, start=1):
        rate(later, place, {"moving-around": score})
        rate(earlier, place, {"moving-around": 1})
    rate(later, many_places[0], {"moving-around": 7})
    rate(later, None, {"moving-around": 7})  # an answer without a place counts in "all places"

    results = survey_results(later)
    assert results.compasses == []
    overall = results.all_places_compass
    axis = overall["compass"].axes[0]
    assert overall["responses"] == 9 and (axis.label, axis.score, axis.previous) == ("Moving around", 5, 1)
    assert [link["responses"] for link in results.place_links] == [2, 1, 1, 1, 1, 1, 1]

    html = client.get(later.url + "results/").content.decode()
    assert html.count('class="cv-compass"') == 1
    assert '<title id="compass-title-all-places">Place Standard compass for all places</title>' in html
    assert (
        "All places: Place Standard compass (9 responses)" in html and "Median scores in all places" in html
    )
    assert "Round one (dashed)" in html
    assert '<a class="govuk-link" href="?place=north">North (2 responses)</a>' in html
    assert '<a class="govuk-link" href="?place=place-3">Place 3 (1 response)</a>' in html

    north = client.get(later.url + "results/?place=north").content.decode()
    assert north.count('class="cv-compass"') == 1 and "North: Place Standard compass (2 responses)" in north
    assert "Results for each place" not in north


def test_six_places_still_get_a_compass_each(rounds, many_places):
    _, later = rounds
    for place in many_places[:6]:
        rate(later, place, {"moving-around": 3})
    results = survey_results(later)
    assert len(results.compasses) == 6 and results.all_places_compass is None


def test_response_counts_use_thousands_separators(client, survey_index, places):
    survey = make_survey(survey_index, fields=[AGREE], places=[places["north"]], results_public=True)
    SurveySubmission.objects.bulk_create(
        SurveySubmission(page=survey, place=places["north"], form_data={}) for _ in range(1234)
    )
    assert "1,234 responses" in client.get(survey.url + "results/").content.decode()


def test_results_name_no_place_the_public_may_not_see(client, park_survey, places):
    from wagtail.models import PageViewRestriction

    add_answers(park_survey, places)
    PageViewRestriction.objects.create(page=places["south"], restriction_type=PageViewRestriction.LOGIN)
    cache.clear()
    html = client.get(park_survey.url + "results/").content.decode()
    assert "North" in html
    assert "South" not in html and "?place=south" not in html
