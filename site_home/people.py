"""One anonymous person, the same way everywhere on the site: who may vote, agree or report once.

Residents take part without an account, so "one person" is made of two keys, each a keyed hash
(HMAC with SECRET_KEY, scoped to the item voted on, so stored keys cannot be joined across items):

- the **participant**: a random id in a signed cookie (HttpOnly, SameSite=Lax, Secure where the
  session cookie is), given on the response to a resident's first action (a POST), never on a page
  view, so pages stay free of cookies and cacheable. It tells apart two residents on one network,
  each with their own browser. Signed-in users are their account instead.
- the **network**: the client's address (site_home.clients), IPv4 as it is and IPv6 by /64, the block
  one household or building is given. Clearing cookies or changing browser does not change it, so
  it bounds what one person can add: at most FEEDBACK_VOTES_PER_NETWORK_PER_HOUR votes per item per
  hour (generous enough for a household or a library), and reports count once per network.

No raw address is stored: only these hashes, which expire with the rows that hold them (retention).
The cookie is strictly necessary for a service the resident asks for (counting their vote once),
so it needs no consent banner.
"""

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

from site_home.clients import client_address

COOKIE_NAME = "cv_participant"
COOKIE_SALT = "site_home.people.participant"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
CAP_WINDOW = timedelta(hours=1)
IPV6_PREFIX = 64


def network_of(address):
    """The network an address belongs to: an IPv4 address as it is, IPv6 by its /64 (one household
    or site gets a whole /64 and can pick any address in it). An unreadable address is "unknown"."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return "unknown"
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)


def client_network(request):
    return network_of(client_address(request))


def _key(kind, item, identity):
    return salted_hmac(f"site_home.people.{kind}", f"{item}|{identity}", algorithm="sha256").hexdigest()


def _participant_id(request):
    """This browser's participant id from its cookie; on a POST without one (or with a tampered
    one), a new id that the middleware sends back. None on other requests without a cookie."""
    new = getattr(request, "_new_participant", None)
    if new:
        return new
    try:
        return request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT)
    except (KeyError, signing.BadSignature):
        pass
    if request.method != "POST":
        return None
    request._new_participant = secrets.token_urlsafe(18)
    return request._new_participant


@dataclass(frozen=True)
class Person:
    """Who is acting on one item: `participant` (one browser or account) and `network`."""

    participant: str | None
    network: str


def person(request, item):
    """The keys of whoever sends `request`, for `item` (a string naming what is voted on, such as
    "agree:42"). `participant` is None only for a GET from a browser that has never taken part."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        identity = f"user:{user.pk}"
    else:
        participant_id = _participant_id(request)
        identity = None if participant_id is None else f"cookie:{participant_id}"
    return Person(
        participant=None if identity is None else _key("participant", item, identity),
        network=_key("network", item, client_network(request)),
    )


def network_is_full(rows, network, limit=None):
    """Whether `network` already added `limit` (FEEDBACK_VOTES_PER_NETWORK_PER_HOUR) of `rows` (one
    item's votes, with `network` and `created_at` fields) within the last hour."""
    limit = settings.FEEDBACK_VOTES_PER_NETWORK_PER_HOUR if limit is None else limit
    since = timezone.now() - CAP_WINDOW
    return rows.filter(network=network, created_at__gte=since).count() >= limit


class ParticipantCookieMiddleware:
    """Sends the participant cookie when a request was given a new participant id (see `person`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        new = getattr(request, "_new_participant", None)
        if new:
            response.set_signed_cookie(
                COOKIE_NAME,
                new,
                salt=COOKIE_SALT,
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
