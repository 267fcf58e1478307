"""The coding screens in the Wagtail admin: a frame's codes, its responses to code in bulk (tick,
choose a code, apply), the suggestions to accept or reject, quotes, and the counts."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page

from .frame import (
    acceptance,
    apply_code,
    code_totals,
    counts,
    decide,
    frame_codes,
    frame_responses,
    start_codes,
    toggle_quote,
)
from .models import Code, Coding, Suggestion
from .suggestions import make_suggestions

CODE_PERMISSION = "surveys.code_responses"
PER_PAGE = 50


class CodeForm(forms.ModelForm):
    class Meta:
        model = Code
        fields = ["label", "description", "theme"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.page = page

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if Code.objects.filter(page=self.instance.page, label__iexact=label).exists():
            raise forms.ValidationError(_("This frame already has a code with that label."))
        return label


class ApplyCodeForm(forms.Form):
    code = forms.ModelChoiceField(
        queryset=Code.objects.none(), label=_("Code"), empty_label=_("Choose a code")
    )
    responses = forms.MultipleChoiceField(
        choices=[], error_messages={"required": _("Select at least one response.")}
    )

    def __init__(self, *args, page, keys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].queryset = Code.objects.filter(page=page)
        self.fields["responses"].choices = [(key, key) for key in keys]


def _require(request):
    if not request.user.has_perm(CODE_PERMISSION):
        raise PermissionDenied


def _frame_page(page_id):
    return get_object_or_404(Page, pk=page_id)


def coding_url(page, **query):
    url = reverse("surveys_coding", args=[page.pk])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def frame_index(request):
    _require(request)
    frames = (
        Page.objects.filter(analysis_codes__isnull=False)
        .annotate(codes=Count("analysis_codes"))
        .order_by("title")
        .specific(defer=True)
    )
    return TemplateResponse(request, "surveys/admin/coding_frames.html", {"frames": frames})


def coding(request, page_id):
    """GET: the frame. POST: one of add a code, start from the page, suggest, apply, accept,
    reject, quote; then back here, so a reload never repeats the action."""
    _require(request)
    page = _frame_page(page_id)
    uncoded_only = request.GET.get("show") == "uncoded"
    code_form = CodeForm(page=page, prefix="code")
    apply_form = None
    if request.method == "POST":
        done = _act(request, page)
        if done is True:
            return redirect(request.get_full_path())
        code_form, apply_form = done
    responses = frame_responses(page, uncoded_only=uncoded_only)
    if apply_form is None:
        apply_form = ApplyCodeForm(page=page, keys=[])
    selected = set(request.POST.getlist("responses")) if request.method == "POST" else set()
    page_obj = Paginator(responses, PER_PAGE).get_page(request.GET.get("p"))
    codes = frame_codes(page)
    totals = code_totals(page)
    for code in codes:
        code.total = totals.get(code.pk, 0)
    return TemplateResponse(
        request,
        "surveys/admin/coding.html",
        {
            "frame": page,
            "codes": codes,
            "code_form": code_form,
            "apply_form": apply_form,
            "page_obj": page_obj,
            "selected": selected,
            "uncoded_only": uncoded_only,
            "can_start": hasattr(page.specific, "starter_codes"),
            "acceptance": acceptance(page),
            "total_responses": len(responses),
        },
    )


def _act(request, page):
    """Carry out the posted action; True when done, else the (code form, apply form) with errors."""
    post = request.POST
    if "add_code" in post:
        form = CodeForm(post, page=page, prefix="code")
        if not form.is_valid():
            return form, None
        form.save()
        messages.success(request, _("Code added."))
    elif "start" in post:
        added = start_codes(page)
        messages.success(request, ngettext("%(n)d code added.", "%(n)d codes added.", added) % {"n": added})
    elif "suggest" in post:
        made = make_suggestions(page)
        messages.success(
            request, ngettext("%(n)d new suggestion.", "%(n)d new suggestions.", made) % {"n": made}
        )
    elif "accept" in post or "reject" in post:
        accept = "accept" in post
        suggestion = get_object_or_404(
            Suggestion, pk=_number(post.get("accept") or post.get("reject")), code__page=page
        )
        if suggestion.decision == Suggestion.Decision.PENDING:
            decide(suggestion, accept, request.user)
        done = _("Suggestion accepted: code applied.") if accept else _("Suggestion rejected.")
        messages.success(request, done)
    elif "quote" in post:
        coding = get_object_or_404(Coding, pk=_number(post["quote"]), code__page=page)
        if toggle_quote(coding):
            messages.success(request, _("Quote chosen.") if coding.is_quote else _("No longer a quote."))
    else:
        keys = [response.key for response in frame_responses(page)]
        form = ApplyCodeForm(post, page=page, keys=keys)
        if not form.is_valid():
            return CodeForm(page=page, prefix="code"), form
        added = apply_code(form.cleaned_data["code"], form.cleaned_data["responses"], request.user)
        messages.success(
            request,
            ngettext("“%(code)s” applied to %(n)d response.", "“%(code)s” applied to %(n)d responses.", added)
            % {"code": form.cleaned_data["code"].label, "n": added},
        )
    return True


def _number(value):
    return int(value) if str(value or "").isdigit() else 0


def coding_counts(request, page_id):
    _require(request)
    page = _frame_page(page_id)
    return TemplateResponse(
        request,
        "surveys/admin/coding_counts.html",
        {"frame": page, "rows": counts(page), "acceptance": acceptance(page)},
    )
