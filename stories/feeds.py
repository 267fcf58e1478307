"""RSS feeds of stories: all of them, and one per place. Served as routes of the StoryIndexPage."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from site_home.feeds import IndexPageFeed
from site_home.links import absolute_url
from site_home.models import PlacePage

FEED_ITEMS = 30


class StoryFeed(IndexPageFeed):
    def title(self):
        return _("Stories of Place")

    def description(self):
        return self.index_page.introduction or _("Stories from the places we work with.")

    def stories(self):
        return self.index_page.stories().with_public_place(self.request).prefetch_related("themes")

    def items(self):
        return self.stories()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return absolute_url(item)

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.publication_date, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.teller_label

    def item_categories(self, item):
        categories = [theme.name for theme in item.themes.all()]
        return [item.public_place.title, *categories] if item.public_place else categories


class PlaceStoryFeed(StoryFeed):
    def get_object(self, request, place_slug):
        return get_object_or_404(PlacePage.objects.visible(request), slug=place_slug)

    def title(self, place):
        return _("Stories of Place: %(place)s") % {"place": place.title}

    def link(self, place):
        return absolute_url(self.index_page.list_url_for_place(place))

    def description(self, place):
        return _("Stories from %(place)s.") % {"place": place.title}

    def items(self, place):
        return self.stories().for_place(place)[:FEED_ITEMS]
