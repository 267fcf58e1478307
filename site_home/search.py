"""Site search: pages and themes in one list, a title match before a passing mention, hits in a
long document sent to the part they are in, and "did you mean" for a query that finds little.

Themes are snippets (served by the themes index at /themes/<slug>/), not pages, so they are searched
apart (with Wagtail's search backend, as pages are) and placed among the pages by `SearchResults`.
"""

import difflib
import os
import re
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.signals import page_published

from site_home.models import Theme
from site_home.models.taxonomy import theme_index_url
from site_home.visibility import visible_q

THEME_LIMIT = 10  # themes are a short taxonomy; a common word should not bring them all
TITLE_LIMIT = 50  # pages ranked first for a title match
SUGGEST_BELOW = 3  # a query with fewer results than this gets a "did you mean"
# What a suggestion may come from: the titles residents search for (app label, model).
SUGGESTION_SOURCES = [
    ("site_home", "placepage"),
    ("events", "eventpage"),
    ("consultations", "reviewpage"),
    ("stories", "storypage"),
]
SUGGESTION_TITLES = 2000  # on SQLite, the titles compared in Python
SUGGESTION_CANDIDATES = 50  # on PostgreSQL, the titles pg_trgm finds nearest
SUGGESTION_CUTOFF = 0.75  # difflib's ratio: "harborside" and "harbourside" score 0.95
SUGGESTION_WORDS = 6  # a longer query is a sentence, not a misspelt name (and costs more to compare)
TRIGRAM_THRESHOLD = 0.3  # pg_trgm's own default for its similarity operators


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once it is published. The index update its save started runs at once
    with the in-process task backend (and may with a quick worker) before the save has stored the
    page's many-to-many relations, so an event's themes and places would not be searchable."""
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def connect():
    page_published.connect(reindex_published_page, dispatch_uid="search-reindex-published-page")


def search_words(query):
    """Words only: SQLite's full-text syntax fails on stray quotes and operators typed by visitors."""
    return " ".join(re.findall(r"\w+", query))


@dataclass
class Hit:
    """One search result as the template shows it: a page or a theme, and where to link."""

    title: str
    url: str
    kind: str
    description: str = ""
    section: str = ""  # the part of a long document the words were found in


class SearchResults:
    """What a search finds, best first, in three tiers, so that a title match always beats a
    passing mention (SQLite's ranking weighs every field alike; PostgreSQL's boosts alone would
    not hold it either for a long body that repeats a word):

    1. themes named by the query (the hub for the topic), then pages whose title matches it, by
       score (TITLE_LIMIT of them; more fall into tier 2, in its order);
    2. every other page the words are found in, by score;
    3. themes whose description mentions the words: a line long, it would otherwise score like a
       title.

    Sliced by the paginator in a constant number of queries whatever the number of matches: the
    two lists at the start, then one query for a page's rows of tier 2 (and the per-type queries
    of `specific()`), then one per page type that can point into its pages (`search_locations`,
    the key areas of a review).

    Nothing is read until a slice is iterated: with the page's results in the cache
    ({% fragment %}) and its count too (ContentPaginator), a search costs no query for them."""

    def __init__(self, words, request):
        self.words, self.request = words, request

    @cached_property
    def _tiers(self):
        words, request = self.words, self.request
        visible = Page.objects.filter(visible_q(request=request))
        themes = (
            list(get_search_backend().search(words, Theme)[:THEME_LIMIT]) if theme_index_url(request) else []
        )
        titled = list(visible.specific().search(words, fields=["title"])[:TITLE_LIMIT])
        first = [theme for theme in themes if _names(theme.name, words)] + titled
        last = [theme for theme in themes if theme not in first]
        others = visible.exclude(pk__in=[page.pk for page in titled]).specific().search(words)
        return first, others, last

    @property
    def first(self):
        return self._tiers[0]

    @property
    def others(self):
        return self._tiers[1]

    @property
    def last(self):
        return self._tiers[2]

    @cached_property
    def others_count(self):
        return self.others.count()

    def count(self):
        return len(self.first) + self.others_count + len(self.last)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop
        return SimpleLazyObject(
            lambda: self._hits(self._slice(start, self.count() if stop is None else stop))
        )

    def _slice(self, start, stop):
        found = self.first[start:stop]
        skip, upto = max(0, start - len(self.first)), stop - len(self.first)
        if upto <= 0:
            return found
        others = list(self.others[skip:upto])
        found += others
        if len(others) == upto - skip:
            return found  # a full slice of tier 2: the last tier starts after it
        if others or not skip:  # tier 2 ends in this slice, so its length is known
            self.__dict__.setdefault("others_count", skip + len(others))
        last_starts = len(self.first) + self.others_count
        return found + self.last[max(0, start - last_starts) : max(0, stop - last_starts)]

    def _hits(self, objects):
        locations = {}
        by_class = {}
        for obj in objects:
            if hasattr(type(obj), "search_locations"):
                by_class.setdefault(type(obj), []).append(obj)
        for page_class, pages in by_class.items():
            locations.update(page_class.search_locations(pages, self.words, self.request))
        hits = []
        for obj in objects:
            if isinstance(obj, Theme):
                hits.append(Hit(obj.name, obj.get_url(self.request), gettext("Theme"), obj.description))
                continue
            url, section = locations.get(obj.pk, (obj.get_url(self.request), ""))
            description = obj.search_description or getattr(obj, "summary", "") or ""
            hits.append(
                Hit(obj.title, url, str(obj._meta.verbose_name).capitalize(), str(description), section)
            )
        return hits


def _names(name, words):
    """Whether a word of the query is a word of `name`, give or take an ending ("fund", "funding")."""
    named = re.findall(r"\w+", name.lower())
    return any(
        len(os.path.commonprefix([word, part])) >= min(len(word), len(part), 4)
        for word in words.lower().split()
        for part in named
    )


@dataclass
class Suggestion:
    text: str

    @property
    def query_string(self):
        return urlencode({"q": self.text})

    def __str__(self):
        return self.text


def suggest(words, request=None, found=0):
    """A spelling of `words` nearer the titles of places, themes, events, reviews and stories
    ("harborside" -> "harbourside") that finds more than the `found` results `words` did, or None.

    The whole query is compared with whole titles ("ash grove" -> "ashgrove"); failing that, each
    word that is in no title is replaced by the nearest title word. Three queries: the titles,
    then what the suggestion finds (a word can be in no title yet right: "smaller")."""
    typed = words.lower().split()
    if not typed or len(typed) > SUGGESTION_WORDS:
        return None
    titles = _candidate_titles(typed, request)
    phrase = " ".join(typed)
    nearest = difflib.get_close_matches(phrase, sorted({t.lower() for t in titles}), 1, SUGGESTION_CUTOFF)
    if nearest and nearest[0] != phrase:
        suggestion = search_words(nearest[0]).lower()
    else:
        vocabulary = sorted({word for title in titles for word in re.findall(r"\w+", title.lower())})
        known = set(vocabulary)
        suggestion = " ".join(
            word
            if word in known or len(word) < 4 or word.isdigit()
            else next(iter(difflib.get_close_matches(word, vocabulary, 1, SUGGESTION_CUTOFF)), word)
            for word in typed
        )
    if suggestion == phrase or _count(suggestion, request) <= found:
        return None
    return Suggestion(suggestion)


def _count(words, request):
    pages = Page.objects.filter(visible_q(request=request)).search(words).count()
    return pages + (get_search_backend().search(words, Theme).count() if theme_index_url(request) else 0)


def _candidate_titles(typed, request):
    sources = reduce(
        or_, (Q(content_type__app_label=a, content_type__model=m) for a, m in SUGGESTION_SOURCES)
    )
    pages = Page.objects.filter(sources, visible_q(request=request)).order_by()
    themes = Theme.objects.order_by()
    if connection.vendor == "postgresql":
        # pg_trgm (site_home migration 0002) finds the nearest titles in the database, however
        # many there are: to the whole query, or to any one word of it within a longer title.
        from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

        def nearness(field):
            phrase = " ".join(typed)
            return Greatest(
                TrigramSimilarity(field, phrase), *(TrigramWordSimilarity(word, field) for word in typed)
            )

        pages = pages.annotate(nearness=nearness("title")).filter(nearness__gte=TRIGRAM_THRESHOLD)
        themes = themes.annotate(nearness=nearness("name")).filter(nearness__gte=TRIGRAM_THRESHOLD)
        nearest = (
            pages.values_list("title", "nearness")
            .union(themes.values_list("name", "nearness"))
            .order_by("-nearness")[:SUGGESTION_CANDIDATES]
        )
        return [title for title, _ in nearest]
    # Elsewhere (SQLite in development and tests) a bounded set of titles, compared in Python.
    return list(
        pages.values_list("title", flat=True).union(themes.values_list("name", flat=True))[:SUGGESTION_TITLES]
    )
