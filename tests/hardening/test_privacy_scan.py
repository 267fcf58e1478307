"""Privacy scan: after `load_demo`, crawl everything an anonymous visitor can reach (pages,
sitemap, robots.txt, feeds, calendars) and look for residents' personal data.

Emails are checked strictly: no resident email may appear anywhere. Names are checked for the
contacts that are never meant to be public (people who booked or registered interest); the name a
resident chose to show with their own comment or story is public by design.
"""

import re
import time
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from events.models import Booking, Interest
from stories.models import StorySubmission
from surveys.models import Comment, SurveyPage

pytestmark = pytest.mark.django_db

MAX_URLS = 400
SKIP_PREFIXES = ("/admin", "/documents", "/static/", "/media/", "/feedback/confirm/", "/events/bookings/")
TEXT_TYPES = ("text/", "application/xml", "application/rss", "application/atom", "application/json")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])


def links_in(path, response):
    text = response.content.decode("utf-8", "replace")
    if "xml" in response["Content-Type"]:
        found = re.findall(r"<(?:loc|link)>([^<]+)</", text) + re.findall(r'href="([^"]+)"', text)
    else:
        parser = Links()
        parser.feed(text)
        found = parser.links
    for href in found:
        url = urlsplit(urljoin("http://testserver" + path, href.strip()))
        if url.netloc in ("testserver", "localhost") and url.scheme in ("http", "https"):
            yield url.path + (f"?{url.query}" if url.query else "")


def crawl(client):
    """Breadth-first from the home page and the sitemap; returns {path: text} of every text answer."""
    queue, seen, pages = deque(["/", "/sitemap.xml", "/robots.txt"]), set(), {}
    while queue and len(seen) < MAX_URLS:
        path = queue.popleft()
        # Filtered and paged listings repeat the cards of the unfiltered page: one visit each is enough.
        if path in seen or path.startswith(SKIP_PREFIXES) or "?" in path:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200 or not response["Content-Type"].startswith(
            TEXT_TYPES + ("text/calendar",)
        ):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.content = body
        pages[path] = body.decode("utf-8", "replace")
        queue.extend(link for link in links_in(path, response) if link not in seen)
    return pages


def resident_data():
    emails, private_names = set(), set()
    for model, fields in [(Comment, ["email"]), (StorySubmission, ["email"])]:
        emails.update(value.lower() for value in model.objects.values_list(*fields, flat=True) if value)
    for model in (Booking, Interest):
        for name, email in model.objects.values_list("name", "email"):
            emails.add(email.lower())
            private_names.add(name)
    for submission in FormSubmission.objects.all():
        for value in submission.get_data().values():
            emails.update(match.lower() for match in EMAIL.findall(str(value)))
    # A name a resident chose to publish with their own comment or story is not a leak.
    chosen = set(Comment.objects.values_list("display_name", flat=True))
    chosen |= set(StorySubmission.objects.values_list("display_name", flat=True))
    return emails - {""}, {name for name in private_names if name and name not in chosen}


def test_no_resident_email_or_private_name_on_any_public_page():
    # One test, one demo build: load_demo takes a while, and the data stays inside this test.
    started = time.monotonic()
    call_command("load_demo", "--no-admin", stdout=StringIO())
    emails, names = resident_data()
    assert emails and names, "the demo should store residents' contact details to scan for"
    built = time.monotonic()
    pages = crawl(Client())
    print(
        f"privacy scan: demo {built - started:.0f}s, {len(pages)} pages in {time.monotonic() - built:.0f}s, "
        f"{len(emails)} emails and {len(names)} private names checked"
    )
    feeds = [path for path in pages if "feed" in path or path.endswith((".rss", ".xml", ".ics"))]
    assert len(pages) > 50 and any(path.endswith(".ics") for path in pages) and len(feeds) > 2
    leaks = []
    for path, text in pages.items():
        lowered = text.lower()
        leaks += [(path, email) for email in emails if email in lowered]
        leaks += [(path, name) for name in names if name in text]
    assert leaks == []
    assert_admin_exports_send_anonymous_visitors_to_login()


ADMIN_EXPORTS = [
    "/admin/surveys/comment/?export=csv",
    "/admin/event_bookings/?export=csv",
    "/admin/event_bookings/?export=xlsx",
    "/admin/event_interests/?export=csv",
    "/admin/snippets/stories/storysubmission/?export=csv",
]


def assert_admin_exports_send_anonymous_visitors_to_login():
    client = Client()
    urls = ADMIN_EXPORTS + [
        reverse("wagtailforms:list_submissions", args=[pk]) + "?export=csv"
        for pk in SurveyPage.objects.values_list("pk", flat=True)
    ]
    assert len(urls) > len(ADMIN_EXPORTS)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
