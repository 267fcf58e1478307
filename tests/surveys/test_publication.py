"""A resident's choice of how their comment is published, on every public surface, and staff
removing part of a published comment with a recorded reason."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from surveys.models import Comment, ModerationEvent
from tests.surveys.factories import CommentFactory

pytestmark = pytest.mark.django_db

SECRET = "Zebracrossingwords"
SAID = "crossing outside the school"  # what the comment says beyond the word searched for


def post(client, data):
    return client.post(reverse("surveys:comment_post"), data)


def public_surfaces(client, discussion, place):
    """Every public page a comment can appear on, as anonymous readers get them."""
    client.logout()
    pages = [discussion.url, place.url, f"/search/?q={SECRET}", f"/search/?q={SECRET.lower()}"]
    return "".join(client.get(url).content.decode() for url in pages)


@pytest.mark.parametrize(
    ("choice", "shows_text", "shows_name"),
    [("named", True, True), ("anonymous", True, False), ("private", False, False)],
)
def test_the_resident_decides_what_the_public_sees(
    client, discussion, comment_data, place, choice, shows_text, shows_name
):
    data = {**comment_data, "body": f"{SECRET} {SAID}", "place": place.slug, "publication": choice}
    response = post(client, data)
    assert ("-status=kept" in response["Location"]) is (choice == "private")
    comment = Comment.objects.get()
    assert comment.publication == choice and comment.state == Comment.State.PUBLISHED
    html = public_surfaces(client, discussion, place)
    assert (SAID in html) is shows_text
    assert ("Morag" in html) is shows_name
    if shows_text and not shows_name:
        assert "Anonymous" in html
    # Staff still read every one, and its writer can still be told the outcome.
    assert Comment.objects.accepted().filter(pk=comment.pk).exists()
    assert Comment.objects.published().filter(pk=comment.pk).exists() is shows_text


def test_the_form_offers_the_three_choices(client, discussion):
    html = client.get(discussion.url).content.decode()
    for label in ("Publish it with my name", "Publish it without my name", "Do not publish it"):
        assert label in html


def test_a_post_without_the_choice_keeps_the_old_rule_and_a_bad_one_is_refused(client, comment_data):
    post(client, comment_data)
    assert Comment.objects.get().publication == Comment.Publication.NAMED
    response = post(client, {**comment_data, "body": "Second", "publication": "everywhere"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert Comment.objects.count() == 1


def test_comments_from_before_the_choice_stay_published_with_their_names(discussion):
    comment = CommentFactory(page=discussion)
    assert comment.publication == Comment.Publication.NAMED
    assert comment.public_name == comment.display_name


def test_private_comments_are_left_out_of_counts(client, discussion, place):
    CommentFactory(page=discussion, place=place, publication=Comment.Publication.PRIVATE, body=SECRET)
    CommentFactory(page=discussion, place=place, body="Seen")
    assert Comment.objects.published().for_place(place).count() == 1
    html = client.get(place.url).content.decode()
    assert "1 published comment" in html and SECRET not in html


@pytest.fixture
def redactor(make_user):
    return make_user(
        "redactor", "wagtailadmin.access_admin", "surveys.view_comment", "surveys.moderate_comment"
    )


def test_staff_remove_part_of_a_comment_with_a_recorded_reason(client, discussion, redactor):
    comment = CommentFactory(page=discussion, body=f"Call Jo on 07700 900123 about the {SECRET}")
    assert "07700 900123" in client.get(discussion.url).content.decode()  # now cached for everyone
    client.force_login(redactor)
    url = reverse("surveys_moderate_comment", args=[comment.pk])
    response = client.post(
        url,
        {"redact-body": f"Call Jo about the {SECRET}", "redact-reason": "personal", "redact-note": "phone"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == f"Call Jo about the {SECRET}" and comment.redaction_reason == "personal"
    event = ModerationEvent.objects.get(comment=comment, action="redacted")
    assert (event.user, event.reason) == (redactor, "personal information: phone")
    log = ModelLogEntry.objects.get(action="surveys.redact_comment")
    assert (log.object_id, log.user_id, log.data["reason"]) == (str(comment.pk), redactor.pk, "personal")

    client.logout()
    html = client.get(discussion.url).content.decode()
    assert "07700 900123" not in html
    assert "Part of this response was removed: personal information" in html


def test_a_redaction_that_removes_nothing_is_refused(client, discussion, redactor):
    comment = CommentFactory(page=discussion, body="Nothing to remove")
    client.force_login(redactor)
    response = client.post(
        reverse("surveys_moderate_comment", args=[comment.pk]),
        {"redact-body": "Nothing to remove", "redact-reason": "personal"},
    )
    assert "Remove the part that must go before saving." in response.content.decode()
    assert not ModerationEvent.objects.filter(action="redacted").exists()
