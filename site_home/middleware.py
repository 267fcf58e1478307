"""Site-wide response headers: Permissions-Policy (Cache-Control is site_home/page_cache.py's).

The database-unavailable answer (503) is not a middleware: a database error raised inside any
middleware is turned into a response by Django before an outer middleware could catch it, so it is
handled where every uncaught exception ends up, `site_home.views.server_error`.
"""

from django.conf import settings


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
