"""Moderators' actions on comments, shared by the admin views and tests: one place that records
who did what, when and why."""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from site_home.links import absolute_url
from surveys.feedback.emails import queue_email
from surveys.models import Comment


class Action(models.TextChoices):
    APPROVE = "approve", _("Approve and publish")
    REJECT = "reject", _("Reject (hide from the site)")


def moderate(comments, action, user, reason=""):
    """Apply `action` to each comment (a queryset or list); returns how many changed state.
    A resident whose comment was waiting for a moderator is told by email when it is published."""
    target = Comment.State.PUBLISHED if action == Action.APPROVE else Comment.State.REJECTED
    changed = 0
    with transaction.atomic():
        for comment in comments:
            if comment.state == target:
                continue
            was_waiting = comment.state == Comment.State.PENDING
            if action == Action.APPROVE:
                comment.approve(user, reason)
                if was_waiting and comment.email:
                    tell_resident_published(comment)
            else:
                comment.reject(user, reason)
            changed += 1
    return changed


def tell_resident_published(comment):
    page_url = absolute_url(comment.page)
    queue_email(
        comment.email,
        "surveys/email/comment_published",
        {
            "name": comment.display_name,
            "page_title": comment.page.title,
            "url": f"{page_url}#{comment.anchor}",
        },
        language=comment.page.locale.language_code,  # the page they wrote on, not the moderator's
    )


def post_official_response(comment, user, body, name):
    """A published reply from the organisation, under the top-level comment of the thread."""
    parent = comment.parent or comment
    return Comment.objects.create(
        page_id=parent.page_id,
        parent=parent,
        section_key=parent.section_key,
        section_label=parent.section_label,
        theme_id=parent.theme_id,
        place=None,
        display_name=name,
        email=user.email,
        body=body,
        state=Comment.State.PUBLISHED,
        published_at=timezone.now(),
        is_official_response=True,
        author=user,
        source_path=parent.source_path,
    )
