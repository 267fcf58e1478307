"""Refuse request bodies bigger than the site accepts before anything reads them.

Django reads and spools a whole multipart body (to a temporary file past FILE_UPLOAD_MAX_MEMORY_SIZE)
as soon as request.POST or request.FILES is touched, which the form-origin and CSRF checks do for
every POST; a form's own size check comes far too late. This middleware sits above them and answers
413 from the declared Content-Length alone. A body without a length (chunked) is never read by
Django's WSGI request (it reads Content-Length bytes, so none), and is refused with 411.
"""

from django.conf import settings
from django.shortcuts import render

from site_home.paths import is_admin_path


def body_limit(request):
    """The most bytes a request to this path may send: staff upload images and documents in the admin."""
    if is_admin_path(request.path_info):
        return settings.ADMIN_REQUEST_BODY_MAX_BYTES
    return settings.REQUEST_BODY_MAX_BYTES


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH")
        limit = body_limit(request)
        try:
            too_big = int(length) > limit if length else False
        except ValueError:
            too_big = True  # not a number: nothing sensible can read it
        if too_big:
            return refusal(request, limit, status=413)
        if not length and request.META.get("HTTP_TRANSFER_ENCODING"):
            return refusal(request, limit, status=411)
        return self.get_response(request)


def refusal(request, limit, status):
    megabytes = limit // (1024 * 1024)
    photo_megabytes = settings.STORY_PHOTO_MAX_BYTES // (1024 * 1024)
    context = {"megabytes": megabytes, "photo_megabytes": photo_megabytes, "status": status}
    response = render(request, "413.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
