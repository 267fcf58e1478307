"""The staff "who we heard from" view: suppressed counts (table, chart, export alike), beside the
place's population profile with the gaps marked, for staff with the counts permission only, in a
fixed number of queries."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from site_home.models import PlacePopulation
from surveys.equalities.models import AboutYou, BoundarySet, DataZone
from surveys.equalities.suppression import Count, percentage, suppress, suppress_all
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import RATING, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db
URL = reverse("surveys_who_we_heard")


@pytest.fixture
def north(place_index):
    place = make_place(place_index, title="North", slug="north")
    for group, share in [("16 to 24", 12), ("25 to 34", 15), ("65 to 74", 10)]:
        PlacePopulation.objects.create(place=place, measure="age_band", group=group, share=share)
    PlacePopulation.objects.create(place=place, measure="simd_quintile", group="1", share=40)
    return place


@pytest.fixture
def survey(home_page, north):
    return make_survey(make_survey_index(home_page), fields=[RATING], ask_about_you=True, places=[north])


@pytest.fixture
def zone(north):
    return DataZone.objects.create(code="DEMO0001", boundary_set=BoundarySet.DZ2011, place=north)


def respond(survey, place, ages):
    key = survey.form_fields.get(standard_question="age_band").clean_name
    for age in ages:
        answer(survey, place, **{key: age})


@pytest.fixture
def answered(survey, north, zone):
    # 60 aged 25 to 34, 3 aged 16 to 24 (under 5: suppressed), 6 aged 65 to 74.
    respond(survey, north, ["25 to 34"] * 60 + ["16 to 24"] * 3 + ["65 to 74"] * 6)
    AboutYou.objects.filter(pk__in=AboutYou.objects.order_by("pk").values("pk")[:8]).update(
        data_zone=zone, simd_edition="SIMD2020v2", simd_decile=1, simd_quintile=1
    )
    return survey


@pytest.fixture
def analyst(make_user):
    return make_user("analyst", "wagtailadmin.access_admin", "surveys.view_who_we_heard")


def cells(html, label):
    """The cells of the table row headed `label`, as text."""
    row = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", html, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row[1], re.S)]


def test_suppression_rules():
    assert str(suppress(0)) == str(suppress(4)) == "fewer than 5" and str(suppress(5)) == "5"
    shown = suppress_all({"a": 20, "b": 3, "c": 6})
    # Only one suppressed would be the total minus the others: the next smallest goes too.
    assert [str(shown[k]) for k in "abc"] == ["20", "fewer than 5", "fewer than 5"]
    assert percentage(Count(None), Count(29)) is None and percentage(Count(20), Count(None)) is None
    assert percentage(Count(6), Count(29)) == 21


def test_staff_without_the_permission_are_refused(client, make_user, answered):
    client.force_login(make_user("editor", "wagtailadmin.access_admin"))
    for response in (client.get(URL), client.get(URL + "?export=csv")):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_table_and_chart_suppress_small_counts_and_mark_the_gaps(client, analyst, answered, north):
    client.force_login(analyst)
    html = client.get(URL, {"page": answered.pk}).content.decode()
    young = cells(html, "16 to 24")
    assert young == ["fewer than 5", "–", "12.0 %", "Under-heard"]  # at most 4 of 69 (6 %), 12 % here
    assert cells(html, "25 to 34") == ["60", "87 %", "15.0 %", ""]
    # The other groups under 5 (none at all, here) keep 16 to 24 from being the total minus the rest.
    assert cells(html, "35 to 49")[:2] == ["fewer than 5", "–"]
    assert cells(html, "65 to 74") == ["6", "9 %", "10.0 %", ""]
    assert cells(html, "Quintile 1 (most deprived)") == ["8", "12 %", "40.0 %", "Under-heard"]
    start = html.index("Who we heard from less")
    gaps = " ".join(html[start : html.index("</ul>", start)].split())
    assert "Quintile 1 (most deprived): 12 % of responses, 40.0 % of residents" in gaps
    assert "Age band – 16 to 24: fewer than 5 responses, 12.0 % of residents" in gaps
    # The chart: no bar and no percentage for a suppressed group, only the words.
    start = html.index('<figure class="who-we-heard__chart">', html.index("Age band</h3>"))
    chart = html[start : html.index("</figure>", start)]
    assert "fewer than 5" in chart and "87 % of responses" in chart
    assert not re.search(r"\b[34] %", html) and ">3<" not in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_suppresses_as_the_page_does(client, analyst, answered, fmt):
    client.force_login(analyst)
    response = client.get(URL, {"page": answered.pk, "export": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode())))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
    by_group = {(row[0], row[1]): row for row in rows[1:]}
    assert by_group[("Age band", "16 to 24")][2:4] == ["fewer than 5", ""]
    assert by_group[("Age band", "35 to 49")][2:4] == ["fewer than 5", ""]
    assert by_group[("Age band", "25 to 34")][2:4] == ["60", "87"]
    assert by_group[("Age band", "16 to 24")][5] == "yes"
    assert not any(cell in ("0", "1", "2", "3", "4") for row in rows for cell in row[2:4])


def test_no_one_s_answers_or_area_are_shown(client, analyst, answered):
    client.force_login(analyst)
    html = client.get(URL).content.decode()
    assert "DEMO0001" not in html and "ZZ1" not in html


def test_a_place_scope_counts_only_that_place(client, analyst, answered, place_index, survey):
    south = make_place(place_index, title="South", slug="south")
    respond(survey, south, ["16 to 24"] * 7)
    client.force_login(analyst)
    html = client.get(URL, {"place": south.pk}).content.decode()
    assert cells(html, "16 to 24")[0] == "7" and "Responses: 7." in html


def test_query_count_is_constant_in_the_number_of_responses(
    client, analyst, answered, survey, north, django_assert_max_num_queries
):
    client.force_login(analyst)
    client.get(URL, {"page": survey.pk})  # warm the session and the site
    with django_assert_max_num_queries(60) as few:
        client.get(URL, {"page": survey.pk, "export": "csv"})
        client.get(URL, {"page": survey.pk})
    respond(survey, north, ["35 to 49", "50 to 64", "75 and over"] * 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL, {"page": survey.pk, "export": "csv"})
        client.get(URL, {"page": survey.pk})


def test_editors_enter_the_population_and_map_data_zones_in_the_admin(
    client, django_user_model, north, zone, survey
):
    client.force_login(django_user_model.objects.create_superuser("lead", "lead@example.org", "pw-12345678"))
    place_form = client.get(reverse("wagtailadmin_pages:edit", args=[north.pk])).content.decode()
    assert "Population profile" in place_form and 'name="population_groups-TOTAL_FORMS"' in place_form
    survey_form = client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content.decode()
    assert "Why we ask about you" in survey_form or "why_we_ask" in survey_form
    zones = client.get(reverse("wagtailsnippets_surveys_datazone:list")).content.decode()
    assert "DEMO0001" in zones and "North" in zones
    edit = client.get(reverse("wagtailsnippets_surveys_datazone:edit", args=[zone.pk]))
    assert edit.status_code == 200
