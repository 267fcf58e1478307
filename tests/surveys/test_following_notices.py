"""What followers are sent: an email as it happens when something is published for what they
follow (confirmed followers only, once, by the worker in batches), and a weekly digest whose run
can be interrupted and resumed without losing or repeating an email."""

import datetime
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from surveys.feedback import follow_notices
from surveys.models import Follow, FollowUpdate
from tests.consultations.factories import ReviewIndexPageFactory, days, make_review
from tests.events.factories import EventIndexPageFactory, make_event
from tests.site_home.factories import ThemeFactory, make_place
from tests.stories.factories import make_index, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return ThemeFactory(name="Green spaces")


def follow(email, frequency="immediate", confirmed=True, **target):
    return Follow.objects.create(
        email=email, frequency=frequency, confirmed_at=timezone.now() if confirmed else None, **target
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_published_story_goes_to_confirmed_followers_of_its_place_and_themes_only(
    home_page, place, place_index, theme, send
):
    follow("place@example.org", page=place)
    follow("theme@example.org", theme=theme)
    follow("unconfirmed@example.org", confirmed=False, theme=theme)
    follow("weekly@example.org", frequency="weekly", page=place)
    follow("elsewhere@example.org", page=make_place(place_index, title="Fernbank"))
    follow("other-theme@example.org", theme=ThemeFactory(name="Transport"))
    index = make_index(home_page)
    with send():
        story = make_story(index, place=place, themes=[theme], title="The community garden")
    assert recipients() == ["place@example.org", "theme@example.org"]
    message = mail.outbox[0]
    assert "New story: The community garden" in message.subject
    assert story.full_url.split("/", 3)[-1] in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    with send():
        story.save_revision().publish()  # publishing again tells nobody again
    assert len(mail.outbox) == 2


def test_nothing_is_sent_inside_the_request(home_page, place, theme, django_capture_on_commit_callbacks):
    follow("place@example.org", page=place)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_story(make_index(home_page), place=place, title="A story")
    assert not mail.outbox and callbacks  # queued for the worker once the transaction commits


def test_a_private_page_tells_nobody(home_page, place, send):
    follow("place@example.org", page=place)
    index = make_index(home_page)
    PageViewRestriction.objects.create(page=index, restriction_type="password", password="secret")
    with send():
        make_story(index, place=place, title="A private story")
    assert not mail.outbox and not FollowUpdate.objects.exists()


def test_review_opening_and_outcome_reach_followers_of_the_review_its_places_and_themes(
    home_page, place, theme, send
):
    index = ReviewIndexPageFactory(parent=home_page)
    review = make_review(index, title="Transport review", publish=False)
    review.places.add(place)
    review.themes.add(theme)
    follow("review@example.org", page=review)
    follow("place@example.org", page=place)
    follow("theme@example.org", theme=theme)
    with send():
        review.save_revision().publish()
    assert recipients() == ["place@example.org", "review@example.org", "theme@example.org"]
    assert all(m.subject.startswith("Consultation open: Transport review") for m in mail.outbox)

    mail.outbox.clear()
    review.opening_date, review.closing_date = days(-40), days(-2)
    review.outcome_published = True
    review.outcome_summary = "<p>We changed the bus routes.</p>"
    with send():
        review.save_revision().publish()
    assert len(mail.outbox) == 3
    assert all(m.subject.startswith("Consultation outcome published") for m in mail.outbox)


def test_a_review_opening_at_midnight_is_announced_by_the_daily_command(home_page, send):
    review = make_review(
        ReviewIndexPageFactory(parent=home_page), title="Upcoming", opening_date=days(1), closing_date=days(9)
    )
    follow("review@example.org", page=review)
    assert not mail.outbox
    with mock.patch("django.utils.timezone.localdate", return_value=days(1)), send():
        call_command("announce_opened_reviews")
        call_command("announce_opened_reviews")
    assert recipients() == ["review@example.org"]


def test_event_announced_then_its_dates_change(home_page, place, theme, send):
    follow("place@example.org", page=place)
    index = EventIndexPageFactory(parent=home_page)
    with send():
        event = make_event(index, title="Library drop-in", places=[place], themes=[theme])
    assert [m.subject for m in mail.outbox] == ["New event: Library drop-in"]
    with send():
        event.save_revision().publish()
    assert len(mail.outbox) == 1
    event.start += timedelta(days=7)
    event.end += timedelta(days=7)
    with send():
        event.save_revision().publish()
    assert [m.subject for m in mail.outbox][1] == "Event dates changed: Library drop-in"


def test_followers_are_told_in_batches_each_exactly_once(home_page, place, send, monkeypatch):
    monkeypatch.setattr(follow_notices, "BATCH_SIZE", 2)
    for n in range(5):
        follow(f"f{n}@example.org", page=place)
    with (
        mock.patch.object(follow_notices, "notify_followers", wraps=follow_notices.notify_followers) as task,
        send(),
    ):
        make_story(make_index(home_page), place=place, title="A story")
    assert recipients() == [f"f{n}@example.org" for n in range(5)]
    assert task.enqueue.call_count == 3  # the first batch, then one task per further batch


def _updates(place, count, when):
    for n in range(count):
        update = FollowUpdate.objects.create(
            key=f"story:{n}",
            kind="story",
            title=f"Story {n}",
            url=f"http://testserver/s{n}/",
            created_at=when,
        )
        update.pages.add(place)


def test_weekly_digest_lists_the_week_and_is_not_sent_twice(place, send):
    week_ago = timezone.now() - timedelta(days=7)
    weekly = follow("weekly@example.org", frequency="weekly", page=place)
    Follow.objects.filter(pk=weekly.pk).update(confirmed_at=week_ago)
    follow("immediate@example.org", page=place)
    _updates(place, 2, timezone.now() - timedelta(days=1))
    call_command("send_follow_digests")
    [message] = mail.outbox
    assert message.to == ["weekly@example.org"] and "Story 0" in message.body and "Story 1" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/feedback/follow/unsubscribe/"
    )
    call_command("send_follow_digests")
    assert len(mail.outbox) == 1


def test_weekly_digest_with_nothing_new_sends_nothing(place):
    follow("weekly@example.org", frequency="weekly", page=place)
    call_command("send_follow_digests")
    assert not mail.outbox
    assert Follow.objects.get().last_digest_at is not None


def test_an_interrupted_digest_run_resumes_without_losing_or_repeating_an_email(place):
    week_ago = timezone.now() - timedelta(days=7)
    for n in range(5):
        follow(f"w{n}@example.org", frequency="weekly", page=place)
    Follow.objects.update(confirmed_at=week_ago)
    _updates(place, 1, timezone.now() - timedelta(hours=1))

    real = follow_notices.enqueue_email
    calls = []

    def dies_after_two(*args, **kwargs):
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process is stopped mid-run
        calls.append(args)
        return real(*args, **kwargs)

    with mock.patch.object(follow_notices, "enqueue_email", dies_after_two), pytest.raises(KeyboardInterrupt):
        call_command("send_follow_digests")
    assert recipients() == ["w0@example.org", "w1@example.org"]
    assert Follow.objects.filter(last_digest_at__isnull=False).count() == 2  # the third rolled back

    call_command("send_follow_digests")
    call_command("send_follow_digests")
    assert recipients() == [f"w{n}@example.org" for n in range(5)]


def test_next_weeks_digest_has_only_what_is_new(place):
    start = timezone.now() - timedelta(days=14)
    weekly = follow("weekly@example.org", frequency="weekly", page=place)
    Follow.objects.filter(pk=weekly.pk).update(confirmed_at=start)
    _updates(place, 1, start + timedelta(days=1))
    call_command("send_follow_digests")
    later = timezone.now() + timedelta(days=7)
    new = FollowUpdate.objects.create(
        key="story:new", kind="story", title="Newer story", url="http://testserver/new/", created_at=later
    )
    new.pages.add(place)
    with mock.patch("django.utils.timezone.now", return_value=later + datetime.timedelta(minutes=1)):
        call_command("send_follow_digests")
    assert len(mail.outbox) == 2
    assert "Newer story" in mail.outbox[1].body and "Story 0" not in mail.outbox[1].body


@pytest.fixture
def database_tasks(settings):
    """The production task backend: queued emails are rows in the same database."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db(transaction=True)
def test_the_worker_tells_followers_in_batches_after_the_request(
    home_page, place, database_tasks, monkeypatch
):
    monkeypatch.setattr(follow_notices, "BATCH_SIZE", 2)
    for n in range(3):
        follow(f"f{n}@example.org", page=place)
    make_story(make_index(home_page), place=place, title="A story")
    assert not mail.outbox
    ours = DBTaskResult.objects.filter(task_path__startswith="surveys.")
    assert [t.task_path for t in ours] == ["surveys.feedback.follow_notices.notify_followers"]
    run_worker()
    assert recipients() == ["f0@example.org", "f1@example.org", "f2@example.org"]
    assert all(m.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in mail.outbox)
    assert ours.filter(status="SUCCESSFUL").count() == 2 + 3  # two batches, three emails


@pytest.mark.django_db(transaction=True)
def test_a_digest_run_killed_after_queuing_an_email_but_before_recording_it_repeats_nothing(
    place, database_tasks
):
    for n in range(4):
        follow(f"w{n}@example.org", frequency="weekly", page=place)
    Follow.objects.update(confirmed_at=timezone.now() - timedelta(days=7))
    _updates(place, 1, timezone.now() - timedelta(hours=1))
    real, queued = follow_notices.enqueue_email, []

    def killed_on_the_third(*args, **kwargs):
        real(*args, **kwargs)  # the email's task row is written...
        queued.append(args[0])
        if len(queued) == 3:
            raise KeyboardInterrupt  # ...and the process dies before the follow is marked as sent

    with (
        mock.patch.object(follow_notices, "enqueue_email", killed_on_the_third),
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("send_follow_digests")
    assert DBTaskResult.objects.count() == 2  # the third email's task went with its transaction
    call_command("send_follow_digests")
    run_worker()
    assert recipients() == [f"w{n}@example.org" for n in range(4)]


def test_a_batch_costs_the_same_queries_however_many_it_emails(place, theme):
    update = FollowUpdate.objects.create(
        key="story:1", kind="story", title="A story", url="http://testserver/s/"
    )
    update.pages.add(place)
    update.themes.add(theme)

    def queries(count):
        Follow.objects.all().delete()
        for n in range(count):
            follow(f"p{n}@example.org", page=place)
            follow(f"t{n}@example.org", theme=theme)
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as captured:
            follow_notices.notify_followers.call(update.pk)
        assert len(mail.outbox) == 2 * count
        return len(captured)

    assert queries(2) == queries(6)


def test_each_follower_is_written_to_in_the_language_they_followed_in(home_page, place, send, monkeypatch):
    from django.utils import translation

    from surveys.feedback.following import subscribe

    with translation.override("cy"):
        subscribe("rhian@example.org", "immediate", page=place)
    follow("ann@example.org", page=place)
    Follow.objects.update(confirmed_at=timezone.now())
    assert Follow.objects.get(email="rhian@example.org").language == "cy"

    languages, real = {}, follow_notices.enqueue_email
    monkeypatch.setattr(
        follow_notices,
        "enqueue_email",
        lambda to, *args, **kwargs: (
            languages.update({to: translation.get_language()}) or real(to, *args, **kwargs)
        ),
    )
    with send(), translation.override("en-gb"):
        make_story(make_index(home_page), place=place, title="The community garden")
    assert languages == {"rhian@example.org": "cy", "ann@example.org": "en-gb"}
