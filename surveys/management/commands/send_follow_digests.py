from django.core.management.base import BaseCommand

from surveys.feedback.follow_notices import send_digests


class Command(BaseCommand):
    help = (
        "Queue the weekly digest of each address that is due (a week since its last): one email for "
        "all its weekly follows. Safe to stop and run again: each address's email is queued in the "
        "same transaction that records it as sent, so a rerun neither loses nor repeats one. Run it "
        "daily (docs/operations.md)."
    )

    def handle(self, *args, **options):
        processed, sent = send_digests()
        self.stdout.write(f"Addresses processed: {processed}; digests queued: {sent}")
