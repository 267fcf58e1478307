"""Who may see a page, and so everything said, counted or listed from it: decided here, for every app.

A page is public when it is live and neither it nor any ancestor is unpublished or carries a
view restriction (login, password or groups). Wagtail's `.live().public()` misses one case: a live
page under an unpublished one (Wagtail even serves it; `routed_through_unpublished_page` lets a
hook make that a 404).

- Shared listings (hub sections, feeds, sitemap, search, counts) show the anonymous view, whoever
  asks, so what they render may be cached for everyone: `VisiblePageQuerySet.visible()` for pages,
  `OnVisiblePagesMixin.on_visible_pages()` for what points at a page (comments, survey answers).
- What names a page it points at (the place a comment was written from, a story's place, an
  event's places) names it only when the public may see it: `public_page_flag()` annotates a
  listing with that answer in the same query, `PublicPlaceMixin.public_place` reads it, and
  `visible_pages()` filters a prefetch of many.
- Acting on one thing (report, agree, reply, comment) goes through `visible_to(page, request)`: a
  visitor who has passed the page's restrictions (signed in, entered its password) may act there.
"""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404
from wagtail.models import Page
from wagtail.query import PageQuerySet


def hidden_roots(request=None):
    """The paths of the tops of the subtrees the public may not see, in one query (kept on the
    request when given): view-restricted pages, and unpublished pages with children (an
    unpublished page on its own is left out by `live`, so drafts do not make this list grow)."""
    roots = getattr(request, "_hidden_page_roots", None)
    if roots is None:
        paths = (
            Page.objects.filter(Q(live=False, numchild__gt=0) | Q(view_restrictions__isnull=False))
            .order_by("path")
            .values_list("path", flat=True)
            .distinct()
        )
        roots = []
        for path in paths:  # in tree order, so a root's descendants follow it
            if not (roots and path.startswith(roots[-1])):
                roots.append(path)
        if request is not None:
            request._hidden_page_roots = roots
    return roots


def visible_q(prefix="", request=None):
    """A filter for pages the public may see; `prefix` ("page__") reaches them through a relation."""
    q = Q(**{f"{prefix}live": True})
    for root in hidden_roots(request):
        q &= ~Q(**{f"{prefix}path__startswith": root})
    return q


def public_page_flag(relation, request=None):
    """An annotation: whether the page at the end of `relation` ("place") is one the public may
    see; NULL (falsy) when there is none."""
    return ExpressionWrapper(visible_q(f"{relation}__", request), output_field=BooleanField())


def is_public(page, request=None):
    """Whether the public may see `page`, a page already loaded: its live flag and path against
    `hidden_roots`, so no query once the request knows them."""
    if page is None or not page.live:
        return False
    return not any(page.path.startswith(root) for root in hidden_roots(request))


class PublicPlaceMixin:
    """For a model with a `place` page: the place to name on a public page, or None. Listings
    annotate `place_is_public` (`public_page_flag("place")`); anything not annotated names none."""

    @property
    def public_place(self):
        return self.place if getattr(self, "place_is_public", False) else None


class VisiblePageQuerySet(PageQuerySet):
    def visible(self, request=None):
        """Live pages under no unpublished or restricted page: `.live().public()` and more, in the
        same single extra query. Listed once each, in the site's first language: a translation is
        reached from its original through the language switcher, and its feedback counts there."""
        return self.filter(visible_q(request=request), locale__language_code=settings.LANGUAGE_CODE)


class OnVisiblePagesMixin:
    """For a queryset of things with a `page` foreign key (comments, survey answers)."""

    def on_visible_pages(self, request=None):
        return self.filter(visible_q("page__", request))


def visible_to(page, request):
    """Whether this visitor may see `page`: live, under no unpublished page, and every view
    restriction on it or its ancestors passed (Wagtail's own check of session, login and groups)."""
    if not page.live or unpublished_ancestors(page).exists():
        return False
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def require_visible(page, request):
    """`page`, or a 404 for a visitor who may not see it (the same answer as for a missing page)."""
    if page is None or not visible_to(page, request):
        raise Http404("Not found")
    return page


def unpublished_ancestors(page):
    # The tree's root (depth 1) is never served and need not be live.
    return Page.objects.ancestor_of(page).filter(depth__gt=1, live=False)


def routed_through_unpublished_page(page):
    """Whether Wagtail's routing reached `page` through an unpublished page. Routing leaves each
    page's parent on it (`_cached_parent_obj`, copied by `.specific`), so a served page costs no
    query unless that chain stops below the site's root."""
    node = page
    while (parent := getattr(node, "_cached_parent_obj", None)) is not None:
        if not parent.live:
            return True
        node = parent
    return node.depth > 2 and unpublished_ancestors(node).exists()
