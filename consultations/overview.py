"""The editors' feedback overview: every key area and recommendation against comments, agree,
disagree and not sure, as a heatmap table and as CSV/XLSX. Counts only, no personal data."""

import csv
import io
import math

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from site_home.spreadsheets import spreadsheet_safe
from surveys.feedback.channels import Channel

from .document import comment_counts
from .models import RecommendationResponse

COLUMNS = [("comments", gettext_lazy("Comments")), *RecommendationResponse.Choice.choices]


def heat_level(value, top):
    """0 for nothing, then 1..5 in proportion to the column's largest value."""
    if not value or not top:
        return 0
    return max(1, math.ceil(5 * value / top))


def feedback_rows(review, place=None, channel=None):
    """Rows of {kind, key, label, values{column: n}, cells[(n, level)]}, in reading order, from
    `place` and through `channel` only if given."""
    responses = RecommendationResponse.objects.for_review(review)
    if place is not None:
        responses = responses.for_place(place)
    if channel:
        responses = responses.filter(channel=channel)
    tally = responses.tally()
    comments = comment_counts(review, place, channel)
    rows = []
    for section in review.section_list:
        section_row = {
            "kind": "section",
            "key": section.key,
            "label": f"{section.number}. {section.title}",
            "values": {"comments": comments.get(section.key, 0), "agree": 0, "disagree": 0, "unsure": 0},
        }
        rows.append(section_row)
        for rec in section.recommendation_list:
            counts = tally.get(rec.key, {})
            values = {"comments": comments.get(rec.key, 0)}
            for choice in ("agree", "disagree", "unsure"):
                values[choice] = counts.get(choice, 0)
                section_row["values"][choice] += values[choice]
            rows.append(
                {
                    "kind": "recommendation",
                    "key": rec.key,
                    "label": f"{rec.number} {rec.text}",
                    "values": values,
                }
            )
    tops = {name: max((row["values"][name] for row in rows), default=0) for name, _label in COLUMNS}
    for row in rows:
        row["cells"] = [
            (row["values"][name], heat_level(row["values"][name], tops[name])) for name, _label in COLUMNS
        ]
    return rows


def _table(rows, channel=None):
    """The heatmap as rows, with the channel the counts come through (all, or the one filtered)."""
    through = str(Channel(channel).label) if channel else _("All")
    yield [_("Part"), _("Key"), _("Channel"), *[str(label) for _name, label in COLUMNS]]
    for row in rows:
        yield [row["label"], row["key"], through, *[row["values"][name] for name, _label in COLUMNS]]


def export_response(review, rows, fmt, channel=None):
    filename = f"{review.slug}-feedback{'-' + channel if channel else ''}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        for line in _table(rows, channel):
            writer.writerow([spreadsheet_safe(cell) for cell in line])
    else:
        from openpyxl import Workbook  # loaded on the first export only, as Wagtail's own exports do

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Feedback")
        for line in _table(rows, channel):
            sheet.append(line)
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # typed text that openpyxl took for a formula
                    cell.data_type = "s"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
