"""Every response carries the security headers, error pages included, and every error page is the
site's own GOV.UK-style page (never Django's bare one, never a traceback)."""

import pytest
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.hardening.error_urls")]


def assert_secure(response, status, heading):
    assert response.status_code == status
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    html = response.content.decode()
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in html
    assert '<html lang="en-GB" class="govuk-template' in html
    assert "Traceback" not in html


def browser(**kwargs):
    return Client(raise_request_exception=False, headers={"Origin": "http://testserver"}, **kwargs)


def test_csrf_failure_page(home_page):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    # A token form outside the admin (a visitor with a session keeps Django's token check).
    client.cookies["sessionid"] = "stale"
    response = client.post("/search/", {"q": "x"}, headers={"origin": "http://testserver"})
    assert_secure(response, 403, "Your form could not be sent")


def test_cross_site_form_refusal_page(home_page):
    response = browser().post("/search/", {"q": "x"}, headers={"origin": "https://evil.example"})
    assert_secure(response, 403, "Your form could not be sent")


def test_permission_denied_page(home_page):
    assert_secure(browser().get("/forbidden/"), 403, "You cannot see this page")


def test_not_found_page(home_page):
    assert_secure(browser().get("/no-such-page/"), 404, "Page not found")


def test_rate_limited_page(home_page):
    response = browser().get("/too-many/")
    assert_secure(response, 429, "Please wait a moment")
    assert response["Retry-After"] == "60"


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT=1)
def test_locked_page_password_page(home_page):
    restriction = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password="secret-words"
    )
    url = f"/_util/authenticate_with_password/{restriction.id}/{home_page.id}/"
    client = browser()
    client.post(url, {"password": "wrong", "return_url": "/"})
    assert_secure(client.post(url, {"password": "wrong", "return_url": "/"}), 429, "Too many attempts")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=1)
def test_admin_lockout_page_carries_the_site_policy_too(home_page):
    client = browser()
    client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    assert_secure(response, 429, "Too many attempts")


def test_server_error_page(home_page):
    assert_secure(browser().get("/broken/"), 500, "Sorry, there is a problem with the service")


def test_database_down_page(home_page):
    response = browser().get("/database-down/")
    assert_secure(response, 503, "Sorry, the service is unavailable for a moment")
    assert response["Retry-After"] == "30"


def test_bad_request_page(home_page):
    assert_secure(browser().get("/suspicious/"), 400, "Sorry, we could not understand that request")


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_bad_host_page(home_page):
    response = browser().get("/", headers={"host": "evil.example"})
    assert_secure(response, 400, "Sorry, we could not understand that request")
