"""Benchmark data: `manage.py bench_data` builds a large site through the BENCH_DATA hook, like demo
content. Each app adds its share and returns the URLs of its page types to measure:

    @hooks.register(BENCH_DATA, order=30)
    def bench_events(bench: BenchContext) -> dict[str, str]:
        ...  # create bench.scale["events"] events across bench.places
        return {"event index": index.url, "event": one_event.url}

Builders should use bulk operations where they can; they run once per database (a marker row
makes a second run a no-op).
"""

from dataclasses import dataclass, field

BENCH_DATA = "register_bench_data"

# The size of a large council's site after some years: what the benchmark and the load tests run against.
DEFAULT_SCALE = {
    "places": 50,
    "stories": 2000,
    "events": 1000,
    "reviews": 20,
    "sections_min": 8,
    "sections_max": 30,
    "comments": 100_000,
    "survey_responses": 50_000,
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
    from django.utils import timezone

    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    return page
