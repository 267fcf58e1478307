"""Survey answers lose their personal ones ("about you", email) after the retention period; reactions
and reports lose who made them. (Comments: test_personal_data_and_hubs.py.)"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from surveys.models import Reaction, Report, SurveySubmission
from tests.surveys.factories import CommentFactory
from tests.surveys.survey_factories import AGE, AGREE, TEXT, answer, make_survey, make_survey_index
from tests.surveys.test_survey_exports import staff

pytestmark = pytest.mark.django_db

EMAIL = {"label": "Your email, if you would like a reply", "field_type": "email", "required": False}


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def survey(home_page):
    return make_survey(make_survey_index(home_page), fields=[AGREE, TEXT, AGE, EMAIL])


@pytest.fixture
def names(survey):
    return {field.label: field.clean_name for field in survey.form_fields.all()}


def answered(survey, names, days):
    submission = answer(
        survey,
        **{
            names[AGREE["label"]]: "Agree",
            names[TEXT["label"]]: "More benches",
            names[AGE["label"]]: "65 and over",
            names[EMAIL["label"]]: "resident@example.org",
        },
    )
    SurveySubmission.objects.filter(pk=submission.pk).update(submit_time=days_ago(days))
    return submission


def test_old_survey_answers_lose_about_you_and_email_answers_and_keep_the_rest(survey, names, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old, recent = answered(survey, names, 31), answered(survey, names, 29)
    before = dict(recent.form_data)

    assert "surveys.SurveySubmission: personal answers (30 days" in run("--dry-run")
    assert SurveySubmission.objects.get(pk=old.pk).form_data == before  # a dry run changes nothing

    run()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.form_data == {names[AGREE["label"]]: "Agree", names[TEXT["label"]]: "More benches"}
    assert recent.form_data == before
    assert "Total erased: 0" in run()


def test_email_answers_are_shown_only_to_staff_allowed_to_see_personal_data(
    client, django_user_model, survey, names
):
    answered(survey, names, 1)
    client.force_login(staff(django_user_model, personal_data=False))
    html = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk])).content.decode()
    assert "More benches" in html
    assert "resident@example.org" not in html


def test_reaction_and_report_fingerprints_go_after_the_retention_period(discussion, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    comment = CommentFactory(page=discussion)
    old_reaction = Reaction.objects.create(
        comment=comment, participant="a" * 64, network="n" * 64, created_at=days_ago(31)
    )
    Reaction.objects.create(comment=comment, participant="b" * 64, created_at=days_ago(29))
    old_report = Report.objects.create(
        comment=comment, participant="c" * 64, network="n" * 64, reason="spam", created_at=days_ago(31)
    )
    Report.objects.create(comment=comment, participant="d" * 64, reason="spam", created_at=days_ago(29))

    run("--dry-run")
    assert Reaction.objects.count() == 2 and Report.objects.get(pk=old_report.pk).participant == "c" * 64

    run()
    assert not Reaction.objects.filter(pk=old_reaction.pk).exists()
    assert set(Reaction.objects.values_list("participant", flat=True)) == {"b" * 64}
    assert set(Report.objects.values_list("participant", flat=True)) == {
        f"anonymised-{old_report.pk}",
        "d" * 64,
    }
    assert Report.objects.get(pk=old_report.pk).reason == "spam"  # the report stays in the history
    assert "Total erased: 0" in run()
