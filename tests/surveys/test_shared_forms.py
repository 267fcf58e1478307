import pytest
from django import forms
from django.core import mail
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation

from surveys.feedback.antispam import over_limit, rate_limited_response
from surveys.feedback.emails import queue_email
from surveys.feedback.forms_base import PublicForm


class ContactForm(PublicForm):
    name = forms.CharField(max_length=50)
    email = forms.EmailField()


def test_honeypot_marks_bots_only():
    assert not ContactForm(data={"name": "Ann", "email": "a@example.org", "website": ""}).is_spam()
    assert ContactForm(data={"name": "Ann", "email": "a@example.org", "website": "http://spam"}).is_spam()


def test_honeypot_is_not_in_the_crispy_layout():
    assert "website" not in [field for field in ContactForm().helper.layout.fields]


def test_email_input_gets_the_error_border_and_keeps_what_was_typed():
    form = ContactForm(data={"name": "Ann", "email": "not-an-email"})
    assert not form.is_valid()
    assert "govuk-input--error" in form.fields["email"].widget.attrs["class"]
    assert 'value="not-an-email"' in str(form["email"])


def test_rate_limit_counts_per_client():
    factory = RequestFactory()

    def post(address):
        return factory.post("/", REMOTE_ADDR=address)

    assert [over_limit(post("10.0.0.1"), "test", "3/h") for _ in range(4)] == [False, False, False, True]
    assert over_limit(post("10.0.0.2"), "test", "3/h") is False


def test_rate_limited_response_is_a_readable_429(rf, db):
    response = rate_limited_response(rf.post("/"), what="comments")
    assert response.status_code == 429
    assert b"Please wait a moment" in response.content


@pytest.mark.django_db(transaction=True)
def test_email_is_sent_only_after_the_transaction_commits(settings, tmp_path):
    (tmp_path / "hello_subject.txt").write_text("Hello {{ name }}")
    (tmp_path / "hello.txt").write_text("Dear {{ name }},\nthanks.")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]

    with transaction.atomic():
        queue_email("resident@example.org", "hello", {"name": "Ann"})
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Hello Ann"
    assert mail.outbox[0].to == ["resident@example.org"]


@pytest.mark.parametrize(
    ("proxies", "expected"), [(0, "198.51.100.9"), (1, "10.0.0.2"), (2, "10.0.0.1"), (3, "198.51.100.9")]
)
def test_forwarded_addresses_are_believed_only_behind_trusted_proxies(settings, proxies, expected):
    from surveys.feedback.antispam import client_key

    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post(
        "/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="10.0.0.1, 10.0.0.2"
    )
    assert client_key("comments", request) == expected


@pytest.mark.django_db(transaction=True)
def test_an_email_is_written_in_the_language_it_was_queued_in_or_is_given(settings, tmp_path):
    """Rendered later, in a worker with no request: the resident's language travels with the task."""
    (tmp_path / "hello_subject.txt").write_text('{% load i18n %}{% translate "Search" %}')
    (tmp_path / "hello.txt").write_text('{% load i18n %}{% translate "Menu" %}')
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]

    with translation.override("cy"):
        queue_email("resident@example.org", "hello", {})
    queue_email("resident@example.org", "hello", {})
    queue_email("resident@example.org", "hello", {}, language="cy")

    assert [(sent.subject, sent.body) for sent in mail.outbox] == [
        ("Chwilio", "Dewislen"),
        ("Search", "Menu"),
        ("Chwilio", "Dewislen"),
    ]
