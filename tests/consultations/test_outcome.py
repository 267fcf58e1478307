import pytest
from django.core import mail

from consultations.models import OutcomeItem, OutcomeNotice, ReviewPage
from tests.surveys.factories import CommentFactory

from .factories import days, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_review(review_index):
    return make_review(review_index, opening_date=days(-40), closing_date=days(-5))


def publish_outcome(review):
    rec = review.section_list[0].recommendation_list[1]
    review.outcome_published = True
    review.outcome_summary = "<p>Thank you to everyone who took part.</p>"
    review.outcome_items = [
        OutcomeItem(target_key=rec.key, decision="changed", you_said="Too slow.", we_did="Made it faster.")
    ]
    review.save_revision().publish()
    return rec


def test_outcome_shown_first_with_the_draft_behind_it(client, closed_review):
    rec = publish_outcome(closed_review)
    html = client.get(closed_review.url).content.decode()
    assert "Thank you to everyone who took part." in html
    assert "You said, we did" in html and "Made it faster." in html
    assert f'href="{closed_review.url}draft/#{rec.key}"' in html
    assert "Where are we now?" not in html

    draft = client.get(closed_review.url + "draft/").content.decode()
    assert "Where are we now?" in draft and "This is the draft as residents read it" in draft
    assert "Send my view" not in draft and "Add your comment" not in draft


def test_draft_route_redirects_until_an_outcome_exists(client, closed_review):
    assert client.get(closed_review.url + "draft/")["Location"] == closed_review.url


def test_opted_in_commenters_are_emailed_once(closed_review, django_capture_on_commit_callbacks):
    section = closed_review.section_list[0]
    CommentFactory(
        page=closed_review, section_key=section.key, email="yes@example.org", notify_on_outcome=True
    )
    CommentFactory(page=closed_review, section_key="", email="YES@example.org", notify_on_outcome=True)
    CommentFactory(page=closed_review, email="no@example.org", notify_on_outcome=False)
    CommentFactory(page=closed_review, email="", notify_on_outcome=True)
    CommentFactory(page=closed_review, email="hidden@example.org", notify_on_outcome=True, state="rejected")

    with django_capture_on_commit_callbacks(execute=True):
        publish_outcome(closed_review)
    with django_capture_on_commit_callbacks(execute=True):
        review = ReviewPage.objects.get(pk=closed_review.pk)
        review.outcome_summary = "<p>Updated.</p>"
        review.save_revision().publish()  # a second publish sends nothing

    assert [m.to for m in mail.outbox] == [["yes@example.org"]]
    assert "outcome" in mail.outbox[0].subject and closed_review.title in mail.outbox[0].body
    assert OutcomeNotice.objects.get(review=closed_review).recipients == 1


def test_no_email_while_the_outcome_is_not_published(closed_review, django_capture_on_commit_callbacks):
    CommentFactory(page=closed_review, email="yes@example.org", notify_on_outcome=True)
    with django_capture_on_commit_callbacks(execute=True):
        closed_review.save_revision().publish()
    assert mail.outbox == [] and not OutcomeNotice.objects.exists()


def test_editors_pick_what_an_outcome_item_answers_from_the_draft(admin_client, closed_review):
    publish_outcome(closed_review)
    html = admin_client.get(f"/admin/pages/{closed_review.pk}/edit/").content.decode()
    section = closed_review.section_list[0]
    rec = section.recommendation_list[1]
    assert f'<option value="{section.key}">1. {section.title}</option>' in html
    assert f'<option value="{rec.key}" selected>Recommendation 1.2: {rec.text}</option>' in html
