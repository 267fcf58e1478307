"""'You said, we did' emails: when a review is published with its outcome, everyone who commented,
gave an email and asked to hear the outcome is told, once."""

from django.db import IntegrityError, transaction
from wagtail.signals import page_published

from site_home.links import absolute_url
from surveys.feedback.emails import queue_email
from surveys.feedback.follow_notices import announce_page
from surveys.models import Comment, FollowUpdate

from .models import OutcomeNotice, ReviewPage, ReviewStatus


def outcome_recipients(review):
    emails = (
        Comment.objects.accepted()
        .for_page(review)
        .filter(notify_on_outcome=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted({email.strip().lower() for email in emails})


def notify_outcome(sender, instance, **kwargs):
    review = instance
    if review.status != ReviewStatus.OUTCOME:
        return
    try:
        with transaction.atomic():
            notice = OutcomeNotice.objects.create(review=review)
    except IntegrityError:
        return  # already told
    recipients = outcome_recipients(review)
    notice.recipients = len(recipients)
    notice.save(update_fields=["recipients"])
    context = {
        "review_title": review.title,
        "outcome_url": absolute_url(review),
        "run_by": review.run_by,
    }
    for email in recipients:
        queue_email(email, "consultations/email/outcome_published", context)


def tell_followers(sender, instance, **kwargs):
    """Followers of the review, its places and its themes (its key areas' too) hear when it opens
    and when its outcome is published, once each (announce_opened_reviews covers a review that
    opens at midnight without being published again)."""
    review = instance
    status = review.status
    if status == ReviewStatus.OPEN:
        kind = FollowUpdate.Kind.REVIEW_OPENED
    elif status == ReviewStatus.OUTCOME:
        kind = FollowUpdate.Kind.REVIEW_OUTCOME
    else:
        return None
    themes = {*review.themes.all(), *(s.theme for s in review.sections.select_related("theme"))}
    return announce_page(
        review,
        f"{kind}:{review.pk}",
        kind,
        pages=[review, *review.places.all()],
        themes=themes,
        summary=review.summary,
    )


def connect():
    page_published.connect(notify_outcome, sender=ReviewPage, dispatch_uid="consultations_outcome_notice")
    page_published.connect(tell_followers, sender=ReviewPage, dispatch_uid="consultations_tell_followers")
