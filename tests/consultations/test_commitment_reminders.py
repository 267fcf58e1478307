"""Partners are reminded before a commitment is due and when it is overdue, once per due date."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from consultations.commitments.reminders import send_reminders
from consultations.models import CommitmentReminder, CommitmentStatus
from tests.consultations.factories import CommitmentIndexPageFactory, PartnerFactory, days, make_commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracker(home_page):
    return CommitmentIndexPageFactory(parent=home_page)


@pytest.fixture
def council():
    return PartnerFactory(name="Testford Council", contact_email="commitments@council.example.org")


def test_due_soon_and_overdue_commitments_are_reminded_once(
    tracker, council, django_capture_on_commit_callbacks
):
    soon = make_commitment(tracker, title="Open the hall on Saturdays", partner=council, due_date=days(10))
    late = make_commitment(tracker, title="Fix the path lighting", partner=council, due_date=days(-3))
    make_commitment(tracker, title="Later", partner=council, due_date=days(60))
    make_commitment(
        tracker,
        title="Done already",
        partner=council,
        due_date=days(-3),
        status=CommitmentStatus.DONE,
        status_reason="Opened in May.",
    )
    make_commitment(tracker, title="A draft", partner=council, due_date=days(5), publish=False)
    make_commitment(
        tracker, title="No address", partner=PartnerFactory(name="Health board"), due_date=days(5)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Due on ") and subjects[0].endswith(soon.title)
    assert subjects[1].startswith("Overdue since ") and subjects[1].endswith(late.title)
    assert all(message.to == ["commitments@council.example.org"] for message in mail.outbox)
    assert f"http://testserver{late.url}" in next(m.body for m in mail.outbox if late.title in m.subject)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_commitment_owners", stdout=StringIO())
    assert len(mail.outbox) == 2  # a rerun sends nothing twice


def test_a_new_due_date_is_reminded_anew(tracker, council):
    commitment = make_commitment(tracker, partner=council, due_date=days(-1))
    assert send_reminders() == 1
    commitment.due_date = days(5)
    commitment.save_revision().publish()
    assert send_reminders() == 1
    assert set(CommitmentReminder.objects.values_list("kind", flat=True)) == {"overdue", "due-soon"}
