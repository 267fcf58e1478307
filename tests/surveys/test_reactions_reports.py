""" "I agree" once per participant, reports hiding a comment at N distinct networks."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from site_home.people import COOKIE_NAME, person
from surveys.models import Comment, FeedbackSettings, Reaction, Report
from tests.surveys.factories import CommentFactory

pytestmark = pytest.mark.django_db

BROWSER = {"REMOTE_ADDR": "192.0.2.10", "HTTP_USER_AGENT": "Firefox"}


def agree(client, comment, **who):
    return client.post(reverse("surveys:comment_agree", args=[comment.pk]), {"return_to": "/hall/"}, **who)


def report(client, comment, reason="abusive", **who):
    url = reverse("surveys:comment_report", args=[comment.pk])
    return client.post(url, {"reason": reason, "details": "Rude.", "return_to": "/hall/"}, **who)


def test_one_agreement_per_participant(client, discussion):
    comment = CommentFactory(page=discussion)
    first = agree(client, comment, **BROWSER)
    assert first["Location"] == f"/hall/?comments-status=agreed#comment-{comment.pk}"
    second = agree(client, comment, **BROWSER)
    assert "already-agreed" in second["Location"]
    assert b"You have already agreed" in client.get(second["Location"]).content
    # Another browser name or another network is still the same browser, which holds the cookie.
    agree(client, comment, REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="Chrome")
    agree(client, comment, REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="Firefox")
    client.cookies.clear()  # another resident, in their own browser
    assert "comments-status=agreed" in agree(client, comment, REMOTE_ADDR="198.51.100.7")["Location"]
    comment.refresh_from_db()
    assert comment.agree_count == 2 == Reaction.objects.count()


def test_reaction_stores_keyed_hashes_not_the_address_or_the_cookie(client, discussion, rf, settings):
    comment = CommentFactory(page=discussion)
    response = agree(client, comment, **BROWSER)
    stored = Reaction.objects.get()
    assert "192.0.2.10" not in stored.participant + stored.network
    assert len(stored.participant) == 64 == len(stored.network)
    request = rf.post("/", **BROWSER)
    request.COOKIES[COOKIE_NAME] = response.cookies[COOKIE_NAME].value
    request.user = type("Anon", (), {"is_authenticated": False})()
    assert person(request, f"agree:{comment.pk}").participant == stored.participant
    assert person(request, f"agree:{comment.pk}").network == stored.network
    other = person(request, f"agree:{comment.pk + 1}")  # not linkable across comments
    assert stored.participant != other.participant and stored.network != other.network
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert person(request, f"agree:{comment.pk}").participant != stored.participant


def test_agreements_are_rate_limited(client, discussion, settings):
    settings.FEEDBACK_RATE_LIMIT = "3/h"
    comments = CommentFactory.create_batch(4, page=discussion)
    codes = [agree(client, c, **BROWSER).status_code for c in comments]
    assert codes == [302, 302, 302, 429]
    assert Reaction.objects.count() == 3


def test_cannot_agree_with_a_hidden_comment(client, discussion):
    comment = CommentFactory(page=discussion, state=Comment.State.FLAGGED)
    assert agree(client, comment).status_code == 404


def test_report_form_page_and_errors(client, discussion):
    comment = CommentFactory(page=discussion, body="Something to report")
    url = reverse("surveys:comment_report", args=[comment.pk])
    page = client.get(url + "?return_to=/hall/")
    assert page.status_code == 200 and b"Something to report" in page.content
    response = client.post(url, {"details": "x" * 1001})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select why you are reporting this comment" in html
    assert "Keep it to 1,000 characters or fewer" in html
    assert Report.objects.count() == 0


@pytest.mark.parametrize("threshold", [3, 2])
def test_reports_from_n_distinct_networks_hide_the_comment(client, discussion, settings, threshold):
    settings.FEEDBACK_REPORTS_TO_HIDE = threshold
    comment = CommentFactory(page=discussion, body="A comment people object to")
    for _ in range(3):  # the same person reporting again does not count twice
        report(client, comment, REMOTE_ADDR="192.0.2.1")
    for n in range(2, threshold):
        client.cookies.clear()
        report(client, comment, REMOTE_ADDR=f"192.0.2.{n}")
    comment.refresh_from_db()
    assert comment.state == Comment.State.PUBLISHED and comment.report_count == threshold - 1
    client.cookies.clear()
    response = report(client, comment, REMOTE_ADDR="192.0.2.99")
    assert response["Location"] == "/hall/?comments-status=reported#comments"
    comment.refresh_from_db()
    assert comment.state == Comment.State.FLAGGED and comment.report_count == threshold
    event = comment.moderation_events.get()
    assert (event.action, event.from_state, event.to_state, event.user) == (
        "flagged",
        "published",
        "flagged",
        None,
    )
    assert b"A comment people object to" not in client.get(discussion.url).content


def test_site_setting_overrides_the_report_threshold(client, discussion, settings):
    settings.FEEDBACK_REPORTS_TO_HIDE = 3
    feedback = FeedbackSettings.for_site(Site.objects.get())
    feedback.reports_to_hide = 1
    feedback.save()
    comment = CommentFactory(page=discussion)
    report(client, comment)
    comment.refresh_from_db()
    assert comment.state == Comment.State.FLAGGED


def test_reports_are_rate_limited_and_honeypot_stores_nothing(client, discussion, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/h"
    comment = CommentFactory(page=discussion)
    url = reverse("surveys:comment_report", args=[comment.pk])
    client.post(url, {"reason": "spam", "website": "bot"})
    assert Report.objects.count() == 0
    report(client, comment)
    assert report(client, comment).status_code == 429
