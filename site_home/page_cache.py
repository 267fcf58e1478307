"""A whole-page cache for anonymous visitors, in Django's cache (Redis in production).

Why our own: wagtail-cache does not support Wagtail 8, and Django's cache middleware cannot be
invalidated when editors publish. Rules:
- Only GET/HEAD from visitors without a session cookie (editors always see fresh pages).
- Only 200 responses that set no cookie and are not marked private/no-store, so pages carrying a
  CSRF token (Django re-sends the cookie whenever a token is used), messages or personal state are
  never stored. Responses vary on Cookie only because the session was looked at; visitors with a
  session are never served from here, so the key needs no cookie.
- Any write to the site's content (page publish/unpublish/move/delete, or a saved model in one of the
  site's apps, such as a published comment or a booking) bumps a version number stored with every
  cached page (and part of every fragment's key), so all of them go stale at once. Writes are rare
  next to reads, so this stays simple.
  A model can say that a save shows nowhere on the public site (`changes_public_pages(created)`
  returning False: a new comment waiting for confirmation or moderation, a report, a story
  submission), so a flood of held-back feedback does not keep the cache cold.
"""

import gzip
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.text import compress_string
from wagtail.images.models import AbstractRendition

from site_home.paths import is_admin_path
from site_home.security import has_session

VERSION_KEY = "page-cache:version"
SEARCH_INDEX_TASKS = "modelsearch.tasks."
FRAGMENT_SECONDS = 60 * 60
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding
CACHED_APPS = {
    "site_home",
    "surveys",
    "consultations",
    "stories",
    "events",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
}
HEADERS_KEPT = (
    "Content-Type",
    "Cache-Control",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Content-Language",
    "Vary",
    "Last-Modified",
    "ETag",
)


def current_version(request=None):
    """The content version, read once per request (other caches key on it too)."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = cache.get_or_set(VERSION_KEY, 1, None)
        if request is not None:
            request._content_version = version
    return version


def may_share(request):
    """Whether what is made for this request may be read from or stored in the shared cache: only
    for anonymous visitors of live pages. A preview, a draft or a revision (Wagtail marks them all
    `is_preview`) and anything for a visitor with a session or a signed-in user is made afresh, as
    it may show what the public must not see."""
    if request is None or getattr(request, "is_preview", False) or has_session(request):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cached_content(request, name, parts, build):
    """What `build()` returns, made once per content version and kept in the shared cache: for
    what depends on nothing but published content (choice lists, counts, HTML fragments), so pages
    stay fast when the whole page cannot be cached (a cold page). Made afresh where `may_share`
    says no."""
    if not may_share(request):
        return build()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return cache.get_or_set(f"content:{name}:{current_version(request)}:{digest}", build, FRAGMENT_SECONDS)


def cached_fragment(request, name, parts, render):
    """HTML from `render()`, once per content version, site and `parts` (the other values the HTML
    depends on, such as a page id or a sort order)."""
    return cached_content(request, f"fragment:{name}", (request.get_host(), parts), render)


class ContentPaginator(Paginator):
    """A paginator whose count is kept per content version under `key` (the listing's filters). On
    a large listing the count is the costly query, and it is the same for everyone until content
    changes; the page's rows are still read by the template, inside a {% fragment %}."""

    def __init__(self, object_list, per_page, request, key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.request, self.key = request, key

    @cached_property
    def count(self):
        return cached_content(self.request, "count", self.key, lambda: Paginator.count.func(self))


def invalidate(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def on_model_change(sender, instance=None, created=False, **kwargs):
    # Renditions are made on a page's first view: derived data, not a content change.
    if sender._meta.app_label not in CACHED_APPS or issubclass(sender, AbstractRendition):
        return
    changes_public_pages = getattr(instance, "changes_public_pages", None)
    if changes_public_pages is None or changes_public_pages(created):
        invalidate()


def on_task_finished(sender, task_result, **kwargs):
    # Search results change when the search index does, which a background task updates after the
    # publish that bumped the version: without this, search could keep the pre-publish results.
    if task_result.task.module_path.startswith(SEARCH_INDEX_TASKS):
        invalidate()


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not has_session(request)
        and not is_admin_path(request.path)
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class AnonymousPageCacheMiddleware:
    """Stores pages gzip-compressed: a long review page shrinks about sevenfold, so Redis holds and
    sends far less, and browsers (which all accept gzip) get the compressed bytes as they are."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)

    def __call__(self, request):
        if not self.timeout or not _cacheable_request(request):
            return self.get_response(request)
        # One round trip for the content version and the page: a hit is as cheap as it can be.
        key = f"page-cache:{request.get_host()}:{request.get_full_path()}"
        found = cache.get_many([VERSION_KEY, key])
        request._content_version = found.get(VERSION_KEY)  # read once for the fragments, on a miss
        version = current_version(request)
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            return _cached_response(request, *cached[1:], "hit")
        response = self.get_response(request)
        if not _cacheable_response(response):
            return response
        headers = [(name, response[name]) for name in HEADERS_KEPT if name in response]
        compressed = compress_string(response.content)
        cache.set(key, (version, compressed, headers), self.timeout)
        # A miss is served the same way as a hit.
        return _cached_response(request, compressed, headers, "miss", content=response.content)


def _cached_response(request, compressed, headers, state, content=None):
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(compressed)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed) if content is None else content)
    for name, value in headers:
        response[name] = value
    if response.has_header("ETag") and not response["ETag"].startswith("W/"):
        response["ETag"] = "W/" + response["ETag"]  # the bytes differ by encoding
    response["Content-Length"] = len(response.content)
    patch_vary_headers(response, ("Accept-Encoding",))
    response["X-Page-Cache"] = state
    return response
