"""Text a resident or editor typed never runs as a formula when an export is opened in a spreadsheet."""

import csv
import io
from types import SimpleNamespace

import pytest

from site_home.spreadsheets import spreadsheet_safe
from tests.hardening.test_permissions import body
from tests.surveys.factories import CommentFactory, make_discussion

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "  =1+1"]


@pytest.mark.parametrize("typed", FORMULAS)
def test_formula_leading_text_is_escaped(typed):
    assert spreadsheet_safe(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["Open on Sundays", "", "2026-01-01", "a=b"])
def test_ordinary_text_is_left_as_typed(typed):
    assert spreadsheet_safe(typed) == typed
    assert spreadsheet_safe(3) == 3 and spreadsheet_safe(-3) == -3


def cells(response):
    return [cell for row in csv.reader(io.StringIO(body(response).lstrip("\ufeff"))) for cell in row]


def test_comment_export_escapes_formulas(home_page, admin_client):
    discussion = make_discussion(home_page, title="Hall", slug="hall")
    for typed in FORMULAS:
        CommentFactory(page=discussion, body=typed, display_name="=1+1")
    exported = cells(admin_client.get("/admin/surveys/comment/?export=csv"))
    assert not [cell for cell in exported if cell.lstrip(" \n").startswith(("=", "+", "-", "@", "\t"))]
    assert "'=1+1" in exported and '\'=HYPERLINK("http://evil.example","x")' in exported


def test_feedback_overview_export_escapes_formulas():
    from consultations.overview import export_response

    review = SimpleNamespace(slug="review")
    rows = [{"label": "=1+1", "key": "@k", "values": {"comments": 1, "agree": 0, "disagree": 0, "unsure": 0}}]
    exported = cells(export_response(review, rows, "csv"))
    assert "'=1+1" in exported and "'@k" in exported and "1" in exported
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export_response(review, rows, "xlsx").content)).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
