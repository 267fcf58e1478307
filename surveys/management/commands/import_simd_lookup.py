from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from surveys.equalities.lookup_import import LookupFileError, import_postcodes, import_simd_ranks
from surveys.equalities.models import BoundarySet, SimdEdition


class Command(BaseCommand):
    help = (
        "Import the postcode -> data zone look-up and the SIMD ranks from the CSV files their publishers "
        "provide (save a workbook's sheet as CSV). Each row records its boundary set and SIMD edition; "
        "deciles and quintiles are derived from the ranks. Safe to run again: unchanged rows stay as "
        "they are. A malformed file is rejected with the reason and nothing is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--postcodes", help="CSV with a Postcode column and a data zone column")
        parser.add_argument("--simd", help="CSV with a data zone column and a SIMD2020v2_Rank column")
        parser.add_argument("--boundary-set", default=BoundarySet.DZ2011, choices=BoundarySet.values)
        parser.add_argument("--edition", default=SimdEdition.SIMD2020V2, choices=SimdEdition.values)

    def handle(self, *args, postcodes=None, simd=None, boundary_set=None, edition=None, **options):
        if not postcodes and not simd:
            raise CommandError("Give --postcodes FILE, --simd FILE or both.")
        try:
            with transaction.atomic():  # both files or neither
                if simd:
                    tally = import_simd_ranks(simd, edition)
                    self.stdout.write(f"SIMD ranks ({edition}): {tally}")
                if postcodes:
                    tally = import_postcodes(postcodes, boundary_set)
                    self.stdout.write(f"Postcodes (data zones {boundary_set}): {tally}")
        except LookupFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
