"""Every link read away from the site (emails, feeds, calendars, sitemap, share links, robots.txt)
starts with BASE_URL: not the Site record's hostname ("localhost" here) nor the request's host."""

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Site

from site_home.links import absolute_url
from site_home.models import SiteSettings
from tests.consultations.factories import ReviewIndexPageFactory, days, make_review
from tests.events.factories import EventIndexPageFactory, InterestFactory, make_event
from tests.site_home.factories import make_place
from tests.stories.factories import make_index, make_story
from tests.surveys.factories import make_discussion

BASE = "https://consult.example.gov.uk"
LINK = re.compile(r"https?://[^\s\"'<>]+")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return make_event(index, title="Spring forum")


def links_in(text):
    found = LINK.findall(text)
    assert found, text
    return found


def assert_on_base(links):
    for link in links:
        assert link.startswith(f"{BASE}/"), link


def test_absolute_url_takes_pages_paths_and_urls_built_on_another_origin(event):
    assert absolute_url(event) == f"{BASE}{event.url}"
    assert absolute_url("/events/?place=a#top") == f"{BASE}/events/?place=a#top"
    assert absolute_url(f"http://localhost{event.url}") == f"{BASE}{event.url}"


def test_booking_emails_link_to_the_event_and_the_booking_on_base_url(client, event, run_on_commit):
    data = {"name": "Morag", "email": "morag@example.org", "places": "1", "consent": "on"}
    with run_on_commit():
        client.post(event.url + "book/", data)
    [request] = mail.outbox
    links = links_in(request.body)
    assert_on_base(links)
    [confirm] = [link for link in links if link.startswith(f"{BASE}/events/bookings/confirm/")]
    with run_on_commit():
        client.get(confirm.removeprefix(BASE))
    message = mail.outbox[-1]
    links = links_in(message.body)
    assert_on_base(links)
    assert f"{BASE}{event.url}" in links
    assert any(link.startswith(f"{BASE}/events/bookings/") for link in links)
    # The calendar file attached to the email too.
    attached = Calendar.from_ical(message.attachments[0][1])
    [vevent] = attached.walk("VEVENT")
    assert str(vevent["url"]) == f"{BASE}{event.url}"


def test_dates_announced_email_links_to_the_event_on_base_url(home_page, run_on_commit):
    index = EventIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    event = make_event(index, title="Someday", dates_tba=True, start=None, end=None)
    InterestFactory(event=event)
    event.dates_tba = False
    event.start = timezone.now() + datetime.timedelta(days=20)
    event.end = event.start + datetime.timedelta(hours=2)
    with run_on_commit():
        event.save_revision().publish()
    [message] = mail.outbox
    assert_on_base(links_in(message.body))
    assert f"{BASE}{event.url}" in message.body


def test_calendar_feeds_link_to_events_on_base_url_with_its_host_in_the_uid(client, event):
    for url in ("/events/calendar.ics", f"/events/calendar/events/{event.pk}.ics"):
        [vevent] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
        assert str(vevent["url"]) == f"{BASE}{event.url}"
        assert str(vevent["uid"]) == f"event-{event.pk}@consult.example.gov.uk"
        assert_on_base(links_in(str(vevent["description"])))


def test_story_feeds_link_to_base_url(client, home_page, place_index):
    stories = make_index(home_page)
    place = make_place(place_index, title="Ashgrove")
    story = make_story(stories, place=place)
    for url in (stories.url + "feed/", stories.url + "feed/ashgrove/"):
        channel = ET.fromstring(client.get(url).content).find("channel")
        assert channel.findtext("link").startswith(f"{BASE}/stories/")
        atom_self = channel.find("{http://www.w3.org/2005/Atom}link").get("href")
        assert atom_self == f"{BASE}{url}"
        [item] = channel.findall("item")
        assert item.findtext("link") == f"{BASE}{story.url}"


def test_sitemap_locations_are_on_base_url(client, event):
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert f"{BASE}/events/past/" in locations and f"{BASE}{event.url}" in locations
    assert_on_base(locations)


def test_robots_txt_points_at_the_sitemap_on_base_url(client, home_page):
    assert f"Sitemap: {BASE}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_story_share_links_carry_the_base_url(client, home_page, place_index):
    stories = make_index(home_page)
    story = make_story(stories, place=make_place(place_index, title="Ashgrove"))
    links = dict(client.get(story.url).context["share_links"])
    assert parse_qs(urlparse(links["Facebook"]).query)["u"] == [f"{BASE}{story.url}"]
    assert f"{BASE}{story.url}" in parse_qs(urlparse(links["Email"]).query)["body"][0]


def test_comment_confirmation_and_moderator_emails_link_to_base_url(client, home_page, run_on_commit):
    confirm = make_discussion(home_page, title="Confirmed", slug="confirmed", comment_publishing="confirm")
    moderated = make_discussion(home_page, title="Moderated", slug="moderated", comment_publishing="moderate")
    site_settings = SiteSettings.for_site(Site.objects.get())
    site_settings.contact_email = "team@example.org"
    site_settings.save()
    for page in (confirm, moderated):
        data = {
            "page_id": page.pk,
            "display_name": "Morag",
            "email": "morag@example.org",
            "body": "Open it on Sundays.",
            "consent": "on",
            "return_to": page.url,
        }
        with run_on_commit():
            client.post("/feedback/comments/", data)
    assert len(mail.outbox) == 2, [m.subject for m in mail.outbox]
    confirm_links = links_in(mail.outbox[0].body)
    assert_on_base(confirm_links)
    assert any(link.startswith(f"{BASE}/feedback/confirm/") for link in confirm_links)
    moderator_links = links_in(mail.outbox[1].body)
    assert_on_base(moderator_links)
    assert any(link.startswith(f"{BASE}/admin/") for link in moderator_links)


def test_outcome_email_links_to_the_review_on_base_url(home_page, run_on_commit):
    from consultations.models import OutcomeItem
    from tests.surveys.factories import CommentFactory

    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    review = make_review(index, opening_date=days(-40), closing_date=days(-5))
    CommentFactory(page=review, email="yes@example.org", notify_on_outcome=True)
    rec = review.section_list[0].recommendation_list[0]
    review.outcome_published = True
    review.outcome_summary = "<p>Thank you.</p>"
    review.outcome_items = [OutcomeItem(target_key=rec.key, decision="changed", you_said="a", we_did="b")]
    with run_on_commit():
        review.save_revision().publish()
    [message] = mail.outbox
    assert f"{BASE}{review.url}" in message.body
    assert_on_base(links_in(message.body))
