"""What followers are sent, and when: the confirmation request, "as it happens" emails and the
weekly digest. Nothing is sent inside a request: apps record an update with `announce_page()` and
the background worker tells followers in batches (surveys.feedback.emails).

Every email carries a one-click unsubscribe (RFC 8058: `List-Unsubscribe` with an https link and
`List-Unsubscribe-Post`) and a signed link to manage everything the address follows.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from site_home.links import absolute_url
from surveys.feedback.emails import enqueue_email, queue_email
from surveys.feedback.models.follows import confirm_days, email_key
from surveys.models import Follow, FollowUpdate

CONFIRM_SALT = "surveys.follow.confirm"
MANAGE_SALT = "surveys.follow.manage"
BATCH_SIZE = 200
# A digest is due a week after the last (an hour's slack, so a daily job that starts a little early
# still sends); a rerun the same week sends nothing again.
DIGEST_INTERVAL = timedelta(days=7) - timedelta(hours=1)


def manage_max_age():
    return getattr(settings, "FOLLOW_MANAGE_LINK_MAX_AGE", 60 * 60 * 24 * 365)


def confirm_url(follow):
    token = signing.dumps({"f": follow.pk}, salt=CONFIRM_SALT)
    return reverse("surveys:follow_confirm", args=[token])


def read_confirm_token(token):
    """The follow id; raises signing.SignatureExpired after FOLLOW_CONFIRM_DAYS (when an unconfirmed
    follow is deleted anyway), signing.BadSignature when tampered with."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_days() * 24 * 60 * 60)["f"]


def manage_url(email):
    token = signing.dumps({"k": email_key(email)}, salt=MANAGE_SALT)
    return reverse("surveys:follow_manage", args=[token])


def read_manage_token(token):
    """The email_key of the address the link was sent to; raises signing.BadSignature."""
    return signing.loads(token, salt=MANAGE_SALT, max_age=manage_max_age())["k"]


def unsubscribe_url(follow):
    return reverse("surveys:follow_unsubscribe", args=[follow.token])


def _headers(follow):
    return {
        "List-Unsubscribe": f"<{absolute_url(unsubscribe_url(follow))}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _context(follow, target_urls=None):
    """What every follow email says about the follow. `target_urls` memoises the followed page's
    or theme's URL across a batch, so a batch costs the same queries however many it emails."""
    target_urls = {} if target_urls is None else target_urls
    key = (follow.page_id, follow.theme_id)
    if key not in target_urls:
        target_urls[key] = absolute_url(follow.page or follow.theme.get_url() or "/")
    return {
        "target_name": follow.target_name,
        "target_url": target_urls[key],
        "frequency": follow.get_frequency_display(),
        "manage_url": absolute_url(manage_url(follow.email)),
        "unsubscribe_url": absolute_url(unsubscribe_url(follow)),
    }


def _update_context(update):
    return {
        "title": update.title,
        "url": update.url,
        "kind": update.get_kind_display(),
        "summary": update.summary,
    }


def send_confirm_request(follow):
    context = {**_context(follow), "confirm_url": absolute_url(confirm_url(follow)), "days": confirm_days()}
    queue_email(follow.email, "surveys/email/follow_confirm", context, headers=_headers(follow))


def send_already_following(follow):
    """What a second request for a confirmed follow gets: the same page on screen as a new one,
    and this email to the address's owner only."""
    queue_email(follow.email, "surveys/email/follow_already", _context(follow), headers=_headers(follow))


def announce_page(page, key, kind, pages=(), themes=(), summary=""):
    """Record that something happened to a public page (once per `key`) and have the worker tell
    its followers: those of the `pages` (places, the consultation) and of the `themes`."""
    if not page.live or page.get_view_restrictions().exists():
        return None
    url = absolute_url(page)
    update, created = FollowUpdate.objects.get_or_create(
        key=key, defaults={"kind": kind, "title": page.title, "url": url, "summary": summary[:500]}
    )
    if not created:
        return None
    update.pages.set([p.pk for p in pages if p is not None])
    update.themes.set([t.pk for t in themes if t is not None])
    transaction.on_commit(lambda: notify_followers.enqueue(update.pk))
    return update


@task()
def notify_followers(update_id: int, after: int = 0):
    """Queue one email per confirmed "as it happens" follow, a batch at a time: each batch queues
    the next, so no task runs long and a large following never holds up the worker. A batch's
    emails and the next batch are queued in one transaction (with the database task backend), so
    a worker stopped mid-batch leaves either all of them queued or none."""
    update = FollowUpdate.objects.filter(pk=update_id).first()
    if update is None:
        return
    batch = list(
        Follow.objects.as_it_happens()
        .for_update(update)
        .filter(pk__gt=after)
        .select_related("page", "theme")
        .order_by("pk")[:BATCH_SIZE]
    )
    context, target_urls = _update_context(update), {}
    with transaction.atomic():
        for follow in batch:
            enqueue_email(
                follow.email,
                "surveys/email/follow_update",
                {**_context(follow, target_urls), "update": context},
                headers=_headers(follow),
            )
        if len(batch) == BATCH_SIZE:
            notify_followers.enqueue(update_id, batch[-1].pk)


def digest_updates(follow, since, until):
    target = Q(pages=follow.page_id) if follow.page_id else Q(themes=follow.theme_id)
    return FollowUpdate.objects.filter(target, created_at__gt=since, created_at__lte=until).distinct()


def due_digests(now):
    return Follow.objects.weekly().filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - DIGEST_INTERVAL)
    )


def send_digests(now=None):
    """Send each due weekly follow its digest. Each follow is one transaction that queues its email
    (with the database task backend, a row in the same database) and records the window it covered,
    so a run stopped at any point resumes where it was: nothing lost, nothing sent twice.
    Returns (follows processed, emails queued)."""
    now = now or timezone.now()
    processed = sent = 0
    for pk in list(due_digests(now).order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            # Locks the follow's row alone (PostgreSQL refuses FOR UPDATE across nullable joins).
            follow = due_digests(now).select_for_update().filter(pk=pk).first()
            if follow is None:
                continue  # unsubscribed, or sent by a run alongside this one
            since = follow.last_digest_at or follow.confirmed_at
            updates = [_update_context(u) for u in digest_updates(follow, since, now)]
            if updates:
                enqueue_email(
                    follow.email,
                    "surveys/email/follow_digest",
                    {**_context(follow), "updates": updates},
                    headers=_headers(follow),
                )
                sent += 1
            Follow.objects.filter(pk=pk).update(last_digest_at=now)
            processed += 1
    return processed, sent
