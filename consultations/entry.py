"""Staff enter a review response received on paper, by phone or at an event: agree, disagree or
not sure on each recommendation and a comment on each key area, as on the page, with the channel
and event. They count in the heatmap and exports like online feedback, and go in the audit log."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from site_home.forms import PlaceChoiceField
from surveys.feedback.channels import ENTERED_ACTION, ChannelForm, can_enter_responses
from surveys.feedback.models.comments import ANONYMOUS
from surveys.models import Comment

from .models import RecommendationResponse, ReviewPage

NO_ANSWER = ""
ENTRY_PREFIX = "entered"  # a response's participant key: never a person's, one per entry


class ReviewEntryForm(forms.Form):
    """One paper response: the place and name (both optional), then every key area's comment and
    every recommendation's view, named by their stable keys."""

    place = PlaceChoiceField(
        label=gettext_lazy("Place (optional)"), required=False, empty_label=gettext_lazy("Not given")
    )
    display_name = forms.CharField(
        label=gettext_lazy("Name to show with comments (optional)"), required=False, max_length=80
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the comments now (I have read them against the house rules)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = []
        for section in review.section_list:
            comment = forms.CharField(
                label=_("Comments on %(number)s. %(title)s")
                % {"number": section.number, "title": section.title},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"comment_{section.key}"] = comment
            views = []
            for rec in section.recommendation_list:
                name = f"view_{rec.key}"
                self.fields[name] = forms.ChoiceField(
                    label=_("Recommendation %(number)s: %(text)s")
                    % {"number": rec.number, "text": rec.short_text},
                    required=False,
                    choices=[(NO_ANSWER, _("No answer")), *RecommendationResponse.Choice.choices],
                    widget=forms.RadioSelect,
                    initial=NO_ANSWER,
                )
                views.append((rec, name))
            self.parts.append((section, f"comment_{section.key}", views))

    @property
    def bound_parts(self):
        """(section, its comment field, [its recommendations' fields]) for the template."""
        return [
            (section, self[comment], [self[name] for _rec, name in views])
            for section, comment, views in self.parts
        ]

    def clean(self):
        cleaned = super().clean()
        answered = any(cleaned.get(name) for name in self.fields if name.startswith(("comment_", "view_")))
        if not answered:
            raise forms.ValidationError(_("Enter at least one comment or view: the form is empty."))
        return cleaned


def entry_url(review):
    return reverse("consultations_enter_response", args=[review.pk])


def save_entry(review, form, channel_fields, user):
    """The comments and views of one entered response; returns (comments, views) saved."""
    data = form.cleaned_data
    participant = f"{ENTRY_PREFIX}:{uuid.uuid4().hex}"
    comments, views = 0, 0
    for section, comment_name, recommendations in form.parts:
        if data[comment_name].strip():
            comment = Comment.objects.create(
                page=review,
                section_key=section.key,
                section_label=section.title,
                place=data["place"],
                theme=section.theme,
                display_name=data["display_name"].strip() or ANONYMOUS,
                body=data[comment_name].strip(),
                state=Comment.State.PENDING,
                source_path=review.url_path,
                **channel_fields,
            )
            if data["publish"]:
                comment.approve(
                    user, reason=_("Entered from a %(channel)s response") % {"channel": comment.channel}
                )
            comments += 1
        for rec, name in recommendations:
            if data[name]:
                RecommendationResponse.objects.create(
                    review=review,
                    section_key=section.key,
                    recommendation_key=rec.key,
                    choice=data[name],
                    place=data["place"],
                    theme=section.theme,
                    participant=participant,
                    **channel_fields,
                )
                views += 1
    return comments, views


def enter_review_response(request, page_id):
    if not can_enter_responses(request.user):
        raise PermissionDenied
    review = get_object_or_404(ReviewPage, pk=page_id)
    data = request.POST if request.method == "POST" else None
    form = ReviewEntryForm(data, review=review)
    channel_form = ChannelForm(data, prefix="entry")
    if data is not None and all([form.is_valid(), channel_form.is_valid()]):
        channel_fields = channel_form.channel_fields(request.user)
        with transaction.atomic():
            comments, views = save_entry(review, form, channel_fields, request.user)
            log(
                instance=review,
                action=ENTERED_ACTION,
                user=request.user,
                data={"comments": comments, "views": views, "channel": channel_fields["channel"]},
            )
        messages.success(
            request,
            _("Response entered: %(comments)d comments and %(views)d views. Enter the next one below.")
            % {"comments": comments, "views": views},
        )
        return redirect(entry_url(review))
    return TemplateResponse(
        request,
        "consultations/admin/enter_response.html",
        {"review": review, "form": form, "channel_form": channel_form},
    )
