"""Production: refuses to start without a secret key and hosts, and turns on HTTPS-only settings."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

_missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + ". See README.md, 'Configuration'."
    )
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters of random text.")

_private, _media = PRIVATE_MEDIA_ROOT.resolve(), MEDIA_ROOT.resolve()  # noqa: F405
if _private.is_relative_to(_media) or _media.is_relative_to(_private):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must be outside MEDIA_ROOT, which is served publicly.")

DEBUG = False
# Several processes serve in production: they must share one cache (site_home.E001).
REQUIRE_SHARED_CACHE = not env_bool("SINGLE_PROCESS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Browsers keep Secure cookies on http://localhost too, so `make serve` needs no exception here.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
