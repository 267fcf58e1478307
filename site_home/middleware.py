"""Site-wide response headers: Permissions-Policy and the Cache-Control that CDNs and browsers see.

The database-unavailable answer (503) is not a middleware: a database error raised inside any
middleware is turned into a response by Django before an outer middleware could catch it, so it is
handled where every uncaught exception ends up, `site_home.views.server_error`.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control

CACHEABLE_METHODS = {"GET", "HEAD"}
PRIVATE = "private, no-cache"

# For every view reached through a personal link (a booking, a confirmation) or showing a resident's
# own data: no browser, proxy or page cache keeps it.
personal_page = cache_control(private=True, no_store=True)


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


def carries_personal_state(request, response):
    """True when the response belongs to one visitor and must never sit in a shared cache."""
    if response.cookies:  # a session, CSRF or messages cookie is being set (or deleted)
        return True
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a form on the page holds a CSRF token
        return True
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PublicCacheMiddleware:
    """`Cache-Control: public, max-age=PUBLIC_CACHE_SECONDS` on anonymous, stateless GET pages.

    Anything personal (a cookie set, a CSRF token rendered, flash messages, a signed-in user) gets
    `private, no-cache` instead, overriding what the view said. Views that set their own
    Cache-Control otherwise keep it. Must sit above the session, CSRF and messages middleware so it
    sees the cookies they add on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if carries_personal_state(request, response):
            if "no-store" not in response.get("Cache-Control", ""):
                response["Cache-Control"] = PRIVATE
            return response
        seconds = settings.PUBLIC_CACHE_SECONDS
        if (
            seconds > 0
            and request.method in CACHEABLE_METHODS
            and response.status_code == 200
            and not response.has_header("Cache-Control")
        ):
            patch_cache_control(response, public=True, max_age=seconds)
        return response
