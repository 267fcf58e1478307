"""Make code suggestions for the coding frames' uncoded responses (--make), and report the share
of the suggestions people decided on that they accepted."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from surveys.analysis.frame import acceptance
from surveys.analysis.suggestions import make_suggestions


class Command(BaseCommand):
    help = "Report how many code suggestions people accepted; --make suggests codes first."

    def add_arguments(self, parser):
        parser.add_argument("--make", action="store_true", help="Suggest codes for uncoded responses first.")
        parser.add_argument("--page", type=int, help="Only this consultation's frame (a page id).")

    def handle(self, *args, make=False, page=None, **options):
        frames = Page.objects.filter(analysis_codes__isnull=False).distinct().order_by("title")
        if page:
            frames = frames.filter(pk=page)
        for frame in frames:
            if make:
                self.stdout.write(f"{frame.title}: {make_suggestions(frame)} new suggestions")
            self.stdout.write(f"{frame.title}: {describe(acceptance(frame))}")
        if not page:
            self.stdout.write(f"All frames: {describe(acceptance())}")


def describe(result):
    decided = result["accepted"] + result["rejected"]
    share = "none decided yet" if result["share"] is None else f"{result['share']:.0%}"
    return (
        f"{result['accepted']} of {decided} decided suggestions accepted ({share}); "
        f"{result['pending']} waiting"
    )
