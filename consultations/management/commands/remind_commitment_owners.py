from django.core.management.base import BaseCommand

from consultations.commitments.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each partner about its commitments due within COMMITMENT_REMINDER_DAYS (14) and those "
        "overdue, once per commitment and due date. Run it daily; a rerun sends nothing twice."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Commitment reminders queued: {send_reminders()}")
