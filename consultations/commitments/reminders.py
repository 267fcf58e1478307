"""Reminding partners of what they said they would do: once before the due date, once when it
has passed, each at most once per due date (a `CommitmentReminder` row, written in the same
transaction as the queued email, so a rerun or an interrupted run never sends twice)."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from consultations.models import CommitmentPage, CommitmentReminder
from consultations.models.commitments import SETTLED
from site_home.links import absolute_url
from surveys.feedback.emails import enqueue_email


def reminder_days():
    return getattr(settings, "COMMITMENT_REMINDER_DAYS", 14)


def due_reminders(today=None):
    """[(commitment, kind)] to send today: live commitments not settled, whose partner has an
    address, due within the reminder window or overdue, not yet reminded for this due date."""
    today = today or timezone.localdate()
    unsettled = (
        CommitmentPage.objects.live()
        .exclude(status__in=SETTLED)
        .exclude(partner__contact_email="")
        .filter(partner__isnull=False)
        .select_related("partner")
    )
    soon = unsettled.filter(
        due_date__gte=today, due_date__lte=today + datetime.timedelta(days=reminder_days())
    )
    late = unsettled.filter(due_date__lt=today)
    found = [(c, CommitmentReminder.Kind.DUE_SOON) for c in soon] + [
        (c, CommitmentReminder.Kind.OVERDUE) for c in late
    ]
    sent = set(
        CommitmentReminder.objects.filter(commitment__in=[c for c, _ in found]).values_list(
            "commitment_id", "kind", "due_date"
        )
    )
    return [(c, kind) for c, kind in found if (c.pk, kind, c.due_date) not in sent]


def send_reminders(today=None):
    """Queue each due reminder with its record; returns how many were queued."""
    queued = 0
    for commitment, kind in due_reminders(today):
        try:
            with transaction.atomic():
                CommitmentReminder.objects.create(
                    commitment=commitment, kind=kind, due_date=commitment.due_date
                )
                enqueue_email(
                    commitment.partner.contact_email,
                    f"consultations/email/commitment_{kind.replace('-', '_')}",
                    {
                        "partner": commitment.partner.name,
                        "title": commitment.title,
                        "due_date": date_format(commitment.due_date, "j F Y"),
                        "status": str(commitment.get_status_display()),
                        "url": absolute_url(commitment),
                    },
                )
        except IntegrityError:
            continue  # another run recorded it first
        queued += 1
    return queued
