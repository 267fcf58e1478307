from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect

from surveys.antispam import over_limit, rate_limited_response
from surveys.emails import queue_email

from .forms import StorySubmissionForm


def share_story(request, index_page):
    """'Share your story': store the submission for moderation, then thank the resident."""
    thanks_url = index_page.url + index_page.reverse_subpage("share_thanks")
    if request.method == "POST":
        form = StorySubmissionForm(request.POST, request.FILES)
        if form.is_spam():
            return redirect(thanks_url)
        if over_limit(request, "stories:share", settings.FEEDBACK_RATE_LIMIT):
            return rate_limited_response(request, what="stories")
        if form.is_valid():
            with transaction.atomic():
                submission = form.save()
                queue_email(
                    submission.email,
                    "stories/email/submission_received",
                    {"title": submission.title, "index_url": index_page.full_url or ""},
                )
            return redirect(thanks_url)
    else:
        form = StorySubmissionForm()
    return index_page.render(
        request,
        template="stories/share_story.html",
        context_overrides={"form": form, "breadcrumb_extra": "Share your story"},
    )
