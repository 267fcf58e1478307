from django.core.management.base import BaseCommand

from consultations.models import ReviewPage, ReviewStatus
from consultations.notifications import tell_followers


class Command(BaseCommand):
    help = (
        "Tell followers of reviews that opened on their opening date without being published again "
        "(a review's status follows the date). Run it daily, after midnight; a review already "
        "announced is not announced again."
    )

    def handle(self, *args, **options):
        reviews = ReviewPage.objects.live().public().with_status_value(ReviewStatus.OPEN)
        announced = sum(tell_followers(ReviewPage, review) is not None for review in reviews)
        self.stdout.write(f"Reviews announced as open: {announced}")
