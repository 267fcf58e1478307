from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def coding_urls():
    return [
        path("surveys/coding/", admin_views.frame_index, name="surveys_coding_frames"),
        path("surveys/coding/<int:page_id>/", admin_views.coding, name="surveys_coding"),
        path("surveys/coding/<int:page_id>/counts/", admin_views.coding_counts, name="surveys_coding_counts"),
    ]


class CodingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.CODE_PERMISSION)


@hooks.register("register_admin_menu_item")
def coding_menu_item():
    return CodingMenuItem(
        _("Coding"), reverse("surveys_coding_frames"), icon_name="tag", order=310, name="coding"
    )


@hooks.register("register_permissions")
def coding_permissions():
    return Permission.objects.filter(content_type__app_label="surveys", codename="code_responses")
