import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from surveys.models import Follow
from tests.site_home.factories import make_place

pytestmark = pytest.mark.django_db(transaction=True)


def test_resident_follows_a_place_confirms_and_unsubscribes_in_one_click(
    page, live_site, place_index, assert_accessible
):
    place = make_place(place_index, title="Ashgrove")
    page.goto(live_site + place.url)
    expect(page.get_by_role("heading", name="Follow Ashgrove")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Follow Ashgrove").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Email address").fill("morag@example.org")
    page.get_by_label("Weekly digest").check()
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    [request] = mail.outbox
    assert request.to == ["morag@example.org"]
    page.goto(live_site + re.search(r"(/feedback/follow/confirm/\S+/)", request.body).group(1))
    expect(page.get_by_role("heading", name="You are following Ashgrove")).to_be_visible()
    assert_accessible(page)
    assert Follow.objects.get().is_confirmed

    page.get_by_role("link", name="Manage what you follow").click()
    expect(page.get_by_role("heading", name="What you follow")).to_be_visible()
    expect(page.get_by_text("Weekly digest")).to_be_visible()
    assert_accessible(page)

    header = request.extra_headers["List-Unsubscribe"]
    page.goto(live_site + re.search(r"(/feedback/follow/unsubscribe/\S+/)>", header).group(1))
    expect(page.get_by_role("heading", name="Stop following Ashgrove?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You have unsubscribed")).to_be_visible()
    assert_accessible(page)
    assert not Follow.objects.exists()
