"""Moderation screens in the Wagtail admin, beside the modeladmin listing: one comment in full
(history, reports, decide, respond officially) and bulk approve / reject with a reason."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from site_home.models import SiteSettings
from site_home.permissions import can_see_personal_data
from surveys.analysis.admin_views import CODE_PERMISSION
from surveys.analysis.frame import apply_code
from surveys.analysis.models import Code
from surveys.feedback import moderation
from surveys.models import Comment

MODERATE_PERMISSION = "surveys.moderate_comment"
OFFICIAL_PERMISSION = "surveys.post_official_response"


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=moderation.Action.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the comment's history. Required when rejecting."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == moderation.Action.REJECT and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for rejecting, for the record."))
        return data


class BulkDecisionForm(DecisionForm):
    comments = forms.ModelMultipleChoiceField(
        label=_("Comments"),
        queryset=Comment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )


class RedactionForm(forms.Form):
    body = forms.CharField(
        label=_("The comment with the part removed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Delete the words that must go; the rest stays as the resident wrote it."),
    )
    reason = forms.ChoiceField(
        label=_("Why"), choices=Comment.RedactionReason.choices, help_text=_("Shown on the public page.")
    )
    note = forms.CharField(
        label=_("Note for the record"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if body == self.comment.body.strip():
            raise forms.ValidationError(_("Remove the part that must go before saving."))
        return body


class OfficialResponseForm(forms.Form):
    display_name = forms.CharField(max_length=80, label=_("Shown as"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, label=_("Response"))


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def index_url():
    return reverse("surveys_comment_modeladmin_index")


def moderate_comment(request, pk):
    _require(request, MODERATE_PERMISSION)
    comment = get_object_or_404(Comment.objects.select_related("page", "place", "theme", "parent"), pk=pk)
    can_respond = request.user.has_perm(OFFICIAL_PERMISSION)
    decision = DecisionForm(prefix="decision")
    response_form = OfficialResponseForm(
        prefix="response", initial={"display_name": SiteSettings.for_request(request).organisation_name}
    )
    redaction = RedactionForm(prefix="redact", comment=comment, initial={"body": comment.body})
    if request.method == "POST" and "redact-body" in request.POST:
        redaction = RedactionForm(request.POST, prefix="redact", comment=comment)
        if redaction.is_valid():
            data = redaction.cleaned_data
            comment.redact(request.user, data["body"], data["reason"], data["note"].strip())
            messages.success(request, _("Part of the comment was removed, and the reason recorded."))
            return redirect("surveys_moderate_comment", pk=comment.pk)
    elif request.method == "POST" and "decision-action" in request.POST:
        decision = DecisionForm(request.POST, prefix="decision")
        if decision.is_valid():
            moderation.moderate(
                [comment], decision.cleaned_data["action"], request.user, decision.cleaned_data["reason"]
            )
            state = comment.get_state_display().lower()
            # Translators: the comment's new state, e.g. "Comment published."
            messages.success(request, gettext("Comment %(state)s.") % {"state": state})
            return redirect("surveys_moderate_comment", pk=comment.pk)
    elif request.method == "POST" and can_respond:
        response_form = OfficialResponseForm(request.POST, prefix="response")
        if response_form.is_valid():
            moderation.post_official_response(
                comment,
                request.user,
                response_form.cleaned_data["body"],
                response_form.cleaned_data["display_name"],
            )
            messages.success(request, gettext("Official response published."))
            return redirect("surveys_moderate_comment", pk=comment.pk)
    return TemplateResponse(
        request,
        "surveys/admin/moderate_comment.html",
        {
            "comment": comment,
            "decision": decision,
            "response_form": response_form if can_respond else None,
            "redaction": redaction,
            "history": comment.moderation_events.select_related("user"),
            "reports": comment.reports.all(),
            "show_personal_data": can_see_personal_data(request.user),
            "index_url": index_url(),
        },
    )


def bulk_moderate(request):
    _require(request, MODERATE_PERMISSION)
    state = request.GET.get("state") or request.GET.get("state__exact") or Comment.State.PENDING
    queryset = Comment.objects.select_related("page", "place").order_by("created_at")
    if state in Comment.State.values:
        queryset = queryset.filter(state=state)
    if request.GET.get("page__id__exact", "").isdigit():
        queryset = queryset.filter(page_id=request.GET["page__id__exact"])
    page_id = request.GET.get("page__id__exact", "")
    codes = Code.objects.filter(page_id=page_id) if page_id.isdigit() else Code.objects.none()
    may_code = request.user.has_perm(CODE_PERMISSION)
    if request.method == "POST" and "apply_code" in request.POST and may_code:
        return _apply_code_in_bulk(request, queryset, codes)
    form = BulkDecisionForm(request.POST or None)
    form.fields["comments"].queryset = queryset
    if request.method == "POST" and form.is_valid():
        changed = moderation.moderate(
            form.cleaned_data["comments"],
            form.cleaned_data["action"],
            request.user,
            form.cleaned_data["reason"],
        )
        message = ngettext("%(count)d comment updated.", "%(count)d comments updated.", changed)
        messages.success(request, message % {"count": changed})
        return redirect(f"{reverse('surveys_bulk_moderate')}?{request.GET.urlencode()}")
    return TemplateResponse(
        request,
        "surveys/admin/bulk_moderate.html",
        {
            "form": form,
            "comments": queryset[:200],
            "state": state,
            "states": Comment.State.choices,
            "show_personal_data": can_see_personal_data(request.user),
            "index_url": index_url(),
            "codes": list(codes) if may_code else [],
        },
    )


def _apply_code_in_bulk(request, queryset, codes):
    """The coding frame's "apply code" on the moderation screen, for the page it is filtered to."""
    back = f"{reverse('surveys_bulk_moderate')}?{request.GET.urlencode()}"
    code_id = request.POST.get("code", "")
    code = codes.filter(pk=int(code_id)).first() if code_id.isdigit() else None
    chosen = [pk for pk in request.POST.getlist("comments") if pk.isdigit()]
    selected = list(queryset.filter(pk__in=chosen).values_list("pk", flat=True))
    if code is None or not selected:
        messages.error(request, _("Choose a code and at least one comment."))
        return redirect(back)
    added = apply_code(code, [f"c{pk}" for pk in selected], request.user)
    messages.success(request, _("“%(code)s” applied to %(n)d comments.") % {"code": code.label, "n": added})
    return redirect(back)
