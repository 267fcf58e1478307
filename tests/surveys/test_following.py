"""Following by email: the form on place, theme and consultation pages, double opt-in, the same
answer whatever the address, one-click unsubscribe, the staff listing and retention."""

import base64
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from site_home.permissions import PERSONAL_DATA_PERMISSION
from surveys.models import Follow
from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.site_home.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def follow_data(email="morag@example.org", frequency="immediate", **target):
    data = {"follow-email": email, "follow-frequency": frequency}
    data.update({f"follow-{key}": value for key, value in target.items()})
    return data


def ask(client, send, place, **kwargs):
    with send():
        return client.post("/feedback/follow/", follow_data(page_id=place.pk, **kwargs))


def link(message, kind):
    return re.search(rf"http://testserver(/feedback/follow/{kind}/\S+/)", message.body).group(1)


def test_place_theme_and_review_pages_carry_the_follow_form(client, place, theme_index, home_page):
    theme = ThemeFactory(name="Green spaces", slug="green-spaces")
    review = make_review(ReviewIndexPageFactory(parent=home_page), title="Transport review")
    for url, target in [(place.url, place), (f"{theme_index.url}green-spaces/", theme), (review.url, review)]:
        html = client.get(url).content.decode()
        assert 'action="/feedback/follow/"' in html
        field = "theme_id" if target is theme else "page_id"
        assert f'name="follow-{field}" value="{target.pk}"' in html
        assert 'name="csrfmiddlewaretoken"' not in html  # the page stays cacheable for everyone


def test_double_opt_in(client, place, send):
    response = ask(client, send, place, email="Morag@Example.org ")
    assert response.status_code == 302 and response.url == "/feedback/follow/check-your-email/"
    follow = Follow.objects.get()
    assert follow.email == "morag@example.org" and follow.page_id == place.pk and not follow.is_confirmed
    [message] = mail.outbox
    assert message.to == ["morag@example.org"] and "Ashgrove" in message.subject

    response = client.get(link(message, "confirm"))
    assert response.status_code == 200 and "You are following Ashgrove" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    follow.refresh_from_db()
    assert follow.is_confirmed
    assert client.get(link(message, "confirm")).status_code == 200  # opening it again is harmless
    assert len(mail.outbox) == 1


def test_same_answer_for_a_new_an_unconfirmed_and_a_confirmed_address(client, place, send):
    new = ask(client, send, place, email="new@example.org")
    ask(client, send, place, email="known@example.org")
    again = ask(client, send, place, email="known@example.org")
    Follow.objects.filter(email="known@example.org").update(confirmed_at=timezone.now())
    known = ask(client, send, place, email="known@example.org", frequency="weekly")
    page = client.get(new.url).content
    assert (new.status_code, new.url) == (again.status_code, again.url) == (known.status_code, known.url)
    assert client.get(known.url).content == page
    # Only the email differs: a confirmed follower is told, and a stranger changed nothing.
    assert "You already follow Ashgrove" in mail.outbox[-1].subject
    assert Follow.objects.get(email="known@example.org").frequency == "immediate"
    assert Follow.objects.filter(email="known@example.org").count() == 1


def test_follow_a_theme_and_a_review(client, home_page, send):
    theme = ThemeFactory(name="Green spaces")
    review = make_review(ReviewIndexPageFactory(parent=home_page), title="Transport review")
    with send():
        client.post("/feedback/follow/", follow_data(theme_id=theme.pk))
        client.post("/feedback/follow/", follow_data(page_id=review.pk, frequency="weekly"))
    assert {(f.theme_id, f.page_id, f.frequency) for f in Follow.objects.all()} == {
        (theme.pk, None, "immediate"),
        (None, review.pk, "weekly"),
    }


def test_only_places_consultations_and_themes_can_be_followed(client, home_page, send):
    response = client.post("/feedback/follow/", follow_data(page_id=home_page.pk))
    assert response.status_code == 404
    assert client.post("/feedback/follow/", follow_data(theme_id=999)).status_code == 404
    assert not Follow.objects.exists()


def test_invalid_email_shows_the_form_again(client, place, send):
    response = ask(client, send, place, email="not an email")
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not Follow.objects.exists() and not mail.outbox


def test_honeypot_is_thanked_and_nothing_stored(client, place, send):
    with send():
        response = client.post("/feedback/follow/", {**follow_data(page_id=place.pk), "follow-website": "x"})
    assert response.url == "/feedback/follow/check-your-email/"
    assert not Follow.objects.exists() and not mail.outbox


def test_rate_limited(client, place, send, settings):
    settings.FOLLOW_RATE_LIMIT = "2/m"
    for n in range(2):
        assert ask(client, send, place, email=f"r{n}@example.org").status_code == 302
    assert ask(client, send, place, email="r9@example.org").status_code == 429
    assert Follow.objects.count() == 2


def test_every_email_carries_one_click_unsubscribe(client, place, send):
    ask(client, send, place)
    follow = Follow.objects.get()
    client.get(link(mail.outbox[0], "confirm"))
    ask(client, send, place)  # the "already following" email
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe"] == (
            f"<http://testserver/feedback/follow/unsubscribe/{follow.token}/>"
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert f"/feedback/follow/unsubscribe/{follow.token}/" in message.message().as_string()


def test_unsubscribe_get_asks_and_a_post_from_anywhere_unsubscribes_at_once(client, place):
    follow = Follow.objects.create(email="morag@example.org", page=place, confirmed_at=timezone.now())
    url = f"/feedback/follow/unsubscribe/{follow.token}/"
    response = client.get(url)
    assert response.status_code == 200 and "Stop following Ashgrove?" in response.content.decode()
    assert Follow.objects.filter(pk=follow.pk).exists()  # a link scanner's GET changes nothing

    # RFC 8058: the mail provider posts from its own servers, with no Origin and no token.
    from django.test import Client

    provider = Client(enforce_csrf_checks=True)
    response = provider.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "You have unsubscribed" in response.content.decode()
    assert not Follow.objects.filter(pk=follow.pk).exists()
    assert provider.post(url).status_code == 200  # twice is fine
    assert client.get(url).status_code == 200


def test_other_cross_site_posts_are_still_refused(place):
    from django.test import Client

    response = Client(headers={"Origin": "https://evil.example"}).post(
        "/feedback/follow/", follow_data(page_id=place.pk)
    )
    assert response.status_code == 403


def test_manage_page_lists_the_address_follows_with_unsubscribe_buttons(client, place, send):
    theme = ThemeFactory(name="Green spaces")
    now = timezone.now()
    mine = Follow.objects.create(email="morag@example.org", page=place, confirmed_at=now)
    Follow.objects.create(email="morag@example.org", theme=theme, confirmed_at=now, frequency="weekly")
    Follow.objects.create(email="someone@example.org", theme=theme, confirmed_at=now)
    ask(client, send, place)
    response = client.get(link(mail.outbox[-1], "manage"))
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Ashgrove" in html and "Green spaces" in html and "Weekly digest" in html
    assert f"/feedback/follow/unsubscribe/{mine.token}/" in html
    assert "someone@example.org" not in html
    assert client.get("/feedback/follow/manage/forged/").status_code == 404


def test_expired_confirmation_link(client, place, send, settings):
    ask(client, send, place)
    url = link(mail.outbox[0], "confirm")
    settings.FOLLOW_CONFIRM_DAYS = 0
    assert client.get(url).status_code == 410
    assert not Follow.objects.get().is_confirmed
    assert client.get("/feedback/follow/confirm/tampered/").status_code == 404


def test_unconfirmed_follows_are_deleted_after_a_few_days(place):
    now = timezone.now()
    old = Follow.objects.create(email="a@example.org", page=place, created_at=now - timedelta(days=8))
    recent = Follow.objects.create(email="b@example.org", page=place, created_at=now - timedelta(days=2))
    confirmed = Follow.objects.create(
        email="c@example.org", page=place, created_at=now - timedelta(days=400), confirmed_at=now
    )
    call_command("apply_retention")
    assert set(Follow.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert not Follow.objects.filter(pk=old.pk).exists()


def test_saving_a_follow_keeps_the_page_cache(place):
    follow = Follow(email="resident-a@example.org", page=place)
    assert follow.page_cache_scope(True) is None


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_place_page_queries_do_not_grow_with_followers(client, place, uncached_fragments):
    Follow.objects.create(email="one@example.org", page=place, confirmed_at=timezone.now())
    few = count_queries(client, place.url)
    for n in range(20):
        Follow.objects.create(email=f"f{n}@example.org", page=place, confirmed_at=timezone.now())
    assert count_queries(client, place.url) == few


@pytest.fixture
def follows(place):
    theme = ThemeFactory(name="Green spaces")
    now = timezone.now()
    Follow.objects.create(email="resident-a@example.org", page=place, confirmed_at=now)
    Follow.objects.create(email="resident-b@example.org", page=place, confirmed_at=now, frequency="weekly")
    Follow.objects.create(email="resident-c@example.org", page=place)
    Follow.objects.create(email="resident-d@example.org", theme=theme, confirmed_at=now)


def test_staff_see_counts_only_without_the_personal_data_permission(client, follows, make_user):
    staff = make_user("staff", "wagtailadmin.access_admin", "surveys.view_follow")
    client.force_login(staff)
    response = client.get("/admin/surveys/follows/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ashgrove" in html and "Green spaces" in html
    assert re.search(r"Ashgrove</td><td>Page</td><td>2</td><td>1</td><td>1</td>", html)
    assert "resident-a@example.org" not in html and "<h2>Who follows" not in html


def test_staff_with_the_personal_data_permission_see_who_follows(client, follows, make_user):
    officer = make_user(
        "officer", "wagtailadmin.access_admin", "surveys.view_follow", PERSONAL_DATA_PERMISSION
    )
    client.force_login(officer)
    html = client.get("/admin/surveys/follows/").content.decode()
    assert "resident-a@example.org" in html and "resident-d@example.org" in html


def test_staff_without_the_follow_permission_see_nothing(client, follows, make_user):
    client.force_login(make_user("editor", "wagtailadmin.access_admin"))
    response = client.get("/admin/surveys/follows/")
    assert response.status_code in (302, 403)
    assert "resident-a@example.org" not in response.content.decode()


def test_no_address_gets_more_than_three_emails_a_day_about_one_target(client, place, send, settings):
    settings.FOLLOW_RATE_LIMIT = "100/m"
    answers = {ask(client, send, place, email="victim@example.org").url for _ in range(5)}
    assert answers == {"/feedback/follow/check-your-email/"}
    assert len(mail.outbox) == 3
    Follow.objects.update(emails_since=timezone.now() - timedelta(days=1, minutes=1))
    ask(client, send, place, email="victim@example.org")
    assert len(mail.outbox) == 4


def test_manage_page_changes_how_often_and_stops_everything_for_its_address_only(client, place):
    from surveys.feedback.follow_notices import manage_url

    theme = ThemeFactory(name="Green spaces")
    now = timezone.now()
    mine = Follow.objects.create(email="morag@example.org", page=place, confirmed_at=now)
    Follow.objects.create(email="morag@example.org", theme=theme, confirmed_at=now)
    theirs = Follow.objects.create(email="someone@example.org", theme=theme, confirmed_at=now)
    url = manage_url("morag@example.org")
    assert "Send a weekly digest instead" in client.get(url).content.decode()

    response = client.post(url, {"follow": mine.token, "frequency": "weekly"})
    assert response.status_code == 302 and response.url == url
    client.post(url, {"follow": theirs.token, "frequency": "weekly"})  # not this link's address
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert (mine.frequency, theirs.frequency) == ("weekly", "immediate")

    client.post(url, {"stop": "all"})
    assert list(Follow.objects.values_list("email", flat=True)) == ["someone@example.org"]
    assert "You do not follow anything now" in client.get(url).content.decode()


def test_theme_page_queries_do_not_grow_with_followers(client, theme_index, uncached_fragments):
    theme = ThemeFactory(name="Green spaces", slug="green-spaces")
    url = f"{theme_index.url}green-spaces/"
    few = count_queries(client, url)
    for n in range(20):
        Follow.objects.create(email=f"f{n}@example.org", theme=theme, confirmed_at=timezone.now())
    assert count_queries(client, url) == few


def test_no_email_address_is_ever_in_a_link(client, place, send):
    ask(client, send, place, email="morag@example.org")
    client.get(link(mail.outbox[0], "confirm"))
    ask(client, send, place, email="morag@example.org")
    for message in mail.outbox:
        for url in re.findall(r"https?://\S+", message.body + str(message.extra_headers)):
            token = url.rstrip("/>").rsplit("/", 1)[-1]
            decoded = base64.urlsafe_b64decode(token.split(":")[0] + "==").decode("latin-1")
            assert "morag" not in url and "morag" not in decoded
