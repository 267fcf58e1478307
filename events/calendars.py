"""iCalendar (RFC 5545) files: one per event and feeds of many. Only public fields go in: never the
joining details or anything about who booked. Events whose dates are to be announced are left out."""

from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from events.models.pages import LONDON
from site_home.links import absolute_url, base_url

PRODID = "-//Community Voice//Events//EN"


def event_uid(event, host):
    return f"event-{event.pk}@{host}"


def _site_parts(event):
    return absolute_url(event), urlsplit(base_url()).hostname or "localhost"


def _vevent(event):
    url, host = _site_parts(event)
    vevent = Event()
    vevent.add("uid", event_uid(event, host))
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(event.start, LONDON))
    vevent.add("dtend", timezone.localtime(event.end, LONDON))
    vevent.add("summary", event.title)
    vevent.add("description", f"{event.summary}\n\n{url}".strip())
    if url:
        vevent.add("url", url)
    location = ", ".join(part for part in [event.venue_name, " ".join(event.venue_address.split())] if part)
    if event.is_online and not location:
        location = _("Online")
    if location:
        vevent.add("location", location)
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    return vevent


def build_calendar(events, name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name or _("Events"))
    calendar.add("x-wr-timezone", "Europe/London")
    for event in events:
        if event.dates_tba or not event.start or not event.end:
            continue
        calendar.add_component(_vevent(event))
    calendar.add_missing_timezones()
    return calendar


def ics_text(events, name=None):
    return build_calendar(events, name).to_ical().decode("utf-8")
