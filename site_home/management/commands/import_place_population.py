"""Import places' population profiles (e.g. from Scotland's Census 2022 tables) from a CSV file with
the columns Place (the place's slug), Measure, Group, Share (%) and, optionally, Source."""

import csv
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from site_home.models import PlacePage, PlacePopulation, PopulationMeasure

COLUMNS = ("Place", "Measure", "Group", "Share")


class Command(BaseCommand):
    help = (
        "Import population shares per place from a CSV file (Place, Measure, Group, Share[, Source]); "
        f"Measure is one of {', '.join(PopulationMeasure.values)}. Rows already there are updated, a second "
        "run changes nothing; a malformed file is rejected with the line and nothing is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file=None, **options):
        rows = self.read(file)
        places = dict(PlacePage.objects.filter(slug__in={row[0] for row in rows}).values_list("slug", "pk"))
        for line, (slug, *_rest) in enumerate(rows, start=2):
            if slug not in places:
                raise CommandError(
                    f"{file}, line {line}: no place with the slug '{slug}'. Nothing was imported."
                )
        existing = {
            (p.place_id, p.measure, p.group): p
            for p in PlacePopulation.objects.filter(place_id__in=places.values())
        }
        created = updated = unchanged = 0
        with transaction.atomic():
            for slug, measure, group, share, source in rows:
                row = existing.get((places[slug], measure, group))
                if row is None:
                    PlacePopulation.objects.create(
                        place_id=places[slug], measure=measure, group=group, share=share, source=source
                    )
                    created += 1
                elif (row.share, row.source) != (share, source):
                    row.share, row.source = share, source
                    row.save(update_fields=["share", "source"])
                    updated += 1
                else:
                    unchanged += 1
        self.stdout.write(f"Population shares: {created} created, {updated} updated, {unchanged} unchanged")

    def read(self, file):
        try:
            with open(file, newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
                if missing:
                    raise CommandError(
                        f"{file}: missing column(s) {', '.join(missing)}. Nothing was imported."
                    )
                rows = []
                for line, row in enumerate(reader, start=2):
                    measure = (row["Measure"] or "").strip()
                    if measure not in PopulationMeasure.values:
                        raise CommandError(
                            f"{file}, line {line}: unknown measure '{measure}' (one of "
                            f"{', '.join(PopulationMeasure.values)}). Nothing was imported."
                        )
                    try:
                        share = Decimal((row["Share"] or "").strip().rstrip("%")).quantize(Decimal("0.1"))
                    except InvalidOperation:
                        share = None
                    if share is None or not 0 <= share <= 100:
                        raise CommandError(
                            f"{file}, line {line}: share '{row['Share']}' is not a percentage from 0 to 100. "
                            "Nothing was imported."
                        )
                    source = (row.get("Source") or "Scotland's Census 2022").strip()[:120]
                    rows.append((row["Place"].strip(), measure, row["Group"].strip()[:120], share, source))
                return rows
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{file}: cannot be read as a UTF-8 CSV file ({error}).") from error
