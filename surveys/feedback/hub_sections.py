"""What people have said, on place hubs and theme pages (site_home.hub): three queries each, the
comments of pages the public may not see left out (site_home.visibility)."""

from site_home.hub import HubSection
from surveys.models import Comment

LATEST = 3


def _recent(queryset, count):
    return list(queryset.select_related("page").newest_first()[:count])


def place_comments_section(place, request):
    comments = Comment.objects.published().on_visible_pages(request).for_place(place)
    total = comments.count()
    if not total:
        return None
    return HubSection(
        "What people here have said",
        "surveys/sections/comment_list.html",
        {
            "total": total,
            "comments": _recent(comments.with_public_place(request), LATEST),
            "where": f"from {place.title}",
        },
    )


def theme_comments_section(theme, request):
    comments = Comment.objects.published().on_visible_pages(request).for_theme(theme)
    total = comments.count()
    if not total:
        return None
    return HubSection(
        "What people have said about this",
        "surveys/sections/comment_list.html",
        {
            "total": total,
            "comments": _recent(comments.with_public_place(request), 5),
            "where": f"about {theme.name}",
        },
    )
