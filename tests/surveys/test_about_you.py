""" "About you" answers and postcodes: stored apart from the answers, the postcode only as its data
zone and SIMD band, shown and exported only with the personal-data permission, gone on retention."""

import json
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from surveys.equalities.models import (
    AboutYou,
    AboutYouAnswer,
    BoundarySet,
    DataZone,
    PostcodeDataZone,
    SimdRank,
)
from surveys.models import SurveySubmission
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import AGE, PLACE, RATING, answer, make_survey, make_survey_index
from tests.surveys.test_survey_exports import export, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def north(place_index):
    return make_place(place_index, title="North", slug="north")


@pytest.fixture
def zone(north):
    zone = DataZone.objects.create(code="DEMO0001", boundary_set=BoundarySet.DZ2011, place=north)
    PostcodeDataZone.objects.create(postcode="ZZ1 1AA", boundary_set=BoundarySet.DZ2011, data_zone=zone)
    SimdRank.objects.create(data_zone=zone, edition="SIMD2020v2", rank=300, decile=1, quintile=1)
    return zone


@pytest.fixture
def survey(home_page, north):
    return make_survey(make_survey_index(home_page), fields=[RATING], ask_about_you=True)


def names(survey):
    return {f.standard_question or f.field_type: f.clean_name for f in survey.form_fields.all()}


def post(client, survey, **answers):
    n = names(survey)
    rating = [f.clean_name for f in survey.form_fields.all() if f.field_type == "rating"][0]
    return client.post(survey.url, {rating: "5", **{n[key]: value for key, value in answers.items()}})


def test_the_standard_questions_come_after_the_others_with_census_options_and_why_we_ask(client, survey):
    fields = list(survey.form_fields.order_by("sort_order", "pk"))
    assert fields[0].field_type == "rating"
    assert [f.standard_question for f in fields[1:5]] == ["age_band", "sex", "disability", "ethnicity"]
    assert fields[5].field_type == "postcode" and not any(f.required for f in fields[1:])
    assert "Yes, limited a lot" in fields[3].choice_list() and "Prefer not to say" in fields[3].choice_list()
    html = client.get(survey.url).content.decode()
    assert "About you (optional)" in html and "Census 2022" in html
    assert html.index("About you (optional)") > html.index(fields[0].label)
    assert 'autocomplete="postal-code"' in html


def test_about_you_and_postcode_are_stored_apart_and_the_postcode_nowhere(client, survey, zone, north):
    response = post(client, survey, age_band="16 to 24", sex="Female", postcode="zz11aa")
    assert response.status_code == 200
    submission = SurveySubmission.objects.get()
    record = AboutYou.objects.get()
    assert record.submission == submission and record.page_id == survey.pk
    assert (record.data_zone, record.simd_decile, record.simd_quintile) == (zone, 1, 1)
    assert record.place == north and submission.place == north  # the place the zone belongs to
    assert {(a.question, a.answer) for a in record.answers.all()} == {
        ("age_band", "16 to 24"),
        ("sex", "Female"),
    }
    assert set(submission.form_data) == {names(survey)["rating"]} or "16 to 24" not in json.dumps(
        submission.form_data
    )
    assert "16 to 24" not in json.dumps(submission.form_data) and "Female" not in json.dumps(
        submission.form_data
    )
    # The postcode is in no table at all, other than the public lookup.
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if (
                model is PostcodeDataZone
                or model._meta.db_table not in connection.introspection.table_names()
            ):
                continue
            cursor.execute(f'SELECT * FROM "{model._meta.db_table}"')
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row).upper().replace(" ", "")
                assert "ZZ11AA" not in text, model


def test_an_unknown_postcode_is_kept_as_nothing_and_a_malformed_one_is_refused(client, survey, zone):
    post(client, survey, postcode="ZZ9 9ZZ", age_band="35 to 49")
    record = AboutYou.objects.get()
    assert record.data_zone is None and record.simd_quintile is None
    response = post(client, survey, postcode="EH1 ABC")
    assert "Enter a full postcode" in response.content.decode()
    assert SurveySubmission.objects.count() == 1


def test_nobody_answering_about_themselves_leaves_no_record(client, survey):
    post(client, survey)
    assert SurveySubmission.objects.count() == 1 and not AboutYou.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_submission_export_has_about_you_only_with_the_personal_data_permission(
    client, django_user_model, survey, zone, fmt
):
    post(client, survey, age_band="65 to 74", postcode="ZZ1 1AA")
    client.force_login(staff(django_user_model, personal_data=False))
    header, row = export(client, survey, fmt)
    assert not any("About you" in str(h) for h in header) and "65 to 74" not in row and "DEMO0001" not in row
    client.logout()
    django_user_model.objects.all().delete()
    Group.objects.all().delete()
    client.force_login(staff(django_user_model, personal_data=True))
    header, row = export(client, survey, fmt)
    values = dict(zip(header, row, strict=True))
    assert values["About you: What is your age?"] == "65 to 74"
    assert (
        values["About you: data zone"] == "DEMO0001" and values["About you: SIMD"] == "SIMD 2020v2 decile 1"
    )


def test_the_public_results_never_show_about_you_answers(client, survey, zone):
    survey.results_public = True
    survey.save_revision().publish()
    for _ in range(6):
        post(client, survey, age_band="16 to 24", postcode="ZZ1 1AA")
    html = client.get(survey.url + "results/").content.decode()
    assert "16 to 24" not in html and "DEMO0001" not in html and "What is your age" not in html


def test_retention_deletes_about_you_rows(survey, zone, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    n = names(survey)
    old = answer(survey, **{n["age_band"]: "16 to 24"})
    recent = answer(survey, **{n["age_band"]: "25 to 34"})
    AboutYou.objects.filter(submission=old).update(created_at=timezone.now() - timezone.timedelta(days=31))
    call_command("apply_retention", stdout=StringIO())
    assert list(AboutYou.objects.values_list("submission", flat=True)) == [recent.pk]
    assert list(AboutYouAnswer.objects.values_list("answer", flat=True)) == ["25 to 34"]
    assert SurveySubmission.objects.count() == 2  # what they said stays


def test_the_migration_moves_old_about_you_answers_out_of_the_answers(home_page, north):
    migration = import_module("surveys.migrations.0010_about_you_stored_apart")
    survey = make_survey(make_survey_index(home_page), fields=[PLACE, AGE])
    n = {f.label: f.clean_name for f in survey.form_fields.all()}
    legacy = SurveySubmission.objects.create(
        page=survey, place=north, form_data={n["Your area"]: "north", n["Age band"]: "65 and over"}
    )
    migration.move_about_you_answers_out_of_form_data(apps, None)
    legacy.refresh_from_db()
    assert legacy.form_data == {n["Your area"]: "north"}
    record = AboutYou.objects.get(submission=legacy)
    assert record.place == north and [a.answer for a in record.answers.all()] == ["65 and over"]
    migration.move_about_you_answers_out_of_form_data(apps, None)  # a second run finds nothing to move
    assert AboutYou.objects.count() == 1


def test_the_submissions_listing_does_not_read_about_you_without_the_permission(
    client, django_user_model, survey
):
    n = names(survey)
    for age in ("16 to 24", "25 to 34"):
        answer(survey, **{n["age_band"]: age})
    client.force_login(staff(django_user_model, personal_data=False))
    html = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk])).content.decode()
    assert "16 to 24" not in html
