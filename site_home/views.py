import sys
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage
from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from site_home.links import absolute_url
from site_home.page_cache import ContentPaginator, shared
from site_home.search import SUGGEST_BELOW, SearchResults, search_words, suggest

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_QUERY = 200


@require_GET
@shared
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY]
    page_obj = suggestion = None
    if query:
        words = search_words(query)
        results = SearchResults(words, request) if words else []
        paginator = ContentPaginator(results, SEARCH_PAGE_SIZE, request, ("search", words))
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except InvalidPage:  # past the end, or not a number at all
            page_obj = paginator.page(1)
        if words and paginator.count < SUGGEST_BELOW:
            # Looked up inside the template's fragment, so only when that misses.
            suggestion = SimpleLazyObject(lambda: suggest(words, request, paginator.count))
    return render(
        request,
        "site_home/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "suggestion": suggestion,
            "query_string": urlencode({"q": query}),
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: point them at ours."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = absolute_url("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /stories/seen/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


DATABASE_RETRY_SECONDS = 30


def server_error(request):
    """Every uncaught exception ends here, including those raised inside middleware.

    A lost database connection gets a 503 with Retry-After rather than a 500: it is usually brief,
    and Django opens a fresh connection on the next request, so the site recovers by itself.
    Neither page uses context processors or the database.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request, reason=""):
    """A form sent without a valid token (an old tab, cookies blocked): a readable page, not Django's."""
    return render(request, "403_csrf.html", status=403)


@require_safe
@cache_control(max_age=86400, public=True)
def media(request, path):
    """Uploaded files for `make serve` and DEBUG only (SERVE_MEDIA=1).

    Real production keeps media on S3-compatible storage or behind the web server. Django's static
    serve view refuses paths outside MEDIA_ROOT and sends nosniff through SecurityMiddleware.
    """
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
