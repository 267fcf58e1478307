import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import RecommendationResponse
from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.factories import CommentFactory

from .factories import add_section, days, make_review

pytestmark = pytest.mark.django_db


def fill(review, per_rec):
    for section in review.section_list:
        CommentFactory.create_batch(per_rec, page=review, section_key=section.key)
        for rec in section.recommendation_list:
            for n in range(per_rec):
                RecommendationResponse.objects.create(
                    review=review,
                    section_key=section.key,
                    recommendation_key=rec.key,
                    choice="agree",
                    participant=f"{rec.key}-{n}",
                )


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_review_page_queries_do_not_grow_with_sections_comments_or_responses(
    client, review_index, place_index, uncached_fragments
):
    make_place(place_index, title="Ashgrove")
    small = make_review(review_index, title="Small", sections=8, recs=3)
    large = make_review(review_index, title="Large", sections=30, recs=4)
    fill(small, 1)
    fill(large, 5)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_finder_and_home_queries_do_not_grow_with_reviews(
    client, review_index, place_index, uncached_fragments
):
    place = make_place(place_index, title="Ashgrove")
    make_review(review_index, sections=1)
    few = (count_queries(client, review_index.url), count_queries(client, "/"))
    for _ in range(6):
        review = make_review(review_index, sections=1, publish=False)
        review.places.add(place)
        review.themes.add(ThemeFactory())
        review.save_revision().publish()
    assert (count_queries(client, review_index.url), count_queries(client, "/")) == few


def test_hubs_show_open_reviews_place_reviews_and_theme_reviews(
    client, review_index, place_index, theme_index
):
    place = make_place(place_index, title="Harbourside")
    theme = ThemeFactory(name="Procurement")
    open_review = make_review(review_index, title="Buying local", sections=0)
    add_section(open_review, "Contracts", theme=theme)
    open_review.places.add(place)
    open_review.save_revision().publish()
    make_review(review_index, title="Not yet", opening_date=days(5), closing_date=days(9))

    home = client.get("/").content.decode()
    assert "Open for feedback now" in home and "Buying local" in home and "Not yet" not in home
    assert "Buying local" in client.get(place.url).content.decode()
    assert "Buying local" in client.get(f"/themes/{theme.slug}/").content.decode()
    assert "Buying local" not in client.get(f"/themes/{ThemeFactory(name='Other').slug}/").content.decode()
