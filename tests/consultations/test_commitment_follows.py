"""Following a commitment: the form on its page, and followers of the commitment, its places, its
themes and the consultation it came from told of each new public update and status, once."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultations.models import CommitmentPage, CommitmentStatus, CommitmentUpdate
from surveys.models import Follow
from tests.site_home.factories import ThemeFactory, make_place

from .factories import days, make_commitment, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run what was queued for after the commit (the emails), as the worker would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def follow(email, frequency="immediate", **target):
    return Follow.objects.create(email=email, frequency=frequency, confirmed_at=timezone.now(), **target)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def post_update(commitment, text, status=None, reason=""):
    commitment = CommitmentPage.objects.get(pk=commitment.pk)
    CommitmentUpdate.objects.create(page=commitment, date=days(0), text=text, sort_order=99)
    commitment = CommitmentPage.objects.get(pk=commitment.pk)
    if status:
        commitment.status, commitment.status_reason = status, reason
    commitment.save_revision().publish()
    return commitment


@pytest.fixture
def scene(commitment_index, review_index, place_index):
    place = make_place(place_index, title="Ashgrove")
    theme = ThemeFactory(name="Funding")
    review = make_review(review_index, title="Community halls")
    commitment = make_commitment(
        commitment_index, title="Open the halls late", places=[place], themes=[theme], source_page=review
    )
    return {"place": place, "theme": theme, "review": review, "commitment": commitment}


def test_the_commitment_page_carries_the_follow_form_and_a_resident_follows_it(client, scene, send):
    commitment = scene["commitment"]
    html = client.get(commitment.url).content.decode()
    assert "Follow Open the halls late" in html
    assert f'name="follow-page_id" value="{commitment.pk}"' in html
    with send():
        response = client.post(
            "/feedback/follow/",
            {
                "follow-email": "morag@example.org",
                "follow-frequency": "immediate",
                "follow-page_id": commitment.pk,
            },
        )
    assert response.status_code == 302
    stored = Follow.objects.get()
    assert stored.page_id == commitment.pk and not stored.is_confirmed
    [message] = mail.outbox
    assert "Open the halls late" in message.body
    confirm = re.search(r"http://testserver(/feedback/follow/confirm/\S+/)", message.body).group(1)
    client.get(confirm)
    assert Follow.objects.get().is_confirmed


def test_a_new_update_reaches_followers_of_the_commitment_its_places_themes_and_source(scene, send):
    commitment = scene["commitment"]
    follow("commitment@example.org", page=commitment)
    follow("place@example.org", page=scene["place"])
    follow("theme@example.org", theme=scene["theme"])
    follow("review@example.org", page=scene["review"])
    Follow.objects.create(email="unconfirmed@example.org", page=commitment)
    follow("weekly@example.org", frequency="weekly", page=commitment)
    with send():
        commitment = post_update(commitment, "Fernbank hall now opens until 9pm.")
    assert recipients() == [
        "commitment@example.org",
        "place@example.org",
        "review@example.org",
        "theme@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "Commitment updated: Open the halls late"
    assert "Fernbank hall now opens until 9pm." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mail.outbox.clear()
    with send():
        commitment.save_revision().publish()  # nothing new: nobody told again
    assert not mail.outbox


def test_a_status_change_is_told_once_and_with_an_update_in_one_email(scene, send):
    commitment = scene["commitment"]
    follow("commitment@example.org", page=commitment)
    commitment = CommitmentPage.objects.get(pk=commitment.pk)
    commitment.status = CommitmentStatus.IN_PROGRESS
    with send():
        commitment.save_revision().publish()
    [message] = mail.outbox
    assert "Status: In progress." in message.body

    mail.outbox.clear()
    with send():
        post_update(
            commitment, "All six halls open late.", status=CommitmentStatus.DONE, reason="Open since May."
        )
    [message] = mail.outbox
    assert "Status: Done. Open since May." in message.body and "All six halls open late." in message.body


@pytest.mark.parametrize("how", ["draft", "restricted"])
def test_an_update_nobody_may_see_tells_nobody(scene, send, how):
    commitment = scene["commitment"]
    follow("place@example.org", page=scene["place"])
    if how == "restricted":
        PageViewRestriction.objects.create(page=commitment, restriction_type="password", password="x")
        with send():
            post_update(commitment, "Secret progress.")
    else:
        commitment = CommitmentPage.objects.get(pk=commitment.pk)
        CommitmentUpdate.objects.create(page=commitment, date=days(0), text="Draft progress.", sort_order=9)
        with send():
            CommitmentPage.objects.get(pk=commitment.pk).save_revision()  # saved, not published
    assert not mail.outbox


def test_a_weekly_follower_gets_the_update_in_the_digest(scene, send):
    commitment = scene["commitment"]
    weekly = follow("weekly@example.org", frequency="weekly", page=commitment)
    Follow.objects.filter(pk=weekly.pk).update(confirmed_at=timezone.now() - timedelta(days=7))
    with send():
        post_update(commitment, "Rotas redrawn.")
    assert not mail.outbox
    call_command("send_follow_digests")
    [message] = mail.outbox
    assert "Commitment updated: Open the halls late" in message.body and "Rotas redrawn." in message.body


def test_announcing_a_new_update_costs_the_same_however_many_came_before(scene, commitment_index):
    from consultations.commitments.notices import tell_followers

    def queries(earlier):
        commitment = make_commitment(
            commitment_index, places=[scene["place"]], themes=[scene["theme"]], updates=earlier
        )
        tell_followers(CommitmentPage, CommitmentPage.objects.get(pk=commitment.pk))  # the earlier ones
        CommitmentUpdate.objects.create(page=commitment, date=days(0), text="The new one.", sort_order=99)
        with CaptureQueriesContext(connection) as captured:
            announced = tell_followers(CommitmentPage, CommitmentPage.objects.get(pk=commitment.pk))
        assert [a.summary for a in announced] == ["The new one."]
        return len(captured)

    assert queries(1) == queries(8)
