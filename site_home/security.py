"""Protecting residents' forms on pages that a CDN may cache.

Django's CSRF protection puts a per-visitor token in the HTML and a cookie in the browser, so a page
with a form becomes personal and cannot be cached publicly (PublicCacheMiddleware marks it private).
For public forms that anyone may fill in without signing in (comments, survey answers, bookings,
story submissions) we choose a different guard, so the page around the form stays cacheable:

1. `same_origin_required`: a form POST is accepted only when the browser says it comes from this
   site: `Sec-Fetch-Site` is not cross-site, and `Origin` (or, failing that, `Referer`) is this
   site's own origin or one of CSRF_TRUSTED_ORIGINS. Every browser the site supports sends Origin on
   POST, so a page on another site cannot make a visitor's browser submit the form. This is the
   check Django's own CSRF middleware makes first; we drop only the token part.
2. The honeypot field and per-client rate limits of surveys/antispam.py hold back bots, which could
   fetch a token anyway, so a token would add nothing against them.
3. Nothing an anonymous visitor can do carries authority: staff act only in the admin, which keeps
   Django's full CSRF protection, and the session cookie is SameSite=Lax.

How it is applied: `SameOriginFormsMiddleware` (before Django's CsrfViewMiddleware) takes every
unsafe request from a visitor WITHOUT a session cookie, outside the admin: it refuses it unless it is
same-origin, and otherwise tells Django's CSRF check to stand down. Visitors WITH a session (signed-in
staff) keep Django's full token check. Public form templates render `{% form_token %}`
(site_home.templatetags.site_tags) instead of `{% csrf_token %}`: it prints the token only for
visitors with a session, so the same rule decides both sides, and an anonymous page holds no
per-visitor token and can be cached. `same_origin_required` applies the same check to one view.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.http import is_same_domain
from django.views.decorators.csrf import csrf_exempt

from site_home.paths import is_admin_path

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def request_origin(request):
    """The origin the browser says the request comes from, or None when it says nothing usable."""
    origin = request.META.get("HTTP_ORIGIN", "").strip().lower()
    if origin:
        return None if origin == "null" else origin
    referer = urlsplit(request.META.get("HTTP_REFERER", "").strip().lower())
    if referer.scheme in {"http", "https"} and referer.netloc:
        return f"{referer.scheme}://{referer.netloc}"
    return None


def _trusted(origin):
    parsed = urlsplit(origin)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        allowed = urlsplit(trusted.lower())
        if parsed.scheme == allowed.scheme and is_same_domain(parsed.netloc, allowed.netloc.lstrip("*")):
            return True
    return False


def is_same_origin(request):
    """This site's own origin, or one of CSRF_TRUSTED_ORIGINS (which a browser calls same-site or
    cross-site in Sec-Fetch-Site: that answer is only believed against our own origin)."""
    origin = request_origin(request)
    if origin is None:
        return False
    if _trusted(origin):
        return True
    if request.META.get("HTTP_SEC_FETCH_SITE", "").lower() in {"cross-site", "same-site"}:
        return False
    return origin == f"{request.scheme}://{request.get_host()}".lower()


def forbidden_form_response(request):
    return render(request, "403_csrf.html", status=403)


def same_origin_required(view):
    """Accept unsafe requests only from this site's own pages, with no per-visitor token (see above)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS and not is_same_origin(request):
            return forbidden_form_response(request)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def token_in_url(view):
    """For a view whose only authority is an unguessable token in its URL, such as one-click
    unsubscribe (RFC 8058: the mail provider POSTs from its own servers, with no Origin and no
    cookie): neither the origin check nor Django's CSRF check applies, since another site cannot
    know the token."""
    view.token_in_url = True
    return csrf_exempt(view)


def _token_in_url(request):
    try:
        return getattr(resolve(request.path_info).func, "token_in_url", False)
    except Resolver404:
        return False


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class SameOriginFormsMiddleware:
    """Anonymous form posts are checked by origin instead of a token (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in SAFE_METHODS
            and not has_session(request)
            and not is_admin_path(request.path)
            and not _token_in_url(request)
        ):
            if not is_same_origin(request):
                return forbidden_form_response(request)
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)
