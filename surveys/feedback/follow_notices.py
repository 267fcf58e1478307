"""What followers are sent, and when: the confirmation request, "as it happens" emails and the
weekly digest. Nothing is sent inside a request: apps record an update with `announce_page()` and
the background worker tells followers in batches (surveys.feedback.emails).

An address hears of one piece of news once: one email however many of its follows it matches (a
place and a theme, say), and the weekly digest leaves out what it was sent as it happened.

Every email carries a one-click unsubscribe (RFC 8058: `List-Unsubscribe` with an https link and
`List-Unsubscribe-Post`) and a signed link to manage everything the address follows.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from site_home.links import absolute_url
from surveys.feedback.emails import enqueue_email, queue_email
from surveys.feedback.models.follows import UNSUBSCRIBE_SEPARATOR, confirm_days, email_key
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


def unsubscribe_url(*follows):
    """The one-click link that stops every follow an email was sent for: their tokens, joined by
    dots (a token never holds one)."""
    return reverse("surveys:follow_unsubscribe", args=[UNSUBSCRIBE_SEPARATOR.join(f.token for f in follows)])


def _headers(follows):
    follows = follows if isinstance(follows, list | tuple) else [follows]
    return {
        "List-Unsubscribe": f"<{absolute_url(unsubscribe_url(*follows))}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _context(follows, target_urls=None):
    """What every follow email says about the follows it is sent for (one, or several of one
    address that the same news matches). `target_urls` memoises the followed pages' and themes'
    URLs across a batch, so a batch costs the same queries however many it emails."""
    follows = follows if isinstance(follows, list | tuple) else [follows]
    target_urls = {} if target_urls is None else target_urls
    targets = []
    for follow in follows:
        key = (follow.page_id, follow.theme_id)
        if key not in target_urls:
            target_urls[key] = absolute_url(follow.page or follow.theme.get_url() or "/")
        targets.append(
            {
                "name": follow.target_name,
                "url": target_urls[key],
                "unsubscribe_url": absolute_url(unsubscribe_url(follow)),
            }
        )
    first = follows[0]
    # Translators: joins the names of what an address follows: "Riverside and Parks".
    and_word = gettext("and")
    joined_by = f" {and_word} "
    return {
        "target_name": joined_by.join(t["name"] for t in targets),
        "quoted_names": joined_by.join(f'"{t["name"]}"' for t in targets),
        "target_url": targets[0]["url"],
        "targets": targets,
        "frequency": str(first.get_frequency_display()),  # the task's context is JSON
        "manage_url": absolute_url(manage_url(first.email)),
        "unsubscribe_url": targets[0]["unsubscribe_url"],
    }


def _update_context(update):
    return {
        "title": update.title,
        "url": update.url,
        "kind": str(update.get_kind_display()),
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
    its followers: those of the `pages` (places, the consultation) and of the `themes`. A page's
    translation published is the same news: followers hear of the page in the site's first language."""
    if not page.live or page.get_view_restrictions().exists():
        return None
    if getattr(page, "locale_id", None) and page.locale.language_code != settings.LANGUAGE_CODE:
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


def in_their_language(follows):
    """The language an address last asked to follow in: its emails are built and written in it."""
    return translation.override(max(follows, key=lambda follow: follow.pk).language or settings.LANGUAGE_CODE)


def by_address(follows):
    """[[follows of one address], ...] of follows ordered by email_key."""
    groups = {}
    for follow in follows:
        groups.setdefault(follow.email_key, []).append(follow)
    return list(groups.values())


@task()
def notify_followers(update_id: int, after: str = ""):
    """Queue one email per address with a confirmed "as it happens" follow the update concerns
    (one, however many of its follows match: a place and a theme, say), a batch of addresses at a
    time: each batch queues the next, so no task runs long and a large following never holds up the
    worker. A batch's emails and the next batch are queued in one transaction (with the database
    task backend), so a worker stopped mid-batch leaves either all of them queued or none."""
    update = FollowUpdate.objects.filter(pk=update_id).first()
    if update is None:
        return
    follows = Follow.objects.as_it_happens().for_update(update)
    addresses = list(
        follows.filter(email_key__gt=after)
        .order_by("email_key")
        .values_list("email_key", flat=True)
        .distinct()[:BATCH_SIZE]
    )
    batch = (
        follows.filter(email_key__in=addresses).select_related("page", "theme").order_by("email_key", "pk")
    )
    target_urls = {}
    with transaction.atomic():
        for group in by_address(batch):
            with in_their_language(group):
                enqueue_email(
                    group[0].email,
                    "surveys/email/follow_update",
                    {**_context(group, target_urls), "update": _update_context(update)},
                    headers=_headers(group),
                )
        if len(addresses) == BATCH_SIZE:
            notify_followers.enqueue(update_id, addresses[-1])


def _target_q(follow):
    return Q(pages=follow.page_id) if follow.page_id else Q(themes=follow.theme_id)


def digest_updates(follows, now, immediate=()):
    """What an address's weekly follows have not yet been told, up to `now`: each follow's news
    since its last digest (or its confirmation), once however many follows it matches, leaving out
    what the address's "as it happens" follows were sent at the time."""
    window = Q(pk__in=[])
    for follow in follows:
        window |= _target_q(follow) & Q(created_at__gt=follow.last_digest_at or follow.confirmed_at)
    updates = FollowUpdate.objects.filter(window, created_at__lte=now)
    if immediate:
        sent = Q(pk__in=[])
        for follow in immediate:
            sent |= _target_q(follow) & Q(created_at__gte=follow.confirmed_at)
        updates = updates.exclude(pk__in=FollowUpdate.objects.filter(sent).values("pk"))
    return updates.distinct().order_by("created_at", "pk")


def due_addresses(now):
    """The email_keys whose weekly digest is due: a week since the address's last (a follow
    confirmed since then joins it, rather than bringing it forward)."""
    return (
        Follow.objects.weekly()
        .order_by()
        .values("email_key")
        .annotate(last=Max("last_digest_at"), first=Min("pk"))
        .filter(Q(last__isnull=True) | Q(last__lte=now - DIGEST_INTERVAL))
        .order_by("first")
        .values_list("email_key", flat=True)
    )


def send_digests(now=None):
    """Send each due address one digest for all its weekly follows. Each address is one
    transaction that queues its email (with the database task backend, a row in the same
    database) and records the window it covered on every one of its weekly follows, so a run
    stopped at any point resumes where it was: nothing lost, nothing sent twice.
    Returns (addresses processed, emails queued)."""
    now = now or timezone.now()
    processed = sent = 0
    for key in list(due_addresses(now)):
        with transaction.atomic():
            # Locks the follows' rows alone (PostgreSQL refuses FOR UPDATE across nullable joins).
            follows = list(Follow.objects.weekly().filter(email_key=key).select_for_update().order_by("pk"))
            last = max((f.last_digest_at for f in follows if f.last_digest_at), default=None)
            if not follows or (last is not None and last > now - DIGEST_INTERVAL):
                continue  # unsubscribed, or sent by a run alongside this one
            immediate = list(Follow.objects.as_it_happens().filter(email_key=key))
            updates = list(digest_updates(follows, now, immediate))
            if updates:
                # What the email names, read apart from the lock (which is on the rows alone).
                named = list(
                    Follow.objects.filter(pk__in=[f.pk for f in follows])
                    .select_related("page", "theme")
                    .order_by("pk")
                )
                with in_their_language(named):
                    enqueue_email(
                        named[0].email,
                        "surveys/email/follow_digest",
                        {**_context(named), "updates": [_update_context(u) for u in updates]},
                        headers=_headers(named),
                    )
                sent += 1
            Follow.objects.filter(pk__in=[f.pk for f in follows]).update(last_digest_at=now)
            processed += 1
    return processed, sent
