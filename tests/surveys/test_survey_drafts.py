"""Save and come back later: the emailed link resumes the answers, the old one stops working, the
address learns nothing, emails are limited per address, and retention deletes old drafts."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from surveys.models import SurveyDraft, SurveySubmission
from tests.surveys.survey_factories import AGE, make_survey, make_survey_index
from tests.surveys.test_question_pages import HOW_OFTEN, USES, follow_post, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(home_page):
    return make_survey(make_survey_index(home_page), fields=[USES, HOW_OFTEN, AGE], question_pages=True)


@pytest.fixture
def n(survey):
    return {f.label: f.clean_name for f in survey.form_fields.all()}


def save_after_first_page(client, survey, n, email="resident@example.org"):
    """Answers the first page with "Save and come back later", then leaves `email`."""
    save_url = follow_post(client, survey.url + "answer/", {n["Do you use the park"]: "Yes", "then": "save"})
    assert save_url.endswith("/save/")
    page = client.get(save_url)
    assert "Save your answers and come back later" in text(page) and "no-store" in page["Cache-Control"]
    response = client.post(save_url, {"email": email})
    assert response.status_code == 302
    return save_url, response


def emailed_link(message):
    return re.search(r"http://\S+", message.body).group(0)


def test_a_resident_saves_gets_a_link_and_carries_on_where_they_left_off(client, survey, n, send):
    with send():
        save_url, response = save_after_first_page(client, survey, n)
    confirmation = client.get(response["Location"])
    assert "Check your email" in text(confirmation) and "no-store" in confirmation["Cache-Control"]
    [message] = mail.outbox
    assert message.to == ["resident@example.org"] and "Our park" in message.subject
    assert "30 days" in message.body
    draft = SurveyDraft.objects.get()
    assert draft.email == "resident@example.org" and draft.emailed_at is not None
    link = emailed_link(message)
    assert draft.token_digest not in link  # only a digest is stored, and it is not the link

    # The address that was in this browser stops working; the emailed one resumes.
    assert client.get(save_url.replace("/save/", "/")).status_code == 404
    resumed = client.get(link.removeprefix("http://testserver"))
    assert resumed.status_code == 302 and resumed["Location"].endswith("/2/")
    assert "Question 2 of 3" in text(client.get(resumed["Location"]))
    check_url = follow_post(client, resumed["Location"], {n["How often do you visit"]: "Every week"})
    check_url = follow_post(client, check_url, {n["Age band"]: "Under 25"})
    assert "Do you use the park Yes" in text(client.get(check_url))
    client.post(check_url)
    assert SurveySubmission.objects.get().form_data[n["Do you use the park"]] == "Yes"
    assert not SurveyDraft.objects.exists()  # the resumed draft is deleted once sent
    gone = client.get(link.removeprefix("http://testserver"))
    assert gone.status_code == 404 and "We cannot find these answers" in text(gone)


def test_the_response_is_the_same_for_every_address_and_emails_are_limited(client, survey, n, send, settings):
    settings.SURVEY_DRAFT_EMAILS_PER_DAY = 2
    bodies = []
    with send():
        for _ in range(3):
            _save_url, response = save_after_first_page(client, survey, n, email="Same@Example.org")
            bodies.append((response.status_code, response["Location"]))
        _save_url, other = save_after_first_page(client, survey, n, email="someone@example.org")
    assert len({*bodies, (other.status_code, other["Location"])}) == 1  # nothing tells them apart
    assert [m.to for m in mail.outbox] == [["Same@Example.org"]] * 2 + [["someone@example.org"]]


def test_a_link_past_its_days_has_expired_and_retention_deletes_old_drafts(client, survey, n, send, settings):
    with send():
        save_after_first_page(client, survey, n)
    link = emailed_link(mail.outbox[0]).removeprefix("http://testserver")
    unsaved = follow_post(client, survey.url + "answer/", {n["Do you use the park"]: "No"})
    assert SurveyDraft.objects.count() == 2

    long_ago = timezone.now() - datetime.timedelta(days=31)
    SurveyDraft.objects.update(updated_at=long_ago)
    expired = client.get(link)
    assert expired.status_code == 410 and "This link has expired" in text(expired)

    SurveyDraft.objects.filter(emailed_at__isnull=False).update(updated_at=timezone.now())
    SurveyDraft.objects.filter(emailed_at__isnull=True).update(
        updated_at=timezone.now() - datetime.timedelta(days=2)
    )
    call_command("apply_retention", stdout=StringIO())
    assert list(SurveyDraft.objects.values_list("email", flat=True)) == ["resident@example.org"]
    assert client.get(unsaved).status_code == 404

    SurveyDraft.objects.update(updated_at=long_ago)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert (
        "surveys.SurveyDraft: survey answers saved for later (30 days (SURVEY_DRAFT_DAYS)" in out.getvalue()
    )
    call_command("apply_retention", stdout=StringIO())
    assert not SurveyDraft.objects.exists()


def test_a_bad_address_is_explained_and_nothing_is_sent(client, survey, n, send):
    save_url = follow_post(client, survey.url + "answer/", {n["Do you use the park"]: "Yes", "then": "save"})
    with send():
        response = client.post(save_url, {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format, like name@example.com" in text(response)
    assert not mail.outbox and SurveyDraft.objects.get().emailed_at is None
