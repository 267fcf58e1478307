from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from site_home.models import PlacePage
from surveys.feedback.channels import Channel

from .models import ReviewPage
from .overview import COLUMNS, export_response, feedback_rows


def feedback_overview(request, page_id):
    review = get_object_or_404(ReviewPage, pk=page_id)
    if not review.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    places = list(PlacePage.objects.order_by("title").only("id", "title"))
    place = next((p for p in places if str(p.pk) == request.GET.get("place")), None)
    channel = request.GET.get("channel") if request.GET.get("channel") in Channel.values else None
    rows = feedback_rows(review, place, channel)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return export_response(review, rows, fmt, channel)
    return TemplateResponse(
        request,
        "consultations/admin/feedback_overview.html",
        {
            "review": review,
            "rows": rows,
            "columns": COLUMNS,
            "places": places,
            "place": place,
            "channels": Channel.choices,
            "channel": channel,
        },
    )
