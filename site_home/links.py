"""Absolute links to the site, for everything read away from it: emails, feeds, calendars, the
sitemap, share links and robots.txt.

One origin for all of them: BASE_URL (settings.WAGTAILADMIN_BASE_URL), the address the council
publishes. Not Wagtail's Site record, whose hostname is whatever it was left at (often
"localhost"), and not the request's Host header, which a background task does not have and a
client chooses. Pages inside the site keep relative links.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from site_home.visibility import visible_q


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def site_path(url):
    """The path (with query and fragment) of a link to this site, whatever origin it was built with."""
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def absolute_url(target):
    """The public, absolute URL of a page (any Wagtail page) or of a path on this site ("/x/?y").

    An absolute URL built elsewhere for this site (Wagtail's get_full_url, a sitemap entry) is moved
    onto BASE_URL. Returns "" for a page that has no URL (not routable)."""
    if hasattr(target, "get_url_parts"):
        parts = target.get_url_parts()
        if parts is None:
            return ""
        target = parts[2]
    path = site_path(target)
    return f"{base_url()}{path}"


class Sitemap(WagtailSitemap):
    """Wagtail's sitemap with every location on BASE_URL (pages add their own routes' URLs too),
    without the pages under an unpublished one (Wagtail checks only the page itself)."""

    def items(self):
        return super().items().filter(visible_q(request=self.request))

    def _urls(self, page, protocol, domain):
        urls = [url for url in super()._urls(page, protocol, domain) if url.get("location")]
        for url in urls:
            url["location"] = absolute_url(url["location"])
        return urls
