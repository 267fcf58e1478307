import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Comment
from tests.surveys.factories import CommentFactory

pytestmark = pytest.mark.django_db


def post(client, data, **extra):
    return client.post(reverse("surveys:comment_post"), data, **extra)


def test_immediate_mode_publishes_and_says_so(client, discussion, comment_data):
    response = post(client, comment_data)
    comment = Comment.objects.get()
    assert comment.state == Comment.State.PUBLISHED and comment.published_at
    assert response.status_code == 302
    assert response["Location"] == f"{discussion.url}?comments-status=published#comment-{comment.pk}"
    page = client.get(response["Location"])
    assert b"Your comment is published" in page.content
    assert b"Open it on Sunday afternoons for families." in page.content
    assert b"morag@example.org" not in page.content


def test_confirm_mode_emails_a_link_that_publishes(
    client, discussion, comment_data, django_capture_on_commit_callbacks
):
    discussion.comment_publishing = "confirm"
    discussion.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, comment_data)
    comment = Comment.objects.get()
    assert comment.state == Comment.State.UNCONFIRMED
    assert "check-email" in response["Location"]
    assert b"Now check your email" in client.get(response["Location"]).content
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/feedback/confirm/" in line)
    response = client.get(link.strip())
    comment.refresh_from_db()
    assert comment.state == Comment.State.PUBLISHED
    assert "comments-status=published" in response["Location"]


def test_thread_queries_do_not_grow_with_comments(client, discussion):
    def add(count):
        for _ in range(count):
            parent = CommentFactory(page=discussion)
            CommentFactory(page=discussion, parent=parent)

    def queries():
        client.get(discussion.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(discussion.url).status_code == 200
        return len(captured)

    add(10)
    few = queries()
    add(190)
    assert queries() == few
