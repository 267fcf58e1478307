"""Staff enter survey answers received on paper, by phone or at an event."""

import csv
import io

import pytest
from wagtail.models import PageLogEntry

from surveys.builder.results import survey_results
from surveys.feedback.channels import ENTERED_ACTION
from surveys.models import SurveySubmission
from tests.events.factories import EventIndexPageFactory, make_event
from tests.site_home.factories import make_place
from tests.surveys.survey_factories import AGREE, RATING, TEXT, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db

ENTRY_PERMS = ["wagtailadmin.access_admin", "surveys.enter_offline_responses"]


@pytest.fixture
def survey(home_page, place_index):
    north = make_place(place_index, title="North", slug="north")
    return make_survey(
        make_survey_index(home_page), fields=[RATING, AGREE, TEXT], places=[north], results_public=True
    )


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return make_event(index, title="Gala day drop-in")


def names(survey):
    return {f.label: f.clean_name for f in survey.questions}


def entry(survey, event=None, channel="paper", **answers):
    data = {"entry-channel": channel, "entry-event": event.pk if event else ""}
    return {**data, **{names(survey)[label]: value for label, value in answers.items()}}


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def url(survey):
    return f"/admin/surveys/{survey.pk}/enter/"


def test_the_permission_can_be_given_to_a_group(admin_client):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Front desk")
    html = admin_client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "enter_offline_responses" in html or "Can enter paper, phone and event responses" in html


def test_entering_responses_needs_the_permission(client, make_user, survey):
    client.force_login(make_user("editor", "wagtailadmin.access_admin"))
    assert client.get(url(survey)).status_code in (302, 403)
    data = entry(survey, **{"How green is the park": "5", "The park feels safe": "Agree"})
    client.post(url(survey), data)
    assert not SurveySubmission.objects.exists()


def test_an_entered_response_is_checked_stored_with_its_channel_and_counted(
    client, admin_client, make_user, survey, event
):
    user = make_user("clerk", *ENTRY_PERMS)
    client.force_login(user)
    assert (
        url(survey) in admin_client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    )  # header button
    page = client.get(url(survey)).content.decode()
    assert "How green is the park" in page and "Gala day drop-in" in page

    missing = client.post(
        url(survey), entry(survey, event, channel="event", **{"The park feels safe": "Agree"})
    )
    assert missing.status_code == 200 and "Choose a score for" in missing.content.decode()
    assert not SurveySubmission.objects.exists()  # the same validation as online

    answer(survey, survey.places.get(), **{names(survey)["How green is the park"]: 2})
    data = entry(
        survey, event, channel="event", **{"How green is the park": "6", "The park feels safe": "Agree"}
    )
    response = client.post(url(survey), data)
    assert response.status_code == 302
    entered = SurveySubmission.objects.get(channel="event")
    assert entered.event_id == event.pk and entered.entered_by == user
    assert entered.place.slug == "north" and entered.form_data[names(survey)["How green is the park"]] == 6
    assert PageLogEntry.objects.filter(page=survey, action=ENTERED_ACTION, user=user).count() == 1

    results = survey_results(survey)
    assert results.total == 2
    assert [(value, count) for value, _label, count in results.channels] == [("online", 1), ("event", 1)]
    assert survey_results(survey, channel="event").total == 1
    rating = next(
        r for r in survey_results(survey, channel="online").questions if r.question.label == RATING["label"]
    )
    assert rating.median == 2


def test_the_export_has_a_channel_column_and_filter(admin_client, survey):
    answer(survey, None, **{names(survey)["How green is the park"]: 3})
    SurveySubmission.objects.create(
        page=survey, form_data={names(survey)["How green is the park"]: 5}, channel="phone"
    )
    base = f"/admin/forms/submissions/{survey.pk}/"
    rows = csv_rows(admin_client.get(base + "?export=csv"))
    column = rows[0].index("Channel")
    assert sorted(row[column] for row in rows[1:]) == ["Online", "Phone"]
    rows = csv_rows(admin_client.get(base + "?export=csv&channel=phone"))
    assert [row[column] for row in rows[1:]] == ["Phone"]


def test_public_results_split_by_channel(client, survey):
    answer(survey, None, **{names(survey)["How green is the park"]: 3})
    SurveySubmission.objects.create(
        page=survey, form_data={names(survey)["How green is the park"]: 5}, channel="paper"
    )
    html = client.get(survey.url + "results/").content.decode()
    assert "How the answers reached us" in html and 'name="channel"' in html
    html = client.get(survey.url + "results/?channel=paper").content.decode()
    assert "1 response." in html
