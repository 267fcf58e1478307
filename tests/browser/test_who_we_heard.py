"""A staff member with only the counts permission reads who a survey heard from."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from site_home.models import PlacePopulation
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import RATING, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def heard(home_page, place_index):
    north = make_place(place_index, title="North", slug="north")
    PlacePopulation.objects.create(place=north, measure="age_band", group="16 to 24", share=12)
    survey = make_survey(
        make_survey_index(home_page), title="Our park", fields=[RATING], ask_about_you=True, places=[north]
    )
    key = survey.form_fields.get(standard_question="age_band").clean_name
    for age in ["50 to 64"] * 80 + ["16 to 24"] * 2:
        answer(survey, north, **{key: age})
    return survey


def test_analyst_reads_who_we_heard_from_with_small_counts_suppressed(
    page, live_site, heard, django_user_model, assert_accessible
):
    user = django_user_model.objects.create_user("analyst", "analyst@example.org", "a-long-test-password-1")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_who_we_heard"]))
    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_site + "/admin/surveys/who-we-heard/")
    page.get_by_label("Consultation or survey").select_option(label="Our park")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", name="Our park")).to_be_visible()
    row = page.get_by_role("row", name="16 to 24")
    expect(row).to_contain_text("fewer than 5")
    expect(row).to_contain_text("Under-heard")
    expect(page.get_by_role("row", name="50 to 64")).to_contain_text("80")
    expect(
        page.get_by_text("Age band – 16 to 24: fewer than 5 responses, 12.0 % of residents")
    ).to_be_visible()
    assert_accessible(page)
