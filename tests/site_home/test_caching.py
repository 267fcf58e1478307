"""Cache-Control: public for anonymous, stateless pages; private for anything personal."""

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.site_home.security_urls")]

PUBLIC = "public, max-age=300"


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_anonymous_page_is_publicly_cacheable(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert not response.cookies


@override_settings(PUBLIC_CACHE_SECONDS=300)
@pytest.mark.parametrize("path", ["/with-cookie/", "/with-csrf-token/", "/with-message/"])
def test_personal_responses_are_private(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_page_for_a_signed_in_user_is_private(client, home_page, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    # No cookie is set on this response (the session exists already): only the user makes it private.
    assert client.get("/plain/")["Cache-Control"] == "private, no-cache"
    assert client.get("/")["Cache-Control"] == "private, no-cache"


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_message_shown_after_a_redirect_keeps_the_page_private(client, home_page):
    client.get("/with-message/")
    response = client.get("/")
    assert "Thank you" in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get("/")["Cache-Control"] == PUBLIC  # the message has been shown


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_only_successful_gets_are_cached(client, home_page):
    assert "public" not in client.get("/no-such-page/").get("Cache-Control", "")
    assert "public" not in client.post("/plain/").get("Cache-Control", "")
    assert client.head("/plain/")["Cache-Control"] == PUBLIC


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_view_choices_are_kept(client, home_page):
    assert client.get("/robots.txt")["Cache-Control"] == "max-age=86400, public"


@override_settings(PUBLIC_CACHE_SECONDS=0)
def test_zero_turns_public_caching_off(client, home_page):
    assert "Cache-Control" not in client.get("/plain/")


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_admin_login_page_is_private(client, home_page):
    response = client.get("/admin/login/")
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]


@override_settings(PUBLIC_CACHE_SECONDS=300)
def test_public_form_page_is_cacheable_and_accepts_same_origin_posts():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/public-form/")
    assert page["Cache-Control"] == PUBLIC
    assert "csrfmiddlewaretoken" not in page.content.decode()

    sent = client.post("/public-form/", {"comment": "More benches"}, headers={"origin": "http://testserver"})
    assert sent.status_code == 200
    assert sent.content == b"stored: More benches"
