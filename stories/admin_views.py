"""Admin views for the story moderation queue: review one submission, turn it into a draft story,
decline it with a reason, and see its photo (which has no public URL)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from site_home.links import absolute_url
from site_home.permissions import can_see_personal_data

from .models import StoryIndexPage, StorySubmission
from .moderation import ModerationError, create_draft_story, reject_submission

MODERATE_PERMISSION = "stories.change_storysubmission"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why can this story not be published?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Kept with the submission. Emailed to the resident if they agreed to be contacted."
        ),
    )


def _submission_for(request, pk):
    if not request.user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(StorySubmission.objects.select_related("place", "story"), pk=pk)


def review(request, pk, reject_form=None):
    submission = _submission_for(request, pk)
    return TemplateResponse(
        request,
        "stories/admin/review_submission.html",
        {
            "submission": submission,
            "themes": list(submission.themes.all()),
            "show_personal_data": can_see_personal_data(request.user),
            "reject_form": reject_form or RejectForm(),
            "index_url": reverse("wagtailsnippets_stories_storysubmission:list"),
            "page_title": _("Review: %(title)s") % {"title": submission.title},
        },
    )


@require_POST
def make_draft(request, pk):
    submission = _submission_for(request, pk)
    index_page = StoryIndexPage.objects.first()
    if index_page is None or not index_page.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    try:
        story = create_draft_story(submission, request.user)
    except ModerationError as error:
        messages.error(request, str(error))
        return redirect("stories_submission_review", pk=submission.pk)
    messages.success(
        request, _("Draft story ‘%(title)s’ created. Check it, then publish it.") % {"title": story.title}
    )
    return redirect("wagtailadmin_pages:edit", story.pk)


@require_POST
def reject(request, pk):
    submission = _submission_for(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return review(request, pk, reject_form=form)
    index_page = StoryIndexPage.objects.live().first()
    reject_submission(submission, form.cleaned_data["reason"], absolute_url(index_page) if index_page else "")
    messages.success(request, _("‘%(title)s’ will not be published.") % {"title": submission.title})
    return redirect("wagtailsnippets_stories_storysubmission:list")


def photo(request, pk):
    submission = _submission_for(request, pk)
    if not submission.photo:
        raise Http404
    response = FileResponse(submission.photo.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response
