"""Staff enter a review response received on paper, by phone or at an event."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import PageLogEntry

from consultations.models import RecommendationResponse
from consultations.overview import feedback_rows
from surveys.feedback.channels import ENTERED_ACTION
from surveys.models import Comment
from tests.events.factories import EventIndexPageFactory, make_event
from tests.site_home.factories import make_place

from .factories import make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(review_index):
    return make_review(review_index, sections=2, recs=2)


@pytest.fixture
def clerk(django_user_model):
    user = django_user_model.objects.create_user("clerk", password="a-long-password-123")
    for codename in ("access_admin", "enter_offline_responses"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return django_user_model.objects.get(pk=user.pk)


def url(review):
    return f"/admin/consultations/review/{review.pk}/enter/"


def test_entering_needs_the_permission(client, django_user_model, review):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(url(review)).status_code in (302, 403)
    first = review.section_list[0]
    client.post(url(review), {"entry-channel": "paper", f"comment_{first.key}": "More buses"})
    assert not Comment.objects.exists() and not RecommendationResponse.objects.exists()


def test_an_entered_response_counts_in_the_heatmap_and_splits_by_channel(
    client, admin_client, clerk, review, place_index, home_page
):
    event = make_event(EventIndexPageFactory(parent=home_page), title="Town hall meeting")
    ashgrove = make_place(place_index, title="Ashgrove")
    first, second = review.section_list
    rec = first.recommendation_list[0]
    client.force_login(clerk)
    form = client.get(url(review)).content.decode()
    assert rec.short_text in form and "Town hall meeting" in form

    empty = client.post(url(review), {"entry-channel": "paper"})
    assert "the form is empty" in empty.content.decode()

    data = {
        "entry-channel": "event",
        "entry-event": event.pk,
        "place": ashgrove.slug,
        "publish": "on",
        f"view_{rec.key}": "agree",
        f"view_{second.recommendation_list[1].key}": "disagree",
        f"comment_{second.key}": "The bus to the hall stops at six.",
    }
    assert client.post(url(review), data).status_code == 302
    views = RecommendationResponse.objects.filter(review=review)
    assert views.count() == 2 and set(views.values_list("channel", flat=True)) == {"event"}
    assert {v.event_id for v in views} == {event.pk} and {v.place_id for v in views} == {ashgrove.pk}
    comment = Comment.objects.get()
    assert (comment.channel, comment.state, comment.section_key) == ("event", "published", second.key)
    assert comment.display_name == "Anonymous" and comment.entered_by == clerk
    assert PageLogEntry.objects.filter(page=review, action=ENTERED_ACTION).count() == 1

    rows = {row["key"]: row["values"] for row in feedback_rows(review)}
    assert rows[rec.key]["agree"] == 1 and rows[second.key]["comments"] == 1
    assert feedback_rows(review, channel="paper")[0]["values"]["agree"] == 0

    response = admin_client.get(f"/admin/consultations/review/{review.pk}/feedback/?channel=event&export=csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][2] == "Channel" and lines[1][2] == "At an event"
