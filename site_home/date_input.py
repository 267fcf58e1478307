"""The GOV.UK date input: a date asked as three boxes (day, month, year), not `<input type="date">`,
whose picker many assistive technologies and older browsers handle badly.

`DateInputField` reads `<name>-day`, `<name>-month` and `<name>-year`, and still accepts a whole
ISO date in `<name>` (links made before the boxes existed, such as `?date_from=2026-03-29`). Its
errors follow the GOV.UK pattern's wording ("… must include a month", "… must be a real date"), and
`error_parts` names the boxes to highlight. Render it with `components/date_input.html`.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

PARTS = ("day", "month", "year")
# What an error says is missing: one box, or two of them (all three missing is no date at all).
MISSING_PARTS = {
    ("day",): _("a day"),
    ("month",): _("a month"),
    ("year",): _("a year"),
    ("day", "month"): _("a day and month"),
    ("day", "year"): _("a day and year"),
    ("month", "year"): _("a month and year"),
}


class DateInputWidget(forms.Widget):
    """Three boxes; laid out by components/date_input.html, not by Django's widget rendering."""

    def value_from_datadict(self, data, files, name):
        parts = {part: (data.get(f"{name}-{part}") or "").strip() for part in PARTS}
        whole = (data.get(name) or "").strip()
        if whole and not any(parts.values()):
            try:
                day = datetime.date.fromisoformat(whole)
            except ValueError:
                parts["whole"] = whole
            else:
                parts = {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)

    def id_for_label(self, id_):
        return f"{id_}-day" if id_ else id_


def joined(parts):
    """The names of missing parts as a sentence: "a month", "a day and year"."""
    return str(MISSING_PARTS[tuple(parts)])


class DateInputField(forms.Field):
    """An optional date in three boxes; `subject` begins each error ("The 'from' date")."""

    widget = DateInputWidget

    def __init__(self, subject, earliest=None, latest=None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.subject, self.earliest, self.latest = subject, earliest, latest
        self.error_parts = set()

    def fail(self, message, parts=PARTS, **values):
        self.error_parts = set(parts)
        raise forms.ValidationError(message % {"subject": self.subject, **values})

    def to_python(self, value):
        self.error_parts = set()
        if not value or not any(value.values()):
            return None
        if value.get("whole"):
            self.fail(_("%(subject)s must be a real date"))
        missing = [part for part in PARTS if not value.get(part)]
        if missing:
            self.fail(_("%(subject)s must include %(missing)s"), missing, missing=joined(missing))
        not_numbers = [part for part in PARTS if not value[part].isdigit()]
        if not_numbers:
            self.fail(_("%(subject)s must be a real date"), not_numbers)
        if len(value["year"]) != 4:
            self.fail(_("Year must include 4 numbers"), ["year"])
        try:
            day = datetime.date(int(value["year"]), int(value["month"]), int(value["day"]))
        except ValueError:
            self.fail(_("%(subject)s must be a real date"))
        if (self.earliest and day < self.earliest) or (self.latest and day > self.latest):
            message = _("%(subject)s must be between %(earliest)s and %(latest)s")
            self.fail(message, ["year"], earliest=self.earliest.year, latest=self.latest.year)
        return day
