"""Benchmark data for events: bench.scale["events"] events across the bench places and themes, most
upcoming and some past, a few with an agenda, plus one with a huge capacity that the booking
throughput test books into (each request with its own email, see bench/post.lua)."""

import datetime
import random

from django.utils import timezone

from devdata.bench import BenchContext, add_live_page
from devdata.demo import ORIGINALS
from events.models import EventIndexPage, EventPage, EventSession

SLUG = "bench-event-{}"
BOOKING_SLUG = "bench-booking-target"


def _event(number, rng, bench, now):
    days = rng.randint(-120, -1) if number % 7 == 0 else rng.randint(1, 365)
    start = (now + datetime.timedelta(days=days)).replace(hour=rng.choice([10, 14, 18]), minute=0, second=0)
    event = EventPage(
        title=f"Bench event {number}: {rng.choice(['drop-in', 'workshop', 'walkabout', 'open meeting'])}",
        slug=SLUG.format(number),
        summary="A community event generated for the benchmark, with a short summary like real ones.",
        kind=rng.choice(["drop-in", "workshop", "steering-group", "other"]),
        format=rng.choice(["in-person", "in-person", "online", "hybrid"]),
        start=start,
        end=start + datetime.timedelta(hours=2),
        venue_name="Community hall",
        venue_address="1 High Street\nKelvinford",
        organiser="Bench organisers",
        capacity=rng.choice([None, 30, 60, 120]),
        body=[
            ("paragraph", "<p>Come along to share your views about the neighbourhood.</p>"),
            ("paragraph", "<p>Tea and coffee provided. Everyone is welcome.</p>"),
        ],
    )
    if number % 10 == 0:
        event.sessions = [
            EventSession(title=f"Session {n}", start_time=datetime.time(10 + n), room=f"Room {n}")
            for n in range(3)
        ]
    event.places = rng.sample(bench.places, min(2, len(bench.places)))[: rng.randint(1, 2)]
    event.themes = rng.sample(bench.themes, min(2, len(bench.themes)))[: rng.randint(1, 2)]
    return event


def build(bench: BenchContext):
    index = EventIndexPage.objects.get(**ORIGINALS)
    existing = EventPage.objects.child_of(index).filter(slug__startswith="bench-event-").count()
    rng = random.Random(30 + existing)
    now = timezone.now()
    for number in range(existing, bench.scale["events"]):
        add_live_page(index, _event(number, rng, bench, now))
    target = EventPage.objects.child_of(index).filter(slug=BOOKING_SLUG).first()
    if target is None:
        target = _event(0, rng, bench, now)
        target.slug, target.title, target.capacity = BOOKING_SLUG, "Bench booking target", 10_000_000
        target.start = now + datetime.timedelta(days=30)
        target.end = target.start + datetime.timedelta(hours=2)
        target.sessions = []
        add_live_page(index, target)
    one = EventPage.objects.child_of(index).live().upcoming().filter(slug__startswith="bench-event-").first()
    bench.urls.update({"event index": index.url, "event": one.url})
    # Anonymous form posts are checked by Origin (site_home.security), which bench/post.lua sends.
    bench.post_targets["booking"] = {
        "url": target.url + target.reverse_subpage("book"),
        "body": "name=Bench+visitor&email=bench-{n}%40example.com&places=1&access_needs=&website=&consent=on",
    }
