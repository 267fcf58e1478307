"""Every review as an accessible PDF (PDF/UA-1, tagged, with its language and title) made from the
published page, and each key area's Easy Read summary shown beside its full text, on the page and in
the PDF. The PDF tests need WeasyPrint, an optional dependency: without it they are skipped and the
review offers no PDF (tested here too)."""

import re
import zlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from consultations import pdf
from consultations.models import ReviewPage, ReviewSection

from .factories import add_section, make_review

pytestmark = pytest.mark.django_db

needs_weasyprint = pytest.mark.skipif(
    not pdf.pdf_available(), reason="WeasyPrint is not installed: add `weasyprint` to the dependencies"
)
EASY_READ = "<p>Groups and the council should <b>talk more</b>.</p><ul><li>Meet every month.</li></ul>"


@pytest.fixture
def review(review_index):
    review = make_review(review_index, title="Working together", sections=0, publish=False)
    add_section(review, "Values", easy_read=EASY_READ)
    add_section(review, "Funding")
    review.save_revision().publish()
    return ReviewPage.objects.get(pk=review.pk)


def test_the_easy_read_summary_is_shown_beside_the_full_text(client, review):
    html = client.get(review.url).content.decode()
    values, funding = (
        '<section class="cv-printable' in html and html.index(f'id="{s.anchor}"') for s in review.section_list
    )
    values_html, funding_html = html[values:funding], html[funding:].split("</section>")[0]
    assert (
        "Easy Read" in values_html
        and "<b>talk more</b>" in values_html
        and "Meet every month." in values_html
    )
    assert values_html.index("Easy Read") < values_html.index("Where are we now?")
    assert "Easy Read" not in funding_html


def test_editors_write_the_easy_read_summary_on_the_key_area():
    field = ReviewSection._meta.get_field("easy_read")
    assert field.blank
    assert "easy_read" in [panel.field_name for panel in ReviewSection.panels]


def test_the_pdfs_html_has_the_document_its_language_and_the_easy_read(rf, review):
    html = pdf.review_pdf_html(review, rf.get("/"))
    assert re.search(r'<html lang="en', html)
    assert "<title>Working together</title>" in html
    assert html.index("1. Values") < html.index("Easy Read") < html.index("2. Funding")
    assert "Do the first thing." in html
    assert "http://testserver" + review.url in html


def test_without_weasyprint_no_pdf_is_offered(client, review, monkeypatch):
    monkeypatch.setattr(pdf, "weasyprint", None)
    assert review.pdf_url == ""
    assert "accessible PDF" not in client.get(review.url).content.decode()
    assert client.get(review.url + "pdf/").status_code == 404


def inflated(body):
    """The PDF with every compressed stream (object streams included) inflated, to read its structure."""
    parts = [body]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", body, re.S):
        try:
            parts.append(zlib.decompressobj().decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


@needs_weasyprint
def test_a_review_downloads_as_a_tagged_pdf_ua_document(client, review):
    page = client.get(review.url).content.decode()
    assert f'href="{review.url}pdf/"' in page
    response = client.get(review.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    body = inflated(response.content)
    assert b"/StructTreeRoot" in body  # tagged: headings, lists and paragraphs for screen readers
    for tag in (b"/S /H1", b"/S /H2", b"/S /H3", b"/S /L", b"/S /P"):
        assert tag in body, tag
    assert b"pdfuaid:part" in body  # declared PDF/UA-1 in its metadata
    assert b"/Lang (en" in body
    assert b"/DisplayDocTitle true" in body


@needs_weasyprint
def test_the_pdf_fetches_nothing_from_the_network(client, review, monkeypatch):
    opened = []

    def record(self, *args, **kwargs):
        opened.append(args)
        raise OSError("no network in tests")

    monkeypatch.setattr(pdf.URLFetcher, "open", record)
    section = review.sections.first()
    section.easy_read = '<p>See <img src="http://169.254.169.254/latest/meta-data/" alt="A picture"></p>'
    section.save()
    assert client.get(review.url + "pdf/").status_code == 200
    assert opened == []


@needs_weasyprint
def test_a_restricted_review_has_no_public_pdf(client, review):
    PageViewRestriction.objects.create(page=review, restriction_type="password", password="x")
    response = client.get(review.url + "pdf/")
    assert response.status_code == 200 and not response.content.startswith(b"%PDF")  # the password form


@needs_weasyprint
def test_pdf_queries_do_not_grow_with_key_areas(client, review_index):
    def queries(sections):
        review = make_review(review_index, title=f"Review of {sections}", sections=sections)
        client.get(review.url + "pdf/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(review.url + "pdf/").status_code == 200
        return len(captured)

    assert queries(1) == queries(6)
