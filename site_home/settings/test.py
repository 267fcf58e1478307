"""Tests: the base settings made faster, nothing relaxed that a test should see."""

from .base import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # noqa: F405  (load_demo and the benchmark data)
SECRET_KEY = "test-only-secret-key-not-for-production-4c8e2a"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"  # noqa: F405
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "site_home.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = caches(None, None)  # noqa: F405  (process-local: pages and limits)
AXES_ENABLED = False
# Like the lockout, turned on by the tests of it (tests/site_home/test_two_factor.py).
ADMIN_TWO_FACTOR_REQUIRED = False
WAGTAILADMIN_BASE_URL = "http://testserver"

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Off by default so query-count tests measure real work; tests/site_home/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
