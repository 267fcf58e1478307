from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import DataZone


@hooks.register("register_admin_urls")
def who_we_heard_urls():
    return [path("surveys/who-we-heard/", admin_views.who_we_heard_view, name="surveys_who_we_heard")]


class WhoWeHeardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def who_we_heard_menu_item():
    return WhoWeHeardMenuItem(
        _("Who we heard from"), reverse("surveys_who_we_heard"), icon_name="group", order=900
    )


@hooks.register("register_permissions")
def who_we_heard_permissions():
    return Permission.objects.filter(content_type__app_label="surveys", codename="view_who_we_heard")


class DataZoneViewSet(SnippetViewSet):
    """Which place each data zone belongs to (the zones come from import_simd_lookup)."""

    model = DataZone
    icon = "site"
    menu_label = _("Data zones")
    list_display = ["code", "name", "boundary_set", "place"]
    list_filter = ["boundary_set"]
    search_fields = ["code", "name"]
    search_backend_name = None  # a plain model: filtered in the database
    panels = [
        # Headings give the fields their labels in the editor's language, without a migration.
        FieldPanel("code", read_only=True, heading=_("Code")),
        FieldPanel("boundary_set", read_only=True, heading=_("Boundary set")),
        FieldPanel("name", heading=_("Name")),
        FieldPanel("place", heading=_("Place")),
    ]


register_snippet(DataZoneViewSet)
