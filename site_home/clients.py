"""Who is asking: the client's network address, read the same way by every limit on the site.

Rate limits (public forms, page passwords, password resets) and the admin login lockout (django-axes,
through AXES_CLIENT_IP_CALLABLE) all call `client_address`, so one setting, TRUSTED_PROXY_COUNT,
decides for all of them how far X-Forwarded-For is believed.
"""

from django.conf import settings


def client_address(request):
    """The client's address.

    X-Forwarded-For is only believed behind proxies we run (settings.TRUSTED_PROXY_COUNT, default 0):
    then the entry the outermost of them added is the client's. Without proxies a client could write
    any address there and pick its own rate-limit bucket, so REMOTE_ADDR is used."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
