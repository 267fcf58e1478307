"""Retention of comments, reactions and reports, hub sections on places and themes, demo content."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from surveys.models import Comment, DiscussionPage, Reaction, Report
from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.factories import CommentFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timezone.timedelta(days=days)


def test_anonymise_blanks_old_names_and_emails_and_keeps_the_words(discussion, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old = CommentFactory(
        page=discussion, created_at=days_ago(31), body="Keep these words", notify_on_outcome=True
    )
    official = CommentFactory(
        page=discussion, created_at=days_ago(40), is_official_response=True, display_name="Council"
    )
    recent = CommentFactory(page=discussion, created_at=days_ago(29))
    Reaction.objects.create(comment=old, participant="a" * 64, created_at=days_ago(31))
    Reaction.objects.create(comment=recent, participant="b" * 64)
    Report.objects.create(
        comment=old, participant="c" * 64, network="d" * 64, reason="spam", created_at=days_ago(31)
    )

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "surveys.Comment: name (30 days (PERSONAL_DATA_RETENTION_DAYS) after created_at): 1 erased" in (
        out.getvalue()
    )
    old.refresh_from_db()
    assert (old.display_name, old.email, old.body, old.notify_on_outcome) == (
        "Anonymous",
        "",
        "Keep these words",
        False,
    )
    official.refresh_from_db()
    assert (official.display_name, official.email) == ("Council", "")
    recent_before = (recent.display_name, recent.email)
    recent.refresh_from_db()
    assert (recent.display_name, recent.email) == recent_before
    assert list(Reaction.objects.values_list("participant", flat=True)) == ["b" * 64]
    assert Report.objects.get().participant.startswith("anonymised-")
    assert Report.objects.get().network == ""

    again = StringIO()
    call_command("apply_retention", stdout=again)  # idempotent
    assert "Total erased: 0" in again.getvalue()


def test_expired_unconfirmed_comments_lose_their_email(discussion, settings):
    settings.FEEDBACK_CONFIRM_DAYS = 7
    expired = CommentFactory(page=discussion, state=Comment.State.UNCONFIRMED, created_at=days_ago(8))
    waiting = CommentFactory(page=discussion, state=Comment.State.UNCONFIRMED, created_at=days_ago(6))
    call_command("apply_retention", stdout=StringIO())
    expired.refresh_from_db()
    waiting.refresh_from_db()
    assert expired.email == "" and expired.body and waiting.email


def test_unpublished_comments_are_deleted_after_retention_and_published_ones_keep_their_words(
    discussion, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    rejected = CommentFactory(page=discussion, state=Comment.State.REJECTED, created_at=days_ago(31))
    young = CommentFactory(page=discussion, state=Comment.State.REJECTED, created_at=days_ago(29))
    published = CommentFactory(page=discussion, created_at=days_ago(31), body="Still here")
    dry = StringIO()
    call_command("apply_retention", "--dry-run", stdout=dry)
    assert "surveys.Comment: unpublished comment" in dry.getvalue() and "1 would erase" in dry.getvalue()
    assert Comment.objects.filter(pk=rejected.pk).exists()  # a dry run erases nothing
    call_command("apply_retention", stdout=StringIO())
    assert not Comment.objects.filter(pk=rejected.pk).exists()
    assert Comment.objects.filter(pk=young.pk).exists()
    assert Comment.objects.get(pk=published.pk).body == "Still here"


def test_place_hub_shows_count_and_latest_three_escaped(client, discussion, place_index):
    place = make_place(place_index, title="Ashgrove")
    for n in range(4):
        CommentFactory(page=discussion, place=place, body=f"Ashgrove view {n}", published_at=days_ago(10 - n))
    CommentFactory(page=discussion, place=place, body="<script>x()</script>")
    CommentFactory(page=discussion, place=place, state=Comment.State.PENDING, body="Not yet")
    html = client.get(place.url).content.decode()
    assert "What people here have said" in html
    assert "5 published comments from Ashgrove" in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html
    assert "Ashgrove view 3" in html and "Ashgrove view 2" in html and "Ashgrove view 1" not in html
    assert "Not yet" not in html


def test_place_hub_queries_stay_constant(client, discussion, place_index, uncached_fragments):
    place = make_place(place_index, title="Ashgrove")

    def queries():
        client.get(place.url)
        with CaptureQueriesContext(connection) as captured:
            client.get(place.url)
        return len(captured)

    CommentFactory.create_batch(3, page=discussion, place=place)
    few = queries()
    CommentFactory.create_batch(40, page=discussion, place=place)
    assert queries() == few


def test_theme_page_shows_recent_comments(client, discussion, theme_index):
    theme = ThemeFactory(name="Funding")
    CommentFactory(page=discussion, theme=theme, body="Grants should be simpler")
    CommentFactory(page=discussion, body="Unrelated")
    html = client.get(f"/themes/{theme.slug}/").content.decode()
    assert "What people have said about this" in html and "Grants should be simpler" in html
    assert "Unrelated" not in html


def test_no_section_without_comments(client, place_index):
    place = make_place(place_index)
    assert "What people here have said" not in client.get(place.url).content.decode()


def test_demo_discussion_has_every_state_and_is_idempotent(client, home_page):
    call_command("load_demo", "--no-admin", stdout=StringIO())
    page = DiscussionPage.objects.get(slug="community-hall")
    comments = Comment.objects.for_page(page)
    states = set(comments.values_list("state", flat=True))
    assert {"published", "pending", "flagged", "rejected"} <= states
    assert comments.filter(is_official_response=True, parent__isnull=False).exists()
    assert comments.filter(parent__isnull=False, is_official_response=False).exists()
    assert Reaction.objects.filter(comment__page=page).exists() and Report.objects.exists()
    total = comments.count()
    call_command("load_demo", "--no-admin", stdout=StringIO())
    assert Comment.objects.for_page(page).count() == total
    assert DiscussionPage.objects.count() == 1
    html = client.get(page.url).content.decode()
    assert "Official response" in html and "Whoever is running this hall" not in html
