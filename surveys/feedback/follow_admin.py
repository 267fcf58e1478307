"""The staff listing of follows: counts per place, theme and consultation for anyone with
surveys.view_follow; who follows (email addresses) only with site_home.view_personal_data."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from site_home.permissions import can_see_personal_data
from surveys.models import Follow

VIEW_PERMISSION = "surveys.view_follow"


def follow_counts():
    confirmed = Q(confirmed_at__isnull=False)
    return (
        Follow.objects.values("page_id", "page__title", "theme_id", "theme__name")
        .annotate(
            confirmed=Count("pk", filter=confirmed),
            weekly=Count("pk", filter=confirmed & Q(frequency=Follow.Frequency.WEEKLY)),
            unconfirmed=Count("pk", filter=~confirmed),
        )
        .order_by("-confirmed", "page__title", "theme__name")
    )


def follow_list(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    context = {"counts": follow_counts(), "show_personal_data": can_see_personal_data(request.user)}
    if context["show_personal_data"]:
        follows = Follow.objects.select_related("page", "theme").order_by("-created_at", "-pk")
        context["follows"] = Paginator(follows, 100).get_page(request.GET.get("p"))
    return TemplateResponse(request, "surveys/admin/follows.html", context)
