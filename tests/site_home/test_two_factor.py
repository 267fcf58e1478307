"""Two-factor sign-in for the admin: required for staff who can see personal data, offered to others."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from site_home.permissions import can_see_personal_data
from tests.surveys.factories import CommentFactory, make_discussion

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-123"
SETUP, VERIFY = "/admin/two-factor/setup/", "/admin/two-factor/verify/"
EMAIL = "morag.secret@example.org"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.ADMIN_TWO_FACTOR_REQUIRED = True


def staff(django_user_model, username, *perms):
    user = django_user_model.objects.create_user(username, f"{username}@staff.example.org", PASSWORD)
    for perm in ["wagtailadmin.access_admin", *perms]:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def officer(django_user_model):
    return staff(django_user_model, "officer", "surveys.view_comment", "site_home.view_personal_data")


def sign_in(user):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    return client, response["Location"]


def a_moment_later(device):
    """django-otp refuses every code for a second after a wrong one (doubling each time)."""
    device.refresh_from_db()
    device.throttling_failure_timestamp -= timedelta(seconds=2)
    device.save()


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_with_personal_data_are_sent_to_set_up_a_device_and_reach_the_dashboard(home_page, officer):
    client, next_url = sign_in(officer)
    assert client.get(next_url)["Location"].startswith(SETUP)
    page = client.get(f"{SETUP}?next=/admin/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code for the app
    device = TOTPDevice.objects.get(user=officer, confirmed=False)

    wrong = client.post(
        SETUP, {"code": "000000" if code_for(device) != "000000" else "111111", "next": "/admin/"}
    )
    assert "That code is not right" in wrong.content.decode()
    a_moment_later(device)

    done = client.post(SETUP, {"code": code_for(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10  # backup codes, shown once
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Dashboard" in dashboard.content.decode()


@pytest.fixture
def officer_with_app(officer):
    return TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)


@pytest.fixture
def comment(home_page):
    return CommentFactory(page=make_discussion(home_page, title="Hall", slug="hall"), email=EMAIL)


def test_without_the_second_factor_personal_data_views_are_refused(officer_with_app, comment):
    client, _ = sign_in(officer_with_app.user)
    for url in ("/admin/surveys/comment/?export=csv", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)
    # A new device cannot be added with the password alone.
    assert client.get(SETUP)["Location"].startswith(VERIFY)

    client.post(VERIFY, {"code": code_for(officer_with_app), "next": "/admin/"})
    export = client.get("/admin/surveys/comment/?export=csv")
    assert export.status_code == 200
    assert EMAIL in b"".join(export.streaming_content).decode("utf-8-sig")


def test_a_backup_code_signs_in_once(client, officer_with_app):
    from site_home.two_factor import new_backup_codes

    code = new_backup_codes(officer_with_app.user)[0]
    first, _ = sign_in(officer_with_app.user)
    assert first.post(VERIFY, {"code": code, "next": "/admin/"})["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200
    second, _ = sign_in(officer_with_app.user)
    assert second.post(VERIFY, {"code": code, "next": "/admin/"}).status_code == 200  # the form again
    assert second.get("/admin/")["Location"].startswith(VERIFY)


def test_a_wrong_code_does_not_sign_in(officer_with_app):
    client, _ = sign_in(officer_with_app.user)
    wrong = "123456" if code_for(officer_with_app) != "123456" else "654321"
    response = client.post(VERIFY, {"code": wrong, "next": "/admin/"})
    assert "That code is not right" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_an_unverified_request_cannot_see_personal_data(officer):
    request = RequestFactory().get("/")
    request.user = officer
    officer.is_verified = lambda: False
    assert not can_see_personal_data(officer)
    officer.is_verified = lambda: True
    assert can_see_personal_data(officer)


def test_superusers_must_use_a_second_factor(home_page, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client, next_url = sign_in(admin)
    assert client.get(next_url)["Location"].startswith(SETUP)


def test_staff_without_the_permission_are_not_forced(home_page, django_user_model):
    editor = staff(django_user_model, "editor", "surveys.view_comment")
    client, next_url = sign_in(editor)
    assert client.get(next_url).status_code == 200
    assert client.get("/admin/two-factor/").status_code == 200  # but may turn it on


def test_staff_who_chose_a_second_factor_are_asked_for_it(home_page, django_user_model):
    editor = staff(django_user_model, "editor")
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    client, next_url = sign_in(editor)
    assert client.get(next_url)["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    # ... and may turn it off again, unlike staff for whom it is required.
    client.post("/admin/two-factor/", {"action": "turn_off"})
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_required_staff_cannot_turn_it_off(officer_with_app):
    client, _ = sign_in(officer_with_app.user)
    client.post(VERIFY, {"code": code_for(officer_with_app), "next": "/admin/"})
    client.post("/admin/two-factor/", {"action": "turn_off"})
    assert TOTPDevice.objects.filter(user=officer_with_app.user).exists()


def test_the_next_address_stays_on_this_site(officer_with_app):
    client, _ = sign_in(officer_with_app.user)
    response = client.post(VERIFY, {"code": code_for(officer_with_app), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"
