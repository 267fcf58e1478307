"""Importing the public area lookups from the files their publishers provide: the Scottish
Government's postcode look-up (postcode -> data zone) and the SIMD ranks (data zone -> rank).

A file is read whole and checked before anything is written; one bad row rejects it, with the line
and the reason, and nothing is loaded. Importing the same file again changes nothing."""

import csv
from dataclasses import dataclass, field

from django.db import transaction

from .models import (
    EDITION_BOUNDARIES,
    ZONE_COUNTS,
    BoundarySet,
    DataZone,
    PostcodeDataZone,
    SimdEdition,
    SimdRank,
    rank_band,
)
from .postcodes import normalise_postcode

# The column names the publishers use (the postcode look-up, the SIMD ranks workbook saved as CSV,
# the National Records of Scotland postcode index), the first found wins.
POSTCODE_COLUMNS = ("Postcode", "pc7", "PC7", "pcd")
ZONE_COLUMNS = {
    BoundarySet.DZ2011: ("DataZone2011Code", "DataZone2011", "DZ2011", "DataZone", "Data_Zone", "DZ"),
    BoundarySet.DZ2022: ("DataZone2022Code", "DataZone2022", "DZ2022", "DataZone", "Data_Zone", "DZ"),
}
ZONE_NAME_COLUMNS = ("DZname", "DataZoneName", "Data_Zone_Name", "DZ_Name", "IZname")
RANK_COLUMNS = {SimdEdition.SIMD2020V2: ("SIMD2020v2_Rank", "SIMD2020V2Rank", "Rank")}


class LookupFileError(ValueError):
    """A file that cannot be imported, with what is wrong with it."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    zones_created: int = 0
    notes: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged "
            f"({self.zones_created} new data zones)"
        )


def read_rows(path, name, wanted):
    """The rows of a CSV file as dicts, and the column found for each wanted name."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            headings = reader.fieldnames or []
            columns = {}
            for key, candidates in wanted.items():
                found = next((c for c in candidates if c in headings), None)
                if found is None and key != "name":
                    raise LookupFileError(
                        f"{name}: no {key} column. Expected one of {', '.join(candidates)}; "
                        f"found {', '.join(headings) or 'no headings'}."
                    )
                columns[key] = found
            return list(enumerate(reader, start=2)), columns
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise LookupFileError(f"{name}: cannot be read as a UTF-8 CSV file ({error}).") from error


def zone_code(value, line, name):
    code = (value or "").strip().upper()
    if not code or len(code) > 12 or not code.isalnum():
        raise LookupFileError(f"{name}, line {line}: '{value}' is not a data zone code.")
    return code


def ensure_zones(codes, boundary_set, names, tally):
    """{code: DataZone} for the codes, creating the missing ones (names filled where new or blank)."""
    zones = {z.code: z for z in DataZone.objects.filter(boundary_set=boundary_set, code__in=codes)}
    missing = [
        DataZone(code=c, boundary_set=boundary_set, name=names.get(c, "")) for c in codes if c not in zones
    ]
    for zone in DataZone.objects.bulk_create(missing, batch_size=1000):
        zones[zone.code] = zone
    tally.zones_created += len(missing)
    unnamed = [z for z in zones.values() if not z.name and names.get(z.code)]
    for zone in unnamed:
        zone.name = names[zone.code]
    DataZone.objects.bulk_update(unnamed, ["name"], batch_size=1000)
    return {code: zones[code] for code in codes}


def import_postcodes(path, boundary_set=BoundarySet.DZ2011):
    """Postcode -> data zone rows for one boundary set."""
    name = str(path)
    rows, columns = read_rows(
        path, name, {"postcode": POSTCODE_COLUMNS, "data zone": ZONE_COLUMNS[boundary_set]}
    )
    wanted = {}
    for line, row in rows:
        postcode = normalise_postcode(row.get(columns["postcode"]))
        if postcode is None:
            raise LookupFileError(f"{name}, line {line}: '{row.get(columns['postcode'])}' is not a postcode.")
        code = zone_code(row.get(columns["data zone"]), line, name)
        if wanted.get(postcode, code) != code:
            raise LookupFileError(f"{name}, line {line}: {postcode} is given two different data zones.")
        wanted[postcode] = code
    if not wanted:
        raise LookupFileError(f"{name}: no rows.")
    tally = Tally()
    with transaction.atomic():
        zones = ensure_zones(sorted(set(wanted.values())), boundary_set, {}, tally)
        existing = {
            row.postcode: row
            for row in PostcodeDataZone.objects.filter(boundary_set=boundary_set, postcode__in=wanted)
        }
        new, changed = [], []
        for postcode, code in wanted.items():
            row = existing.get(postcode)
            if row is None:
                new.append(
                    PostcodeDataZone(postcode=postcode, boundary_set=boundary_set, data_zone=zones[code])
                )
            elif row.data_zone_id != zones[code].pk:
                row.data_zone = zones[code]
                changed.append(row)
        PostcodeDataZone.objects.bulk_create(new, batch_size=1000)
        PostcodeDataZone.objects.bulk_update(changed, ["data_zone"], batch_size=1000)
    tally.created, tally.updated = len(new), len(changed)
    tally.unchanged = len(wanted) - len(new) - len(changed)
    return tally


def import_simd_ranks(path, edition=SimdEdition.SIMD2020V2):
    """Data zone -> SIMD rank rows for one edition, with deciles and quintiles derived from the rank
    over the number of zones the edition ranks."""
    name = str(path)
    boundary_set = EDITION_BOUNDARIES[edition]
    zones_ranked = ZONE_COUNTS[boundary_set]
    rows, columns = read_rows(
        path,
        name,
        {"data zone": ZONE_COLUMNS[boundary_set], "rank": RANK_COLUMNS[edition], "name": ZONE_NAME_COLUMNS},
    )
    ranks, names = {}, {}
    for line, row in rows:
        code = zone_code(row.get(columns["data zone"]), line, name)
        text = (row.get(columns["rank"]) or "").strip()
        if not text.isdigit() or not 1 <= int(text) <= zones_ranked:
            raise LookupFileError(
                f"{name}, line {line}: rank '{text}' is not a whole number from 1 to {zones_ranked} "
                f"(the {boundary_set} data zones {edition} ranks)."
            )
        if code in ranks:
            raise LookupFileError(f"{name}, line {line}: {code} appears twice.")
        ranks[code] = int(text)
        if columns["name"]:
            names[code] = (row.get(columns["name"]) or "").strip()[:160]
    if not ranks:
        raise LookupFileError(f"{name}: no rows.")
    tally = Tally()
    with transaction.atomic():
        zones = ensure_zones(sorted(ranks), boundary_set, names, tally)
        existing = {
            r.data_zone_id: r for r in SimdRank.objects.filter(edition=edition, data_zone__in=zones.values())
        }
        new, changed = [], []
        for code, rank in ranks.items():
            values = {
                "rank": rank,
                "decile": rank_band(rank, zones_ranked, 10),
                "quintile": rank_band(rank, zones_ranked, 5),
            }
            row = existing.get(zones[code].pk)
            if row is None:
                new.append(SimdRank(data_zone=zones[code], edition=edition, **values))
            elif any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                changed.append(row)
        SimdRank.objects.bulk_create(new, batch_size=1000)
        SimdRank.objects.bulk_update(changed, ["rank", "decile", "quintile"], batch_size=1000)
    tally.created, tally.updated = len(new), len(changed)
    tally.unchanged = len(ranks) - len(new) - len(changed)
    return tally
