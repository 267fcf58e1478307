"""Site search: pages and themes in one list ranked by the search index, hits in a long document
sent to the part they are in, and "did you mean" for a query that finds little.

Themes are snippets (served by the themes index at /themes/<slug>/), not pages, so they are searched
apart and merged into the pages' ranking by score: both come from the same index and formula, and a
theme's name is indexed as its title (`Theme.search_fields`).
"""

import difflib
import os
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from site_home.models import Theme
from site_home.models.taxonomy import theme_index_url
from site_home.visibility import visible_q

THEME_LIMIT = 10  # themes are a short taxonomy; a common word should not bring them all
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
TRIGRAM_THRESHOLD = 0.3  # pg_trgm's own default for its similarity operators


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
    """Pages (a lazy search queryset, best first) and the few matching themes, in one ranking.

    Sliced by the paginator: a page of results reads at most a page plus THEME_LIMIT rows of pages,
    in one query, whatever the number of matches, then one query per page type that can point
    into its pages (`search_locations`, the key areas of a review)."""

    def __init__(self, words, request):
        self.words, self.request = words, request
        visible = Page.objects.filter(visible_q(request=request))
        self.pages = visible.specific().search(words).annotate_score("_score")
        themes = (
            list(get_search_backend().search(words, Theme).annotate_score("_score")[:THEME_LIMIT])
            if theme_index_url(request)
            else []
        )
        # A theme's description is a line long, so a word in it scores like a title would: such a
        # theme is a passing mention and follows every page. Themes found by name take their place
        # by score, with the pages.
        self.by_name = [theme for theme in themes if _names(theme.name, words)]
        self.by_description = [theme for theme in themes if theme not in self.by_name]
        self.themes = self.by_name + self.by_description
        # SQLite's bm25() is negative, the best match lowest; PostgreSQL's ts_rank is highest.
        self.lower_is_better = connection.vendor == "sqlite"

    def count(self):
        return self.pages.count() + len(self.themes)

    def __len__(self):
        return self.count()

    def _rank(self, obj):
        score = obj._score or 0.0
        return score if self.lower_is_better else -score

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        return self._hits(self._merged(start, stop))

    def _merged(self, start, stop):
        """Results `start` to `stop` of the merged ranking (themes first on equal scores). Pages
        before `start - len(themes)` all come before the slice, whatever the themes' scores."""
        ranked = self.by_name
        first = max(0, start - len(self.themes))
        window = list(self.pages[first:stop]) if stop > first else []
        placed = []
        for offset, page in enumerate(window):
            themes_before = sum(1 for theme in ranked if self._rank(theme) <= self._rank(page))
            placed.append((first + offset + themes_before, page))
        for number, theme in enumerate(ranked):
            pages_before = sum(1 for page in window if self._rank(page) < self._rank(theme))
            if first and not (window and self._rank(window[0]) < self._rank(theme)):
                continue  # it ranks above the window's first page, so before `start`
            placed.append((first + pages_before + number, theme))
        if len(window) < stop - first and (window or not first):  # the pages end in this slice
            after = first + len(window) + len(ranked)
            placed += [(after + number, theme) for number, theme in enumerate(self.by_description)]
        return [obj for position, obj in sorted(placed, key=lambda p: p[0]) if start <= position < stop]

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
                hits.append(Hit(obj.name, obj.get_url(self.request), "Theme", obj.description))
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
    word that is in no title is replaced by the nearest title word. Four queries at most: the
    titles, then the suggestion's own count (a word can be in no title yet right, "smaller")."""
    typed = words.lower().split()
    if not typed:
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
    if suggestion == phrase or SearchResults(suggestion, request).count() <= found:
        return None
    return Suggestion(suggestion)


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
                TrigramSimilarity(field, phrase), *(TrigramWordSimilarity(word, field) for word in typed[:5])
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
