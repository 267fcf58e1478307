"""Cache-Control: what browsers and CDNs may keep. Shared pages: CDNs for a while, browsers revalidate;
anything personal or not shared: private."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.site_home.security_urls")]

SHARED = "public, max-age=0, s-maxage=30"
PRIVATE = "private, no-cache"


def test_a_shared_page_may_sit_in_a_cdn_but_browsers_revalidate_it(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == SHARED
    assert response["ETag"].startswith('W/"')
    assert not response.cookies


def test_a_view_not_marked_shared_is_private_by_default(client, home_page):
    assert client.get("/not-shared/")["Cache-Control"] == PRIVATE


@pytest.mark.parametrize("path", ["/with-cookie/", "/with-csrf-token/", "/with-message/"])
def test_personal_responses_are_private(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_page_for_a_signed_in_user_is_private(client, home_page, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    assert client.get("/plain/")["Cache-Control"] == PRIVATE
    assert client.get("/")["Cache-Control"] == PRIVATE


def test_message_shown_after_a_redirect_keeps_the_page_private(client, home_page):
    client.get("/with-message/")
    response = client.get("/")
    assert "Thank you" in response.content.decode()
    assert response["Cache-Control"] == PRIVATE
    assert client.get("/")["Cache-Control"] == SHARED  # the message has been shown


def test_only_successful_gets_are_shared(client, home_page):
    assert "public" not in client.get("/no-such-page/").get("Cache-Control", "")
    assert "public" not in client.post("/plain/").get("Cache-Control", "")
    assert Client().head("/plain/")["Cache-Control"] == SHARED


def test_view_choices_are_kept(client, home_page):
    assert client.get("/robots.txt")["Cache-Control"] == "max-age=86400, public"


def test_admin_login_page_is_private(client, home_page):
    response = client.get("/admin/login/")
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]


def test_public_form_page_is_shared_and_accepts_same_origin_posts():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/public-form/")
    assert page["Cache-Control"] == SHARED
    assert "csrfmiddlewaretoken" not in page.content.decode()

    sent = client.post("/public-form/", {"comment": "More benches"}, headers={"origin": "http://testserver"})
    assert sent.status_code == 200
    assert sent.content == b"stored: More benches"


def test_after_their_own_post_a_resident_gets_fresh_private_pages_for_two_minutes(client, home_page):
    sent = client.post("/public-form/", {"comment": "More benches"}, headers={"origin": "http://testserver"})
    fresh = sent.cookies["cv_fresh"]
    assert fresh["max-age"] == 120 and fresh["httponly"]
    assert client.get("/")["Cache-Control"] == PRIVATE
    assert Client().get("/")["Cache-Control"] == SHARED  # everyone else still shares it
