"""Posting, publishing modes, confirmation links and the thread as residents see it."""

import time

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from surveys.feedback.discussions import confirm_token
from surveys.models import Comment, FeedbackSettings
from tests.surveys.factories import CommentFactory

pytestmark = pytest.mark.django_db


def post(client, data, **extra):
    return client.post(reverse("surveys:comment_post"), data, **extra)


def set_mode(page, mode):
    page.comment_publishing = mode
    page.save_revision().publish()


def confirm_link(message):
    return next(line.strip() for line in message.body.splitlines() if "/feedback/confirm/" in line)


def test_immediate_mode_publishes_and_says_so(client, discussion, comment_data):
    response = post(client, comment_data)
    comment = Comment.objects.get()
    assert comment.state == Comment.State.PUBLISHED and comment.published_at
    assert (comment.page_id, comment.source_path, comment.email) == (
        discussion.pk,
        "/hall/",
        "morag@example.org",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/hall/?comments-status=published#comment-{comment.pk}"
    page = client.get(response["Location"])
    assert b"Your comment is published" in page.content
    assert b"Open it on Sunday afternoons for families." in page.content
    assert b"morag@example.org" not in page.content
    assert mail.outbox == []


def test_confirm_mode_emails_a_link_that_publishes(
    client, discussion, comment_data, django_capture_on_commit_callbacks
):
    set_mode(discussion, "confirm")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, comment_data)
    comment = Comment.objects.get()
    assert comment.state == Comment.State.UNCONFIRMED
    assert response["Location"] == "/hall/?comments-status=check-email#comments"
    page = client.get(response["Location"])
    assert b"Now check your email" in page.content
    assert b"Open it on Sunday afternoons" not in page.content  # not public until confirmed
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["morag@example.org"]
    assert "How should the community hall be used?" in mail.outbox[0].subject

    response = client.get(confirm_link(mail.outbox[0]))
    comment.refresh_from_db()
    assert comment.state == Comment.State.PUBLISHED and comment.confirmed_at
    assert response["Location"] == f"/hall/?comments-status=published#comment-{comment.pk}"
    assert comment.moderation_events.get().action == "confirmed"
    # Opening the link again changes nothing.
    client.get(confirm_link(mail.outbox[0]))
    assert comment.moderation_events.count() == 1


def test_tampered_confirmation_link_is_refused(client, discussion):
    comment = CommentFactory(page=discussion, state=Comment.State.UNCONFIRMED, published_at=None)
    token = confirm_token(comment)
    response = client.get(reverse("surveys:comment_confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert b"This link does not work" in response.content
    other = signing.dumps(comment.pk, salt="something-else")
    assert client.get(reverse("surveys:comment_confirm", args=[other])).status_code == 400
    comment.refresh_from_db()
    assert comment.state == Comment.State.UNCONFIRMED


def test_expired_confirmation_link_is_refused(client, discussion, monkeypatch, settings):
    settings.FEEDBACK_CONFIRM_DAYS = 7
    comment = CommentFactory(page=discussion, state=Comment.State.UNCONFIRMED, published_at=None)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 8 * 24 * 3600)
    token = confirm_token(comment)
    monkeypatch.setattr(time, "time", real_time)
    response = client.get(reverse("surveys:comment_confirm", args=[token]))
    assert response.status_code == 410
    assert b"This link has expired" in response.content
    comment.refresh_from_db()
    assert comment.state == Comment.State.UNCONFIRMED


def test_moderate_mode_holds_the_comment_and_tells_moderators(
    client, discussion, comment_data, django_capture_on_commit_callbacks
):
    set_mode(discussion, "moderate")
    feedback = FeedbackSettings.for_site(Site.objects.get())
    feedback.moderators_email = "moderators@example.org"
    feedback.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, comment_data)
    assert Comment.objects.get().state == Comment.State.PENDING
    assert b"waiting for a moderator" in client.get(response["Location"]).content
    assert [m.to for m in mail.outbox] == [["moderators@example.org"]]
    assert "/admin/surveys/comment/" in mail.outbox[0].body
    assert "morag@example.org" not in mail.outbox[0].body


def test_site_default_applies_when_the_page_has_no_mode(client, discussion, comment_data):
    set_mode(discussion, "")
    feedback = FeedbackSettings.for_site(Site.objects.get())
    feedback.default_publishing = "moderate"
    feedback.save()
    post(client, comment_data)
    assert Comment.objects.get().state == Comment.State.PENDING


def test_default_site_mode_is_email_confirmation(client, discussion, comment_data):
    set_mode(discussion, "")
    post(client, comment_data)
    assert Comment.objects.get().state == Comment.State.UNCONFIRMED


def test_errors_keep_what_was_typed_and_say_what_to_fix(client, discussion, comment_data):
    response = post(client, {**comment_data, "email": "morag-at-example", "consent": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert "Tick the box to say you have read the privacy notice" in html
    assert 'value="morag-at-example"' in html and "Open it on Sunday afternoons for families." in html
    assert html.count('href="#id_email"') == 1
    assert Comment.objects.count() == 0


def test_too_long_comment_is_refused_with_its_length(client, comment_data):
    response = post(client, {**comment_data, "body": "a" * 5001})
    assert response.status_code == 400
    assert "Your comment must be 5,000 characters or fewer (it has 5001)" in response.content.decode()


def test_hostile_text_is_stored_as_typed_and_escaped(client, discussion, comment_data):
    body = (
        "<script>alert('x')</script> <b>bold</b> https://example.com/spam\n"
        "Za\u0308\u0301lgo \u202egnp.exe \U0001f3e1"
    )
    post(client, {**comment_data, "display_name": "<img src=x onerror=alert(1)>", "body": body})
    comment = Comment.objects.get()
    assert comment.body == body
    html = client.get(discussion.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert 'href="https://example.com/spam"' not in html
    assert "\U0001f3e1" in html


def test_honeypot_thanks_bots_and_stores_nothing(client, comment_data):
    response = post(client, {**comment_data, "website": "http://spam.example"})
    assert response.status_code == 302 and "status=pending" in response["Location"]
    assert Comment.objects.count() == 0


def test_rate_limit_answers_429(client, comment_data, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/h"
    assert [post(client, comment_data).status_code for _ in range(3)] == [302, 302, 429]
    assert Comment.objects.count() == 2
    other = post(client, comment_data, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_reply_nests_one_level_and_inherits_the_section(client, discussion, comment_data):
    top = CommentFactory(page=discussion, section_key="rec-1", section_label="Recommendation 1")
    reply = CommentFactory(page=discussion, parent=top, section_key="rec-1")
    form = client.get(reverse("surveys:comment_reply", args=[reply.pk]))
    assert form.status_code == 200 and f'value="{top.pk}"'.encode() in form.content
    post(client, {**comment_data, "parent_id": reply.pk, "section_key": "other"})
    new = Comment.objects.latest("pk")
    assert new.parent == top and new.section_key == "rec-1" and new.section_label == "Recommendation 1"


def test_reply_to_an_unpublished_comment_is_not_found(client, discussion, comment_data):
    hidden = CommentFactory(page=discussion, state=Comment.State.PENDING)
    assert client.get(reverse("surveys:comment_reply", args=[hidden.pk])).status_code == 404
    assert post(client, {**comment_data, "parent_id": hidden.pk}).status_code == 404


def test_closed_discussion_keeps_comments_readable_and_refuses_posts(client, discussion, comment_data):
    CommentFactory(page=discussion, body="Earlier thoughts stay visible.")
    discussion.discussion_enabled = False
    discussion.save_revision().publish()
    html = client.get(discussion.url).content.decode()
    assert "Earlier thoughts stay visible." in html and "Comments are closed." in html
    assert 'action="/feedback/comments/"' not in html
    assert post(client, comment_data).status_code == 403


def test_posting_to_a_page_without_discussion_is_not_found(client, home_page, comment_data):
    assert post(client, {**comment_data, "page_id": home_page.pk}).status_code == 404
    assert post(client, {**comment_data, "page_id": "nope"}).status_code == 404
    assert post(client, {**comment_data, "parent_id": "1; drop"}).status_code == 404


def test_stance_and_category_only_where_the_page_allows(client, discussion, comment_data):
    html = client.get(discussion.url).content.decode()
    assert 'name="stance"' not in html and 'name="category"' not in html
    discussion.allow_stance = discussion.allow_category = True
    discussion.save_revision().publish()
    html = client.get(discussion.url).content.decode()
    assert 'name="stance"' in html and 'name="category"' in html
    post(client, {**comment_data, "stance": "against", "category": "concern"})
    comment = Comment.objects.get()
    assert (comment.stance, comment.category) == ("against", "concern")
    assert "Against" in client.get(discussion.url).content.decode()


def test_place_and_theme_are_recorded(client, discussion, comment_data, place_index):
    from tests.site_home.factories import ThemeFactory, make_place

    place, other_theme = make_place(place_index, title="Ashgrove"), ThemeFactory(name="Funding")
    post(client, {**comment_data, "place": place.slug, "theme_id": other_theme.pk, "notify_on_outcome": "on"})
    comment = Comment.objects.get()
    # The resident's place is theirs to give; the theme is the discussion's, whatever the hidden
    # field says. A discussion page publishes no outcome, so a request to hear one is not stored.
    assert (comment.place, comment.theme, comment.notify_on_outcome) == (place, discussion.theme, False)
    assert "Morag</strong> from Ashgrove" in client.get(discussion.url).content.decode()


def test_replies_and_comments_without_a_place_carry_the_discussion_theme(client, discussion, comment_data):
    post(client, {**comment_data, "place": ""})
    parent = Comment.objects.get()
    post(client, {**comment_data, "place": "", "parent_id": parent.pk, "body": "Seconded."})
    reply = Comment.objects.get(parent=parent)
    assert parent.theme == reply.theme == discussion.theme
    # Where the resident is from is never filled in for them (it is shown as "from ...").
    assert parent.place is None and reply.place is None


def test_form_offers_the_discussion_place_first(client, discussion):
    html = client.get(discussion.url).content.decode()
    assert f'<option value="{discussion.place.slug}" selected>Kirkton Cross</option>' in html
    assert f'name="theme_id" value="{discussion.theme_id}"' in html


def test_hints_on_a_discussion_promise_only_what_it_does(client, discussion):
    html = client.get(discussion.url).content.decode()
    assert "Email me when the outcome is published" not in html
    assert "tell you the outcome" not in html
    assert "confirm your comment" not in html  # the test site publishes at once: nothing to confirm
    discussion.comment_publishing = "confirm"
    discussion.save_revision().publish()
    assert "We email you a link to confirm your comment." in client.get(discussion.url).content.decode()


def test_staff_with_permission_post_official_responses_on_the_page(client, discussion, make_user):
    staff = make_user("officer", "surveys.post_official_response")
    staff.first_name, staff.last_name = "Jo", "Officer"
    staff.save()
    top = CommentFactory(page=discussion)
    client.force_login(staff)
    html = client.get(discussion.url).content.decode()
    assert 'name="official"' in html
    response = post(
        client, {"page_id": discussion.pk, "parent_id": top.pk, "body": "We will.", "official": "on"}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=top)
    assert reply.is_official_response and reply.author == staff and reply.state == Comment.State.PUBLISHED
    assert reply.display_name == "Jo Officer"
    assert "Official response" in client.get(discussion.url).content.decode()


def test_cached_comment_form_follows_new_places_and_keeps_staff_fields_private(
    client, discussion, place_index, make_user
):
    from tests.site_home.factories import make_place

    staff = make_user("officer", "surveys.post_official_response")
    client.force_login(staff)
    assert 'name="official"' in client.get(discussion.url).content.decode()
    client.logout()
    first = client.get(discussion.url).content.decode()
    assert 'name="official"' not in first and "Glenholm" not in first

    make_place(place_index, title="Glenholm")  # a new place: the blank form is rendered afresh
    html = client.get(discussion.url).content.decode()
    assert "Glenholm</option>" in html and 'name="official"' not in html


def test_unknown_theme_id_is_ignored(client, discussion, comment_data):
    # A discussion from before themes were required has none: the thread's hidden field decides.
    type(discussion).objects.filter(pk=discussion.pk).update(theme=None)
    assert post(client, {**comment_data, "theme_id": 987654}).status_code == 302
    assert Comment.objects.get().theme is None


def test_residents_cannot_mark_their_comment_official(client, comment_data):
    post(client, {**comment_data, "official": "on"})
    assert Comment.objects.get().is_official_response is False


def test_thread_sorts_and_paginates_independently_per_section(client, discussion):
    for n in range(25):
        CommentFactory(page=discussion, body=f"Whole page {n}", agree_count=n % 7)
    CommentFactory(page=discussion, section_key="rec-2", body="About recommendation two")
    html = client.get(discussion.url).content.decode()
    assert "Whole page 24" in html and "Whole page 4" not in html
    assert "About recommendation two" not in html
    assert 'href="?comments-page=2#comments"' in html
    second = client.get(discussion.url + "?comments-page=2").content.decode()
    assert "Whole page 4" in second and "Whole page 24" not in second
    agreed = client.get(discussion.url + "?comments-sort=agreed").content.decode()
    assert agreed.index("Whole page 20") < agreed.index("Whole page 24")  # 6 agree before 3


def test_section_counts_in_one_query(discussion, django_assert_num_queries):
    CommentFactory.create_batch(3, page=discussion, section_key="rec-1")
    CommentFactory(page=discussion, section_key="rec-1", state=Comment.State.PENDING)
    CommentFactory(page=discussion)
    with django_assert_num_queries(1):
        counts = Comment.objects.section_counts(discussion)
    assert counts == {"rec-1": 3, "": 1}


def test_querysets_filter_by_page_section_place_theme(discussion, place_index):
    from tests.site_home.factories import ThemeFactory, make_place

    place, theme = make_place(place_index), ThemeFactory()
    a = CommentFactory(page=discussion, section_key="s", place=place, theme=theme)
    CommentFactory(page=discussion, state=Comment.State.REJECTED, place=place)
    published = Comment.objects.published()
    assert list(published.for_section(discussion, "s")) == [a]
    assert list(published.for_place(place)) == [a] and list(published.for_theme(theme)) == [a]
    assert published.for_page(discussion).count() == 1


def test_thread_queries_do_not_grow_with_comments(client, discussion, uncached_fragments):
    def add(count):
        for _ in range(count):
            parent = CommentFactory(page=discussion)
            CommentFactory(page=discussion, parent=parent)

    def queries():
        client.get(discussion.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(discussion.url).status_code == 200
        return len(captured)

    add(10)
    few = queries()
    add(190)
    assert queries() == few


def test_reading_a_discussion_sets_no_cookie_but_csrf(client, discussion):
    CommentFactory(page=discussion)
    response = client.get(discussion.url)
    assert set(response.cookies) <= {"csrftoken"}


def test_counts_read_as_english_for_one_and_for_many(client, discussion):
    first = CommentFactory(page=discussion, body="Open on Sundays.")
    CommentFactory(page=discussion, body="Yes, for families.", parent=first)
    CommentFactory(page=discussion, body="And a café.", parent=first)
    Comment.objects.filter(pk=first.pk).update(agree_count=1)
    html = client.get(discussion.url).content.decode()
    # Three comments are shown in one conversation, and the count says so.
    assert "3 comments in 1 conversation." in html
    assert "1 person agrees" in html and "0 people agree" in html
    assert "1 agrees" not in html


def test_a_thread_without_replies_counts_its_comments_plainly(client, discussion):
    CommentFactory(page=discussion)
    assert "1 comment." in client.get(discussion.url).content.decode()
