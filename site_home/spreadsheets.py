"""Cells of every CSV export are made safe to open in a spreadsheet.

A cell that starts with =, +, -, @, a tab or a carriage return (also after leading spaces) runs as a
formula in Excel and LibreOffice, so a resident who types =HYPERLINK(...) in a comment could plant a
link or a calculation in a moderator's spreadsheet. Such cells get a leading apostrophe, as OWASP
advises. Wagtail's own export mixin (modeladmin, snippets, model viewsets, form submissions, reports)
is wrapped once at start-up, and hand-written writers call spreadsheet_safe() themselves."""

import csv

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value, with a leading apostrophe when a spreadsheet would read it as a formula."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_STARTS) or value.lstrip(" \n").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def protect_wagtail_csv_exports():
    """Escape the headings and cells of every CSV that Wagtail's SpreadsheetExportMixin writes."""
    if getattr(SpreadsheetExportMixin, "_formula_safe", False):
        return

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: spreadsheet_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: spreadsheet_safe(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin._formula_safe = True
