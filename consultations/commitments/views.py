"""Calendar files of commitments' due dates (Wagtail's page URLs cannot end in ".ics"), shared with
every anonymous reader like the pages they come from."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from consultations.models import CommitmentPage
from site_home.models import PlacePage, Theme
from site_home.page_cache import shared

from .calendars import ics_text


def _commitments(request):
    return CommitmentPage.objects.visible(request).select_related("partner").order_by("due_date", "pk")


def _calendar_response(commitments, name, filename):
    response = HttpResponse(ics_text(commitments, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@shared
@require_GET
def calendar_all(request):
    return _calendar_response(_commitments(request), _("What we said we would do"), "commitments.ics")


@shared
@require_GET
def calendar_place(request, slug):
    place = get_object_or_404(PlacePage.objects.visible(request), slug=slug)
    commitments = _commitments(request).for_place(place).distinct()
    return _calendar_response(
        commitments,
        _("What we said we would do in %(place)s") % {"place": place.title},
        f"commitments-{slug}.ics",
    )


@shared
@require_GET
def calendar_theme(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    commitments = _commitments(request).for_theme(theme).distinct()
    return _calendar_response(
        commitments,
        _("What we said we would do: %(theme)s") % {"theme": theme.name},
        f"commitments-{slug}.ics",
    )
