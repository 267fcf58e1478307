"""An administrator resets someone's two-factor sign-in (a lost phone): their app and backup codes
go, the reset is in the audit log, and only those who may change users can do it."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from site_home.two_factor import RESET_ACTION

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.ADMIN_TWO_FACTOR_REQUIRED = True


def with_devices(user):
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="Backup codes")
    StaticToken.objects.create(device=backup, token="abcd1234")
    return user


def make_staff(django_user_model, username, *perms, superuser=False):
    make = django_user_model.objects.create_superuser if superuser else django_user_model.objects.create_user
    user = make(username, f"{username}@staff.example.org", "right-password-123")
    for perm in ["wagtailadmin.access_admin", *perms]:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def verified_client(user):
    """Signed in with the second factor verified this session, as after the verify page."""
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Phone", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def resident_officer(django_user_model):
    return with_devices(make_staff(django_user_model, "officer", "site_home.view_personal_data"))


@pytest.fixture
def admin(django_user_model):
    return make_staff(django_user_model, "admin", superuser=True)


def reset_url(user):
    return reverse("two_factor_reset", args=[user.pk])


def test_a_superuser_resets_someones_two_factor_and_it_is_in_the_audit_log(
    home_page, admin, resident_officer
):
    client = verified_client(admin)
    confirm = client.get(reset_url(resident_officer))
    assert confirm.status_code == 200
    assert "removes" in confirm.content.decode()
    assert TOTPDevice.objects.filter(user=resident_officer).exists()  # a GET changes nothing

    response = client.post(reset_url(resident_officer))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=resident_officer).exists()
    assert not StaticDevice.objects.filter(user=resident_officer).exists()
    assert not StaticToken.objects.filter(token="abcd1234").exists()
    entry = ModelLogEntry.objects.get(action=RESET_ACTION)
    assert (entry.object_id, entry.user_id) == (str(resident_officer.pk), admin.pk)
    assert entry.label == str(resident_officer)
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Two-factor sign-in reset" in history


def test_after_a_reset_the_person_is_sent_to_set_up_a_new_app(home_page, admin, resident_officer):
    theirs = verified_client(resident_officer)
    assert theirs.get("/admin/").status_code == 200
    verified_client(admin).post(reset_url(resident_officer))
    response = theirs.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/setup/")


def test_staff_who_may_change_users_can_reset_but_not_a_superusers(
    home_page, django_user_model, admin, resident_officer
):
    manager = make_staff(django_user_model, "manager", "auth.change_user")
    client = verified_client(manager)
    assert client.post(reset_url(resident_officer)).status_code == 302
    assert not TOTPDevice.objects.filter(user=resident_officer).exists()
    with_devices(admin)
    assert client.post(reset_url(admin)).status_code == 403
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_staff_without_the_permission_get_403_and_nothing_changes(
    home_page, django_user_model, resident_officer
):
    editor = make_staff(django_user_model, "editor", "wagtailadmin.access_admin")
    client = verified_client(editor)
    assert client.get(reset_url(resident_officer)).status_code == 403
    assert client.post(reset_url(resident_officer)).status_code == 403
    assert TOTPDevice.objects.filter(user=resident_officer).exists()
    assert not ModelLogEntry.objects.filter(action=RESET_ACTION).exists()


def test_an_admin_who_has_not_verified_their_own_second_factor_cannot_reset(
    home_page, admin, resident_officer
):
    client = Client()
    client.force_login(admin)
    response = client.post(reset_url(resident_officer))
    assert response.status_code == 302 and "/admin/two-factor/" in response["Location"]
    assert TOTPDevice.objects.filter(user=resident_officer).exists()


def test_the_users_listing_offers_the_reset_to_those_who_may_do_it(
    home_page, django_user_model, admin, resident_officer
):
    listing = verified_client(admin).get(reverse("wagtailusers_users:index")).content.decode()
    assert reset_url(resident_officer) in listing and "Reset two-factor sign-in" in listing
    manager = make_staff(django_user_model, "manager", "auth.change_user")
    listing = verified_client(manager).get(reverse("wagtailusers_users:index")).content.decode()
    assert reset_url(resident_officer) in listing and reset_url(admin) not in listing
