"""How a consultation engaged people (the public panel), the pre-open check editors see, the
responses page once a consultation has closed, and quotes carried into the outcome."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from consultations.models import EngagementRecord, OutcomeItem, ReviewPage
from consultations.models.engagement import pre_open_warnings
from surveys.analysis import frame
from surveys.analysis.models import Code
from surveys.models import Comment
from tests.surveys.factories import CommentFactory

from .factories import add_section, days, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_review(review_index):
    return make_review(review_index, opening_date=days(-100), closing_date=days(-5), publish_responses=True)


def test_the_how_we_engaged_panel_lists_the_standards_in_order(client, review_index):
    review = make_review(review_index)
    review.engagement = [
        EngagementRecord(standard="impact", what_we_did="We will report back in each area."),
        EngagementRecord(standard="inclusion", what_we_did="Sessions in Polish and BSL."),
    ]
    review.save_revision().publish()
    html = client.get(review.url).content.decode()
    assert "How we engaged" in html
    assert html.index("Inclusion") < html.index("Sessions in Polish and BSL.") < html.index("Impact")


def test_no_panel_without_records(client, review_index):
    assert "How we engaged" not in client.get(make_review(review_index).url).content.decode()


def test_pre_open_check_names_each_missing_basic(review_index):
    review = make_review(
        review_index, sections=0, opening_date=days(10), closing_date=days(30), contact_name="", publish=False
    )
    review.summary = ""
    warnings = [str(w) for w in pre_open_warnings(review)]
    assert len(warnings) == 4
    assert any("at least one key area" in w for w in warnings)
    assert any("less than 12 weeks" in w for w in warnings)
    assert any("Name a contact" in w for w in warnings)
    assert any("when you will publish your response" in w for w in warnings)

    review.summary = "What the review is about."
    add_section(review, "Funding")
    review.short_period_reason = "The budget must be set by March."
    review.contact_name = "Ailsa Grant"
    review.response_expected_on = days(120)
    assert pre_open_warnings(review) == []


def test_the_editor_warns_and_still_publishes(admin_client, review_index):
    review = make_review(review_index, sections=0, opening_date=days(10), closing_date=days(30))
    edit_url = f"/admin/pages/{review.pk}/edit/"
    page = admin_client.get(edit_url).content.decode()
    assert "Before this consultation opens, check:" in page and "less than 12 weeks" in page
    data = querydict_from_html(page, form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Published, but check before it opens" in shown and "less than 12 weeks" in shown
    assert ReviewPage.objects.get(pk=review.pk).has_unpublished_changes is False


def test_responses_page_only_once_closed_and_chosen(client, review_index, closed_review):
    open_review = make_review(review_index, publish_responses=True)
    assert client.get(open_review.url + "responses/").status_code == 404
    not_chosen = make_review(review_index, opening_date=days(-100), closing_date=days(-5))
    assert client.get(not_chosen.url + "responses/").status_code == 404
    assert "Read the responses" not in client.get(not_chosen.url).content.decode()
    assert "Read the responses" in client.get(closed_review.url).content.decode()


def test_responses_page_shows_what_residents_agreed_to(client, closed_review):
    CommentFactory(page=closed_review, display_name="Morag", body="Named words")
    CommentFactory(page=closed_review, display_name="Iain", body="Nameless words", publication="anonymous")
    CommentFactory(page=closed_review, display_name="Kept", body="Private words", publication="private")
    CommentFactory(page=closed_review, body="Waiting words", state=Comment.State.PENDING)
    html = client.get(closed_review.url + "responses/").content.decode()
    assert "Named words" in html and "Morag" in html
    assert "Nameless words" in html and "Iain" not in html and "Anonymous" in html
    assert "Private words" not in html and "Kept" not in html and "Waiting words" not in html


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, settings, the cached count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_responses_page_is_paginated_in_constant_queries(client, review_index, uncached_fragments):
    dates = {"opening_date": days(-100), "closing_date": days(-5), "publish_responses": True}
    small = make_review(review_index, title="Small", **dates)
    large = make_review(review_index, title="Large", **dates)
    CommentFactory.create_batch(25, page=small)
    CommentFactory.create_batch(70, page=large)
    few, _ = count_queries(client, small.url + "responses/?page=2")
    many, html = count_queries(client, large.url + "responses/?page=2")
    assert few == many
    assert 'aria-current="page">2<' in html and 'aria-label="Page 4"' in html


def test_responses_page_is_shared_only_for_a_public_page(client, closed_review):
    CommentFactory(page=closed_review, body="Public words")
    url = closed_review.url + "responses/"
    response = client.get(url)
    assert "public" in response["Cache-Control"] or "s-maxage" in response["Cache-Control"]
    PageViewRestriction.objects.create(page=closed_review, restriction_type="password", password="x")
    restricted = Client().get(url)
    assert "Public words" not in restricted.content.decode()
    closed_review.unpublish()
    assert Client().get(url).status_code == 404


def test_starter_codes_come_from_the_key_areas_then_the_themes(review_index):
    review = make_review(review_index, sections=2)
    added = frame.start_codes(review)
    labels = list(Code.objects.filter(page=review).values_list("label", flat=True))
    assert {"Key area 1", "Key area 2"} <= set(labels) and added == len(labels)
    assert frame.start_codes(review) == 0, "one click twice adds nothing new"


def test_the_outcome_carries_the_chosen_quotes_as_residents_agreed(client, admin_user, closed_review):
    review = closed_review
    code = Code.objects.create(page=review, label="Faster decisions")
    named = CommentFactory(page=review, display_name="Morag", body="Decide within a month")
    anonymous = CommentFactory(page=review, display_name="Iain", body="Fewer forms", publication="anonymous")
    private = CommentFactory(page=review, display_name="Kept", body="Private view", publication="private")
    rejected = CommentFactory(page=review, body="Rejected view", state=Comment.State.REJECTED)
    unquoted = CommentFactory(page=review, body="Not chosen")
    comments = [named, anonymous, private, unquoted]
    frame.apply_code(code, [f"c{c.pk}" for c in comments], admin_user)
    code.codings.filter(comment__in=[named, anonymous, private]).update(is_quote=True)
    frame.apply_code(code, [f"c{rejected.pk}"], admin_user)  # not in the frame: rejected
    review.outcome_published = True
    review.outcome_summary = "<p>Thank you.</p>"
    review.outcome_items = [OutcomeItem(target_key="", decision="changed", you_said="Slow.", we_did="Done.")]
    review.save_revision().publish()

    html = client.get(review.url).content.decode()
    assert "In people&#x27;s own words" in html or "In people's own words" in html
    assert "Decide within a month" in html and "Morag" in html
    assert "Fewer forms" in html and "Iain" not in html
    assert "Private view" not in html and "Kept" not in html
    assert "Not chosen" not in html and "Rejected view" not in html


def test_publishing_an_open_consultation_does_not_warn_about_opening(admin_client, review_index):
    review = make_review(review_index, sections=0, opening_date=days(-3), closing_date=days(30))
    edit_url = f"/admin/pages/{review.pk}/edit/"
    page = admin_client.get(edit_url).content.decode()
    assert "This consultation is missing some basics:" in page
    data = querydict_from_html(page, form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data)
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert response.status_code == 302 and "check before it opens" not in shown
