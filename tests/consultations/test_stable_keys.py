"""Editors reword and reorder key areas: keys, anchors and the feedback attached to them stay put."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from consultations.models import RecommendationResponse, ReviewPage
from tests.surveys.factories import CommentFactory

from .factories import make_review

pytestmark = pytest.mark.django_db


def stream_data(prefix, section):
    data = {f"{prefix}-recommendations-count": str(len(section.recommendations))}
    for i, block in enumerate(section.recommendations):
        text = block.value["text"]
        if i == 0:
            text = "Reworded: " + text
        data.update(
            {
                f"{prefix}-recommendations-{i}-type": "recommendation",
                f"{prefix}-recommendations-{i}-id": block.id,
                f"{prefix}-recommendations-{i}-value-text": text,
                # Reverse the recommendations too.
                f"{prefix}-recommendations-{i}-order": str(len(section.recommendations) - 1 - i),
                f"{prefix}-recommendations-{i}-deleted": "",
            }
        )
    return data


def test_reordering_and_rewording_in_the_editor_keeps_keys_anchors_and_feedback(admin_client, review_index):
    review = make_review(review_index, sections=3, recs=2)
    first, second, third = review.section_list
    rec = first.recommendation_list[0]
    CommentFactory(page=review, section_key=first.key)
    RecommendationResponse.objects.create(
        review=review, section_key=first.key, recommendation_key=rec.key, choice="agree", participant="a"
    )
    edit_url = f"/admin/pages/{review.pk}/edit/"
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), form_id="page-edit-form")
    for n, section in enumerate([first, second, third]):
        assert data[f"sections-{n}-id"] == str(section.pk)
        data.update(stream_data(f"sections-{n}", section))
    # Move the first key area to the end and reword its title.
    data["sections-0-ORDER"], data["sections-1-ORDER"], data["sections-2-ORDER"] = "3", "1", "2"
    data["sections-0-title"] = "Renamed key area"
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors

    review = ReviewPage.objects.get(pk=review.pk)
    sections = review.section_list
    assert [s.key for s in sections] == [second.key, third.key, first.key]
    moved = sections[2]
    assert moved.title == "Renamed key area" and moved.number == 3
    assert [r.key for r in moved.recommendation_list] == [r.key for r in reversed(first.recommendation_list)]
    assert moved.recommendation_list[1].text.startswith("Reworded: ")

    from django.test import Client

    html = Client().get(review.url).content.decode()
    assert f'id="section-{first.key}"' in html and f'id="{rec.key}"' in html
    assert f'data-counts="{first.key}">1 comment, 1 agree' in html
    assert f'data-counts="{rec.key}">0 comments, 1 agree' in html
    assert "Recommendation 3.2" in html  # numbers follow the new order; keys do not
