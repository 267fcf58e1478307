"""The cache servers' configuration, and what keeps the site up when they fail.

Two aliases: "default" for pages, fragments and their version numbers (entries that may be
evicted), "limits" for rate-limit counters and lockouts, which must not be evicted by a flood of
page entries (LIMITS_REDIS_URL: point it at a Redis with `maxmemory-policy noeviction`).
A Redis that does not answer is treated as an empty cache for a few seconds at a time (so each
request does not wait on it again), and the failure is logged once a minute.
"""

import logging
import time

from django.conf import settings
from django.core import checks
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("site_home.cache")

PROCESS_LOCAL_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def redis_cache(url, prefix):
    return {
        "BACKEND": "site_home.cache_setup.FailSoftRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "TIMEOUT": 600,
        # A stopped server refuses at once; a hung one must not hold a request for long.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5},
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


class FailSoftRedisCache(RedisCache):
    """django-redis, answering "not found" (and storing nothing) while the server is unreachable.
    After a failure it does not try again for RETRY_SECONDS: a request makes dozens of cache calls,
    and each would otherwise wait for its own connection error."""

    RETRY_SECONDS = 5
    LOG_SECONDS = 60

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = self._logged_at = float("-inf")

    def _soft(self, call, fallback, *args, **kwargs):
        now = time.monotonic()
        if now < self._down_until:
            return fallback
        try:
            return call(*args, **kwargs)
        except (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError) as error:
            self._down_until = now + self.RETRY_SECONDS
            if now - self._logged_at >= self.LOG_SECONDS:
                self._logged_at = now
                logger.error("Cache server %s unavailable, serving without it: %s", self._server, error)
            return fallback

    def get(self, key, default=None, version=None, client=None):
        return self._soft(super().get, default, key, default, version, client)

    def get_many(self, *args, **kwargs):
        return self._soft(super().get_many, {}, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._soft(super().set, False, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._soft(super().set_many, [], *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._soft(super().add, False, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._soft(super().incr, None, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._soft(super().delete, False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._soft(super().delete_many, None, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._soft(super().has_key, False, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._soft(super().touch, False, *args, **kwargs)

    def clear(self):
        return self._soft(super().clear, None)


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
