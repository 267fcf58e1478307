"""Main navigation: the home page's children marked 'show in menus', cached per site.

The cache is cleared when a page is published, unpublished, moved or deleted, or when site
settings change, so editors see their change on the next request.
"""

from django.core.cache import cache
from wagtail.models import Site

CACHE_KEY = "site_home:navigation:{site_id}"
CACHE_VERSION_KEY = "site_home:navigation:version"


def _key(site_id):
    version = cache.get_or_set(CACHE_VERSION_KEY, 1, None)
    return f"{CACHE_KEY.format(site_id=site_id)}:v{version}"


def main_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = _key(site.pk)
    items = cache.get(key)
    if items is None:
        root = site.root_page
        items = [
            {"title": page.title, "url": page.get_url(request)}
            for page in root.get_children().live().public().in_menu().only("title", "url_path", "path")
        ]
        cache.set(key, items, 60 * 60)
    return items


def invalidate_navigation(**kwargs):
    try:
        cache.incr(CACHE_VERSION_KEY)
    except ValueError:
        cache.set(CACHE_VERSION_KEY, 2, None)
