import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.survey_factories import AGE, AGREE, PLACE, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(home_page, place_index):
    north = make_place(place_index, title="North", slug="north")
    safety = ThemeFactory(name="Feeling safe")
    survey = make_survey(
        make_survey_index(home_page),
        fields=[PLACE, {**AGREE, "theme": safety}, AGE],
        themes=[safety, ThemeFactory(name="Parks")],
    )
    names = {f.label: f.clean_name for f in survey.form_fields.all()}
    answer(
        survey,
        north,
        **{
            names["Your area"]: "north",
            names["The park feels safe"]: "Agree",
            names["Age band"]: "65 and over",
        },
    )
    return survey


def staff(django_user_model, personal_data):
    """A staff member who can edit pages (so see form submissions), with or without personal data."""
    user = django_user_model.objects.create_user("officer", "officer@example.org", "pw", is_staff=True)
    group = Group.objects.create(name="Survey officers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if personal_data:
        group.permissions.add(Permission.objects.get(codename="view_personal_data"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    return user


def export(client, survey, fmt):
    response = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]) + f"?export={fmt}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_has_place_and_theme_columns_but_no_about_you_without_permission(
    client, django_user_model, survey, fmt
):
    client.force_login(staff(django_user_model, personal_data=False))
    header, row = export(client, survey, fmt)
    assert header[:3] == ["Submission date", "Place", "Survey themes"]
    assert "The park feels safe [theme: Feeling safe]" in header
    values = dict(zip(header, row, strict=True))
    assert values["Place"] == "North" and values["Survey themes"] == "Feeling safe, Parks"
    assert values["The park feels safe [theme: Feeling safe]"] == "Agree"
    assert not any("Age band" in str(heading) for heading in header)
    assert "65 and over" not in row


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_keeps_about_you_apart_for_staff_allowed_personal_data(client, django_user_model, survey, fmt):
    client.force_login(staff(django_user_model, personal_data=True))
    header, row = export(client, survey, fmt)
    assert header[-1] == "About you: Age band" and row[-1] == "65 and over"


def test_submissions_listing_shows_the_place_and_hides_about_you(client, django_user_model, survey):
    client.force_login(staff(django_user_model, personal_data=False))
    html = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk])).content.decode()
    assert "North" in html and "Feeling safe" in html
    assert "65 and over" not in html
