import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from tests.events.factories import BookingFactory, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(event_index):
    event = make_event(event_index, title="Steering group")
    return BookingFactory(
        event=event, name="Morag Private", email="morag@example.org", access_needs="BSL interpreter"
    )


def editor(django_user_model, personal_data):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw", is_staff=True)
    group = Group.objects.create(name=f"Organisers {personal_data}")
    codenames = ["access_admin", "view_booking", "change_booking"] + (
        ["view_personal_data"] if personal_data else []
    )
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    GroupPagePermission.objects.create(group=group, page=Page.get_first_root_node(), permission_type="change")
    user.groups.add(group)
    return user


def export(client):
    response = client.get("/admin/event_bookings/?export=csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_export_with_personal_data_permission(client, django_user_model, booking):
    client.force_login(editor(django_user_model, personal_data=True))
    rows = export(client)
    assert "Email" in rows[0] and "Access needs" in rows[0]
    assert "morag@example.org" in rows[1] and "BSL interpreter" in rows[1] and "Steering group" in rows[1]
    assert "Morag Private" in client.get("/admin/event_bookings/").content.decode()


def test_export_without_personal_data_permission_hides_it(client, django_user_model, booking):
    client.force_login(editor(django_user_model, personal_data=False))
    rows = export(client)
    flat = " ".join(" ".join(row) for row in rows)
    assert "Steering group" in flat and "Confirmed" in flat
    assert "morag" not in flat.lower() and "BSL" not in flat and "Email" not in rows[0]
    listing = client.get("/admin/event_bookings/").content.decode()
    assert "Morag Private" not in listing and "morag@example.org" not in listing


def test_xlsx_export(client, django_user_model, booking):
    client.force_login(editor(django_user_model, personal_data=True))
    response = client.get("/admin/event_bookings/?export=xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]


def test_anonymous_cannot_export(client, booking):
    response = client.get("/admin/event_bookings/?export=csv")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_screens_load_for_superuser(client, django_user_model, booking, event_index):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    for url in [
        "/admin/event_bookings/",
        f"/admin/event_bookings/edit/{booking.pk}/",
        "/admin/event_interests/",
        f"/admin/pages/add/events/eventpage/{event_index.pk}/",
        f"/admin/pages/{booking.event.pk}/edit/",
    ]:
        assert client.get(url).status_code == 200, url
