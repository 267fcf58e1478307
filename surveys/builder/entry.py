"""Staff enter survey responses received on paper, by phone or at an event: the survey's own form
(same questions, same validation) with the channel and event, stored like an online answer so it
counts in the results, and written to the audit log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from surveys.builder.models import SurveyPage
from surveys.feedback.antispam import HONEYPOT_FIELD
from surveys.feedback.channels import ENTERED_ACTION, ChannelForm, can_enter_responses


def entry_url(survey):
    return reverse("surveys_enter_response", args=[survey.pk])


def enter_survey_response(request, page_id):
    if not can_enter_responses(request.user):
        raise PermissionDenied
    survey = get_object_or_404(SurveyPage, pk=page_id)
    data = request.POST if request.method == "POST" else None
    form = survey.get_form(data, page=survey, user=request.user)
    channel_form = ChannelForm(data, prefix="entry")
    if data is not None and all([form.is_valid(), channel_form.is_valid()]):
        with transaction.atomic():
            submission = survey.process_form_submission(form)
            for name, value in channel_form.channel_fields(request.user).items():
                setattr(submission, name, value)
            submission.save(update_fields=["channel", "event", "entered_by"])
            log(
                instance=survey,
                action=ENTERED_ACTION,
                user=request.user,
                data={"survey_response": submission.pk, "channel": submission.channel},
            )
        messages.success(
            request,
            _("Response entered (%(channel)s). Enter the next one below.")
            % {"channel": submission.get_channel_display().lower()},
        )
        return redirect(entry_url(survey))
    fields = [field for field in form if field.name != HONEYPOT_FIELD]
    return TemplateResponse(
        request,
        "surveys/admin/enter_response.html",
        {"survey": survey, "fields": fields, "channel_form": channel_form, "form": form},
    )
