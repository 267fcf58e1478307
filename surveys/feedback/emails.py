"""Emails leave the request path: the submission is stored first, then the email is queued as a
background task once the transaction commits, so a failing mail server never loses a submission.

    queue_email(["resident@example.org"], "surveys/email/comment_confirm", {"confirm_url": url})

Templates: `<name>_subject.txt` and `<name>.txt` (plain text), rendered inside the task, so the
context must be JSON-serialisable (strings, numbers, lists, dicts). `headers` adds mail headers
(List-Unsubscribe on what people follow).

An email is written in the language of the person it goes to: by default the language of the
request that queued it (the resident's own action); an email sent later on someone's behalf (a
comment published after moderation, a place freed on the waiting list) passes `language`, the
language of the page the resident used.

When the mail server is down the task enqueues itself again with a growing delay (on backends that
can defer, such as the database worker) instead of failing: each task sends one message at most,
so a retried email is never sent twice.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # about 4 hours of back-off in all
RETRY_BASE_SECONDS = 60


def build_message(to, template, context, attachments=None, headers=None, language=None):
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers
    )
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message


@task()
def send_email(
    to: list[str],
    template: str,
    context: dict,
    attachments: list | None = None,
    attempt: int = 1,
    headers: dict | None = None,
    language: str | None = None,
):
    message = build_message(to, template, context, attachments, headers, language)
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS or not send_email.get_backend().supports_defer:
            raise
        delay = timedelta(seconds=RETRY_BASE_SECONDS * 2 ** (attempt - 1))
        logger.warning("Mail server unavailable (%s); retrying %s in %s", error, template, delay)
        send_email.using(run_after=timezone.now() + delay).enqueue(
            to, template, context, attachments, attempt + 1, headers, language
        )


def queue_email(to, template, context, attachments=None, headers=None, language=None):
    """Send after the current transaction commits (immediately when not in one)."""
    language = language or translation.get_language()
    transaction.on_commit(lambda: enqueue_email(to, template, context, attachments, headers, language))


def enqueue_email(to, template, context, attachments=None, headers=None, language=None):
    """Queue now, inside the caller's transaction: with the database task backend the queued email
    commits or rolls back with what the caller records about it (a digest marked as sent)."""
    recipients = [to] if isinstance(to, str) else list(to)
    language = language or translation.get_language()
    send_email.enqueue(recipients, template, context, attachments, headers=headers, language=language)
