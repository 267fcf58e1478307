"""Small numbers are never shown: every count under 5 reads "fewer than 5", in tables, charts and
exports alike, and so does any percentage that would give it away. Everything that shows a count
of who responded takes it from here."""

from dataclasses import dataclass

from django.utils.translation import gettext

THRESHOLD = 5


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: `value` is None when it is suppressed."""

    value: int | None

    @property
    def suppressed(self):
        return self.value is None

    def __str__(self):
        return fewer_than() if self.value is None else str(self.value)


def fewer_than():
    return gettext("fewer than %(threshold)s") % {"threshold": THRESHOLD}


def suppress(count):
    """A raw count as it may be shown (0 too reads "fewer than 5": otherwise 0 and "fewer than 5"
    together would tell 1 to 4 apart from none)."""
    return Count(None if count < THRESHOLD else count)


def suppress_all(counts):
    """{key: raw count} -> {key: Count} for counts that add up to a total shown beside them. Where only
    one is suppressed, the total minus the others would reveal it, so the next smallest is too."""
    shown = {key: suppress(count) for key, count in counts.items()}
    hidden = [key for key, count in shown.items() if count.suppressed]
    if len(hidden) == 1:
        visible = sorted((count.value, str(key)) for key, count in shown.items() if not count.suppressed)
        if visible:
            smallest = next(key for key in shown if str(key) == visible[0][1])
            shown[smallest] = Count(None)
    return shown


def percentage(part, whole):
    """part as a whole-number share of whole, or None where either is suppressed (a share and a
    total shown together give the count back)."""
    if part.suppressed or whole.suppressed or not whole.value:
        return None
    return round(100 * part.value / whole.value)
