"""The cache servers' configuration, and what keeps the site up when they fail.

Two aliases: "default" for pages, fragments and their version numbers (entries that may be
evicted), "limits" for rate-limit counters and lockouts, which must not be evicted by a flood of
page entries (LIMITS_REDIS_URL: point it at a Redis with `maxmemory-policy noeviction`).
A Redis that does not answer is treated as an empty cache (django-redis IGNORE_EXCEPTIONS), and
the failure is logged once a minute rather than on every request.
"""

import logging
import time

from django.conf import settings
from django.core import checks

PROCESS_LOCAL_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def redis_cache(url, prefix):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "TIMEOUT": 600,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            # A stopped server refuses at once; a hung one must not hold a request for long.
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


def caches(redis_url, limits_url):
    if not redis_url:
        return {
            "default": {"BACKEND": PROCESS_LOCAL_BACKENDS[0], "LOCATION": "pages", "TIMEOUT": 600},
            "limits": {"BACKEND": PROCESS_LOCAL_BACKENDS[0], "LOCATION": "limits", "TIMEOUT": 600},
        }
    return {
        "default": redis_cache(redis_url, "cv"),
        "limits": redis_cache(limits_url or redis_url, "cv-limits"),
    }


class OncePerMinute(logging.Filter):
    """Lets one record through per logger and minute: a cache outage is said, not shouted."""

    def __init__(self, name=""):
        super().__init__(name)
        self.last = {}

    def filter(self, record):
        now = time.monotonic()
        if now - self.last.get(record.name, -60.0) < 60:
            return False
        self.last[record.name] = now
        record.msg = f"Cache server unavailable, serving uncached: {record.msg}"
        return True


@checks.register(checks.Tags.caches)
def shared_cache_when_several_processes_serve(app_configs, **kwargs):
    """Per-process memory cannot be the cache of a site served by several processes: a publish
    seen by one would leave the others serving stale pages, and each rate limit would be
    multiplied by the number of processes."""
    if not getattr(settings, "REQUIRE_SHARED_CACHE", False):
        return []
    return [
        checks.Error(
            f"The {alias!r} cache is process-local ({config['BACKEND']}), but several processes serve.",
            hint="Set REDIS_URL (and LIMITS_REDIS_URL), or SINGLE_PROCESS=1 if only one process serves.",
            id="site_home.E001",
        )
        for alias, config in settings.CACHES.items()
        if config["BACKEND"] in PROCESS_LOCAL_BACKENDS
    ]
