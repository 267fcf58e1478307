"""Emails leave the request path: the submission is stored first, then the email is queued as a
background task once the transaction commits, so a failing mail server never loses a submission.

    queue_email(["resident@example.org"], "surveys/email/comment_confirm", {"confirm_url": url})

Templates: `<name>_subject.txt` and `<name>.txt` (plain text), rendered inside the task, so the
context must be JSON-serialisable (strings, numbers, lists, dicts).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_email(to: list[str], template: str, context: dict, attachments: list | None = None):
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send(fail_silently=False)


def queue_email(to, template, context, attachments=None):
    """Send after the current transaction commits (immediately when not in one)."""
    recipients = [to] if isinstance(to, str) else list(to)
    transaction.on_commit(lambda: send_email.enqueue(recipients, template, context, attachments))
