"""Staff without the personal-data permission cannot learn a resident's email or name by filtering,
searching or ordering an admin listing or export: a guess that matches and one that does not get the
same answer. With the permission, filtering by email works."""

import re

import pytest

from tests.events.factories import BookingFactory, EventIndexPageFactory, InterestFactory, make_event
from tests.hardening.test_permissions import MODERATOR, OFFICER, body, grant
from tests.stories.factories import StorySubmissionFactory
from tests.surveys.factories import CommentFactory, make_discussion

pytestmark = pytest.mark.django_db

EMAILS = ("aaron.first@example.org", "zelda.second@example.org")
NAMES = ("Aaron First", "Zelda Second")


@pytest.fixture
def residents(home_page):
    discussion = make_discussion(home_page, title="Hall", slug="hall")
    event = make_event(EventIndexPageFactory(parent=home_page), title="Steering group")
    # The second resident comes first by date, so sorting by email or name would change the order.
    for number, (email, name) in enumerate(reversed(list(zip(EMAILS, NAMES, strict=True)))):
        CommentFactory(page=discussion, display_name=name, email=email, body=f"Marker-{number}")
        BookingFactory(event=event, name=name, email=email)
        InterestFactory(event=event, name=name, email=email)
        StorySubmissionFactory(email=email, display_name=name, title=f"Marker-{number}")


def staff(client, django_user_model, perms):
    user = django_user_model.objects.create_user("staff", "staff@staff.example.org", "pw", is_staff=True)
    grant(user, [*perms, "events.view_interest"])
    client.force_login(user)
    return client


LISTINGS = [
    "/admin/surveys/comment/",
    "/admin/event_bookings/",
    "/admin/event_interests/",
    "/admin/snippets/stories/storysubmission/",
]
MARKERS = r"Marker-\d|Booking \d+|Interest \d+"

# (parameter, a guess that matches a resident, one that matches nobody)
PROBES = [
    ("email", EMAILS[0], "nobody@example.org"),
    ("email__startswith", "aaron", "qqq"),
    ("email__icontains", "first@", "qqq@"),
    ("display_name__startswith", "Aaron", "Qqq"),
    ("name__startswith", "Aaron", "Qqq"),
    ("q", EMAILS[0], "nobody@example.org"),
    ("q", "Aaron", "Qqq"),
    ("ordering", "email", "-email"),
    ("ordering", "name", "-name"),
    ("ordering", "display_name", "-display_name"),
]


def answer(response, guess):
    text = body(response) if response.status_code == 200 else ""
    return response.status_code, re.findall(MARKERS, text.replace(guess, "GUESS"))


@pytest.mark.parametrize("export", ["", "&export=csv"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_filters_search_and_ordering_over_personal_fields_answer_nothing(
    residents, client, django_user_model, listing, export
):
    client = staff(client, django_user_model, MODERATOR)
    for param, hit, miss in PROBES:
        with_hit = answer(client.get(f"{listing}?{param}={hit}{export}"), hit)
        with_miss = answer(client.get(f"{listing}?{param}={miss}{export}"), miss)
        assert with_hit == with_miss, (param, hit, with_hit, with_miss)


def test_comment_list_refuses_lookups_it_does_not_declare(residents, client, django_user_model):
    client = staff(client, django_user_model, MODERATOR)
    assert client.get(f"/admin/surveys/comment/?email={EMAILS[0]}").status_code == 400
    assert client.get("/admin/surveys/comment/?page__owner__email__startswith=a").status_code == 400
    assert client.get("/admin/surveys/comment/?state__exact=published").status_code == 200


def test_staff_allowed_to_see_personal_data_can_filter_comments_by_email(
    residents, client, django_user_model
):
    client = staff(client, django_user_model, OFFICER)
    for url in [f"/admin/surveys/comment/?email={EMAILS[0]}", "/admin/surveys/comment/?q=aaron.first"]:
        assert answer(client.get(url), EMAILS[0])[1] == ["Marker-1"], url
    csv = body(client.get("/admin/surveys/comment/?email__startswith=aaron&export=csv"))
    assert EMAILS[0] in csv and EMAILS[1] not in csv
    # Even they cannot reach through a relation into other people's records.
    assert client.get("/admin/surveys/comment/?page__owner__email__startswith=a").status_code == 400
