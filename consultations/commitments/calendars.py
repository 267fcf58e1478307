"""iCalendar (RFC 5545) feeds of commitments' due dates: all-day events, public fields only."""

from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from site_home.links import absolute_url, base_url

PRODID = "-//Community Voice//Commitments//EN"


def _vevent(commitment, host, today):
    url = absolute_url(commitment)
    vevent = Event()
    vevent.add("uid", f"commitment-{commitment.pk}@{host}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", commitment.due_date)  # a date: an all-day event
    status = str(commitment.status_label)
    if commitment.is_overdue(today):
        status = _("%(status)s, overdue") % {"status": status}
    vevent.add("summary", _("Due: %(title)s") % {"title": commitment.title})
    status_line = _("Status: %(status)s.") % {"status": status}
    vevent.add(
        "description",
        f"{commitment.summary}\n\n{commitment.partner.name}. {status_line}\n\n{url}".strip(),
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
