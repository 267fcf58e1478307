"""Mail server down: the submission is kept, the email waits in the task queue and is sent once,
by the database task worker, after the (real, loopback) SMTP server comes back."""

import socket
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from surveys.feedback.emails import queue_email


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db(transaction=True)
def test_email_is_retried_when_the_mail_server_returns_and_sent_once(settings, tmp_path):
    (tmp_path / "note_subject.txt").write_text("Your comment")
    (tmp_path / "note.txt").write_text("Thanks, {{ name }}.")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    queue_email("resident@example.org", "note", {"name": "Ann"})
    run_worker()  # the server is down: the task re-queues itself for later instead of failing

    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        waiting.update(run_after=timezone.now())  # the back-off has passed
        run_worker()
        run_worker()
    finally:
        server.stop()

    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "resident@example.org"
    assert DBTaskResult.objects.filter(status="FAILED").count() == 0
