"""{% fragment %} and ContentPaginator: content-only parts of pages made once per content version."""

import pytest
from django.conf import settings
from django.template import Context, Template
from wagtail.models import Page

from site_home.cache_versions import site_changed
from site_home.page_cache import ContentPaginator, content_version

pytestmark = pytest.mark.django_db

TEMPLATE = Template('{% load site_tags %}{% fragment "test" value %}{{ counter.made }}{% endfragment %}')


class Counter:
    """Counts how often the fragment's inside is rendered."""

    def __init__(self):
        self.calls = 0

    def made(self):
        self.calls += 1
        return self.calls


def render(request, counter, value=1):
    return TEMPLATE.render(Context({"request": request, "counter": counter, "value": value}))


def test_a_fragment_is_made_once_per_content_version_and_values(rf):
    counter = Counter()
    assert render(rf.get("/"), counter) == "1"
    assert render(rf.get("/"), counter) == "1"  # another visitor: from the cache
    assert render(rf.get("/"), counter, value=2) == "2"  # other values, another fragment
    site_changed()  # what a publish or a published comment does
    assert render(rf.get("/"), counter) == "3"


def test_visitors_with_a_session_get_fragments_made_afresh(rf):
    counter = Counter()
    render(rf.get("/"), counter)
    request = rf.get("/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    assert render(request, counter) == "2"
    assert render(request, counter) == "3"


def test_a_fragment_needs_a_quoted_name():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="quoted name"):
        Template("{% load site_tags %}{% fragment name %}x{% endfragment %}")


def test_content_paginator_counts_once_per_content_version(rf, home_page, django_assert_num_queries):
    pages = Page.objects.all()
    total = pages.count()
    with django_assert_num_queries(1):
        assert ContentPaginator(pages, 10, rf.get("/"), ("all",)).count == total
    with django_assert_num_queries(0):
        assert ContentPaginator(pages, 10, rf.get("/"), ("all",)).count == total
    site_changed()
    with django_assert_num_queries(1):
        assert ContentPaginator(pages, 10, rf.get("/"), ("all",)).count == total


def test_a_search_index_update_starts_a_new_content_version(home_page):
    # Pages reach the search index in a background task, after the publish that bumped the version:
    # cached search results must not outlive the index they were read from.
    from modelsearch.tasks import insert_or_update_object_task

    before = content_version()
    insert_or_update_object_task.enqueue("site_home", "homepage", home_page.pk)
    assert content_version() != before
