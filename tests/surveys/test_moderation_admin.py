"""Moderation in the Wagtail admin: permissions, decisions with history, bulk, official responses,
exports with and without personal data."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.feedback import moderation
from surveys.models import Comment
from tests.surveys.conftest import MODERATOR_PERMS
from tests.surveys.factories import CommentFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/surveys/comment/"


def denied(response):
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def comments(discussion, place_index):
    from tests.site_home.factories import ThemeFactory, make_place

    place, theme = make_place(place_index, title="Ashgrove"), ThemeFactory(name="Funding")
    return [
        CommentFactory(
            page=discussion,
            display_name="Morag Private",
            email="morag.private@example.org",
            body="Pending idea",
            state=Comment.State.PENDING,
            published_at=None,
            place=place,
            theme=theme,
            section_label="Recommendation 4",
            stance="for",
            category="suggestion",
        ),
        CommentFactory(page=discussion, body="Flagged words", state=Comment.State.FLAGGED),
    ]


@pytest.mark.parametrize(
    "action, start, end",
    [
        ("approve", Comment.State.PENDING, Comment.State.PUBLISHED),
        ("approve", Comment.State.FLAGGED, Comment.State.PUBLISHED),
        ("approve", Comment.State.REJECTED, Comment.State.PUBLISHED),
        ("approve", Comment.State.UNCONFIRMED, Comment.State.PUBLISHED),
        ("reject", Comment.State.PENDING, Comment.State.REJECTED),
        ("reject", Comment.State.FLAGGED, Comment.State.REJECTED),
        ("reject", Comment.State.PUBLISHED, Comment.State.REJECTED),
    ],
)
def test_each_transition_is_recorded(discussion, moderator, action, start, end):
    comment = CommentFactory(page=discussion, state=start, published_at=None)
    assert moderation.moderate([comment], action, moderator, "Checked") == 1
    comment.refresh_from_db()
    assert comment.state == end
    assert (comment.published_at is not None) == (end == Comment.State.PUBLISHED)
    event = comment.moderation_events.get()
    assert (event.from_state, event.to_state, event.user, event.reason) == (start, end, moderator, "Checked")
    assert moderation.moderate([comment], action, moderator) == 0  # already there: nothing recorded


def test_resident_is_emailed_when_a_moderator_publishes(
    discussion, moderator, django_capture_on_commit_callbacks
):
    from django.core import mail

    waiting = CommentFactory(
        page=discussion, state=Comment.State.PENDING, published_at=None, email="ann@example.org"
    )
    flagged = CommentFactory(page=discussion, state=Comment.State.FLAGGED, email="bob@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate([waiting, flagged], "approve", moderator)
    assert [m.to for m in mail.outbox] == [["ann@example.org"]]
    assert f"/hall/#comment-{waiting.pk}" in mail.outbox[0].body
    assert "is published" in mail.outbox[0].subject


def test_listing_needs_a_comment_permission(client, make_user, comments):
    client.force_login(make_user("editor", "wagtailadmin.access_admin"))
    assert denied(client.get(INDEX))
    client.force_login(make_user("viewer", "wagtailadmin.access_admin", "surveys.view_comment"))
    response = client.get(INDEX)
    assert response.status_code == 200
    assert b"Pending idea" in response.content
    assert b"Morag Private" not in response.content and b"Moderate in bulk" not in response.content


def test_listing_filters_by_state_page_place_and_theme(client, moderator, comments):
    client.force_login(moderator)
    pending = client.get(INDEX + "?state__exact=pending").content.decode()
    assert "Pending idea" in pending and "Flagged words" not in pending
    place = comments[0].place
    by_place = client.get(INDEX + f"?place__id__exact={place.pk}").content.decode()
    assert "Pending idea" in by_place and "Flagged words" not in by_place
    html = client.get(INDEX).content.decode()
    for label in ("Ashgrove", "Funding", "How should the community hall be used?"):
        assert label in html  # offered as filters
    assert "Moderate in bulk" in html
    assert reverse("surveys_moderate_comment", args=[comments[0].pk]) in html


def test_names_only_with_the_personal_data_permission(client, make_user, comments):
    client.force_login(make_user("dpo", *MODERATOR_PERMS, "site_home.view_personal_data"))
    assert b"Morag Private" in client.get(INDEX).content
    html = client.get(reverse("surveys_moderate_comment", args=[comments[0].pk])).content.decode()
    assert "morag.private@example.org" in html


def test_moderation_screens_need_the_moderate_permission(client, make_user, comments):
    client.force_login(make_user("viewer", "wagtailadmin.access_admin", "surveys.view_comment"))
    url = reverse("surveys_moderate_comment", args=[comments[0].pk])
    assert denied(client.get(url))
    assert denied(client.post(url, {"decision-action": "approve"}))
    assert denied(
        client.post(reverse("surveys_bulk_moderate"), {"comments": [comments[0].pk], "action": "approve"})
    )
    comments[0].refresh_from_db()
    assert comments[0].state == Comment.State.PENDING


def test_moderator_decides_one_comment_and_sees_its_history(client, moderator, comments):
    client.force_login(moderator)
    url = reverse("surveys_moderate_comment", args=[comments[1].pk])
    page = client.get(url).content.decode()
    assert "Flagged words" in page and "morag" not in page.lower()
    refused = client.post(url, {"decision-action": "reject", "decision-reason": ""})
    assert "Give a reason for rejecting" in refused.content.decode()
    client.post(url, {"decision-action": "reject", "decision-reason": "Personal attack"})
    comments[1].refresh_from_db()
    assert comments[1].state == Comment.State.REJECTED
    history = client.get(url).content.decode()
    assert "Personal attack" in history and "moderator" in history


def test_bulk_approve_and_reject_with_a_reason(client, moderator, discussion):
    client.force_login(moderator)
    pending = CommentFactory.create_batch(3, page=discussion, state=Comment.State.PENDING, published_at=None)
    url = reverse("surveys_bulk_moderate")
    listing = client.get(url + "?state__exact=pending").content.decode()
    assert all(f'value="{c.pk}"' in listing for c in pending)
    client.post(url + "?state=pending", {"comments": [pending[0].pk, pending[1].pk], "action": "approve"})
    client.post(url + "?state=pending", {"comments": [pending[2].pk], "action": "reject", "reason": "Spam"})
    states = {c.pk: c.state for c in Comment.objects.all()}
    assert [states[c.pk] for c in pending] == ["published", "published", "rejected"]
    event = pending[2].moderation_events.get()
    assert (event.user, event.reason) == (moderator, "Spam")


def test_official_response_from_the_admin(client, make_user, comments, discussion):
    top = CommentFactory(page=discussion, body="When will it open?")
    url = reverse("surveys_moderate_comment", args=[top.pk])
    client.force_login(make_user("mod-only", *MODERATOR_PERMS))
    assert b"Publish response" not in client.get(url).content
    client.post(url, {"response-display_name": "Council", "response-body": "Ignored"})
    assert not Comment.objects.filter(is_official_response=True).exists()

    officer = make_user("officer", *MODERATOR_PERMS, "surveys.post_official_response")
    client.force_login(officer)
    client.post(url, {"response-display_name": "Kelvinford Council", "response-body": "In April."})
    reply = Comment.objects.get(is_official_response=True)
    assert (reply.parent, reply.author, reply.state) == (top, officer, Comment.State.PUBLISHED)
    html = client.get(discussion.url).content.decode()
    assert "In April." in html and "Official response" in html


def test_nobody_adds_or_edits_residents_comments_in_the_admin(client, comments, admin_user):
    client.force_login(admin_user)
    assert denied(client.get(INDEX + "create/"))
    assert denied(client.get(INDEX + f"edit/{comments[0].pk}/"))


def _download(client, kind):
    response = client.get(INDEX + f"?export={kind}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _csv(client):
    return list(csv.DictReader(io.StringIO(_download(client, "csv").decode("utf-8-sig"))))


def test_csv_export_without_personal_data(client, make_user, comments):
    client.force_login(make_user("analyst", "wagtailadmin.access_admin", "surveys.view_comment"))
    rows = _csv(client)
    pending = next(row for row in rows if row["Comment"] == "Pending idea")
    assert pending["Page"] == "How should the community hall be used?"
    assert pending["Section"] == "Recommendation 4"
    assert (pending["Place"], pending["Theme"]) == ("Ashgrove", "Funding")
    assert (pending["Stance"], pending["Category"], pending["State"]) == (
        "For",
        "Suggestion",
        "Waiting for moderation",
    )
    assert pending["Posted"]
    assert "Name" not in pending and "Email" not in pending
    assert "morag" not in str(rows).lower()


def test_exports_with_personal_data_permission(client, make_user, comments):
    client.force_login(
        make_user("dpo", "wagtailadmin.access_admin", "surveys.view_comment", "site_home.view_personal_data")
    )
    row = next(row for row in _csv(client) if row["Comment"] == "Pending idea")
    assert (row["Name"], row["Email"]) == ("Morag Private", "morag.private@example.org")
    sheet = load_workbook(io.BytesIO(_download(client, "xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    for column in (
        "Page",
        "Section",
        "Place",
        "Theme",
        "Stance",
        "Category",
        "State",
        "Posted",
        "Name",
        "Email",
    ):
        assert column in header
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "morag.private@example.org" in values


def test_xlsx_export_without_personal_data(client, make_user, comments):
    client.force_login(make_user("analyst", "wagtailadmin.access_admin", "surveys.view_comment"))
    sheet = load_workbook(io.BytesIO(_download(client, "xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    assert "Place" in header and "Name" not in header and "Email" not in header
