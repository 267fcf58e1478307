"""RSS feeds of the public updates on commitments: all of them, per place and per theme. Served as
routes of the CommitmentIndexPage (so cached like the page); only updates on commitments the public
may see go in."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone

from consultations.models import CommitmentUpdate
from site_home.feeds import IndexPageFeed
from site_home.links import absolute_url
from site_home.models import PlacePage, Theme

FEED_ITEMS = 30


class UpdateFeed(IndexPageFeed):
    def title(self):
        return f"{self.index_page.title}: updates"

    def description(self):
        return self.index_page.introduction or "Progress on what we said we would do."

    def updates(self):
        return (
            CommitmentUpdate.objects.filter(page__in=self.commitments())
            .select_related("page", "page__partner")
            .order_by("-date", "-pk")
        )

    def commitments(self):
        return self.index_page.commitments(self.request)

    def items(self):
        return self.updates()[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.page.title}: update of {item.date:%-d %B %Y}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{absolute_url(item.page)}#update-{item.pk}"

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_author_name(self, item):
        return item.page.partner.name


class PlaceUpdateFeed(UpdateFeed):
    def get_object(self, request, slug):
        return get_object_or_404(PlacePage.objects.visible(request), slug=slug)

    def title(self, place):
        return f"{self.index_page.title} in {place.title}: updates"

    def link(self, place):
        return absolute_url(f"{self.index_page.url}?place={place.slug}")

    def description(self, place):
        return f"Progress on what we said we would do in {place.title}."

    def items(self, place):
        return self.updates().filter(page__places=place).distinct()[:FEED_ITEMS]


class ThemeUpdateFeed(UpdateFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return f"{self.index_page.title}: {theme.name}: updates"

    def link(self, theme):
        return absolute_url(f"{self.index_page.url}?theme={theme.slug}")

    def description(self, theme):
        return f"Progress on what we said we would do about {theme.name}."

    def items(self, theme):
        return self.updates().filter(page__themes=theme).distinct()[:FEED_ITEMS]
