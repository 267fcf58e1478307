"""Secrets cannot be guessed at speed: page passwords, admin logins across usernames, password resets."""

import pytest
from django.core import mail
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

PAGE_PASSWORD = "open-sesame-42"


@pytest.fixture
def restriction(home_page):
    return PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )


def try_page_password(client, restriction, password):
    url = f"/_util/authenticate_with_password/{restriction.id}/{restriction.page_id}/"
    return client.post(url, {"password": password, "return_url": "/"})


def address(n):
    return Client(REMOTE_ADDR=f"203.0.113.{n}", headers={"Origin": "http://testserver"})


def assert_locked(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in response.content.decode()


def test_page_password_still_opens_the_page(restriction):
    client = address(1)
    assert try_page_password(client, restriction, "wrong").status_code == 200
    assert try_page_password(client, restriction, PAGE_PASSWORD).status_code == 302
    assert client.get("/").status_code == 200


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT=5)
def test_page_password_is_locked_for_an_address_after_five_wrong_guesses(restriction):
    guesser = address(1)
    for _ in range(5):
        assert try_page_password(guesser, restriction, "wrong").status_code == 200
    assert_locked(try_page_password(guesser, restriction, "wrong"))
    # Locked means locked: the right password is not even checked, so it tells nothing.
    assert_locked(try_page_password(guesser, restriction, PAGE_PASSWORD))
    # Someone else, elsewhere, still gets in.
    assert try_page_password(address(2), restriction, PAGE_PASSWORD).status_code == 302


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT=100, PAGE_PASSWORD_PAGE_FAILURE_LIMIT=6)
def test_page_password_is_locked_against_a_guess_spread_over_many_addresses(restriction):
    for n in range(6):
        assert try_page_password(address(n), restriction, "wrong").status_code == 200
    assert_locked(try_page_password(address(99), restriction, "wrong"))


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT=100, PAGE_PASSWORD_ADDRESS_FAILURE_LIMIT=4)
def test_page_passwords_are_locked_for_an_address_guessing_many_pages(home_page, restriction):
    other = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password="another-one"
    )
    guesser = address(1)
    for target in (restriction, other, restriction, other):
        assert try_page_password(guesser, target, "wrong").status_code == 200
    assert_locked(try_page_password(guesser, other, "wrong"))


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, LOGIN_FAILURES_PER_ADDRESS=6)
def test_admin_login_is_locked_for_an_address_trying_many_usernames(home_page, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "right-password-123")
    attacker = address(9)
    for n in range(6):
        response = attacker.post("/admin/login/", {"username": f"user{n}", "password": "wrong"})
        assert response.status_code == 200
    response = attacker.post("/admin/login/", {"username": "admin", "password": "right-password-123"})
    assert_locked(response)
    assert "_auth_user_id" not in attacker.session
    staff = address(10)
    response = staff.post("/admin/login/", {"username": "admin", "password": "right-password-123"})
    assert response.status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_admin_lockout_is_a_readable_page_with_retry_after(home_page, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "right-password-123")
    client = address(3)
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    assert_locked(response)
    assert response["Retry-After"] == "3600"
    assert "Try again in 60 minutes" in response.content.decode()


def ask_reset(client, email):
    return client.post("/admin/password_reset/", {"email": email})


@override_settings(PASSWORD_RESETS_PER_EMAIL=3, PASSWORD_RESETS_PER_ADDRESS=100)
def test_password_reset_emails_to_one_address_are_limited(home_page, django_user_model):
    django_user_model.objects.create_user("editor", "editor@example.org", "right-password-123")
    answers = [ask_reset(address(n), "editor@example.org") for n in range(5)]
    assert len(mail.outbox) == 3
    assert {(r.status_code, r["Location"]) for r in answers} == {(302, "/admin/password_reset/done/")}


@override_settings(PASSWORD_RESETS_PER_EMAIL=100, PASSWORD_RESETS_PER_ADDRESS=5)
def test_password_reset_requests_from_one_address_are_limited(home_page, django_user_model):
    for n in range(7):
        django_user_model.objects.create_user(f"editor{n}", f"editor{n}@example.org", "right-password-123")
    client = address(4)
    answers = [ask_reset(client, f"editor{n}@example.org") for n in range(7)]
    assert len(mail.outbox) == 5
    assert {(r.status_code, r["Location"]) for r in answers} == {(302, "/admin/password_reset/done/")}
    ask_reset(address(5), "editor6@example.org")
    assert len(mail.outbox) == 6


def test_password_reset_answers_the_same_for_unknown_addresses(home_page, django_user_model):
    django_user_model.objects.create_user("editor", "editor@example.org", "right-password-123")
    known = ask_reset(address(1), "editor@example.org")
    unknown = ask_reset(address(2), "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
