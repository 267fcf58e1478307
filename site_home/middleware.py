"""Site-wide response headers: Content-Security-Policy and Permissions-Policy (Cache-Control is
site_home/page_cache.py's).

The database-unavailable answer (503) is not a middleware: a database error raised inside any
middleware is turned into a response by Django before an outer middleware could catch it, so it is
handled where every uncaught exception ends up, `site_home.views.server_error`.
"""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, except that a page served from the page cache gets the policy as
    built for an earlier one instead of building it again (a fifth of a cached page's cost): no view
    ran to change it, and the site uses no nonces (a cached page could not keep one)."""

    built = {}  # {(the policy's settings, path excluded): [(header, value)]}, per process

    def process_response(self, request, response):
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if response.get("X-Page-Cache") not in ("hit", "stale") or report_only:
            return super().process_response(request, response)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        excluded = request.path_info.startswith(tuple(policy.get("EXCLUDE_URL_PREFIXES") or ()))
        key = (repr(policy), excluded)
        if key not in self.built:
            response = super().process_response(request, response)
            self.built[key] = [(header, response[header]) for header in (HEADER,) if header in response]
            return response
        for header, value in self.built[key]:
            response.headers.setdefault(header, value)
        return response


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
