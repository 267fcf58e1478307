"""iCalendar (RFC 5545) feeds of commitments' due dates: all-day events, public fields only."""

from urllib.parse import urlsplit

from django.utils import timezone
from icalendar import Calendar, Event

from site_home.links import absolute_url, base_url

PRODID = "-//Community Voice//Commitments//EN"


def _vevent(commitment, host, today):
    url = absolute_url(commitment)
    vevent = Event()
    vevent.add("uid", f"commitment-{commitment.pk}@{host}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", commitment.due_date)  # a date: an all-day event
    status = commitment.status_label + (", overdue" if commitment.is_overdue(today) else "")
    vevent.add("summary", f"Due: {commitment.title}")
    vevent.add(
        "description",
        f"{commitment.summary}\n\n{commitment.partner.name}. Status: {status}.\n\n{url}".strip(),
    )
    if url:
        vevent.add("url", url)
    if commitment.last_published_at:
        vevent.add("last-modified", commitment.last_published_at)
    return vevent


def ics_text(commitments, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    host = urlsplit(base_url()).hostname or "localhost"
    today = timezone.localdate()
    for commitment in commitments:
        calendar.add_component(_vevent(commitment, host, today))
    return calendar.to_ical().decode("utf-8")
