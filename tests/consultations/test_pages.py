import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ReviewDocument, ReviewIndexPage, ReviewPage
from site_home.models import HomePage
from tests.events.factories import EventIndexPageFactory
from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.factories import make_discussion

from .factories import add_section, days, make_review

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailPageTestCase):
    def test_reviews_live_under_the_single_index(self):
        self.assertAllowedParentPageTypes(ReviewIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ReviewIndexPage, {ReviewPage})
        self.assertAllowedParentPageTypes(ReviewPage, {ReviewIndexPage})
        self.assertAllowedSubpageTypes(ReviewPage, {})
        assert ReviewIndexPage.max_count == 1


@pytest.fixture
def finder(review_index, place_index):
    ashgrove = make_place(place_index, title="Ashgrove")
    fernbank = make_place(place_index, title="Fernbank")
    funding = ThemeFactory(name="Funding")
    values = ThemeFactory(name="Values")
    open_review = make_review(review_index, title="Better relationships", sections=0)
    add_section(open_review, "Money for groups", theme=funding)
    open_review.places.add(ashgrove)
    open_review.save_revision().publish()
    upcoming = make_review(
        review_index, title="Green spaces plan", opening_date=days(3), closing_date=days(30), sections=0
    )
    upcoming.themes.add(values)
    upcoming.places.add(fernbank)
    upcoming.save_revision().publish()
    closed = make_review(
        review_index,
        title="Library hours",
        opening_date=days(-60),
        closing_date=days(-30),
        outcome_published=True,
        sections=0,
    )
    return {
        "open": open_review,
        "upcoming": upcoming,
        "closed": closed,
        "ashgrove": ashgrove,
        "funding": funding,
    }


def titles(response):
    return [review.title for review in response.context["reviews"]]


def test_finder_lists_every_review_with_status_dates_and_places(client, finder, review_index):
    response = client.get(review_index.url)
    html = response.content.decode()
    assert sorted(titles(response)) == ["Better relationships", "Green spaces plan", "Library hours"]
    assert 'cv-status--open">Open for feedback' in html
    assert 'cv-status--upcoming">Upcoming' in html
    assert 'cv-status--outcome">Outcome published' in html
    assert "Ashgrove" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "open"}, ["Better relationships"]),
        ({"status": "upcoming"}, ["Green spaces plan"]),
        ({"status": "outcome"}, ["Library hours"]),
        ({"status": "closed"}, []),
        ({"q": "library"}, ["Library hours"]),
    ],
)
def test_finder_filters_by_status_and_search(client, finder, review_index, query, expected):
    assert titles(client.get(review_index.url, query)) == expected


def test_finder_filters_by_place_and_by_theme_of_a_key_area(client, finder, review_index):
    by_place = client.get(review_index.url, {"place": finder["ashgrove"].slug})
    assert titles(by_place) == ["Better relationships"]
    by_theme = client.get(review_index.url, {"theme": finder["funding"].slug})
    assert titles(by_theme) == ["Better relationships"]
    assert "selected>Funding" in by_theme.content.decode()


def test_review_page_shows_document_contents_anchors_and_downloads(client, review_index):
    review = make_review(review_index, sections=2, recs=2)
    document = Document.objects.create(title="Full report")
    document.file.save("full-report.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2048))
    ReviewDocument.objects.create(page=review, document=document)
    section = review.section_list[0]
    rec = section.recommendation_list[1]

    html = client.get(review.url).content.decode()

    assert f'id="section-{section.key}"' in html
    assert f'href="#section-{section.key}"' in html
    assert f'id="{rec.key}"' in html and f'href="#{rec.key}"' in html
    assert "Where are we now?" in html and "Where do we want to be?" in html
    assert "Recommendations for change" in html and "Recommendation 1.2" in html
    assert "Full report" in html and "(PDF, 2.0\xa0KB)" in html
    assert "cv-printable" in html and "cv-recommendation" in html and "cv-no-print" in html


def test_how_to_take_part_links_the_chosen_pages(client, review_index, home_page):
    discussion = make_discussion(home_page, title="Glenholm hall")
    events = EventIndexPageFactory(parent=home_page, title="Events")
    events.save_revision().publish()
    review = make_review(review_index, sections=0, discussion_page=discussion, events_page=events)
    html = client.get(review.url).content.decode()
    assert f'href="{discussion.url}"' in html and "Join the discussion: Glenholm hall" in html
    assert "Come to an event: Events" in html


def test_contents_list_numbers_key_areas_as_their_headings_do(client, review_index):
    import re

    review = make_review(review_index, sections=3, recs=0)
    html = client.get(review.url).content.decode()
    start = html.index('id="contents-heading"')
    contents = html[start : html.index("</nav>", start)]
    links = re.findall(r'<a class="govuk-link" href="#[^"]+">([^<]+)</a>', contents)
    assert links == ["Introduction", "How to take part", "1. Key area 1", "2. Key area 2", "3. Key area 3"]
    assert "govuk-list--number" not in contents
    assert '">3. Key area 3</h2>' in html
