import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import Booking
from tests.events.factories import EventIndexPageFactory, EventSessionFactory, make_event
from tests.site_home.factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def events(live_site, home_page, place_index, theme_index):
    index = EventIndexPageFactory(parent=home_page, show_in_menus=True)
    index.save_revision().publish()
    ashgrove, fernbank = make_place(place_index, title="Ashgrove"), make_place(place_index, title="Fernbank")
    theme = ThemeFactory(name="Community empowerment")
    make_event(index, title="Fernbank forum", places=[fernbank], themes=[theme])
    event = make_event(
        index,
        title="Ashgrove library drop-in",
        places=[ashgrove],
        themes=[theme],
        format="hybrid",
        joining_details="https://meet.example.org/private-link",
        venue_accessibility="Step-free entrance and a hearing loop.",
    )
    EventSessionFactory(page=event, title="Learn & Share: co-production", capacity=10)
    EventSessionFactory(page=event, title="Learn & Share: green spaces", capacity=10)
    event.save_revision().publish()
    return event


def test_resident_finds_books_and_cancels(page, live_site, events, assert_accessible):
    page.goto(live_site + "/events/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    assert_accessible(page)

    page.get_by_label("Place").select_option(label="Ashgrove")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"place=ashgrove"))
    expect(page.get_by_role("link", name="Fernbank forum")).to_have_count(0)
    page.get_by_role("link", name="Ashgrove library drop-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ashgrove library drop-in")
    expect(page.get_by_text("private-link")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Book a place").click()
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value("not an email")
    assert_accessible(page)

    page.get_by_label("Name").fill("Morag Finlay")
    page.get_by_label("Email address").fill("morag@example.org")
    page.get_by_label("Number of places").fill("2")
    page.get_by_label("Access needs (optional)").fill("A hearing loop, please")
    page.get_by_label("Learn & Share: green spaces").check()
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    [request] = mail.outbox
    assert request.to == ["morag@example.org"] and "private-link" not in request.body
    page.goto(live_site + re.search(r"(/events/bookings/confirm/\S+/)", request.body).group(1))
    expect(page.get_by_role("heading", name="Booking confirmed")).to_be_visible()
    assert_accessible(page)

    message = mail.outbox[-1]
    assert message.to == ["morag@example.org"] and message.attachments
    assert "https://meet.example.org/private-link" in message.body
    link = re.search(r"(/events/bookings/(?!confirm/)\S+/)", message.body).group(1)
    page.goto(live_site + link)
    expect(page.get_by_role("heading", name="Your booking")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel this booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to cancel your booking?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel my booking").click()
    expect(page.get_by_role("heading", name="Booking cancelled")).to_be_visible()
    assert_accessible(page)
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_other_event_pages_are_accessible(page, live_site, events, assert_accessible):
    index = events.get_parent()
    tba = make_event(index, title="Review listening events", dates_tba=True, start=None, end=None)
    paths = ["/events/past/", "/events/?date_from=not-a-date", events.url + "book/check-email/"]
    for path in [*paths, tba.url, tba.url + "interest/"]:
        page.goto(live_site + path)
        assert_accessible(page)
    page.get_by_role("button", name="Register interest").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.goto(live_site + "/events/bookings/tampered/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    assert_accessible(page)


def test_booking_works_without_javascript(no_js_page, live_site, events):
    page = no_js_page
    page.goto(live_site + "/events/")
    page.get_by_label("Place").select_option(label="Ashgrove")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Ashgrove library drop-in").click()
    page.get_by_role("link", name="Book a place").click()
    page.get_by_label("Name").fill("Ali")
    page.get_by_label("Email address").fill("ali@example.org")
    page.get_by_label("Learn & Share: co-production").check()
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    [request] = mail.outbox
    page.goto(live_site + re.search(r"(/events/bookings/confirm/\S+/)", request.body).group(1))
    expect(page.get_by_role("heading", name="Booking confirmed")).to_be_visible()
    assert Booking.objects.get().email == "ali@example.org"


def test_after_booking_the_event_page_shows_the_places_taken_with_the_page_cache_on(
    page, browser, live_site, event_index_for_cache, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    event = event_index_for_cache
    page.goto(live_site + event.url)
    expect(page.get_by_text("10 places left.")).to_be_visible()
    page.reload()  # now from the page cache, for everyone
    expect(page.get_by_text("10 places left.")).to_be_visible()

    page.get_by_role("link", name="Book a place").click()
    page.get_by_label("Name").fill("Morag Finlay")
    page.get_by_label("Email address").fill("morag@example.org")
    page.get_by_label("Number of places").fill("2")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.goto(live_site + re.search(r"(/events/bookings/confirm/\S+/)", mail.outbox[-1].body).group(1))
    expect(page.get_by_role("heading", name="Booking confirmed")).to_be_visible()

    page.goto(live_site + event.url)
    expect(page.get_by_text("8 places left.")).to_be_visible()  # their own booking, at once
    stranger = browser.new_page()
    stranger.goto(live_site + event.url)
    expect(stranger.get_by_text("8 places left.")).to_be_visible()  # and everyone else's copy too
    stranger.close()


@pytest.fixture
def event_index_for_cache(live_site, home_page):
    index = EventIndexPageFactory(parent=home_page, show_in_menus=True)
    index.save_revision().publish()
    return make_event(index, title="Harbourside walk", capacity=10)
