"""Site-wide response headers: Permissions-Policy (Cache-Control is site_home/page_cache.py's).

The database-unavailable answer (503) is not a middleware: a database error raised inside any
middleware is turned into a response by Django before an outer middleware could catch it, so it is
handled where every uncaught exception ends up, `site_home.views.server_error`.
"""

from django.conf import settings
from django.utils import translation


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


class PathLocaleMiddleware:
    """Activate the language the URL names (`/cy/…`), or English for a URL without a prefix.

    Django's LocaleMiddleware also reads a cookie and Accept-Language for URLs outside
    i18n_patterns, and says so with `Vary: Accept-Language`; here the URL alone decides, so one URL
    is one page in the page cache and at a CDN. Visitors choose with the language switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
