"""Pages reached through a personal link are kept by no browser, proxy or page cache."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from events.tokens import booking_url
from tests.events.factories import BookingFactory, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def assert_private(response):
    words = {word.strip() for word in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= words, response["Cache-Control"]
    assert "public" not in words
    assert "X-Page-Cache" not in response


def test_the_manage_booking_pages_are_private_and_never_cached(client, event_index):
    booking = BookingFactory(event=make_event(event_index, capacity=10))
    url = booking_url(booking)
    for path in (url, url + "cancel/"):
        first, second = client.get(path), client.get(path)
        assert first.status_code == second.status_code == 200
        assert_private(first)
        assert_private(second)
        assert booking.event.title in second.content.decode()


def personal_link_routes(resolver=None, prefix=""):
    """Every URL pattern that takes a token: the shape of a personal link."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from personal_link_routes(entry, route)
        elif isinstance(entry, URLPattern) and "<str:token>" in route:
            yield route


def test_every_personal_link_answers_private_no_store(client, home_page):
    routes = list(personal_link_routes())
    assert len(routes) >= 3  # booking, cancelling it, confirming a comment
    for route in routes:
        response = client.get("/" + route.replace("<str:token>", "not-a-real-token"))
        assert_private(response)
