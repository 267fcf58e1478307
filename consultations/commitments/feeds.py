"""RSS feeds of the public updates on commitments: all of them, per place and per theme. Served as
routes of the CommitmentIndexPage (so cached like the page); only updates on commitments the public
may see go in."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consultations.models import CommitmentUpdate
from site_home.feeds import IndexPageFeed
from site_home.links import absolute_url
from site_home.models import PlacePage, Theme

FEED_ITEMS = 30


class UpdateFeed(IndexPageFeed):
    def title(self):
        return _("%(tracker)s: updates") % {"tracker": self.index_page.title}

    def description(self):
        return self.index_page.introduction or _("Progress on what we said we would do.")

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
        return _("%(title)s: update of %(date)s") % {
            "title": item.page.title,
            "date": date_format(item.date, "j F Y"),
        }

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
        return _("%(tracker)s in %(place)s: updates") % {
            "tracker": self.index_page.title,
            "place": place.title,
        }

    def link(self, place):
        return absolute_url(f"{self.index_page.url}?place={place.slug}")

    def description(self, place):
        return _("Progress on what we said we would do in %(place)s.") % {"place": place.title}

    def items(self, place):
        return self.updates().filter(page__places=place).distinct()[:FEED_ITEMS]


class ThemeUpdateFeed(UpdateFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return _("%(tracker)s: %(theme)s: updates") % {"tracker": self.index_page.title, "theme": theme.name}

    def link(self, theme):
        return absolute_url(f"{self.index_page.url}?theme={theme.slug}")

    def description(self, theme):
        return _("Progress on what we said we would do about %(theme)s.") % {"theme": theme.name}

    def items(self, theme):
        return self.updates().filter(page__themes=theme).distinct()[:FEED_ITEMS]
