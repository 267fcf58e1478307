"""Main navigation: the home page's children marked 'show in menus', kept per site and content
version (site_home.page_cache), so a publish, move, deletion or settings change shows at once."""

from wagtail.models import Site

from site_home.page_cache import cached_content


def main_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []

    def build():
        pages = site.root_page.get_children().live().public().in_menu().only("title", "url_path", "path")
        return [{"title": page.title, "url": page.get_url(request)} for page in pages]

    return cached_content(request, "navigation", site.pk, build)
