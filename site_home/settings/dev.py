"""Local development: DEBUG on, console email, tasks run in-process, any local host."""

from .base import *  # noqa: F403
from .base import TASKS, env_bool

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # noqa: F405  (load_demo and the benchmark data)
DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-5b1f0c3e7d2a4f6e8a9b"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
if not env_bool("TASKS_DATABASE"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # noqa: F811

# `make run`: the demo admin signs in with the printed password alone; two-factor sign-in is offered
# from the account page (and asked for once set up). ADMIN_TWO_FACTOR_REQUIRED=1 makes it required.
ADMIN_TWO_FACTOR_REQUIRED = env_bool("ADMIN_TWO_FACTOR_REQUIRED", False)

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
