"""Booking cannot be used to learn who has booked, or to fill an event with made-up addresses:
every attempt gets the same screen, the email tells what happened, and places are held only
briefly until the address is confirmed."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import reservations
from events.models import Booking
from events.tokens import confirm_url
from site_home.retention import apply_retention
from tests.events.factories import BookingFactory, EventSessionFactory, make_event

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+')


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.EVENT_BOOKING_RATE_LIMIT = "1000/m"  # these tests are about what one attempt answers


def form_data(**overrides):
    return {"name": "Visitor", "email": "someone@example.org", "places": "1", "consent": "on", **overrides}


def comparable(response):
    headers = {k: v for k, v in response.headers.items() if k not in {"Date", "Expires"}}
    return (
        response.status_code,
        [template.name for template in response.templates],
        CSRF.sub(rb"\1", response.content),
        headers,
        sorted(response.cookies),
    )


def attempt(client, event, email):
    posted = client.post(event.url + "book/", form_data(email=email))
    page = client.get(posted["Location"])
    return comparable(posted), comparable(page)


def confirm_link(message):
    return re.search(r"http://testserver(/events/bookings/confirm/[^/\s]+/)", message.body).group(1)


def expire_holds():
    Booking.objects.exclude(confirm_by=None).update(confirm_by=timezone.now() - datetime.timedelta(seconds=1))


def test_the_screen_after_booking_is_the_same_whether_or_not_the_email_has_a_booking(
    client, event_index, on_commit
):
    event = make_event(event_index, capacity=10)
    BookingFactory(event=event, email="known@example.org")
    reservations.book(event, name="Pending", email="pending@example.org")
    attempt(client, event, "warm-up@example.org")  # fills the fragment caches every answer uses
    with on_commit():
        unknown = attempt(client, event, "unknown@example.org")
        known = attempt(client, event, "known@example.org")
        pending = attempt(client, event, "pending@example.org")
        spam = client.post(event.url + "book/", form_data(email="bot@example.org", website="x"))
    assert unknown == known == pending
    assert comparable(spam) == unknown[0]
    assert unknown[0][0] == 302 and unknown[1][0] == 200
    assert b"Check your email" in unknown[1][2]
    # The difference is told only to the address itself.
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "unknown@example.org": f"Confirm your booking: {event.title}",
        "known@example.org": f"You already have a booking: {event.title}",
        "pending@example.org": f"Confirm your booking: {event.title}",
    }


def test_a_full_workshop_is_reported_the_same_for_known_and_unknown_emails(client, event_index):
    event = make_event(event_index, capacity=10)
    workshop = EventSessionFactory(page=event, title="Green spaces", capacity=1)
    other = EventSessionFactory(page=event, title="Budgets", capacity=5)
    booked = BookingFactory(event=event, email="known@example.org")
    booked.sessions.set([other])
    BookingFactory(event=event).sessions.set([workshop])
    emails = ("first@example.org", "known@example.org", "other@example.org")  # one length
    answers = [
        client.post(event.url + "book/", form_data(email=email, sessions=[workshop.pk])) for email in emails
    ]
    for answer, email in zip(answers, emails, strict=True):
        answer.content = answer.content.replace(email.encode(), b"EMAIL")
    assert comparable(answers[1]) == comparable(answers[2])
    assert "Green spaces is full" in answers[1].content.decode()


@pytest.mark.parametrize("known", [True, False])
def test_repeated_attempts_email_an_address_at_most_three_times_a_day(client, event_index, on_commit, known):
    event = make_event(event_index, capacity=10)
    if known:
        BookingFactory(event=event, email="target@example.org")
    with on_commit():
        answers = [attempt(client, event, "target@example.org") for _ in range(9)]
    assert all(answer == answers[-1] for answer in answers[1:])  # the same screen, emailed or not
    assert [message.to for message in mail.outbox] == [["target@example.org"]] * 3
    assert Booking.objects.filter(event=event).count() == 1

    Booking.objects.update(emails_since=timezone.now() - datetime.timedelta(days=1, seconds=1))
    with on_commit():
        attempt(client, event, "target@example.org")
        attempt(client, event, "target@example.org")
    assert len(mail.outbox) == 5  # a new day, a new allowance


def test_the_limit_holds_when_the_booking_lapses_and_is_made_again(client, event_index, on_commit):
    event = make_event(event_index, capacity=10)
    with on_commit():
        for _ in range(3):
            attempt(client, event, "target@example.org")
            expire_holds()
        attempt(client, event, "target@example.org")
    assert len(mail.outbox) == 3


def test_an_unconfirmed_hold_lapses_and_its_places_go_to_the_waiting_list_first(
    client, event_index, on_commit
):
    event = make_event(event_index, capacity=4, max_places_per_booking=4)
    with on_commit():
        client.post(event.url + "book/", form_data(email="hold@example.org", places="4"))
        client.post(event.url + "book/", form_data(email="wait@example.org", places="2"))
    with on_commit():
        client.get(confirm_link(mail.outbox[1]))  # joins the waiting list for real
    hold_link = confirm_link(mail.outbox[0])
    assert event.places_left() == 0
    assert Booking.objects.get(email="wait@example.org").status == Booking.Status.WAITING

    expire_holds()  # 30 minutes later, nobody confirmed the first booking
    assert event.places_left() == 4  # counted as free at once, no job needed
    with on_commit():
        client.post(event.url + "book/", form_data(email="late@example.org", places="4"))
    statuses = dict(Booking.objects.values_list("email", "status"))
    assert statuses["wait@example.org"] == Booking.Status.CONFIRMED  # moved up before the newcomer
    assert statuses["late@example.org"] == Booking.Status.WAITING
    assert any("place has come up" in m.subject and m.to == ["wait@example.org"] for m in mail.outbox)

    expired = client.get(hold_link)
    assert expired.status_code == 410 and "This link has expired" in expired.content.decode()
    assert Booking.objects.get(email="hold@example.org").has_lapsed()


def test_the_release_command_moves_the_waiting_list_up_without_a_new_booking(event_index, on_commit):
    event = make_event(event_index, capacity=1)
    reservations.book(event, name="Hold", email="hold@example.org")
    waiting = reservations.confirm(reservations.book(event, name="Wait", email="wait@example.org").booking)
    assert waiting.status == Booking.Status.WAITING
    expire_holds()
    with on_commit():
        call_command("release_booking_holds", stdout=io.StringIO())
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["wait@example.org"]]


def test_a_lapsed_booking_can_be_made_again_with_the_same_email(client, event_index, on_commit):
    event = make_event(event_index, capacity=2)
    with on_commit():
        client.post(event.url + "book/", form_data(email="again@example.org", places="2"))
    expire_holds()
    with on_commit():
        client.post(event.url + "book/", form_data(email="again@example.org", places="1"))
    page = client.get(confirm_link(mail.outbox[-1]))
    assert "Booking confirmed" in page.content.decode()
    booking = Booking.objects.get()
    assert (booking.places, booking.status, booking.is_unconfirmed) == (1, Booking.Status.CONFIRMED, False)


def test_tampered_and_expired_confirmation_links_are_refused(client, event_index, settings):
    event = make_event(event_index, capacity=5)
    booking = reservations.book(event, name="R", email="r@example.org").booking
    link = confirm_url(booking)
    token = link.rstrip("/").rsplit("/", 1)[1]
    for bad in (token[:-2] + "xx", "nonsense", token.replace(":", ":x", 1)):
        response = client.get(f"/events/bookings/confirm/{bad}/")
        assert response.status_code == 404 and "This link does not work" in response.content.decode()
    settings.EVENT_BOOKING_HOLD_MINUTES = -1
    assert client.get(link).status_code == 410
    booking.refresh_from_db()
    assert booking.is_unconfirmed
    assert client.post(link).status_code == 405


def test_one_client_cannot_fill_an_event_with_made_up_emails(client, event_index, settings):
    settings.EVENT_BOOKING_PLACES_PER_CLIENT = 12
    event = make_event(event_index, capacity=40, max_places_per_booking=4)
    answers = [
        client.post(
            event.url + "book/",
            form_data(email=f"fake{n}@example.org", places="4"),
            REMOTE_ADDR="198.51.100.7",
        )
        for n in range(12)
    ]
    assert [answer.status_code for answer in answers] == [302] * 3 + [200] * 9
    refused = answers[-1].content.decode()
    assert "You cannot book more places for this event from this internet connection" in refused
    assert "events@example.org" in refused and "There is a problem" in refused
    assert event.places_left() == 28
    neighbour = client.post(
        event.url + "book/", form_data(email="real@example.org", places="4"), REMOTE_ADDR="198.51.100.8"
    )
    assert neighbour.status_code == 302
    expire_holds()
    assert event.places_left() == 40  # and what was held unconfirmed comes back


def test_addresses_in_one_ipv6_slash_64_are_one_client(client, event_index, settings):
    settings.EVENT_BOOKING_PLACES_PER_CLIENT = 4
    event = make_event(event_index, capacity=40, max_places_per_booking=4)

    def book(n, address):
        data = form_data(email=f"v6-{n}@example.org", places="4")
        return client.post(event.url + "book/", data, REMOTE_ADDR=address).status_code

    assert book(1, "2001:db8:1:2::1") == 302
    assert book(2, "2001:db8:1:2:ffff::9") == 200  # same /64: the same home
    assert book(3, "2001:db8:1:3::1") == 302  # the next /64 is someone else


def test_unconfirmed_bookings_are_deleted_a_day_after_they_lapse(event_index):
    event = make_event(event_index, capacity=5)
    lapsed = reservations.book(event, name="Gone", email="gone@example.org").booking
    kept = reservations.confirm(reservations.book(event, name="Kept", email="kept@example.org").booking)
    expire_holds()
    apply_retention()
    assert Booking.objects.filter(pk=lapsed.pk).exists()  # its email count still holds today
    apply_retention(now=timezone.now() + datetime.timedelta(days=1, minutes=1))
    assert list(Booking.objects.all()) == [kept]


def test_no_booking_attempt_refreshes_the_public_page_cache_until_a_booking_is_confirmed(
    client, event_index, on_commit
):
    from site_home import cache_versions

    event = make_event(event_index, capacity=10)
    BookingFactory(event=event, email="known@example.org")
    keys = [cache_versions.SITE_KEY, cache_versions.page_key(event.pk)]
    versions = cache_versions.read(keys)
    with on_commit():
        for email in ("known@example.org", "new@example.org", "new@example.org"):
            client.post(event.url + "book/", form_data(email=email))
    assert cache_versions.read(keys) == versions  # a miss afterwards would tell a new email from a known one
    client.get(confirm_link(mail.outbox[-1]))
    after = cache_versions.read(keys)
    assert after[keys[0]] == versions[keys[0]]  # only the event page: the rest of the site stays cached
    assert after[keys[1]] > versions[keys[1]]  # the places it holds now show
