"""A place the public may not see (login-only, password-protected, unpublished, or under such a
page) is never named on a public page: not as the place a comment was written from, nor as the
place of a story, event, review or survey card, nor in a feed, on the home, place and theme pages
and the pages the things themselves are on."""

import pytest
from wagtail.models import PageViewRestriction

from site_home.hub import HOME_SECTIONS, THEME_SECTIONS, build_sections
from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.events.factories import EventIndexPageFactory, make_event
from tests.site_home.factories import ThemeFactory, make_place
from tests.stories.factories import make_index, make_story
from tests.surveys.factories import CommentFactory, make_discussion
from tests.surveys.survey_factories import make_survey, make_survey_index

pytestmark = pytest.mark.django_db

HIDDEN = "Glenhush"  # the restricted place's title
OPEN = "Ashgrove"


def restrict(page, kind):
    PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="open-sesame-42" if kind == "password" else ""
    )


HIDE = {
    "login-only": lambda place, area: restrict(place, PageViewRestriction.LOGIN),
    "password": lambda place, area: restrict(place, PageViewRestriction.PASSWORD),
    "unpublished": lambda place, area: place.unpublish(),
    "under a login-only page": lambda place, area: restrict(area, PageViewRestriction.LOGIN),
    "under an unpublished page": lambda place, area: area.unpublish(),
}


@pytest.fixture(params=list(HIDE))
def world(request, home_page, place_index, theme_index):
    theme = ThemeFactory(name="Funding", slug="funding")
    open_place = make_place(place_index, title=OPEN, slug="ashgrove")
    area = make_place(place_index, title="North area", slug="north")  # a page holding a place
    hidden = make_place(area, title=HIDDEN, slug="glenhush")
    discussion = make_discussion(home_page, title="Open meeting", slug="open")
    CommentFactory(page=discussion, place=hidden, theme=theme, body="Said from the hidden place")
    CommentFactory(page=discussion, place=open_place, theme=theme, body="Said from the open place")
    stories = make_index(home_page)
    story = make_story(stories, themes=[theme], place=hidden, title="A story of the glen", slug="glen")
    events = EventIndexPageFactory(parent=home_page)
    events.save_revision().publish()
    event = make_event(events, places=[hidden, open_place], themes=[theme], title="Open day")
    reviews = ReviewIndexPageFactory(parent=home_page)
    reviews.save_revision().publish()
    review = make_review(reviews, sections=1, title="Funding review", slug="funding-review")
    review.places.set([hidden, open_place])
    review.themes.set([theme])
    review.save_revision().publish()
    survey = make_survey(make_survey_index(home_page), places=[hidden, open_place], themes=[theme])
    HIDE[request.param](hidden, area)
    return {
        "theme": theme,
        "open_place": open_place,
        "discussion": discussion,
        "story": story,
        "stories": stories,
        "event": event,
        "review": review,
        "survey": survey,
    }


def test_theme_page_names_no_restricted_place(client, world):
    html = client.get(f"/themes/{world['theme'].slug}/").content.decode()
    assert "Said from the hidden place" in html and "A story of the glen" in html and "Open day" in html
    assert "Funding review" in html and "Our park" in html
    assert f"from {OPEN}" in html
    assert HIDDEN not in html and "/glenhush/" not in html


def test_home_page_names_no_restricted_place(client, world):
    html = client.get("/").content.decode()
    assert "A story of the glen" in html and "Open day" in html and "Funding review" in html
    assert HIDDEN not in html and "/glenhush/" not in html


def test_open_place_page_names_no_restricted_place(client, world):
    html = client.get(world["open_place"].url).content.decode()
    assert "Said from the open place" in html and "Open day" in html
    assert HIDDEN not in html and "/glenhush/" not in html


@pytest.mark.parametrize(
    "page",
    [
        "discussion",
        "story",
        "event",
        "review",
        "survey",
        "stories",
        "/events/",
        "/consultations/",
        "/surveys/",
    ],
)
def test_pages_of_things_tagged_with_a_restricted_place_do_not_name_it(client, world, page):
    response = client.get(page if page.startswith("/") else world[page].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert HIDDEN not in html and "/glenhush/" not in html


def test_story_feed_names_no_restricted_place(client, world):
    xml = client.get(world["stories"].url + "feed/").content.decode()
    assert "A story of the glen" in xml
    assert HIDDEN not in xml


def test_reply_form_does_not_name_the_restricted_place_of_the_comment_replied_to(client, world):
    from django.urls import reverse

    from surveys.models import Comment

    comment = Comment.objects.get(body="Said from the hidden place")
    response = client.get(reverse("surveys:comment_reply", args=[comment.pk]))
    assert response.status_code == 200
    assert HIDDEN not in response.content.decode()


def test_hub_sections_make_the_same_queries_with_and_without_restricted_places(
    rf, world, home_page, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    def build():
        request = rf.get("/")
        sections = build_sections(HOME_SECTIONS, home_page, request)
        sections += build_sections(THEME_SECTIONS, world["theme"], request)
        return "".join(section.render(request).html for section in sections)

    build()  # settings and the like are read once
    with CaptureQueriesContext(connection) as first:
        html = build()
    assert HIDDEN not in html
    PageViewRestriction.objects.all().delete()
    Page.objects.filter(title__in=[HIDDEN, "North area"]).update(live=True)
    build()  # images of places now listed get their renditions
    with django_assert_num_queries(len(first)):
        assert HIDDEN in build()
