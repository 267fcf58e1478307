"""What a cached page or fragment was made from, as version numbers in the shared cache.

- The site version moves on every editorial change: a page published, unpublished, moved or
  deleted, a snippet or setting saved, the search index updated, anything taken down by a
  moderator. Everything cached before it is never served again (except when the database is down).
- A page's own version moves when residents take part on it (a comment, an "I agree", a vote, a
  survey answer, a booking): that page, its sub-pages and its discussions are made afresh at once.
- The activity version moves on every such resident write. Other pages (hubs, listings, counts)
  may show what it changed up to ACTIVITY_SECONDS late, so one busy discussion does not keep the
  whole site cold.

A model says what its saves change with `page_cache_scope(created)`: None for records that show
nowhere (a report, a comment held for moderation), the id of the page it shows on for resident
activity, or SITE. A model without the method counts as editorial (SITE): safe by default.

Counters start from the clock, so a counter that was evicted and made again never matches an
entry written before.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_page_from_cache
from wagtail.images.models import AbstractRendition
from wagtail.models import Page

SITE = "site"
SITE_KEY = "versions:site"
ACTIVITY_KEY = "versions:activity"
SEARCH_INDEX_TASKS = "modelsearch.tasks."
CACHED_APPS = {
    "site_home",
    "surveys",
    "consultations",
    "stories",
    "events",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
}


def page_key(page_id):
    return f"versions:page:{page_id}"


def read(keys):
    """{key: version} for `keys`, starting any that are missing."""
    found = cache.get_many(keys)
    return {key: found[key] if key in found else cache.get_or_set(key, time.time_ns, None) for key in keys}


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:  # missing (never set, or evicted): start from a number no entry holds
        cache.set(key, time.time_ns(), None)


def _bump_now_and_on_commit(keys):
    # Now, for what this transaction reads next; again on commit, so a page rendered from the
    # data before the commit and stored under the new version is not kept.
    def bump():
        for key in keys:
            _bump(key)

    bump()
    transaction.on_commit(bump)


def site_changed(**kwargs):
    _bump_now_and_on_commit([SITE_KEY])


def resident_activity(page_id):
    _bump_now_and_on_commit([page_key(page_id), ACTIVITY_KEY])
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: _purge_from_cdn(page_id))


def _purge_from_cdn(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        purge_page_from_cache(page.specific)


def on_model_saved(sender, instance=None, created=False, raw=False, **kwargs):
    # Renditions are made on a page's first view: derived data, not a content change.
    if sender._meta.app_label not in CACHED_APPS or issubclass(sender, AbstractRendition):
        return
    scope_of = getattr(instance, "page_cache_scope", None)
    scope = SITE if scope_of is None or raw else scope_of(created)
    if scope == SITE:
        site_changed()
    elif scope is not None:
        resident_activity(scope)


def on_model_delete(sender, instance=None, **kwargs):
    if sender._meta.app_label in CACHED_APPS and not issubclass(sender, AbstractRendition):
        site_changed()  # something taken down shows nowhere at once


def on_task_finished(sender, task_result, **kwargs):
    # Search results change when the search index does, which a background task updates after the
    # publish that moved the version: without this, search could keep the pre-publish results.
    if task_result.task.module_path.startswith(SEARCH_INDEX_TASKS):
        site_changed()
