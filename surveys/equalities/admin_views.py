"""The staff "who we heard from" page: counts only (suppressed), so it needs only
surveys.view_who_we_heard, not the personal-data permission. No one's answers are shown."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from site_home.models import PlacePage

from .exports import report_file
from .reach import Scope, page_scope, scope_pages, who_we_heard

VIEW_PERMISSION = "surveys.view_who_we_heard"


class ScopeForm(forms.Form):
    page = forms.TypedChoiceField(
        label=_("Consultation or survey"), required=False, coerce=int, empty_value=None
    )
    place = forms.TypedChoiceField(label=_("Place"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].choices = [("", _("All consultations and surveys"))] + [
            (page.pk, page.title) for page in scope_pages()
        ]
        places = PlacePage.objects.order_by("title").values_list("pk", "title")
        self.fields["place"].choices = [("", _("All places"))] + list(places)


def who_we_heard_view(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    form = ScopeForm(request.GET or None)
    page = place = None
    if form.is_valid():
        if form.cleaned_data["page"]:
            page = get_object_or_404(Page, pk=form.cleaned_data["page"])
        if form.cleaned_data["place"]:
            place = get_object_or_404(PlacePage, pk=form.cleaned_data["place"])
    if page:
        scope = page_scope(page, place)
    else:
        scope = Scope(title=place.title if place else str(_("All responses")), place=place)
    report = who_we_heard(scope)
    if request.GET.get("export") in ("csv", "xlsx"):
        return report_file(report, request.GET["export"])
    query = request.GET.copy()
    query.pop("export", None)
    return TemplateResponse(
        request,
        "surveys/admin/who_we_heard.html",
        {"form": form, "report": report, "query": query.urlencode()},
    )
