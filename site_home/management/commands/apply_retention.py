"""Erase personal data past its retention period, as every model declares it (site_home.retention).

Run daily. Idempotent and batched: a second run erases nothing; `--dry-run` only counts."""

from django.core.management.base import BaseCommand

from site_home.retention import BATCH_SIZE, apply_retention


class Command(BaseCommand):
    help = "Erase personal data past its retention period (every declared model); --dry-run counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be erased.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, dry_run, batch_size, **options):
        outcomes = apply_retention(dry_run=dry_run, batch_size=batch_size)
        verb = "would erase" if dry_run else "erased"
        for outcome in outcomes:
            self.stdout.write(f"{outcome} {verb}")
        self.stdout.write(f"Total {verb}: {sum(outcome.count for outcome in outcomes)}")
