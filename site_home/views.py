from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_QUERY = 200


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY]
    page_obj = None
    if query:
        results = Page.objects.live().public().specific().search(query)
        paginator = Paginator(results, SEARCH_PAGE_SIZE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, ValueError):
            page_obj = paginator.page(1)
    return render(
        request,
        "site_home/search.html",
        {"query": query, "page_obj": page_obj, "query_string": urlencode({"q": query})},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database: the failure may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
