"""Production settings plus the development data commands: what `make serve` and `make bench` use
to build the demo or benchmark site on this machine. A real deployment uses `production`."""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # noqa: F405
