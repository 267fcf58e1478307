import pytest
from django.test import override_settings

from consultations.models import RecommendationResponse

from .factories import days, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(review_index):
    return make_review(review_index, sections=2, recs=2)


def respond_url(review, rec):
    return f"{review.url}respond/{rec.key}/"


def post(client, review, rec, choice="agree", place="", **extra):
    data = {f"{rec.key}-choice": choice, f"{rec.key}-place": place}
    data.update({f"{rec.key}-{k}": v for k, v in extra.items()})
    return client.post(respond_url(review, rec), data, REMOTE_ADDR=extra.pop("ip", "10.0.0.1"))


def test_agreeing_stores_once_per_participant_and_redirects_to_it(client, review, place_index):
    from tests.site_home.factories import make_place

    place = make_place(place_index, title="Kirkton Cross")
    section = review.section_list[1]
    rec = section.recommendation_list[0]

    response = post(client, review, rec, "agree", place=place.slug)
    assert response.status_code == 302
    assert response["Location"] == f"{review.url}#{rec.key}"
    post(client, review, rec, "disagree")  # the same person changes their mind

    stored = RecommendationResponse.objects.get()
    assert (stored.choice, stored.section_key, stored.recommendation_key) == (
        "disagree",
        section.key,
        rec.key,
    )
    assert stored.theme == section.theme
    assert len(stored.participant) == 64 and "10.0.0.1" not in stored.participant + stored.network

    client.cookies.clear()  # another resident, in their own browser
    client.post(respond_url(review, rec), {f"{rec.key}-choice": "agree"}, REMOTE_ADDR="10.0.0.2")
    assert RecommendationResponse.objects.count() == 2


def test_counts_beside_sections_and_recommendations(client, review):
    rec = review.section_list[0].recommendation_list[0]
    for n, choice in enumerate(["agree", "agree", "disagree", "unsure"]):
        client.cookies.clear()
        client.post(respond_url(review, rec), {f"{rec.key}-choice": choice}, REMOTE_ADDR=f"10.0.1.{n}")
    html = client.get(review.url).content.decode()
    assert f'data-counts="{rec.key}">0 comments, 2 agree, 1 disagree, 1 not sure' in html
    section_key = review.section_list[0].key
    assert f'data-counts="{section_key}">0 comments, 2 agree, 1 disagree, 1 not sure' in html


def test_missing_choice_shows_an_accessible_error_and_keeps_the_place(client, review, place_index):
    from tests.site_home.factories import make_place

    place = make_place(place_index, title="Lochview")
    rec = review.section_list[0].recommendation_list[0]
    response = client.post(respond_url(review, rec), {f"{rec.key}-place": place.slug})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Choose agree, disagree or not sure" in html
    assert f'<option value="{place.slug}" selected>Lochview</option>' in html
    assert not RecommendationResponse.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes", "message"), [(2, 9, "Feedback opens on"), (-9, -2, "Feedback closed on")]
)
def test_feedback_only_while_open(client, review_index, opens, closes, message):
    review = make_review(review_index, opening_date=days(opens), closing_date=days(closes))
    rec = review.section_list[0].recommendation_list[0]
    response = client.post(respond_url(review, rec), {f"{rec.key}-choice": "agree"}, follow=True)
    assert not RecommendationResponse.objects.exists()
    html = response.content.decode()
    assert message in html
    assert "Send my view" not in html  # the forms are gone; the document stays readable
    assert "Recommendation 1.1" in html


def test_honeypot_stores_nothing_and_floods_get_a_429(client, review):
    rec = review.section_list[0].recommendation_list[0]
    response = post(client, review, rec, website="http://spam.example")
    assert response.status_code == 302
    assert not RecommendationResponse.objects.exists()
    with override_settings(FEEDBACK_RATE_LIMIT="2/h"):
        codes = [post(client, review, rec).status_code for _ in range(3)]
    assert codes[-1] == 429


def test_unknown_recommendation_is_404_and_get_redirects(client, review):
    assert client.post(f"{review.url}respond/rec-nope/", {}).status_code == 404
    rec = review.section_list[0].recommendation_list[0]
    assert client.get(respond_url(review, rec))["Location"].endswith(f"#{rec.key}")


def test_retention_keeps_the_answer_and_erases_who_gave_it(client, review, settings):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    rec = review.section_list[0].recommendation_list[0]
    post(client, review, rec, "agree")
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    RecommendationResponse.objects.update(updated_at=timezone.now() - timedelta(days=31))
    call_command("apply_retention", stdout=StringIO())
    stored = RecommendationResponse.objects.get()
    assert (stored.choice, stored.network) == ("agree", "")
    assert stored.participant == f"anonymised-{stored.pk}"
