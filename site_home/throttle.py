"""Locking out guessers: counted failures per client (or per target) in the shared cache.

A `Limit` counts events (a wrong page password, a failed admin login, a password-reset request) in
django-ratelimit's fixed windows, kept in Django's cache (Redis in production, so every worker sees
the same counts). Once `limit` events have been counted in a window, `retry_after` answers how many
seconds are left, and callers refuse with `too_many_attempts_response`: a readable 429 page with
Retry-After, never a hint whether the guess would have been right.
"""

from dataclasses import dataclass

from csp.utils import build_policy
from django.shortcuts import render
from django_ratelimit.core import get_usage

HOUR = 60 * 60


@dataclass(frozen=True)
class Limit:
    group: str
    limit: int
    seconds: int = HOUR

    def _usage(self, request, key, increment):
        return get_usage(
            request,
            group=self.group,
            key=lambda group, request: key,
            rate=(self.limit, self.seconds),
            increment=increment,
        )

    def retry_after(self, request, key):
        """Seconds until `key` may try again, or None while it is under the limit."""
        usage = self._usage(request, key, increment=False)
        if usage is None or usage["count"] < usage["limit"]:
            return None
        return max(usage["time_left"], 1)

    def count(self, request, key):
        self._usage(request, key, increment=True)


def first_retry_after(request, checks):
    """The wait of the first (limit, key) pair that is over its limit, or None."""
    for limit, key in checks:
        wait = limit.retry_after(request, key)
        if wait:
            return wait
    return None


def too_many_attempts_response(request, retry_after, what):
    """429 with Retry-After. `what` completes "There have been too many ..." (e.g. "wrong passwords")."""
    minutes = max(1, -(-int(retry_after) // 60))
    response = render(request, "429_attempts.html", {"what": what, "minutes": minutes}, status=429)
    response["Retry-After"] = str(int(retry_after))
    # The site's policy even at the admin login, which the CSP middleware leaves out: this is our page.
    response["Content-Security-Policy"] = build_policy()
    return response
