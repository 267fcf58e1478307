"""One person must not tip the scales, and two people must not be taken for one (site_home.people).

One browser (its participant cookie) has one vote per item; one network (an IPv4 address, an IPv6
/64) adds at most FEEDBACK_VOTES_PER_NETWORK_PER_HOUR votes per item an hour however often cookies
are cleared; reports hide a comment only when they come from different networks.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import RecommendationResponse
from site_home.people import COOKIE_NAME, network_of
from surveys.models import Comment, Reaction, Report
from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.surveys.factories import CommentFactory, make_discussion

pytestmark = pytest.mark.django_db

CAP = 4


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.FEEDBACK_RATE_LIMIT = "1000/m"  # the per-address flood limit is tested elsewhere
    settings.FEEDBACK_VOTES_PER_NETWORK_PER_HOUR = CAP
    settings.FEEDBACK_REPORTS_TO_HIDE = 3


@pytest.fixture
def comment(home_page):
    discussion = make_discussion(home_page, title="The community hall", slug="hall")
    return CommentFactory(page=discussion, body="Open it on Sundays.")


@pytest.fixture
def review(home_page):
    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return make_review(index, sections=1, recs=1)


def agree(client, comment, address="192.0.2.10", agent="Firefox"):
    url = reverse("surveys:comment_agree", args=[comment.pk])
    return client.post(url, {"return_to": "/hall/"}, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def report(client, comment, address="192.0.2.10", agent="Firefox"):
    url = reverse("surveys:comment_report", args=[comment.pk])
    data = {"reason": "abusive", "details": "", "return_to": "/hall/"}
    return client.post(url, data, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def vote(client, review, choice="agree", address="192.0.2.10", agent="Firefox"):
    rec = review.section_list[0].recommendation_list[0]
    url = f"{review.url}respond/{rec.key}/"
    return client.post(url, {f"{rec.key}-choice": choice}, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def state_of(comment):
    comment.refresh_from_db()
    return comment.state


# Reports


def test_three_reports_from_one_address_with_three_browsers_do_not_hide_a_comment(client, comment):
    for agent in ("Firefox", "Chrome", "Safari"):
        client.cookies.clear()
        report(client, comment, agent=agent)
    assert Report.objects.count() == 3  # each is kept for the moderators
    assert state_of(comment) == Comment.State.PUBLISHED


def test_reports_from_three_networks_hide_a_comment(client, comment):
    for address in ("192.0.2.10", "198.51.100.20", "203.0.113.30"):
        client.cookies.clear()
        report(client, comment, address=address)
    assert state_of(comment) == Comment.State.FLAGGED
    assert comment.moderation_events.get().reason == "Reported from 3 different networks"


def test_ipv6_addresses_in_one_64_count_as_one_network(client, comment):
    for address in ("2001:db8:1:2::1", "2001:db8:1:2:aaaa::9", "2001:db8:1:2:ffff:ffff:ffff:ffff"):
        client.cookies.clear()
        report(client, comment, address=address)
    assert state_of(comment) == Comment.State.PUBLISHED
    client.cookies.clear()
    report(client, comment, address="2001:db8:1:3::1")  # the next /64 is another network
    client.cookies.clear()
    report(client, comment, address="192.0.2.10")
    assert state_of(comment) == Comment.State.FLAGGED


def test_networks_are_ipv4_addresses_and_ipv6_64s():
    assert network_of("192.0.2.10") == "192.0.2.10"
    assert network_of("::ffff:192.0.2.10") == "192.0.2.10"
    assert network_of("2001:db8:1:2:3:4:5:6") == network_of("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert network_of("2001:db8:1:3::1") != network_of("2001:db8:1:2::1")
    assert network_of("") == network_of("not an address") == "unknown"


def test_rate_limits_count_an_ipv6_64_as_one_client(client, comment, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/m"
    codes = [report(client, comment, address=f"2001:db8:1:2::{n}").status_code for n in range(1, 4)]
    assert codes == [302, 302, 429]


# "I agree" on a comment


def test_twelve_agreements_from_one_browser_with_new_user_agents_count_once(client, comment):
    for n in range(12):
        agree(client, comment, agent=f"Browser/{n}")
    comment.refresh_from_db()
    assert comment.agree_count == 1 == Reaction.objects.count()


def test_agreements_with_cookies_cleared_are_capped_per_network(client, comment):
    statuses = []
    for n in range(12):
        client.cookies.clear()
        statuses.append(agree(client, comment, agent=f"Browser/{n}")["Location"])
    comment.refresh_from_db()
    assert comment.agree_count == CAP == Reaction.objects.count()
    refused = statuses[CAP]
    assert "comments-status=agree-limit" in refused
    assert "many people on your network" in client.get(refused).content.decode()
    client.cookies.clear()
    agree(client, comment, address="198.51.100.20")  # another network still counts
    comment.refresh_from_db()
    assert comment.agree_count == CAP + 1


def test_a_network_may_agree_again_after_an_hour(client, comment):
    for _ in range(CAP):
        client.cookies.clear()
        agree(client, comment)
    Reaction.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    client.cookies.clear()
    agree(client, comment)
    assert Reaction.objects.count() == CAP + 1


def test_two_residents_on_one_network_both_agree(client, comment):
    from django.test import Client

    neighbour = Client(headers={"Origin": "http://testserver"})
    assert "status=agreed" in agree(client, comment)["Location"]
    assert "status=agreed" in agree(neighbour, comment)["Location"]
    comment.refresh_from_db()
    assert comment.agree_count == 2


# Agree / disagree on a recommendation


def test_twelve_votes_from_one_browser_with_new_user_agents_count_once(client, review):
    for n in range(12):
        vote(client, review, agent=f"Browser/{n}")
    assert RecommendationResponse.objects.count() == 1


def test_votes_with_cookies_cleared_are_capped_per_network(client, review):
    for n in range(12):
        client.cookies.clear()
        response = vote(client, review, agent=f"Browser/{n}")
    assert RecommendationResponse.objects.count() == CAP
    assert response.status_code == 302  # refused with a message, not an error
    page = client.get(response["Location"]).content.decode()
    assert "many people on your network have answered it in the last hour" in page


def test_two_residents_on_one_network_both_count_and_neither_replaces_the_other(client, review):
    from django.test import Client

    neighbour = Client(headers={"Origin": "http://testserver"})
    vote(client, review, "agree")
    vote(neighbour, review, "disagree")
    assert sorted(RecommendationResponse.objects.values_list("choice", flat=True)) == ["agree", "disagree"]


def test_a_second_answer_from_one_browser_says_it_replaces_the_first(client, review):
    client.get(vote(client, review, "agree")["Location"])
    response = vote(client, review, "disagree")
    assert RecommendationResponse.objects.get().choice == "disagree"
    page = client.get(response["Location"]).content.decode()
    assert "It replaces the answer given before from this browser" in page
    assert "agree)" not in page.replace("disagree)", "")  # the earlier answer is not shown


# The cookie


def test_the_participant_cookie_is_not_set_on_pages(client, comment, review):
    for url in (comment.page.url, review.url, reverse("surveys:comment_report", args=[comment.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert COOKIE_NAME not in response.cookies
    assert COOKIE_NAME not in client.cookies


def test_the_participant_cookie_is_signed_http_only_lax_and_secure_in_production(client, comment, settings):
    settings.SESSION_COOKIE_SECURE = True  # as production.py sets it
    cookie = agree(client, comment).cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert ":" in cookie.value  # value:signature
    assert agree(client, comment).cookies.get(COOKIE_NAME) is None  # kept, not sent again


def test_a_tampered_participant_cookie_is_replaced_and_counts_as_a_new_browser(client, comment):
    first = agree(client, comment).cookies[COOKIE_NAME].value
    client.cookies[COOKIE_NAME] = first.split(":")[0] + "x:forged"
    second = agree(client, comment).cookies[COOKIE_NAME].value
    assert second != first
    assert Reaction.objects.count() == 2  # a new browser on the same network, under the cap


# Concurrency: the cap holds when one network's posts arrive at once (row locks: PostgreSQL only)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("what", ["agree", "vote"])
def test_concurrent_posts_from_one_network_stay_within_the_cap(home_page, what):
    import threading

    from django.db import connection, connections
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks and its in-memory test database is not shared by threads")
    discussion = make_discussion(home_page, title="The community hall", slug="hall")
    item = CommentFactory(page=discussion)
    if what == "vote":
        index = ReviewIndexPageFactory(parent=home_page)
        index.save_revision().publish()
        item = make_review(index, sections=1, recs=1)
    barrier = threading.Barrier(8)
    codes = []

    def post():
        try:
            barrier.wait()
            browser = Client(headers={"Origin": "http://testserver"})
            response = agree(browser, item) if what == "agree" else vote(browser, item)
            codes.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302] * 8
    rows = Reaction.objects if what == "agree" else RecommendationResponse.objects
    assert rows.count() == CAP
