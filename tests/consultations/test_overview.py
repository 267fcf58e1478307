import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from consultations.models import RecommendationResponse
from consultations.overview import heat_level
from tests.site_home.factories import make_place
from tests.surveys.factories import CommentFactory

from .factories import make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(review_index, place_index):
    review = make_review(review_index, sections=2, recs=2)
    ashgrove = make_place(place_index, title="Ashgrove")
    fernbank = make_place(place_index, title="Fernbank")
    s1, s2 = review.section_list
    r11, r12 = s1.recommendation_list
    votes = [
        (r11, "agree", ashgrove),
        (r11, "agree", fernbank),
        (r11, "disagree", ashgrove),
        (r12, "unsure", None),
    ]
    votes += [(s2.recommendation_list[0], "agree", fernbank)]
    for n, (rec, choice, place) in enumerate(votes):
        section = s1 if rec in (r11, r12) else s2
        RecommendationResponse.objects.create(
            review=review,
            section_key=section.key,
            recommendation_key=rec.key,
            choice=choice,
            place=place,
            participant=f"{n}",
        )
    CommentFactory(page=review, section_key=s1.key, place=ashgrove)
    CommentFactory(page=review, section_key=s1.key, place=fernbank)
    CommentFactory(page=review, section_key=r12.key, place=ashgrove)
    CommentFactory(page=review, section_key=s1.key, state="pending")  # unpublished: not counted
    return {"review": review, "ashgrove": ashgrove, "s1": s1, "r11": r11, "r12": r12}


def url(review, **query):
    from urllib.parse import urlencode

    return f"/admin/consultations/review/{review.pk}/feedback/?{urlencode(query)}"


def row(response, key):
    return next(r for r in response.context["rows"] if r["key"] == key)["values"]


def test_heatmap_numbers_all_places(admin_client, scene):
    response = admin_client.get(url(scene["review"]))
    assert response.status_code == 200
    assert row(response, scene["s1"].key) == {"comments": 2, "agree": 2, "disagree": 1, "unsure": 1}
    assert row(response, scene["r11"].key) == {"comments": 0, "agree": 2, "disagree": 1, "unsure": 0}
    assert row(response, scene["r12"].key) == {"comments": 1, "agree": 0, "disagree": 0, "unsure": 1}
    html = response.content.decode()
    assert 'class="cv-heat-5">2</td>' in html and 'class="cv-heat-0">0</td>' in html


def test_heatmap_numbers_for_one_place(admin_client, scene):
    response = admin_client.get(url(scene["review"], place=scene["ashgrove"].pk))
    assert row(response, scene["s1"].key) == {"comments": 1, "agree": 1, "disagree": 1, "unsure": 0}
    assert row(response, scene["r12"].key) == {"comments": 1, "agree": 0, "disagree": 0, "unsure": 0}


def test_exports_csv_and_xlsx(admin_client, scene):
    response = admin_client.get(url(scene["review"], export="csv"))
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == ["Part", "Key", "Channel", "Comments", "Agree", "Disagree", "Not sure"]
    assert lines[1] == ["1. Key area 1", scene["s1"].key, "All", "2", "2", "1", "1"]
    assert "attachment" in response["Content-Disposition"]

    response = admin_client.get(url(scene["review"], export="xlsx", place=scene["ashgrove"].pk))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["1. Key area 1", scene["s1"].key, "All", 1, 1, 1, 0]


def test_only_editors_of_the_page_see_it(client, django_user_model, scene):
    user = django_user_model.objects.create_user("viewer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    refused = client.get(url(scene["review"]))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's permission denied
    assert "rows" not in (refused.context or {})
    editors = Group.objects.get(name="Editors")
    user.groups.add(editors)
    assert client.get(url(scene["review"])).status_code == 200


def test_linked_from_the_page_header_in_the_admin(admin_client, scene):
    html = admin_client.get(f"/admin/pages/{scene['review'].pk}/edit/").content.decode()
    assert url(scene["review"]).rstrip("?") in html


@pytest.mark.parametrize(
    ("value", "top", "level"), [(0, 10, 0), (1, 10, 1), (5, 10, 3), (10, 10, 5), (3, 0, 0)]
)
def test_heat_levels(value, top, level):
    assert heat_level(value, top) == level
