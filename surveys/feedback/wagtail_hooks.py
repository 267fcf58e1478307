from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from site_home.admin_lookups import DeclaredLookupsOnlyMixin
from site_home.hub import PLACE_SECTIONS, THEME_SECTIONS
from site_home.languages import language_name
from site_home.permissions import can_see_personal_data
from surveys.feedback import admin_views, follow_admin
from surveys.feedback.channels import ENTER_RESPONSES_PERMISSION, ENTERED_ACTION
from surveys.feedback.hub_sections import (
    place_comments_section,
    place_discussions_section,
    theme_comments_section,
    theme_discussions_section,
)
from surveys.feedback.models.comments import REDACT_LOG_ACTION
from surveys.models import Comment

PUBLIC_EXPORT = [
    "page_title",
    "language",
    "section_label",
    "place_title",
    "theme_name",
    "body",
    "stance_label",
    "category_label",
    "state_label",
    "get_channel_display",
    "is_official_response",
    "agree_count",
    "report_count",
    "created_at",
    "published_at",
]
PERSONAL_EXPORT = ["display_name", "email"]
EXPORT_HEADINGS = {
    "page_title": _("Page"),
    "language": _("Language"),
    "section_label": _("Section"),
    "place_title": _("Place"),
    "theme_name": _("Theme"),
    "body": _("Comment"),
    "stance_label": _("Stance"),
    "category_label": _("Category"),
    "state_label": _("State"),
    "get_channel_display": _("Channel"),
    "is_official_response": _("Official response"),
    "agree_count": _("Agreements"),
    "report_count": _("Reports"),
    # Translators: when a comment was posted.
    "created_at": _("Posted"),
    "published_at": _("Published"),
    "display_name": _("Name"),
    "email": _("Email"),
}


class CommentPermissionHelper(PermissionHelper):
    """Residents' words are never edited or invented in the admin: moderators decide on them
    (approve / reject, with history) and respond officially through the moderation screen."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class CommentButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.request.user.has_perm(admin_views.MODERATE_PERMISSION):
            buttons.insert(
                0,
                {
                    "url": reverse("surveys_moderate_comment", args=[obj.pk]),
                    "label": _("Moderate"),
                    "classname": "button button-small button-secondary",
                    "title": _("Read, decide, respond and see the history"),
                },
            )
        return buttons


class CommentIndexView(DeclaredLookupsOnlyMixin, IndexView):
    export_headings = EXPORT_HEADINGS
    personal_lookup_fields = ("display_name", "email")


class CommentAdmin(ModelAdmin):
    model = Comment
    menu_label = _("Comments")
    menu_icon = "comment"
    menu_order = 300
    add_to_admin_menu = True
    permission_helper_class = CommentPermissionHelper
    button_helper_class = CommentButtonHelper
    list_display = [
        "excerpt",
        "page",
        "section_label",
        "place",
        "theme",
        "state",
        "agree_count",
        "created_at",
    ]
    list_filter = [
        "state",
        ("page", RelatedOnlyFieldListFilter),
        ("place", RelatedOnlyFieldListFilter),
        ("theme", RelatedOnlyFieldListFilter),
        "is_official_response",
        "channel",
        "stance",
        "category",
    ]
    list_select_related = ["page__locale", "place", "theme"]
    search_fields = ["body", "section_label"]
    export_filename = "comments"
    index_view_class = CommentIndexView
    index_template_name = "modeladmin/surveys/comment/index.html"

    def get_list_display(self, request):
        if can_see_personal_data(request.user):
            return ["excerpt", "display_name", *self.list_display[1:]]
        return self.list_display

    def get_search_fields(self, request):
        personal = ["display_name", "email"] if can_see_personal_data(request.user) else []
        return [*self.search_fields, *personal]

    def get_list_export(self, request):
        return PUBLIC_EXPORT + (PERSONAL_EXPORT if can_see_personal_data(request.user) else [])

    def excerpt(self, obj):
        if obj.is_official_response:
            return format_html(_("Official response: {}"), obj.body[:120])
        return format_html("{}", obj.body[:120])

    excerpt.short_description = _("Comment")

    def language(self, obj):
        return language_name(obj.page.locale.language_code)

    def page_title(self, obj):
        return obj.page.title

    def place_title(self, obj):
        return obj.place.title if obj.place else ""

    def theme_name(self, obj):
        return obj.theme.name if obj.theme else ""

    def stance_label(self, obj):
        return obj.get_stance_display()

    def category_label(self, obj):
        return obj.get_category_display()

    def state_label(self, obj):
        return obj.get_state_display()


modeladmin_register(CommentAdmin)


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("surveys/comments/bulk/", admin_views.bulk_moderate, name="surveys_bulk_moderate"),
        path(
            "surveys/comments/<int:pk>/moderate/",
            admin_views.moderate_comment,
            name="surveys_moderate_comment",
        ),
        path("surveys/follows/", follow_admin.follow_list, name="surveys_follows"),
    ]


@hooks.register("register_log_actions")
def comment_log_actions(actions):
    actions.register_action(REDACT_LOG_ACTION, _("Redact comment"), _("Part of a comment removed"))


@hooks.register("register_admin_menu_item")
def follows_menu_item():
    return FollowCountsMenuItem(
        _("Follows"), reverse("surveys_follows"), icon_name="mail", order=820, name="follows"
    )


@hooks.register("register_permissions")
def follow_permissions():
    """Lets a group be given the follow counts in Wagtail's group editor."""
    return Permission.objects.filter(content_type__app_label="surveys", codename="view_follow")


class FollowCountsMenuItem(MenuItem):
    """Shown to staff who may see the follow counts."""

    def is_shown(self, request):
        return request.user.has_perm(follow_admin.VIEW_PERMISSION)


hooks.register(PLACE_SECTIONS, order=50)(place_discussions_section)
hooks.register(THEME_SECTIONS, order=50)(theme_discussions_section)
hooks.register(PLACE_SECTIONS, order=60)(place_comments_section)
hooks.register(THEME_SECTIONS, order=60)(theme_comments_section)


@hooks.register("register_permissions")
def entry_permission():
    """Lets a group be given the entry of paper, phone and event responses in Wagtail's group editor."""
    app_label, codename = ENTER_RESPONSES_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("register_log_actions")
def register_entry_log_action(actions):
    actions.register_action(
        ENTERED_ACTION,
        _("Enter a paper, phone or event response"),
        _("Response entered from paper, phone or an event"),
    )
