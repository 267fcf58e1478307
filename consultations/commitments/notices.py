"""Telling followers when a commitment moves: each new public update, and each status it reaches
after "not started", once. Followers of the commitment, of its places and themes, and of the
consultation it came from hear of it (surveys.feedback.follow_notices does the sending)."""

from django.utils.translation import gettext as _
from wagtail.signals import page_published

from consultations.models import CommitmentPage, CommitmentStatus
from surveys.feedback.follow_notices import announce_page
from surveys.models import FollowUpdate

KIND = FollowUpdate.Kind.COMMITMENT_UPDATE


def update_key(update):
    return f"commitment-update:{update.pk}"


def status_key(commitment):
    return f"commitment-status:{commitment.pk}:{commitment.status}"


def audience(commitment):
    """(pages, themes) whose followers hear about this commitment."""
    pages = [commitment, *commitment.places.all()]
    source = commitment.source_page.specific if commitment.source_page_id else None
    if source is not None and getattr(source, "followable", False):
        pages.append(source)
    return pages, list(commitment.themes.all())


def status_summary(commitment):
    summary = _("Status: %(status)s.") % {"status": commitment.status_label}
    if commitment.needs_reason and commitment.status_reason:
        summary = f"{summary} {commitment.status_reason}"
    return summary


def tell_followers(sender, instance, **kwargs):
    """One announcement per new update; a new status rides along with the newest of them (one
    email, not two), or is announced alone when it came without an update."""
    commitment = instance
    updates = list(commitment.updates.order_by("date", "sort_order", "pk"))
    keys = [update_key(u) for u in updates] + [status_key(commitment)]
    announced = set(FollowUpdate.objects.filter(key__in=keys).values_list("key", flat=True))
    new_updates = [u for u in updates if update_key(u) not in announced]
    new_status = commitment.status != CommitmentStatus.NOT_STARTED and status_key(commitment) not in announced
    if not new_updates and not new_status:
        return []
    pages, themes = audience(commitment)
    recorded = []
    for update in new_updates:
        summary = update.text
        if new_status and update is new_updates[-1]:
            summary = f"{status_summary(commitment)}\n\n{summary}"
        recorded.append(announce_page(commitment, update_key(update), KIND, pages, themes, summary=summary))
    if new_status:
        # Told with the newest update, or now on its own: either way, recorded once.
        recorded.append(
            announce_page(
                commitment,
                status_key(commitment),
                KIND,
                pages=() if new_updates else pages,
                themes=() if new_updates else themes,
                summary=status_summary(commitment),
            )
        )
    return [update for update in recorded if update is not None]


def connect():
    page_published.connect(tell_followers, sender=CommitmentPage, dispatch_uid="commitments_tell_followers")
