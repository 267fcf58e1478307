from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from site_home.hub import HOME_SECTIONS, PLACE_SECTIONS, THEME_SECTIONS, HubSection
from site_home.permissions import can_see_personal_data
from site_home.visibility import visible_q

from . import admin_views
from .models import StoryIndexPage, StoryPage, StorySubmission

SECTION_STORIES = 3


# ---- Hub sections: home, place and theme pages ---------------------------------------------------


def _story_index(request):
    """The live story index, looked up once per request (several sections need it)."""
    if not hasattr(request, "_story_index"):
        request._story_index = StoryIndexPage.objects.filter(visible_q(request=request)).first()
    return request._story_index


def _section(title, stories, index_page, request, more_url, more_label, feed_url=None):
    share_url = index_page.url + index_page.reverse_subpage("share")
    return HubSection(
        title,
        "stories/sections/story_list.html",
        {"stories": stories, "share_url": share_url, "feed_url": feed_url},
        more_url=more_url,
        more_label=more_label,
        feeds=[(title, feed_url)] if feed_url else [],
    )


@hooks.register(HOME_SECTIONS, order=30)
def home_latest_stories(home_page, request):
    index_page = _story_index(request)
    if index_page is None:
        return None
    stories = list(index_page.stories().with_cards(request)[:SECTION_STORIES])
    if not stories:
        return None
    return _section(_("Latest stories"), stories, index_page, request, index_page.url, _("Read all stories"))


@hooks.register(PLACE_SECTIONS, order=20)
def place_stories(place, request):
    index_page = _story_index(request)
    if index_page is None:
        return None
    stories = list(index_page.stories().for_place(place).with_cards(request)[:SECTION_STORIES])
    return _section(
        _("Stories from %(place)s") % {"place": place.title},
        stories,
        index_page,
        request,
        index_page.list_url_for_place(place),
        _("All stories from %(place)s") % {"place": place.title},
        feed_url=index_page.feed_url_for_place(place),
    )


@hooks.register(THEME_SECTIONS, order=20)
def theme_stories(theme, request):
    index_page = _story_index(request)
    if index_page is None:
        return None
    stories = list(index_page.stories().with_theme(theme).with_cards(request)[:SECTION_STORIES])
    if not stories:
        return None
    more_url = f"{index_page.url}?theme={theme.slug}"
    title = _("Stories about %(theme)s") % {"theme": theme.name.lower()}
    return _section(title, stories, index_page, request, more_url, _("See all"))


# ---- Admin: the moderation queue ------------------------------------------------------------------


class EmailColumn(Column):
    """Residents' email addresses, shown only to staff allowed to see personal data."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if not can_see_personal_data(getattr(request, "user", None)):
            context["value"] = _("Hidden")
        return context


class SubmissionIndexView(SnippetIndexView):
    def get_list_more_buttons(self, instance):
        review = ListingButton(
            _("Review"), url=reverse("stories_submission_review", args=[instance.pk]), priority=5
        )
        return [review, *super().get_list_more_buttons(instance)]


class StorySubmissionViewSet(SnippetViewSet):
    model = StorySubmission
    index_view_class = SubmissionIndexView
    icon = "doc-full"
    menu_label = gettext_lazy("Story submissions")
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "title",
        "place",
        Column("shown_name", label=gettext_lazy("Name shown")),
        EmailColumn("email", label=gettext_lazy("Email")),
        "status",
        DateColumn("created_at", label=gettext_lazy("Received")),
    ]
    list_filter = ["status", "place"]
    list_export = [
        "created_at",
        "title",
        "place",
        "status",
        "shown_name",
        "consent_publish",
        "consent_contact",
    ]
    ordering = ["-created_at"]
    # Email and photo are left out: the email is personal data, the photo is seen on the review page.
    panels = ["title", "text", "place", "themes", "display_name", "photo_alt", "status", "rejection_reason"]

    def get_queryset(self, request):
        return StorySubmission.objects.select_related("place")


register_snippet(StorySubmissionViewSet)


@hooks.register("register_admin_urls")
def story_admin_urls():
    return [
        path("stories/submissions/<int:pk>/", admin_views.review, name="stories_submission_review"),
        path(
            "stories/submissions/<int:pk>/draft/",
            admin_views.make_draft,
            name="stories_submission_make_draft",
        ),
        path("stories/submissions/<int:pk>/reject/", admin_views.reject, name="stories_submission_reject"),
        path("stories/submissions/<int:pk>/photo/", admin_views.photo, name="stories_submission_photo"),
    ]


# ---- Admin: a flat list of stories with their view counts (editors only) --------------------------


class StoryListingView(PageIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("place", "view_count")


class StoryListingViewSet(PageListingViewSet):
    model = StoryPage
    index_view_class = StoryListingView
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Stories")
    menu_order = 210
    add_to_admin_menu = True
    columns = [
        PageTitleColumn("title", label=gettext_lazy("Title"), sort_key="title", classname="title"),
        Column("place", label=gettext_lazy("Place"), accessor="place.title"),
        # The story's own date is a calendar date: shown as one, since "… ago" would count from
        # midnight. When it went live is a moment, for which "… ago" is right.
        Column(
            "publication_date",
            label=gettext_lazy("Story date"),
            accessor=lambda story: date_format(story.publication_date, "j M Y"),
            sort_key="publication_date",
        ),
        DateColumn("last_published_at", label=gettext_lazy("Published"), sort_key="last_published_at"),
        PageStatusColumn("status", label=gettext_lazy("Status"), sort_key="live"),
        Column("views", label=gettext_lazy("Views"), accessor="views"),
    ]


@hooks.register("register_admin_viewset")
def register_story_listing():
    return StoryListingViewSet("stories")
