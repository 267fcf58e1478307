import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from events.models import Booking, EventIndexPage, EventPage, EventSession, Interest


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "A chance to meet neighbours and shape local plans."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2) if o.start else None)
    venue_name = "Community Hall"
    venue_address = "1 High Street\nAshgrove\nG1 1AA"
    organiser = "Ashgrove Community Trust"
    contact_email = "events@example.org"
    capacity = 20


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSession

    title = factory.Sequence(lambda n: f"Workshop {n}")
    start_time = datetime.time(10, 0)
    end_time = datetime.time(11, 0)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    places = 1


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"interested{n}@example.org")


def make_event(parent, places=(), themes=(), sessions=0, **kwargs):
    """A published event under `parent`, tagged with places and themes."""
    event = EventPageFactory(parent=parent, **kwargs)
    if places:
        event.places.set(places)
    if themes:
        event.themes.set(themes)
    for _ in range(sessions):
        EventSessionFactory(page=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event
