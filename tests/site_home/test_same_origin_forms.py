"""Anonymous form posts are checked by origin, signed-in posts by CSRF token (site_home.security)."""

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

pytestmark = pytest.mark.django_db

TOKEN_TEMPLATE = Template("{% load site_tags %}<form>{% form_token %}</form>")


def render_token(cookies):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies)
    return TOKEN_TEMPLATE.render(Context({"request": request}))


def test_form_token_is_left_out_for_anonymous_visitors_only():
    assert "csrfmiddlewaretoken" not in render_token({})
    assert "csrfmiddlewaretoken" in render_token({"sessionid": "abc"})


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({"Origin": "http://testserver"}, True),
        ({"Referer": "http://testserver/stories/"}, True),
        ({"Origin": "https://evil.example"}, False),
        ({"Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"}, False),
        ({}, False),
    ],
)
def test_anonymous_posts_need_this_sites_origin(home_page, headers, allowed):
    response = Client(enforce_csrf_checks=True, headers=headers).post("/search/", {"q": "x"})
    # /search/ only takes GET: reaching it (405) proves the origin check let the post through.
    assert response.status_code == (405 if allowed else 403)
    if not allowed:
        assert "could not be sent" in response.content.decode()


def test_signed_in_posts_still_need_the_csrf_token(home_page, admin_user):
    client = Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})
    client.force_login(admin_user)
    assert client.post("/search/", {"q": "x"}).status_code == 403


def test_admin_keeps_djangos_csrf_check_even_without_a_session(home_page):
    client = Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})
    assert client.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 403
