"""What editors do with residents' stories: turn one into a draft StoryPage, or decline it with a
reason. The resident hears once when their story goes live."""

import re

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from site_home.links import absolute_url
from surveys.feedback.emails import queue_email
from surveys.feedback.follow_notices import announce_page
from surveys.models import FollowUpdate

from .models import StoryIndexPage, StoryPage, StorySubmission


class ModerationError(Exception):
    pass


@transaction.atomic
def create_draft_story(submission: StorySubmission, user) -> StoryPage:
    """A draft (not live) StoryPage carrying the submission's text, place, themes and photo."""
    if submission.story_id:
        raise ModerationError(_("A draft story already exists for this submission."))
    index_page = StoryIndexPage.objects.first()
    if index_page is None:
        raise ModerationError(_("Create the stories index page first."))
    credit = submission.credit
    standfirst, rest = split_standfirst(submission.text)
    image = _import_photo(submission, user, credit) if submission.photo else None
    story = StoryPage(
        title=submission.title,
        slug=find_available_slug(index_page, slugify(submission.title)[:80] or "story"),
        standfirst=standfirst,
        teller_type=StoryPage.Teller.RESIDENT,
        teller_name=credit,
        consent_given=submission.consent_publish,
        consent_date=timezone.localdate(submission.created_at) if submission.consent_publish else None,
        place=submission.place,
        hero_image=image,
        hero_image_alt=submission.photo_alt if image else "",
        hero_image_credit=credit if image else "",
        body=[("paragraph", RichText(linebreaks(escape(rest))))] if rest else [],
        live=False,
        owner=user,
    )
    # Set before saving: a ParentalManyToMany is written to the database when the page is.
    story.themes.set(list(submission.themes.all()))
    index_page.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    submission.story = story
    submission.status = StorySubmission.Status.DRAFTED
    submission.decided_at = timezone.now()
    submission.save(update_fields=["story", "status", "decided_at"])
    return story


def split_standfirst(text, limit=300):
    """The opening of a resident's text as the standfirst and the rest as the body, so the page does
    not print the same words twice: the first paragraph if there are several, otherwise the first
    sentence. A first part too long for a standfirst is shortened there and kept whole in the body."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    if not paragraphs:
        return "", ""
    if len(paragraphs) > 1:
        opening, rest = paragraphs[0], "\n\n".join(paragraphs[1:])
    else:
        sentences = re.split(r"(?<=[.!?])\s+", paragraphs[0], maxsplit=1)
        opening, rest = sentences[0], sentences[1] if len(sentences) > 1 else ""
    if len(opening) > limit:
        return Truncator(opening).chars(limit), "\n\n".join(paragraphs)
    return opening, rest


def _import_photo(submission, user, credit):
    Image = get_image_model()
    with submission.photo.open("rb") as handle:
        image = Image(
            title=f"{submission.title} (photo: {credit})",
            description=submission.photo_alt,
            uploaded_by_user=user,
        )
        image.file = ImageFile(handle, name=submission.photo.name.rsplit("/", 1)[-1])
        image.save()
    return image


@transaction.atomic
def reject_submission(submission: StorySubmission, reason: str, index_url: str = ""):
    submission.status = StorySubmission.Status.REJECTED
    submission.rejection_reason = reason
    submission.decided_at = timezone.now()
    submission.save(update_fields=["status", "rejection_reason", "decided_at"])
    if submission.consent_contact:
        queue_email(
            submission.email,
            "stories/email/submission_rejected",
            {"title": submission.title, "reason": reason, "index_url": index_url},
        )


def tell_followers(sender, instance, **kwargs):
    """page_published receiver: followers of the story's place and themes hear of it, once."""
    announce_page(
        instance,
        f"story:{instance.pk}",
        FollowUpdate.Kind.STORY,
        pages=[instance.place],
        themes=instance.themes.all(),
        summary=instance.standfirst,
    )


def notify_on_publish(sender, instance, **kwargs):
    """page_published receiver: email each resident whose story this is, once ever."""
    now = timezone.now()
    for submission in StorySubmission.objects.filter(
        story_id=instance.pk, published_notified_at__isnull=True
    ):
        # The conditional update wins once even if two publishes race.
        claimed = StorySubmission.objects.filter(pk=submission.pk, published_notified_at__isnull=True).update(
            published_notified_at=now, status=StorySubmission.Status.PUBLISHED
        )
        if claimed:
            queue_email(
                submission.email,
                "stories/email/story_published",
                {"title": instance.title, "url": absolute_url(instance)},
            )
