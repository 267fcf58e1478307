import json
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from devdata.bench import DEFAULT_SCALE, BenchContext, commitments, consultations, events, stories, surveys
from devdata.demo import ORIGINALS, child_page
from site_home.models import HomePage, PlaceIndexPage, PlacePage, Theme

# Each feature's share, in order: comments go last, onto every page the others made.
FEATURE_BUILDERS = [
    stories.build,
    events.build,
    surveys.build,
    consultations.build,
    commitments.build,
    surveys.build_comments,
    surveys.build_follows,
]


class Command(BaseCommand):
    help = "Build the large benchmark data set (once per database) and write the URLs to measure as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="bench/results/urls.json")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiply every count (e.g. 0.05 to try it)."
        )

    def handle(self, *args, output, scale, **options):
        call_command("load_demo", "--no-admin", stdout=self.stdout)
        home = HomePage.objects.get(**ORIGINALS)  # not its translations
        bench = BenchContext(home=home)
        bench.scale = {
            k: max(1, int(v * scale)) if k not in ("sections_min", "sections_max") else v
            for k, v in DEFAULT_SCALE.items()
        }
        bench.themes = list(Theme.objects.all())
        bench.places = self.build_places(home, bench.scale["places"])
        bench.urls.update(
            {
                "home": "/",
                "place hub": bench.places[0].url,
                "theme page": bench.themes[0].get_url(),
                "search": "/search/?q=community",
            }
        )
        for builder in FEATURE_BUILDERS:
            started = time.monotonic()
            builder(bench)
            self.stdout.write(f"  {builder.__module__}: {time.monotonic() - started:.0f}s")
        # Search-index updates are background tasks and no worker runs here: index everything now,
        # so the search page is measured with real results.
        call_command("update_index", verbosity=0, stdout=self.stdout)
        if connection.vendor == "postgresql":
            # Fresh statistics and visibility map after the bulk load, as autovacuum would leave a
            # live database; without them the planner misjudges the new tables. (VACUUM cannot run
            # in a transaction, as in the tests: statistics alone there.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        with open(output, "w") as handle:
            json.dump(
                {"urls": bench.urls, "post_targets": bench.post_targets, "scale": bench.scale},
                handle,
                indent=2,
            )
        self.stdout.write(self.style.SUCCESS(f"Bench data ready; URLs in {output}"))

    def build_places(self, home, count):
        index = PlaceIndexPage.objects.get(**ORIGINALS)
        existing = list(PlacePage.objects.child_of(index).order_by("pk"))
        for number in range(len(existing), count):
            page, _ = child_page(
                index,
                PlacePage,
                f"bench-place-{number}",
                title=f"Bench place {number}",
                summary="A neighbourhood generated for the benchmark.",
            )
            existing.append(page)
        return existing[:count]
