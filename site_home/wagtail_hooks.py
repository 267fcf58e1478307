from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_home.hub import HOME_SECTIONS, HubSection
from site_home.models import PlaceIndexPage, Theme
from site_home.page_cache import share
from site_home.two_factor import account_menu_item, admin_urls, register_log_actions, user_listing_buttons
from site_home.visibility import hidden_roots, routed_through_unpublished_page, visible_q

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_account_menu_item", account_menu_item)
hooks.register("register_user_listing_buttons", user_listing_buttons)
hooks.register("register_log_actions", register_log_actions)


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "group", "slug"]
    list_filter = ["group"]
    search_fields = ["name", "description"]
    list_export = ["name", "slug", "group", "description"]


register_snippet(ThemeViewSet)


@hooks.register(HOME_SECTIONS, order=90)
def home_places(home_page, request):
    index_page = PlaceIndexPage.objects.filter(visible_q(request=request)).first()
    if index_page is None:
        return None
    places = list(index_page.places)
    if not places:
        return None
    return HubSection(
        gettext("Places"),
        "site_home/sections/place_list.html",
        {"places": places},
        more_url=index_page.get_url(request),
        more_label=gettext("About all our places"),
    )


@hooks.register("before_serve_page", order=-10)
def refuse_pages_under_unpublished_ones(page, request, serve_args, serve_kwargs):
    """Wagtail routes through unpublished pages to their live children: unpublishing a section
    must take down what is under it too."""
    if routed_through_unpublished_page(page):
        raise Http404("Not found")


@hooks.register("before_serve_page", order=100)
def share_public_pages(page, request, serve_args, serve_kwargs):
    """A live page under no restriction looks the same to every anonymous reader, so the page cache
    may keep it (site_home/page_cache.py); residents' activity on it refreshes it at once."""
    if not any(page.path.startswith(root) for root in hidden_roots(request)):
        share(request, page.pk)
