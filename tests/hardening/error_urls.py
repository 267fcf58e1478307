"""One view per kind of error, behind the site's own URLs and error handlers."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db.utils import OperationalError
from django.urls import path

from site_home import urls as site_urls


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("a malformed request")


def broken(request):
    raise ValueError("a bug")


def database_down(request):
    raise OperationalError("could not connect to server")


def too_many(request):
    from surveys.feedback.antispam import rate_limited_response

    return rate_limited_response(request, "comments")


urlpatterns = [
    path("forbidden/", forbidden),
    path("suspicious/", suspicious),
    path("broken/", broken),
    path("database-down/", database_down),
    path("too-many/", too_many),
] + site_urls.urlpatterns  # as they are: they hold i18n_patterns, which cannot be included

handler404 = "site_home.views.page_not_found"
handler500 = "site_home.views.server_error"
