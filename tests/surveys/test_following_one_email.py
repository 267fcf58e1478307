"""One email for several follows: an address whose follows (a place and a theme, say) all match
the same news hears of it once, as it happens or in one weekly digest, and an interrupted digest
run still neither loses nor repeats an email."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from surveys.feedback import follow_notices
from surveys.models import Follow, FollowUpdate
from tests.site_home.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return ThemeFactory(name="Green spaces")


def follow(email, frequency="immediate", confirmed_at=None, **target):
    return Follow.objects.create(
        email=email, frequency=frequency, confirmed_at=confirmed_at or timezone.now(), **target
    )


def news(key, when=None, pages=(), themes=()):
    update = FollowUpdate.objects.create(
        key=key,
        kind="story",
        title=f"Story {key}",
        url=f"http://testserver/{key}/",
        created_at=when or timezone.now(),
    )
    update.pages.set(pages)
    update.themes.set(themes)
    return update


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_as_it_happens_an_address_following_a_place_and_a_theme_gets_one_email(place, theme, monkeypatch):
    monkeypatch.setattr(follow_notices, "BATCH_SIZE", 1)  # an address's follows never split by a batch
    both = [follow("both@example.org", page=place), follow("Both@Example.org ", theme=theme)]
    follow("place@example.org", page=place)
    follow("theme@example.org", theme=theme)
    update = news("s1", pages=[place], themes=[theme])
    follow_notices.notify_followers.call(update.pk)
    assert recipients() == ["both@example.org", "place@example.org", "theme@example.org"]
    message = next(m for m in mail.outbox if m.to == ["both@example.org"])
    assert 'You follow "Ashgrove" and "Green spaces"' in message.body
    for one in both:  # each follow can still be stopped on its own
        assert f"/feedback/follow/unsubscribe/{one.token}/" in message.body
    assert both[0].token in message.extra_headers["List-Unsubscribe"]


def test_the_one_click_unsubscribe_of_a_combined_email_stops_every_follow_it_was_for(
    client, place, theme, monkeypatch
):
    mine = [follow("both@example.org", page=place), follow("both@example.org", theme=theme)]
    kept = follow("both@example.org", page=place.get_parent())  # not in this email
    follow_notices.notify_followers.call(news("s1", pages=[place], themes=[theme]).pk)
    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")

    confirm = client.get(link).content.decode()  # a link scanner's GET stops nothing
    assert "Stop following Ashgrove, Green spaces?" in confirm
    assert Follow.objects.count() == 3

    done = client.post(link, {"List-Unsubscribe": "One-Click"})  # as mail providers send it
    assert "We will not email you about Ashgrove or Green spaces again." in done.content.decode()
    assert list(Follow.objects.all()) == [kept]
    assert not Follow.objects.filter(pk__in=[f.pk for f in mine]).exists()


def test_a_weekly_digest_covers_all_an_addresses_follows_in_one_email_each_news_once(place, theme):
    week_ago = timezone.now() - timedelta(days=7)
    follow("both@example.org", "weekly", week_ago, page=place)
    follow("both@example.org", "weekly", week_ago, theme=theme)
    news("s1", timezone.now() - timedelta(days=2), pages=[place], themes=[theme])
    news("s2", timezone.now() - timedelta(days=1), themes=[theme])
    call_command("send_follow_digests")
    [message] = mail.outbox
    assert message.body.count("Story s1") == 1 and message.body.count("Story s2") == 1
    assert Follow.objects.filter(last_digest_at__isnull=True).count() == 0
    call_command("send_follow_digests")
    assert len(mail.outbox) == 1


def test_news_already_sent_as_it_happens_is_not_repeated_in_the_digest(place, theme):
    week_ago = timezone.now() - timedelta(days=7)
    follow("mixed@example.org", "immediate", week_ago, page=place)
    follow("mixed@example.org", "weekly", week_ago, theme=theme)
    both = news("both", pages=[place], themes=[theme])
    follow_notices.notify_followers.call(both.pk)
    assert len(mail.outbox) == 1
    news("theme-only", themes=[theme])
    call_command("send_follow_digests")
    assert len(mail.outbox) == 2
    digest = mail.outbox[1]
    assert "Story theme-only" in digest.body and "Story both" not in digest.body


def test_a_follow_confirmed_since_the_last_digest_joins_the_next_one(place, theme):
    start = timezone.now() - timedelta(days=14)
    follow("res@example.org", "weekly", start, page=place)
    news("old", start + timedelta(days=1), pages=[place])
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(days=7)):
        call_command("send_follow_digests")
    assert len(mail.outbox) == 1
    follow("res@example.org", "weekly", start + timedelta(days=9), theme=theme)
    news("new", start + timedelta(days=10), pages=[place], themes=[theme])
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(days=11)):
        call_command("send_follow_digests")  # not due: the address had its digest four days ago
    assert len(mail.outbox) == 1
    call_command("send_follow_digests")
    assert len(mail.outbox) == 2
    body = mail.outbox[1].body
    assert body.count("Story new") == 1 and "Story old" not in body
    assert '"Ashgrove" and "Green spaces"' in body


def test_an_interrupted_digest_run_of_several_follows_an_address_neither_loses_nor_repeats(place, theme):
    week_ago = timezone.now() - timedelta(days=7)
    for n in range(4):
        follow(f"w{n}@example.org", "weekly", week_ago, page=place)
        follow(f"w{n}@example.org", "weekly", week_ago, theme=theme)
    news("s1", timezone.now() - timedelta(hours=1), pages=[place], themes=[theme])
    real, calls = follow_notices.enqueue_email, []

    def dies_on_the_third(*args, **kwargs):
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process is stopped mid-run
        calls.append(args)
        return real(*args, **kwargs)

    with (
        mock.patch.object(follow_notices, "enqueue_email", dies_on_the_third),
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("send_follow_digests")
    assert recipients() == ["w0@example.org", "w1@example.org"]
    # Both follows of each address that was sent are recorded; the third address rolled back whole.
    assert Follow.objects.filter(last_digest_at__isnull=False).count() == 4

    call_command("send_follow_digests")
    call_command("send_follow_digests")
    assert recipients() == [f"w{n}@example.org" for n in range(4)]
    assert all(m.body.count("Story s1") == 1 for m in mail.outbox)


def test_a_digest_costs_the_same_queries_however_much_news(place, theme):
    week_ago = timezone.now() - timedelta(days=7)
    transport = ThemeFactory(name="Transport")

    def queries(count):
        Follow.objects.all().delete()
        FollowUpdate.objects.all().delete()
        mail.outbox.clear()
        follow("one@example.org", "weekly", week_ago, page=place)
        follow("one@example.org", "weekly", week_ago, theme=theme)
        follow("one@example.org", "immediate", week_ago, theme=transport)
        for n in range(count):
            news(f"s{n}", timezone.now() - timedelta(hours=n + 1), themes=[theme])
        with CaptureQueriesContext(connection) as captured:
            follow_notices.send_digests()
        assert len(mail.outbox) == 1 and mail.outbox[0].body.count("Story s") == count
        return len(captured)

    assert queries(2) == queries(9)


def test_an_as_it_happens_batch_costs_the_same_queries_with_several_follows_an_address(place, theme):
    update = news("s1", pages=[place], themes=[theme])

    def queries(count):
        Follow.objects.all().delete()
        mail.outbox.clear()
        for n in range(count):
            follow(f"a{n}@example.org", page=place)
            follow(f"a{n}@example.org", theme=theme)
        with CaptureQueriesContext(connection) as captured:
            follow_notices.notify_followers.call(update.pk)
        assert len(mail.outbox) == count
        return len(captured)

    assert queries(2) == queries(6)
