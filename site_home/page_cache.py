"""The site's caching, in one place: whole pages for anonymous readers, and parts of pages.

1. Whole pages (`PageCacheMiddleware`). A response is stored only when all of these hold:
   - the view said it may be shared: a live page under no restriction (a hook in
     site_home/wagtail_hooks.py calls `share`), or a view wrapped in `@shared` (search, feeds).
     Any other view, including a new one written without reading this, is never stored;
   - an anonymous GET or HEAD outside the admin, carrying no session, messages or "fresh"
     cookie (FRESH_COOKIE: set for two minutes after a resident's own form post, so they see
     their own comment, vote or booking at once);
   - a 200 that sets no cookie, renders no CSRF token and has no flash message.
   Entries are gzip-compressed, keyed on scheme, host, path and the known query parameters
   (PAGE_CACHE_QUERY_PARAMETERS; others are dropped before the view sees them), and checked
   against the versions in site_home/cache_versions.py: stale after an editorial change, after
   activity on the page itself, after PAGE_CACHE_SECONDS, or ACTIVITY_SECONDS after activity
   elsewhere. While one request refreshes a page stale for any reason but an editorial change,
   the others get the previous copy, so a burst of readers costs one render. If the render
   fails (the database is down), the last copy is served, marked stale, for up to
   PAGE_CACHE_STALE_SECONDS.
   Browsers are told `max-age=0` (they revalidate with the ETag, and never keep HTML past a
   visitor's own action); CDNs `s-maxage=CDN_CACHE_SECONDS`, and Wagtail's frontend cache app
   purges them on publish and on activity on a page. Anything not shared is `private, no-cache`.
2. Parts of pages (`{% fragment %}`, `cached_content`): what depends only on published content,
   kept per site and activity version, so a page made afresh (a preview, a signed-in editor, a
   page just refreshed) stays fast. Made afresh where `may_share` says no.

With the cache server down every call answers "not found" (site_home/settings: the Redis
backend ignores connection errors and logs them once a minute): the site serves uncached.
"""

import gzip
import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import compress_string

from site_home import cache_versions
from site_home.paths import is_admin_path
from site_home.security import has_session

FRESH_COOKIE = "cv_fresh"
FRESH_SECONDS = 120
FRAGMENT_SECONDS = 60 * 60
REFRESH_LOCK_SECONDS = 10
ENTRY_FORMAT = 2  # part of the key: a deploy that changes `Entry` never reads an older one
PRIVATE = "private, no-cache"
HEADERS_KEPT = (
    "Content-Type",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Content-Language",
    "Vary",
    "Last-Modified",
)


# Sharing ------------------------------------------------------------------------------------


def share(request, page_id=None):
    """Mark what this request renders as the same for every anonymous visitor; `page_id` is the
    page whose residents' activity makes it stale at once. Its version is read now, before the
    page reads its content, so a write during the render cannot hide under a newer version."""
    version = page_version(page_id) if page_id is not None and settings.PAGE_CACHE_SECONDS else None
    request.shared_page_cache = (page_id, version)


def page_version(page_id):
    key = cache_versions.page_key(page_id)
    return cache_versions.read([key])[key]


def shared(view):
    """A view whose anonymous GET responses may be cached for everyone (search, feeds)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        share(request)
        return view(request, *args, **kwargs)

    return wrapped


def personal_page(view):
    """For every view reached through a personal link (a booking, a confirmation) or showing a
    resident's own data: no browser, proxy or page cache keeps it, and what the resident opens
    next is made afresh, so it shows what the link just did."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return keep_fresh(response)

    return wrapped


def may_share(request):
    """Whether what is made for this request may be read from or stored in the shared cache: only
    for anonymous visitors of live pages. A preview, a draft or a revision (Wagtail marks them all
    `is_preview`) and anything for a visitor with a session or a signed-in user is made afresh."""
    if request is None or getattr(request, "is_preview", False) or has_session(request):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def carries_personal_state(request, response):
    """True when the response belongs to one visitor and must never sit in a shared cache."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return True
    return not may_share(request)


# Parts of pages -----------------------------------------------------------------------------


def content_version(request=None):
    """(site, activity) versions, read once per request."""
    version = getattr(request, "_content_version", None)
    if version is None:
        found = cache_versions.read([cache_versions.SITE_KEY, cache_versions.ACTIVITY_KEY])
        version = (found[cache_versions.SITE_KEY], found[cache_versions.ACTIVITY_KEY])
        if request is not None:
            request._content_version = version
    return version


def cached_content(request, name, parts, build):
    """What `build()` returns, made once per content version and kept in the shared cache: for
    what depends on nothing but published content (choice lists, counts, HTML fragments)."""
    if not may_share(request):
        return build()
    parts = (content_version(request), translation.get_language(), parts)  # words differ by language
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return cache.get_or_set(f"content:{name}:{digest}", build, FRAGMENT_SECONDS)


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


# Whole pages --------------------------------------------------------------------------------


def bypasses_cache(request):
    cookies = request.COOKIES
    return bool(
        request.method not in ("GET", "HEAD")
        or is_admin_path(request.path)
        or has_session(request)
        or cookies.get(FRESH_COOKIE)
        or cookies.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    )


def drop_unknown_query_parameters(request):
    """Keep only the parameters some page reads (a page number, filters, a thread's sort): others,
    such as tracking tags or random strings, neither change the page nor make a cache entry."""
    known = settings.PAGE_CACHE_QUERY_PARAMETERS
    kept = [
        (name, value)
        for name, values in request.GET.lists()
        if name in known or name.rpartition("-")[2] in settings.PAGE_CACHE_THREAD_PARAMETERS
        for value in values
    ]
    query = urlencode(sorted(kept))
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
    return query


def accepts_gzip(request):
    """Accept-Encoding read with its q-values: `gzip;q=0` refuses gzip, `*` stands for it."""
    chosen = {}
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        coding, _, params = item.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        chosen[coding.strip()] = quality
    return chosen.get("gzip", chosen.get("*", 0.0)) > 0


class Entry:
    """A stored page and the versions it was made from."""

    __slots__ = ("site", "page_id", "page_version", "activity", "stored_at", "etag", "body", "headers")

    def __init__(self, site, page_id, page_version, activity, stored_at, etag, body, headers):
        self.site, self.page_id, self.page_version, self.activity = site, page_id, page_version, activity
        self.stored_at, self.etag, self.body, self.headers = stored_at, etag, body, headers

    def as_tuple(self):
        return tuple(getattr(self, name) for name in self.__slots__)


# Which page each cached entry was made from, as this process last saw it: only a hint, so a hit
# reads the page's version with the entry instead of after it; the entry itself says which page it is.
PAGE_OF_ENTRY = {}
PAGES_REMEMBERED = 20_000


def remember_page_of_entry(key, page_id):
    if len(PAGE_OF_ENTRY) >= PAGES_REMEMBERED and key not in PAGE_OF_ENTRY:
        PAGE_OF_ENTRY.clear()
    PAGE_OF_ENTRY[key] = page_id


class PageCacheMiddleware:
    """See the module docstring. Sits above sessions, CSRF and messages, so a hit skips them and a
    miss sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if bypasses_cache(request):
            return private(request, self.get_response(request))
        query = drop_unknown_query_parameters(request)
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds:
            return self.finish(request, self.get_response(request))
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        key = f"page:{ENTRY_FORMAT}:{hashlib.sha256(address.encode()).hexdigest()}"
        keys = [key, cache_versions.SITE_KEY, cache_versions.ACTIVITY_KEY]
        if key in PAGE_OF_ENTRY:  # read the page's version in the same round trip
            keys.append(cache_versions.page_key(PAGE_OF_ENTRY[key]))
        found = cache.get_many(keys)
        entry = Entry(*found[key]) if key in found else None
        if entry is not None and entry.page_id is not None:
            remember_page_of_entry(key, entry.page_id)
        versions = self.versions(found, entry)
        request._content_version = (versions["site"], versions["activity"])  # for the fragments
        state = self.state(entry, versions) if entry else "miss"
        if state == "fresh":
            return served(request, entry, "hit")
        lock = f"{key}:refresh"
        if state == "soft" and not cache.add(lock, 1, REFRESH_LOCK_SECONDS):
            return served(request, entry, "stale")  # another request is refreshing it
        try:
            response = self.get_response(request)
        finally:
            if state == "soft":
                cache.delete(lock)
        if response.status_code >= 500 and entry is not None:
            return served(request, entry, "stale")  # the last good copy, while the database is down
        response = self.finish(request, response)
        if not getattr(response, "page_cache_storable", False):
            return response
        new = Entry(
            versions["site"],
            *request.shared_page_cache,
            versions["activity"],
            time.time(),
            response["ETag"],
            compress_string(response.content),
            [(name, response[name]) for name in HEADERS_KEPT if name in response],
        )
        cache.set(key, new.as_tuple(), seconds + settings.PAGE_CACHE_STALE_SECONDS)
        if new.page_id is not None:
            remember_page_of_entry(key, new.page_id)
        return served(request, new, "miss", content=response.content)

    @staticmethod
    def versions(found, entry):
        keys = [cache_versions.SITE_KEY, cache_versions.ACTIVITY_KEY]
        missing = [key for key in keys if key not in found]
        current = {**found, **(cache_versions.read(missing) if missing else {})}
        versions = {"site": current[keys[0]], "activity": current[keys[1]], "page": None}
        if entry is not None and entry.page_id is not None:
            page_key = cache_versions.page_key(entry.page_id)
            versions["page"] = found[page_key] if page_key in found else page_version(entry.page_id)
        return versions

    @staticmethod
    def state(entry, versions):
        """ "fresh", "soft" (may be served while one request refreshes it) or "miss"."""
        if entry.site != versions["site"]:
            return "miss"  # an editorial change: what it took down must not show again
        age = time.time() - entry.stored_at
        if (
            entry.page_version != versions["page"]
            or age > settings.PAGE_CACHE_SECONDS
            or (entry.activity != versions["activity"] and age > settings.ACTIVITY_SECONDS)
        ):
            return "soft"
        return "fresh"

    @staticmethod
    def finish(request, response):
        """Cache-Control for browsers and CDNs, and whether the page cache may keep the response."""
        if (
            getattr(request, "shared_page_cache", None) is None
            or response.status_code != 200
            or response.streaming
            or carries_personal_state(request, response)
            or "private" in response.get("Cache-Control", "")
            or "no-store" in response.get("Cache-Control", "")
        ):
            return private(request, response)
        # Weak: the bytes differ by encoding. Browsers revalidate with it (max-age=0) for a 304.
        response["ETag"] = f'W/"{hashlib.sha1(response.content).hexdigest()[:20]}"'
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)
        patch_vary_headers(response, ("Accept-Encoding",))
        response.page_cache_storable = True
        return response


def private(request, response):
    """`private, no-cache` for anything not shared, unless the view said something stricter, or
    chose its own caching for a response that holds nothing personal."""
    cache_control = response.get("Cache-Control", "")
    if "no-store" not in cache_control and (not cache_control or carries_personal_state(request, response)):
        response["Cache-Control"] = PRIVATE
    if request.method == "POST" and response.status_code < 400 and not is_admin_path(request.path):
        keep_fresh(response)
    return response


def keep_fresh(response):
    """After a resident's own action, their next pages are made afresh for two minutes, so the
    page they return to shows their comment, vote or booking (and any message about it)."""
    response.set_cookie(
        FRESH_COOKIE,
        "1",
        max_age=FRESH_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def matches(if_none_match, etag):
    return etag.removeprefix("W/") in {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}


def served(request, entry, state, content=None):
    if matches(request.META.get("HTTP_IF_NONE_MATCH", ""), entry.etag):
        response = HttpResponseNotModified()
    elif accepts_gzip(request):
        response = HttpResponse(entry.body)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(entry.body) if content is None else content)
    for name, value in entry.headers:
        response[name] = value
    response["ETag"] = entry.etag
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)
    patch_vary_headers(response, ("Accept-Encoding",))
    if response.status_code == 200:
        response["Content-Length"] = len(response.content)
    response["X-Page-Cache"] = state
    return response
