"""Who can see and export residents' personal data, role by role.

Roles: anonymous; an editor (Wagtail's "Editors" group); a moderator (comment moderation, attendee
lists and the story queue, but not personal data); a data officer (the same plus Editors, plus
site_home.view_personal_data). Each admin screen is opened by each role and the answer checked:
refused, allowed without personal data, or allowed with it.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.events.factories import BookingFactory, EventIndexPageFactory, make_event
from tests.stories.factories import StorySubmissionFactory
from tests.surveys.factories import CommentFactory, make_discussion

pytestmark = pytest.mark.django_db

MODERATOR = [
    "wagtailadmin.access_admin",
    "surveys.view_comment",
    "surveys.moderate_comment",
    "events.view_booking",
    "stories.view_storysubmission",
    "stories.change_storysubmission",
]
OFFICER = [*MODERATOR, "site_home.view_personal_data"]

COMMENTER, EMAIL_COMMENT = "Morag Quietly", "morag.secret@example.org"
BOOKER, BOOKER_EMAIL, ACCESS = "Iain Bookerson", "iain.booker@example.org", "Step-free access please"
STORY_EMAIL = "rena.story@example.org"


@pytest.fixture
def scene(home_page):
    discussion = make_discussion(home_page, title="Hall", slug="hall")
    CommentFactory(page=discussion, display_name=COMMENTER, email=EMAIL_COMMENT, body="Open on Sundays")
    event = make_event(EventIndexPageFactory(parent=home_page), title="Steering group")
    BookingFactory(event=event, name=BOOKER, email=BOOKER_EMAIL, access_needs=ACCESS)
    StorySubmissionFactory(email=STORY_EMAIL, title="Our garden")
    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return {"review": make_review(index, sections=1, recs=1)}


def grant(user, perms):
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


@pytest.fixture
def login(client, django_user_model):
    def as_role(role):
        if role == "anonymous":
            return client
        user = django_user_model.objects.create_user(role, f"{role}@staff.example.org", "pw", is_staff=True)
        if role in ("editor", "officer"):
            user.groups.add(Group.objects.get(name="Editors"))
        grant(user, {"editor": [], "moderator": MODERATOR, "officer": OFFICER}[role])
        client.force_login(user)
        return client

    return as_role


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig", "replace")
    return response.content.decode("utf-8", "replace")


def outcome(response):
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    if response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/"):
        return "denied"
    assert response.status_code == 200, response.status_code
    return "ok"


# screen -> (url, personal data that must appear only for the officer)
SCREENS = {
    "comment queue": ("/admin/surveys/comment/", [COMMENTER]),  # the list shows names, not emails
    "comments export": ("/admin/surveys/comment/?export=csv", [COMMENTER, EMAIL_COMMENT]),
    "bookings list": ("/admin/event_bookings/", [BOOKER, BOOKER_EMAIL]),  # access needs: export only
    "bookings export": ("/admin/event_bookings/?export=csv", [BOOKER, BOOKER_EMAIL, ACCESS]),
    "story queue": ("/admin/snippets/stories/storysubmission/", [STORY_EMAIL]),
    "consultation feedback": ("/admin/consultations/review/{review}/feedback/", []),
}

EXPECTED = {
    # role: screen -> "login" | "denied" | "ok" | "ok+personal"
    "anonymous": dict.fromkeys(SCREENS, "login"),
    "editor": {**dict.fromkeys(SCREENS, "denied"), "consultation feedback": "ok"},
    "moderator": {**dict.fromkeys(SCREENS, "ok"), "consultation feedback": "denied"},
    "officer": {**dict.fromkeys(SCREENS, "ok+personal"), "consultation feedback": "ok"},
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("role", EXPECTED)
def test_role_matrix(scene, login, role, screen):
    url, personal = SCREENS[screen]
    client = login(role)
    response = client.get(url.format(review=scene["review"].pk))
    expected = EXPECTED[role][screen]
    got = outcome(response)
    assert got == expected.split("+")[0]
    if got == "ok":
        text = body(response)
        shown = [value for value in personal if value in text]
        assert shown == (personal if expected == "ok+personal" else [])
