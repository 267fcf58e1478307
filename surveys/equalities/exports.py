"""The "who we heard from" report as CSV or XLSX: the same suppressed counts as the page."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from site_home.spreadsheets import spreadsheet_safe


def headings():
    return [
        _("Measure"),
        _("Group"),
        _("Responses"),
        _("% of responses"),
        _("% of residents"),
        _("Under-heard"),
    ]


def report_rows(report):
    yield [_("All responses"), "", str(report.responses), "", "", ""]
    for measure in report.measures:
        yield [str(measure.label), _("Answered"), str(measure.answered), "", "", ""]
        for row in measure.rows:
            yield [
                str(measure.label),
                str(row.label),
                str(row.count),
                "" if row.response_share is None else row.response_share,
                "" if row.resident_share is None else float(row.resident_share),
                _("yes") if row.gap else "",
            ]


def report_file(report, file_format):
    name = f"who-we-heard-{slugify(report.scope.title) or 'all'}"
    if file_format == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Who we heard from"))
        sheet.append(headings())
        for row in report_rows(report):
            sheet.append(row)
        output = io.BytesIO()
        book.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(headings())
    for row in report_rows(report):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
