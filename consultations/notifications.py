"""'You said, we did' emails: when a review is published with its outcome, everyone who commented,
gave an email and asked to hear the outcome is told, once."""

from django.db import IntegrityError, transaction
from wagtail.signals import page_published

from site_home.links import absolute_url
from surveys.feedback.emails import queue_email
from surveys.models import Comment

from .models import OutcomeNotice, ReviewPage, ReviewStatus


def outcome_recipients(review):
    emails = (
        Comment.objects.published()
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


def connect():
    page_published.connect(notify_outcome, sender=ReviewPage, dispatch_uid="consultations_outcome_notice")
