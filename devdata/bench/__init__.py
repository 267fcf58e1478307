"""Benchmark data: `manage.py bench_data` builds a large site, one module here per feature (the
list is in the command). Each adds its share and records the URLs of its page types to measure
in `bench.urls`.

Builders should use bulk operations where they can; they run once per database (a marker row
makes a second run a no-op).
"""

from dataclasses import dataclass, field

from django.utils import timezone

# The size of a large council's site after some years: what the benchmark and the load tests run against.
DEFAULT_SCALE = {
    "places": 50,
    "stories": 2000,
    "events": 1000,
    "reviews": 20,
    "commitments": 500,
    "sections_min": 8,
    "sections_max": 30,
    "comments": 100_000,
    "survey_responses": 50_000,
    "follows": 20_000,
}


@dataclass
class BenchContext:
    home: object
    places: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    scale: dict = field(default_factory=lambda: dict(DEFAULT_SCALE))
    urls: dict = field(default_factory=dict)
    post_targets: dict = field(default_factory=dict)  # name -> {"url":..., "body":...} for write throughput
    # Where the comment builder spreads its comments: (page_id, section_key, section_label, theme_id,
    # weight), added by the builders of pages that carry a discussion, measured pages first.
    comment_targets: list = field(default_factory=list)


def add_live_page(parent, page):
    """Add `page` under `parent` already published, without a revision: ten times faster than
    add_child + save_revision().publish() for thousands of pages, and the page is as live and
    searchable as a published one (the search index updates on save)."""
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    return page
