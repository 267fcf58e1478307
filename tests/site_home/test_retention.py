"""Retention of what the services keep (task results, sign-in records), and the check that every
model holding personal data declares a retention rule."""

import re
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormMixin, FormSubmission

from site_home.retention import declarations, register

ROOT = Path(__file__).resolve().parents[2]


def days_ago(days):
    return timezone.now() - timezone.timedelta(days=days)


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def task_result(status, finished_days_ago=None, enqueued_days_ago=0):
    result = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [["resident@example.org"], "events/email/booking", {"name": "A"}], "kwargs": {}},
        task_path="surveys.feedback.emails.send_email",
        backend_name="default",
        run_after=days_ago(enqueued_days_ago),
        return_value=None,
        exception_class_path="smtplib.SMTPRecipientsRefused" if status == "FAILED" else "",
        traceback="SMTPRecipientsRefused: resident@example.org" if status == "FAILED" else "",
        finished_at=days_ago(finished_days_ago) if finished_days_ago is not None else None,
    )
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=days_ago(enqueued_days_ago))
    return result


@pytest.mark.django_db
def test_finished_task_results_lose_their_arguments_and_go_after_the_log_period(settings):
    settings.LOG_RETENTION_DAYS = 30
    sent_today = task_result("SUCCESSFUL", finished_days_ago=0.01)
    failed = task_result("FAILED", finished_days_ago=3, enqueued_days_ago=3)
    old = task_result("SUCCESSFUL", finished_days_ago=31, enqueued_days_ago=31)
    queued = task_result("READY", enqueued_days_ago=2)
    stale = task_result("READY", enqueued_days_ago=31)

    dry = run("--dry-run")
    assert "DBTaskResult: finished task (30 days (LOG_RETENTION_DAYS) after finished_at): 1 would" in dry
    assert DBTaskResult.objects.count() == 5  # a dry run changes nothing
    assert DBTaskResult.objects.get(pk=failed.pk).traceback

    run()
    remaining = {row.pk: row for row in DBTaskResult.objects.all()}
    assert set(remaining) == {sent_today.pk, failed.pk, queued.pk}
    assert old.pk not in remaining and stale.pk not in remaining
    for pk in (sent_today.pk, failed.pk):
        row = remaining[pk]
        assert (row.args_kwargs, row.return_value, row.traceback) == ({"args": [], "kwargs": {}}, None, "")
    assert remaining[failed.pk].exception_class_path == "smtplib.SMTPRecipientsRefused"
    # A task still waiting to run keeps what it needs to run.
    assert remaining[queued.pk].args_kwargs["args"][0] == ["resident@example.org"]
    assert "Total erased: 0" in run()


@pytest.mark.django_db
@pytest.mark.parametrize("model", [AccessAttempt, AccessFailureLog, AccessLog])
def test_sign_in_records_are_deleted_after_the_log_period(model, settings):
    settings.LOG_RETENTION_DAYS = 30
    extra = {"get_data": "", "post_data": "", "failures_since_start": 1} if model is AccessAttempt else {}
    old, recent = (
        model.objects.create(
            ip_address="192.0.2.1",
            username=f"staff{n}",
            user_agent="Firefox",
            http_accept="*/*",
            path_info="/admin/login/",
            **extra,
        )
        for n in range(2)
    )
    model.objects.filter(pk=old.pk).update(attempt_time=days_ago(31))
    run("--dry-run")
    assert model.objects.count() == 2
    run()
    assert list(model.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "Total erased: 0" in run()


def test_registering_an_unknown_model_label_fails_at_once():
    with pytest.raises(LookupError):
        register("django_tasks_db.DBTaskResult", None)  # the module name, not the app label


# What looks like personal data: an email or address field anywhere; for our own apps, names too
# (third-party models name things, not people).
PERSONAL = re.compile(
    r"(^|_)(email|phone|ip_address|user_agent|username|person|client_hash)$"
    r"|^(args_kwargs|form_data|session_data|post_data|get_data)$"
)
OWN_APPS = {"site_home", "surveys", "consultations", "stories", "events"}
OWN_PERSONAL = re.compile(r"(^|_)name$")

# Models with such fields that hold no resident's personal data under a retention rule, and why.
NOT_RESIDENTS_DATA = {
    "site_home.Theme": "a topic's name",
    "site_home.PlacePage": "the place's public contact (connector), published by its editors",
    "site_home.SteeringGroupMember": "a public role, published by editors with the member's agreement",
    "site_home.SiteSettings": "the organisation's own contact details",
    "surveys.FeedbackSettings": "the moderators' address",
    "surveys.SurveyField": "a question's key, not a person",
    "surveys.DataZone": "a neighbourhood's public name, from the published lookup",
    "consultations.MeetingMinutesPage": "the name of a public meeting (a committee), not of a person",
    "surveys.SurveyPage": "the staff address told of new answers",
    "consultations.ReviewPage": "the consultation's public contact",
    "stories.StoryPage": "a published story's teller, published with consent and removed with the page",
    "events.EventPage": "the venue and the organiser's public contact",
    "wagtailforms.FormSubmission": "unused: no page type stores answers here (see the test below)",
    "auth.User": "staff accounts, removed when someone leaves",
    "consultations.Partner": "an organisation (a council, a health board) and its shared mailbox",
    "sessions.Session": "staff sign-ins only; expired ones go with the daily clearsessions job",
}


def personal_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.EmailField, models.GenericIPAddressField))
        or PERSONAL.search(field.name)
        or (model._meta.app_label in OWN_APPS and OWN_PERSONAL.search(field.name))
    ]


def test_every_model_with_personal_fields_declares_a_retention_rule():
    declared = {model._meta.label for model, _ in declarations()}
    inherited = {
        model._meta.label
        for model in apps.get_models()
        if any(parent._meta.label in declared for parent in model._meta.parents)
    }
    undeclared = {
        model._meta.label: personal_fields(model)
        for model in apps.get_models()
        if not model._meta.proxy
        and personal_fields(model)
        and model._meta.label not in declared | inherited | set(NOT_RESIDENTS_DATA)
    }
    assert undeclared == {}, "declare personal_data (site_home/retention.py) or explain it above"
    assert not declared & set(NOT_RESIDENTS_DATA), "a declared model needs no allow-list entry"
    assert all(apps.get_model(label) for label in NOT_RESIDENTS_DATA)


@pytest.mark.django_db
def test_every_declaration_names_real_fields_and_its_rules_run():
    for model, declared in declarations():
        names = {field.name for field in model._meta.get_fields()}
        assert set(declared.fields) <= names, model
        assert declared.rules, model
    run("--dry-run")  # every rule's lookups resolve on its model


@pytest.mark.django_db
def test_no_page_type_stores_answers_in_wagtails_own_submission_table():
    form_pages = [model for model in apps.get_models() if issubclass(model, FormMixin)]
    assert form_pages
    assert all(page().get_submission_class() is not FormSubmission for page in form_pages)


@pytest.mark.parametrize(
    "command",
    [
        "apply_retention",
        "publish_scheduled",
        "clearsessions",
        "send_follow_digests",
        "announce_opened_reviews",
    ],
)
def test_every_scheduled_job_is_documented_and_run_by_make_serve(command):
    assert f"manage.py {command}" in (ROOT / "docs" / "operations.md").read_text()
    assert command in (ROOT / "scripts" / "serve.sh").read_text()


def test_the_operations_guide_says_how_long_each_declared_model_keeps_personal_data():
    guide = (ROOT / "docs" / "operations.md").read_text()
    assert [model._meta.label for model, _ in declarations() if f"`{model._meta.label}`" not in guide] == []
