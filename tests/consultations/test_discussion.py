"""Each key area and recommendation has its own thread from the discussion engine, open only while
the review is."""

import pytest

from surveys.models import Comment

from .factories import days, make_review

pytestmark = pytest.mark.django_db


def comment(client, review, key):
    return client.post(
        "/feedback/comments/",
        {
            "page_id": review.pk,
            "section_key": key,
            "section_label": "Anything the browser sends",
            "display_name": "Morag",
            "email": "morag@example.org",
            "body": "Ask groups first, not last.",
            "consent": "on",
            "notify_on_outcome": "on",
            "return_to": f"{review.url}discuss/{key}/",
        },
    )


def test_comment_on_a_key_area_and_a_recommendation_while_open(client, review_index):
    review = make_review(review_index)
    section = review.section_list[1]
    rec = section.recommendation_list[0]

    page = client.get(f"{review.url}discuss/{section.key}/").content.decode()
    assert "Comments on this key area" in page and "Post comment" in page
    response = comment(client, review, section.key)
    assert response.status_code == 302 and response["Location"].startswith(
        f"{review.url}discuss/{section.key}/"
    )
    comment(client, review, rec.key)

    stored = {c.section_key: c for c in Comment.objects.all()}
    assert stored[section.key].section_label == f"2. {section.title}"
    assert stored[rec.key].section_label.startswith("Recommendation 2.1")
    assert stored[section.key].notify_on_outcome
    html = client.get(review.url).content.decode()
    assert f'data-counts="{section.key}">1 comment,' in html
    assert f'data-counts="{rec.key}">1 comment,' in html
    assert "Ask groups first, not last." in client.get(f"{review.url}discuss/{rec.key}/").content.decode()


@pytest.mark.parametrize(("opens", "closes"), [(3, 9), (-9, -3)])
def test_comments_refused_outside_the_feedback_dates_but_stay_readable(client, review_index, opens, closes):
    review = make_review(review_index, opening_date=days(opens), closing_date=days(closes))
    section = review.section_list[0]
    Comment.objects.create(
        page=review, section_key=section.key, display_name="Earlier", body="Said before.", state="published"
    )
    response = comment(client, review, section.key)
    assert response.status_code == 403
    assert Comment.objects.count() == 1
    page = client.get(f"{review.url}discuss/{section.key}/").content.decode()
    assert "Said before." in page and "Post comment" not in page
    assert review.feedback_closed_message() in page


def test_unknown_part_is_404(client, review_index):
    review = make_review(review_index)
    assert client.get(f"{review.url}discuss/not-a-key/").status_code == 404


def test_a_comment_on_a_section_the_review_does_not_have_is_refused(client, review_index):
    review = make_review(review_index)
    assert comment(client, review, "no-such-section").status_code == 404
    assert not Comment.objects.exists()
