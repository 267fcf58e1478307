"""Blank residents' names and emails once the retention period is over, keeping what they said,
and the email addresses of unconfirmed comments whose confirmation link has expired.

Run daily (cron or a scheduler). Idempotent: a second run changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from surveys.discussions import confirm_max_age
from surveys.models import Comment, Reaction, Report

ANONYMOUS = "Anonymous"


class Command(BaseCommand):
    help = "Anonymise names and emails of comments, and reaction and report fingerprints, past retention."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PERSONAL_DATA_RETENTION_DAYS,
            help="Age in days after which personal data is removed (default: PERSONAL_DATA_RETENTION_DAYS).",
        )

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timezone.timedelta(days=days)
        old = Comment.objects.filter(created_at__lt=cutoff)
        with transaction.atomic():
            # Official responses carry the organisation's name, not a resident's: keep it.
            names = old.filter(is_official_response=False).exclude(display_name=ANONYMOUS)
            named = names.update(display_name=ANONYMOUS)
            emails = old.exclude(email="").update(email="", notify_on_outcome=False)
            # An unconfirmed address was never shown to be the writer's: once its link has expired,
            # drop it early. The words stay for moderators.
            expired = Comment.objects.filter(
                state=Comment.State.UNCONFIRMED, created_at__lt=timezone.now() - confirm_max_age()
            )
            emails += expired.exclude(email="").update(email="", notify_on_outcome=False)
            # The counts stay on the comment; the per-person fingerprints go.
            reactions, _ = Reaction.objects.filter(created_at__lt=cutoff).delete()
            reports = Report.objects.filter(created_at__lt=cutoff).exclude(person__startswith="anonymised-")
            reports = reports.update(person=Concat(Value("anonymised-"), Cast("pk", CharField())))
        self.stdout.write(
            f"Anonymised {named} names and {emails} email addresses; "
            f"removed {reactions} reaction fingerprints and {reports} report fingerprints "
            f"(older than {days} days)."
        )
