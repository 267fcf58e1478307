from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.builder.results import survey_results
from surveys.models import SurveyPage, SurveySubmission
from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.survey_factories import AGREE, answer, days, make_survey, make_survey_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(home_page, place_index, theme_index):
    index = make_survey_index(home_page)
    north = make_place(place_index, title="North", slug="north")
    theme = ThemeFactory(name="Parks")
    open_survey = make_survey(index, title="Park paths", fields=[AGREE], places=[north], themes=[theme])
    make_survey(
        index, title="Old survey", fields=[AGREE], places=[north], opens_on=days(-60), closes_on=days(-30)
    )
    make_survey(
        index, title="Soon survey", fields=[AGREE], themes=[theme], opens_on=days(5), closes_on=days(40)
    )
    answer(open_survey, north)
    return index, north, theme


def test_home_page_lists_open_surveys_only(client, hub):
    html = client.get("/").content.decode()
    assert "Open surveys" in html and "Park paths" in html
    assert "Old survey" not in html and "Soon survey" not in html


def test_place_page_lists_its_surveys_and_counts_responses(client, hub):
    _, north, _ = hub
    html = client.get(north.url).content.decode()
    assert "Park paths" in html and "Old survey" in html
    assert "1 survey response from this place so far." in html


def test_theme_page_lists_surveys_with_that_theme(client, hub):
    index, _, theme = hub
    make_survey(index, title="Asks about parks", fields=[{**AGREE, "theme": theme}])
    html = client.get("/themes/parks/").content.decode()
    assert "Park paths" in html and "Soon survey" in html and "Old survey" not in html
    assert "Asks about parks" in html  # a themed question is enough


def test_survey_index_groups_surveys_by_state(client, hub):
    html = client.get("/surveys/").content.decode()
    assert html.index("Open now") < html.index("Park paths") < html.index("Coming soon")
    assert (
        html.index("Coming soon")
        < html.index("Soon survey")
        < html.index("Closed")
        < html.index("Old survey")
    )
    assert "cv-status--open" in html and "cv-status--upcoming" in html and "cv-status--closed" in html


@pytest.mark.parametrize("url", ["/", "/surveys/", "/places/north/", "/themes/parks/"])
def test_hub_queries_do_not_grow_with_surveys(client, hub, url, uncached_fragments):
    index, north, theme = hub

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(4):
        survey = make_survey(index, title=f"Extra {n}", fields=[AGREE], places=[north], themes=[theme])
        answer(survey, north)
    assert queries() == few


def test_demo_surveys_two_rounds_vary_by_place_and_load_once(client):
    call_command("load_demo", "--no-admin", stdout=StringIO())
    counts = (SurveyPage.objects.count(), SurveySubmission.objects.count())
    call_command("load_demo", "--no-admin", stdout=StringIO())
    assert (SurveyPage.objects.count(), SurveySubmission.objects.count()) == counts

    later = SurveyPage.objects.get(slug="place-standard-2026")
    assert later.is_open and later.previous_round.state == "closed"
    compasses = {item["place"].slug: item["compass"] for item in survey_results(later).compasses}
    assert len(compasses) >= 3
    transport = {
        slug: next(a for a in c.axes if a.label == "Public transport") for slug, c in compasses.items()
    }
    assert transport["ashgrove"].score != transport["carron-vale"].score  # places differ
    assert any(axis.change for compass in compasses.values() for axis in compass.axes)  # rounds differ
    general = SurveyPage.objects.get(slug="working-together")
    assert general.get_submissions().exists() and general.themes.filter(slug="funding").exists()
    assert general.question_pages and general.form_fields.filter(show_if_answer="Yes").count() == 1
    assert client.get(later.url + "results/").status_code == 200
