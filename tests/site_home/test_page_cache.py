"""The whole-page cache: what it keeps, for whom, how long, and what happens when things fail."""

import gzip
import hashlib
import logging

import pytest
from django.core.cache import cache, caches
from django.test import Client, override_settings

from site_home import page_cache
from site_home.cache_setup import caches as cache_config
from site_home.models import SiteSettings, Theme
from surveys.models import Comment, Report
from tests.site_home.security_urls import Flaky
from tests.surveys.factories import CommentFactory, make_discussion

from .factories import make_place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings, home_page):
    settings.PAGE_CACHE_SECONDS = 300
    SiteSettings.for_site(home_page.get_site())  # made on first read: a write, so make it up front


def state(response):
    return response.get("X-Page-Cache")


def test_anonymous_pages_are_served_from_cache_until_content_changes(client, place_index):
    place = make_place(place_index, title="Harbourside")
    assert state(client.get(place.url)) == "miss"
    hit = client.get(place.url)
    assert state(hit) == "hit"
    assert "Harbourside" in hit.content.decode()
    assert "Content-Security-Policy" in hit

    place.title = "Harbourside Quay"
    place.save_revision().publish()
    fresh = client.get(place.url)
    assert state(fresh) == "miss"
    assert "Harbourside Quay" in fresh.content.decode()


def test_logged_in_editors_always_get_fresh_pages(client, home_page, admin_user):
    client.force_login(admin_user)
    client.get("/")
    assert state(client.get("/")) is None


@pytest.mark.urls("tests.site_home.security_urls")
@pytest.mark.parametrize("path", ["/with-cookie/", "/with-csrf-token/", "/with-message/", "/not-shared/"])
def test_personal_or_unshared_responses_are_never_stored(client, path):
    client.get(path)
    assert state(Client().get(path)) is None


def test_a_view_restricted_page_is_never_stored(client, place_index):
    from wagtail.models import PageViewRestriction

    place = make_place(place_index, title="Members only")
    PageViewRestriction.objects.create(page=place, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get(place.url)
        assert response.status_code == 302 and state(response) is None


def test_an_editorial_change_refreshes_every_page(client, home_page):
    client.get("/")
    assert state(client.get("/")) == "hit"
    Theme.objects.create(name="Funding", slug="funding")
    assert state(client.get("/")) == "miss"


def test_held_back_feedback_leaves_the_cache_warm(client, home_page):
    discussion = make_discussion(home_page)
    client.get(discussion.url)
    CommentFactory(page=discussion, state=Comment.State.PENDING)
    Report.objects.create(
        comment=CommentFactory(page=discussion, state=Comment.State.UNCONFIRMED), participant="x"
    )
    assert state(client.get(discussion.url)) == "hit"  # nothing public changed


def test_activity_on_a_page_refreshes_it_at_once_and_other_pages_a_little_later(
    client, home_page, place_index, settings
):
    discussion = make_discussion(home_page)
    place = make_place(place_index)
    for url in (discussion.url, place.url):
        client.get(url)

    CommentFactory(page=discussion, body="Open the library on Sundays")
    fresh = client.get(discussion.url)
    assert state(fresh) == "miss" and "Open the library on Sundays" in fresh.content.decode()
    assert state(client.get(place.url)) == "hit"  # up to ACTIVITY_SECONDS late

    settings.ACTIVITY_SECONDS = 0
    assert state(client.get(place.url)) == "miss"


def test_a_moderator_taking_a_comment_down_refreshes_every_page(client, home_page, place_index, admin_user):
    discussion = make_discussion(home_page)
    comment = CommentFactory(page=discussion, body="Something unlawful")
    place = make_place(place_index)
    client.get(place.url)
    comment.reject(admin_user, reason="unlawful")
    assert state(client.get(place.url)) == "miss"


def test_while_one_request_refreshes_a_page_the_others_get_the_previous_copy(client, home_page):
    discussion = make_discussion(home_page)
    client.get(discussion.url)
    CommentFactory(page=discussion, body="Open the library on Sundays")
    address = f"http://testserver{discussion.url}?"
    lock = f"page:{page_cache.ENTRY_FORMAT}:{hashlib.sha256(address.encode()).hexdigest()}:refresh"
    cache.add(lock, 1)  # as a request in another process would
    stale = client.get(discussion.url)
    assert state(stale) == "stale" and "Open the library on Sundays" not in stale.content.decode()
    cache.delete(lock)
    assert state(client.get(discussion.url)) == "miss"


@pytest.mark.urls("tests.site_home.security_urls")
def test_with_the_database_down_readers_get_the_last_copy_marked_stale(home_page):
    client = Client(raise_request_exception=False)
    Flaky.down, Flaky.renders = False, 0
    first = client.get("/flaky/").content
    Theme.objects.create(name="Funding", slug="funding")  # the copy is out of date
    Flaky.down = True
    try:
        response = client.get("/flaky/")
    finally:
        Flaky.down = False
    assert response.status_code == 200 and state(response) == "stale"
    assert response.content == first
    Theme.objects.create(name="Parks", slug="parks")
    assert client.get("/flaky/").content == b"render 2"


def test_with_the_cache_server_down_the_site_serves_uncached_and_says_so_once(client, home_page, caplog):
    with (
        override_settings(CACHES=cache_config("redis://127.0.0.1:9/0", None)),
        caplog.at_level(logging.ERROR),
    ):
        for _ in range(3):
            response = client.get("/")
            assert response.status_code == 200
            assert state(response) == "miss"
        limited = client.post("/feedback/comments/", {}, headers={"Origin": "http://testserver"})
        assert limited.status_code < 500
    warnings = [r for r in caplog.records if r.name == "site_home.cache"]
    assert 1 <= len(warnings) <= 2  # once per cache alias, not once per request


def test_cached_pages_are_sent_gzip_compressed_to_browsers_that_accept_it(client, place_index):
    place = make_place(place_index, title="Harbourside")
    plain = client.get(place.url)
    compressed = client.get(place.url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert state(compressed) == "hit" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]

    identity = client.get(place.url)  # no Accept-Encoding: the stored page, decompressed
    assert state(identity) == "hit" and not identity.has_header("Content-Encoding")
    assert identity.content == plain.content


@pytest.mark.parametrize(
    "accept, gzipped",
    [
        ("gzip;q=0", False),
        ("gzip;q=0, deflate", False),
        ("*", True),
        ("gzip;q=0.5", True),
        ("br, *;q=0", False),
    ],
)
def test_accept_encoding_is_read_with_its_quality_values(client, place_index, accept, gzipped):
    place = make_place(place_index)
    client.get(place.url)
    response = client.get(place.url, headers={"Accept-Encoding": accept})
    assert state(response) == "hit"
    assert response.has_header("Content-Encoding") is gzipped


def test_a_cache_hit_carries_every_header_the_page_was_served_with(client, place_index):
    place = make_place(place_index)
    miss = client.get(place.url)
    hit = client.get(place.url)
    assert state(hit) == "hit"
    assert set(miss.headers) == set(hit.headers)
    for name in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control", "Referrer-Policy", "ETag"):
        assert hit[name] == miss[name], name


def test_a_hit_reads_the_shared_cache_once(client, place_index, monkeypatch):
    """The entry, the site's and the page's versions in one round trip to Redis (every read of a
    version goes through get_many or get_or_set)."""
    place = make_place(place_index)
    client.get(place.url)
    client.get(place.url)
    calls = []
    for name in ("get_many", "get_or_set"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *args, _real=real, _name=name, **kw: calls.append(_name) or _real(*args, **kw)
        )
    assert state(client.get(place.url)) == "hit"
    assert calls == ["get_many"]


def test_a_hit_gets_the_security_policy_in_force(client, place_index, settings):
    place = make_place(place_index)
    client.get(place.url)
    before = client.get(place.url)
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "img-src": ["'self'", "https://images.example.org"]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    after = client.get(place.url)
    assert state(before) == state(after) == "hit"
    assert "images.example.org" in after["Content-Security-Policy"]
    assert "images.example.org" not in before["Content-Security-Policy"]


def test_a_browser_revalidating_an_unchanged_page_gets_304(client, place_index):
    place = make_place(place_index)
    etag = client.get(place.url)["ETag"]
    assert client.get(place.url, headers={"If-None-Match": etag}).status_code == 304


def test_the_scheme_is_part_of_the_key(client, place_index):
    place = make_place(place_index)
    client.get(place.url)
    secure = client.get(place.url, secure=True)
    assert state(secure) == "miss"  # its links may differ: never one copy for both


def test_unknown_query_parameters_neither_make_entries_nor_change_the_page(client, place_index):
    place = make_place(place_index)
    plain = client.get(place.url)
    for n in range(20):
        tracked = client.get(place.url, {"utm_source": f"news{n}", f"x{n}": "y"})
        assert state(tracked) == "hit"
        assert tracked.content == plain.content
    assert state(client.get(place.url, {"page": "2"})) == "miss"  # a parameter pages read


def test_the_query_string_is_part_of_the_key(client, place_index):
    make_place(place_index, summary="Known for its tea dance.")
    client.get("/search/", {"q": "tea"})
    other = client.get("/search/", {"q": "nothing-matches-this"})
    assert "Known for its tea dance." not in other.content.decode()


def test_rate_limits_survive_the_page_cache_being_emptied(settings):
    from django.test import RequestFactory
    from django_ratelimit.core import is_ratelimited

    request = RequestFactory().post("/")
    for _ in range(2):
        is_ratelimited(request, group="t", key="ip", rate="2/h", method="POST", increment=True)
    caches["default"].clear()
    assert is_ratelimited(request, group="t", key="ip", rate="2/h", method="POST", increment=True)


def test_the_filter_forms_only_read_parameters_the_cache_keeps(settings):
    from consultations.forms import ReviewFilterForm
    from events.forms import EventFilterForm
    from stories.forms import StoryFilterForm

    for form in (ReviewFilterForm, EventFilterForm, StoryFilterForm):
        assert set(form.base_fields) <= settings.PAGE_CACHE_QUERY_PARAMETERS, form.__name__
