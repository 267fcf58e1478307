"""The base of the site's RSS feeds: each is served as a route of an index page (so it is cached as
the page is) and links back to it."""

from django.contrib.syndication.views import Feed

from site_home.links import absolute_url


class IndexPageFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def feed_url(self):
        return absolute_url(self.request.path)

    def link(self):
        return absolute_url(self.index_page)
