"""Every review as an accessible PDF, made from the published page: tagged PDF/UA-1 with its
language, title and headings, so a screen reader reads it as it reads the page. Key areas carry
their Easy Read summary beside the full text, as on the page.

WeasyPrint draws it. Nothing is fetched while drawing (no stylesheets, images or pages from the
network: the styles are in the template), so the text of a review can never make the server
request a URL."""

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from site_home.links import absolute_url

try:
    import weasyprint
    from weasyprint.urls import URLFetcher
except (ImportError, OSError):  # not installed, or Pango missing: the reviews offer no PDF
    weasyprint = URLFetcher = None

PDF_VARIANT = "pdf/ua-1"


def pdf_available():
    return weasyprint is not None


def no_fetching():
    """A fetcher that allows only inline data: URIs (no http, https, ftp or file)."""
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def review_pdf_html(review, request):
    return render_to_string(
        "consultations/review_pdf.html",
        {
            "page": review,
            "sections": review.section_list,
            "page_url": absolute_url(review),
            "language": translation.get_language() or "en",
            "made_on": timezone.localdate(),
        },
        request=request,
    )


def review_pdf_response(review, request):
    if not pdf_available():
        raise Http404("PDFs are not available on this site")
    html = review_pdf_html(review, request)
    document = weasyprint.HTML(string=html, base_url=absolute_url("/"), url_fetcher=no_fetching())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{review.slug}.pdf"'
    return response
