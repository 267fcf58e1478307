import pytest

from site_home.models import SiteSettings

from .factories import make_place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings, home_page):
    settings.PAGE_CACHE_SECONDS = 300
    SiteSettings.for_site(home_page.get_site())  # made on first read: a write, so make it up front


def test_anonymous_pages_are_served_from_cache_until_content_changes(client, place_index):
    place = make_place(place_index, title="Harbourside")
    assert client.get(place.url)["X-Page-Cache"] == "miss"
    hit = client.get(place.url)
    assert hit["X-Page-Cache"] == "hit"
    assert "Harbourside" in hit.content.decode()
    assert "Content-Security-Policy" in hit

    place.title = "Harbourside Quay"
    place.save_revision().publish()
    fresh = client.get(place.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Harbourside Quay" in fresh.content.decode()


def test_query_string_is_part_of_the_key(client, place_index):
    make_place(place_index, summary="Known for its tea dance.")
    client.get("/search/", {"q": "tea"})
    other = client.get("/search/", {"q": "nothing-matches-this"})
    assert "Known for its tea dance." not in other.content.decode()


def test_logged_in_editors_always_get_fresh_pages(client, home_page, admin_user):
    client.force_login(admin_user)
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_responses_that_set_cookies_or_are_private_are_not_stored(rf, home_page, settings):
    from django.http import HttpResponse

    from site_home.page_cache import AnonymousPageCacheMiddleware

    def with_cookie(request):
        response = HttpResponse("form page")
        response.set_cookie("csrftoken", "x")
        return response

    def private(request):
        response = HttpResponse("personal")
        response["Cache-Control"] = "private"
        return response

    for view in (with_cookie, private):
        middleware = AnonymousPageCacheMiddleware(view)
        middleware(rf.get("/x/"))
        assert "X-Page-Cache" not in middleware(rf.get("/x/")), view.__name__


def test_any_model_write_in_the_site_apps_invalidates(client, home_page):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "hit"
    from site_home.models import Theme

    Theme.objects.create(name="Funding", slug="funding")
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_held_back_feedback_leaves_the_cache_warm_until_it_is_published(client, home_page, admin_user):
    from surveys.models import Comment, Report
    from tests.surveys.factories import CommentFactory, make_discussion

    discussion = make_discussion(home_page)
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    held = CommentFactory(page=discussion, state=Comment.State.PENDING)
    Report.objects.create(
        comment=CommentFactory(page=discussion, state=Comment.State.UNCONFIRMED), participant="x"
    )
    assert client.get("/")["X-Page-Cache"] == "hit"  # nothing public changed

    held.approve(admin_user)
    assert client.get("/")["X-Page-Cache"] == "miss"
    CommentFactory(page=discussion)  # published at once (an official response, say)
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_cached_pages_are_sent_gzip_compressed_to_browsers_that_accept_it(client, place_index):
    import gzip

    place = make_place(place_index, title="Harbourside")
    plain = client.get(place.url)
    compressed = client.get(place.url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert compressed["X-Page-Cache"] == "hit" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]

    identity = client.get(place.url)  # no Accept-Encoding: the stored page, decompressed
    assert identity["X-Page-Cache"] == "hit" and not identity.has_header("Content-Encoding")
    assert identity.content == plain.content


def test_a_cache_hit_carries_every_header_the_page_was_served_with(client, place_index):
    place = make_place(place_index)
    miss = client.get(place.url)
    hit = client.get(place.url)
    assert hit["X-Page-Cache"] == "hit"
    assert set(miss.headers) == set(hit.headers)
    for name in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control", "Referrer-Policy"):
        assert hit[name] == miss[name], name


def test_a_miss_is_sent_compressed_too(client, place_index):
    import gzip

    place = make_place(place_index, title="Harbourside")
    miss = client.get(place.url, headers={"Accept-Encoding": "gzip"})
    assert miss["X-Page-Cache"] == "miss" and miss["Content-Encoding"] == "gzip"
    assert "Harbourside" in gzip.decompress(miss.content).decode()
