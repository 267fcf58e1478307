"""What is said, listed or counted from a page the public may not see stays off every public view:
a login-only, password-protected or unpublished page, or one under such a page. A visitor who has
passed the page's restriction may still take part there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from site_home.hub import PLACE_SECTIONS, THEME_SECTIONS, build_sections
from site_home.models import StandardPage
from surveys.models import Comment, Reaction, Report
from tests.events.factories import EventIndexPageFactory, make_event
from tests.site_home.factories import ThemeFactory, make_place
from tests.surveys.factories import CommentFactory, make_discussion
from tests.surveys.survey_factories import AGREE, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db

PASSWORD = "open-sesame-42"
SECRET = "Words said behind the curtain"
SAID_OPENLY = "Words said in the open"


def restrict(page, kind):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == PageViewRestriction.PASSWORD else ""
    )


# How a page is kept from the public: on the page itself, or on its parent (a section).
HIDE = {
    "login-only": lambda page, section: restrict(page, PageViewRestriction.LOGIN),
    "password": lambda page, section: restrict(page, PageViewRestriction.PASSWORD),
    "unpublished": lambda page, section: page.unpublish(),
    "under an unpublished page": lambda page, section: section.unpublish(),
    "under a login-only page": lambda page, section: restrict(section, PageViewRestriction.LOGIN),
}


def add_section(home_page, slug):
    section = StandardPage(title=slug.title(), slug=slug, body=[])
    home_page.add_child(instance=section)
    section.save_revision().publish()
    return section


@pytest.fixture
def hub(home_page, place_index, theme_index):
    place, theme = make_place(place_index, title="Ashgrove"), ThemeFactory(name="Funding")
    section = add_section(home_page, "private-things")
    # Built under a section so that hiding the section hides it too (add_child skips page types).
    hidden = make_discussion(section, title="Closed meeting", slug="closed")
    open_page = make_discussion(home_page, title="Open meeting", slug="open")
    CommentFactory(page=open_page, place=place, theme=theme, body=SAID_OPENLY)
    comment = CommentFactory(
        page=hidden, place=place, theme=theme, body=SECRET, display_name="Private Name", source_path="/x/"
    )
    return {"place": place, "theme": theme, "section": section, "page": hidden, "comment": comment}


@pytest.fixture(params=list(HIDE))
def hidden(request, hub):
    hub["restriction"] = HIDE[request.param](hub["page"], hub["section"])
    return hub


def agree(client, comment):
    return client.post(reverse("surveys:comment_agree", args=[comment.pk]), {"return_to": "/"})


def reply(client, comment):
    data = {
        "page_id": comment.page_id,
        "parent_id": comment.pk,
        "display_name": "Morag",
        "email": "morag@example.org",
        "body": "A reply nobody should see.",
        "consent": "on",
        "return_to": "/",
    }
    return client.post(reverse("surveys:comment_post"), data)


# ---- Hub sections -------------------------------------------------------------------------------


def test_place_and_theme_pages_leave_out_comments_of_pages_the_public_may_not_see(client, hidden):
    for url in (hidden["place"].url, f"/themes/{hidden['theme'].slug}/"):
        html = client.get(url).content.decode()
        assert SAID_OPENLY in html
        assert SECRET not in html and "Closed meeting" not in html and "Private Name" not in html
        assert "1 published comment " in html


def test_hub_comment_sections_make_the_same_queries_however_many_pages_are_hidden(
    rf, hub, home_page, django_assert_num_queries
):
    def build():
        request = rf.get("/")
        sections = build_sections(PLACE_SECTIONS, hub["place"], request)
        sections += build_sections(THEME_SECTIONS, hub["theme"], request)
        return [section.render(request) for section in sections]

    HIDE["password"](hub["page"], hub["section"])
    with CaptureQueriesContext(connection) as first:
        build()
    for n in range(3):
        section = add_section(home_page, f"more-{n}")
        restrict(make_discussion(section, title=f"Hidden {n}", slug=f"hidden-{n}"), PageViewRestriction.LOGIN)
        CommentFactory.create_batch(2, page=section.get_children().get().specific, place=hub["place"])
        section.unpublish()
    with django_assert_num_queries(len(first)):
        rendered = build()
    assert SECRET not in "".join(section.html for section in rendered)


def test_listing_comments_on_visible_pages_costs_one_query_more(hidden, django_assert_num_queries):
    with django_assert_num_queries(2):
        bodies = [comment.body for comment in Comment.objects.on_visible_pages()]
    assert bodies == [SAID_OPENLY]


def test_place_survey_response_count_leaves_out_answers_to_a_hidden_survey(client, hub, home_page):
    index = make_survey_index(home_page)
    place = hub["place"]
    shown = make_survey(index, title="Park paths", fields=[AGREE], places=[place])
    closed = make_survey(index, title="Staff survey", slug="staff", fields=[AGREE], places=[place])
    answer(shown, place)
    answer(closed, place)
    answer(closed, place)
    restrict(closed, PageViewRestriction.PASSWORD)
    html = client.get(place.url).content.decode()
    assert "Park paths" in html and "Staff survey" not in html
    assert "1 survey response from this place so far." in html


# ---- Acting on one comment ----------------------------------------------------------------------


def test_report_page_of_a_comment_on_a_page_the_public_may_not_see_is_not_found(client, hidden):
    url = reverse("surveys:comment_report", args=[hidden["comment"].pk])
    response = client.get(url)
    assert response.status_code == 404
    assert b"Private Name" not in response.content and SECRET.encode() not in response.content
    assert client.post(url, {"reason": "abusive", "return_to": "/"}).status_code == 404
    assert not Report.objects.exists()


def test_agree_and_reply_on_a_page_the_public_may_not_see_are_refused(client, hidden):
    comment = hidden["comment"]
    assert agree(client, comment).status_code == 404
    assert client.get(reverse("surveys:comment_reply", args=[comment.pk])).status_code == 404
    assert reply(client, comment).status_code == 404
    comment.refresh_from_db()
    assert comment.agree_count == 0 and not Reaction.objects.exists()
    assert not comment.replies.exists()


def test_a_visitor_who_entered_the_password_can_comment_reply_agree_and_report(client, hub):
    page, comment = hub["page"], hub["comment"]
    restriction = HIDE["password"](page, hub["section"])
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    assert client.post(url, {"password": PASSWORD, "return_url": page.url}).status_code == 302
    assert client.get(page.url).status_code == 200

    assert agree(client, comment).status_code == 302
    assert reply(client, comment).status_code == 302
    report_url = reverse("surveys:comment_report", args=[comment.pk])
    assert client.get(report_url).status_code == 200
    assert client.post(report_url, {"reason": "abusive", "return_to": "/"}).status_code == 302
    comment.refresh_from_db()
    assert comment.agree_count == 1 and comment.replies.count() == 1 and Report.objects.count() == 1
    # What they can see stays theirs: the place page still shows the public's view.
    assert SECRET not in client.get(hub["place"].url).content.decode()


def test_a_signed_in_visitor_can_take_part_on_a_login_only_page(client, hub, django_user_model):
    HIDE["under a login-only page"](hub["page"], hub["section"])
    client.force_login(django_user_model.objects.create_user("resident", password="a-long-password-1"))
    assert agree(client, hub["comment"]).status_code == 302
    assert reply(client, hub["comment"]).status_code == 302
    assert hub["comment"].replies.count() == 1


# ---- Pages under an unpublished page ------------------------------------------------------------


def test_a_page_under_an_unpublished_page_is_not_served(client, hub):
    assert client.get(hub["page"].url).status_code == 200
    hub["section"].unpublish()
    assert client.get(hub["page"].url).status_code == 404


@pytest.fixture
def hidden_event(home_page, place_index):
    place = make_place(place_index, title="Fernbank")
    index = EventIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    make_event(index, title="Open day", places=[place])
    event = make_event(index, title="Hush forum", places=[place])
    index.unpublish()
    return {"event": event, "place": place, "index": index}


def test_events_under_an_unpublished_index_are_left_out_of_hubs_feeds_sitemap_and_search(
    client, hidden_event
):
    event, place = hidden_event["event"], hidden_event["place"]
    listings = [
        place.url,
        "/",
        reverse("events:calendar"),
        reverse("events:calendar_place", args=[place.slug]),
        "/sitemap.xml",
        "/search/?q=forum",
    ]
    responses = {url: client.get(url) for url in listings}
    assert {url: response.status_code for url, response in responses.items()} == dict.fromkeys(listings, 200)
    leaks = [url for url, response in responses.items() if b"Hush forum" in response.content]
    leaks += [url for url, response in responses.items() if b"/events/hush-forum/" in response.content]
    assert leaks == []
    assert client.get(reverse("events:calendar_event", args=[event.pk])).status_code == 404
    assert client.get(event.url).status_code == 404


def test_a_page_looked_up_outside_routing_is_checked_against_its_ancestors(hub):
    from wagtail.models import Page

    from site_home.visibility import routed_through_unpublished_page

    assert not routed_through_unpublished_page(Page.objects.get(pk=hub["page"].pk))
    hub["section"].unpublish()
    assert routed_through_unpublished_page(Page.objects.get(pk=hub["page"].pk))
