"""What people have said, and the discussions open to join, on place hubs and theme pages
(site_home.hub): a fixed number of queries each, pages the public may not see left out
(site_home.visibility)."""

from django.utils.translation import gettext as _

from site_home.hub import HubSection
from surveys.models import Comment, DiscussionPage

LATEST = 3
DISCUSSIONS = 5


def _recent(queryset, count):
    return list(queryset.select_related("page").newest_first()[:count])


def place_comments_section(place, request):
    comments = Comment.objects.published().on_visible_pages(request).for_place(place)
    total = comments.count()
    if not total:
        return None
    return HubSection(
        _("What people here have said"),
        "surveys/sections/comment_list.html",
        {
            "total": total,
            "comments": _recent(comments.with_public_place(request), LATEST),
            # Translators: completes "3 published comments … The latest:".
            "where": _("from %(place)s") % {"place": place.title},
        },
    )


def theme_comments_section(theme, request):
    comments = Comment.objects.published().on_visible_pages(request).for_theme(theme)
    total = comments.count()
    if not total:
        return None
    return HubSection(
        _("What people have said about this"),
        "surveys/sections/comment_list.html",
        {
            "total": total,
            "comments": _recent(comments.with_public_place(request), 5),
            # Translators: completes "3 published comments … The latest:".
            "where": _("about %(theme)s") % {"theme": theme.name},
        },
    )


def _open_discussions(request):
    return DiscussionPage.objects.visible(request).open().with_cards().order_by("-first_published_at", "-pk")


def place_discussions_section(place, request):
    discussions = list(_open_discussions(request).for_place(place)[:DISCUSSIONS])
    if not discussions:
        return None
    return HubSection(
        _("Join the discussion in %(place)s") % {"place": place.title},
        "surveys/sections/discussion_list.html",
        {"discussions": discussions, "show": "theme"},
    )


def theme_discussions_section(theme, request):
    discussions = list(_open_discussions(request).for_theme(theme)[:DISCUSSIONS])
    if not discussions:
        return None
    return HubSection(
        _("Join the discussion"),
        "surveys/sections/discussion_list.html",
        {"discussions": discussions, "show": "place"},
    )
