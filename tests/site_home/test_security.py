"""Security headers, same-origin form protection, admin login lockout, 2FA-free hardening."""

import pytest
from django.test import Client, RequestFactory, override_settings

from site_home.security import is_same_origin, request_origin

pytestmark = pytest.mark.django_db

COMMENT = {"comment": "Fix the path"}


def test_permissions_policy_header(client, home_page, settings):
    response = client.get("/")
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.urls("tests.site_home.security_urls")
@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"referer": "https://evil.example/page"},
        {},  # says nothing about where it comes from
        {"origin": "http://testserver", "sec-fetch-site": "cross-site"},
        {"origin": "http://testserver.evil.example"},
    ],
)
def test_cross_site_posts_are_refused_with_a_readable_page(home_page, headers):
    response = Client(enforce_csrf_checks=True).post("/public-form/", COMMENT, headers=headers)
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@pytest.mark.urls("tests.site_home.security_urls")
@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://testserver"},
        {"origin": "HTTP://TestServer"},
        {"referer": "http://testserver/public-form/"},
        {"origin": "http://testserver", "sec-fetch-site": "same-origin"},
    ],
)
def test_same_origin_posts_are_accepted(headers):
    response = Client(enforce_csrf_checks=True).post("/public-form/", COMMENT, headers=headers)
    assert response.status_code == 200


@override_settings(CSRF_TRUSTED_ORIGINS=["https://*.example.org"])
def test_trusted_origins_count_as_same_origin():
    factory = RequestFactory()
    assert is_same_origin(factory.post("/", headers={"origin": "https://www.example.org"}))
    assert not is_same_origin(factory.post("/", headers={"origin": "http://www.example.org"}))
    assert not is_same_origin(factory.post("/", headers={"origin": "https://example.net"}))


def test_request_origin_prefers_origin_over_referer():
    request = RequestFactory().post(
        "/", headers={"origin": "https://a.example", "referer": "https://b.example/"}
    )
    assert request_origin(request) == "https://a.example"
    assert request_origin(RequestFactory().post("/", headers={"referer": "ftp://b.example/"})) is None


def test_token_forms_still_get_a_readable_csrf_failure(home_page):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_admin_login_locks_out_after_five_failures(client, home_page, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "right-password-123")
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "admin", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    fifth = client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    assert fifth.status_code == 429
    locked = client.post("/admin/login/", {"username": "admin", "password": "right-password-123"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_admin_login_works_before_the_limit(client, home_page, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "right-password-123")
    for _ in range(4):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin", "password": "right-password-123"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@override_settings(CSRF_TRUSTED_ORIGINS=["https://*.example.org"])
@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        # A form on a sibling subdomain, as Chromium and Firefox send it.
        (
            {
                "origin": "https://consult.example.org",
                "sec-fetch-site": "same-site",
                "referer": "https://consult.example.org/have-your-say/",
            },
            True,
        ),
        ({"origin": "https://www.example.org", "sec-fetch-site": "cross-site"}, True),
        (
            {
                "origin": "https://evil.example",
                "sec-fetch-site": "cross-site",
                "referer": "https://evil.example/",
            },
            False,
        ),
        ({"origin": "http://consult.example.org", "sec-fetch-site": "cross-site"}, False),
        ({"origin": "http://testserver", "sec-fetch-site": "same-site"}, False),
    ],
)
def test_trusted_origins_are_accepted_with_real_browser_headers(headers, allowed):
    assert is_same_origin(RequestFactory().post("/", headers=headers)) is allowed


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_wrong_passwords_from_elsewhere_do_not_lock_staff_out(home_page, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "right-password-123")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(7):
        attacker.post("/admin/login/", {"username": "admin", "password": "wrong"})
    assert attacker.post("/admin/login/", {"username": "admin", "password": "wrong"}).status_code == 429
    staff = Client(REMOTE_ADDR="198.51.100.4")
    response = staff.post("/admin/login/", {"username": "admin", "password": "right-password-123"})
    assert response.status_code == 302
    assert "_auth_user_id" in staff.session


def test_refused_form_page_carries_the_security_headers(home_page):
    response = Client().post("/search/", {"q": "x"}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
