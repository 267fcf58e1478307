import base64

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from site_home.links import absolute_url
from surveys.feedback.antispam import over_limit, rate_limited_response
from surveys.feedback.emails import queue_email

from .forms import StorySubmissionForm
from .models import StoryPage
from .models.stats import record_view


def share_story(request, index_page):
    """'Share your story': store the submission for moderation, then thank the resident."""
    thanks_url = index_page.url + index_page.reverse_subpage("share_thanks")
    if request.method == "POST":
        form = StorySubmissionForm(request.POST, request.FILES)
        if form.is_spam():
            return redirect(thanks_url)
        if over_limit(request, "stories:share", settings.FEEDBACK_RATE_LIMIT):
            return rate_limited_response(request, what=_("stories"))
        if form.is_valid():
            with transaction.atomic():
                submission = form.save()
                queue_email(
                    submission.email,
                    "stories/email/submission_received",
                    {"title": submission.title, "index_url": absolute_url(index_page)},
                )
            return redirect(thanks_url)
    else:
        form = StorySubmissionForm()
    return index_page.render(
        request,
        template="stories/share_story.html",
        context_overrides={"form": form, "breadcrumb_extra": _("Share your story")},
    )


# A transparent 1x1 GIF: the smallest image a browser will load.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


@require_GET
@never_cache
def story_seen(request, pk):
    """Counts a view of a story (record_view: once per reader per half hour; it sets no cookie). The story
    page loads this image, so views are counted even when the page itself comes from a cache."""
    record_view(get_object_or_404(StoryPage.objects.live().public(), pk=pk), request)
    return HttpResponse(PIXEL, content_type="image/gif")
