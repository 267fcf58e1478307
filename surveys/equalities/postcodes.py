"""A postcode, read only to find the resident's data zone, its SIMD band and its place; the
postcode itself is never stored."""

import re
from dataclasses import dataclass

from .models import EDITION_BOUNDARIES, PostcodeDataZone, SimdEdition, SimdRank

# The UK format (outward code, a space, inward code); the demo's fictional "ZZ" area fits it too.
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
CURRENT_EDITION = SimdEdition.SIMD2020V2


def normalise_postcode(text):
    """ "eh11yz " -> "EH1 1YZ"; None when it is not shaped like a postcode."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = POSTCODE.match(compact)
    return f"{match[1]} {match[2]}" if match else None


@dataclass(frozen=True)
class Area:
    data_zone: object = None
    simd_edition: str = ""
    simd_decile: int | None = None
    simd_quintile: int | None = None

    @property
    def place_id(self):
        return self.data_zone.place_id if self.data_zone else None


def area_for_postcode(postcode, edition=CURRENT_EDITION):
    """The data zone and SIMD band of a postcode, in the boundary set the edition ranks (two queries).
    An unknown postcode gives an empty Area: the answer is kept, with no area."""
    postcode = normalise_postcode(postcode)
    if not postcode:
        return Area()
    row = (
        PostcodeDataZone.objects.filter(postcode=postcode, boundary_set=EDITION_BOUNDARIES[edition])
        .select_related("data_zone")
        .first()
    )
    if row is None:
        return Area()
    rank = SimdRank.objects.filter(data_zone=row.data_zone, edition=edition).first()
    if rank is None:
        return Area(data_zone=row.data_zone)
    return Area(row.data_zone, edition, rank.decile, rank.quintile)
