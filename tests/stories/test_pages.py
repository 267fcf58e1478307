import datetime
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from site_home.models import HomePage
from stories.models import StoryIndexPage, StoryPage, StoryViewCount

from .factories import make_story

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailPageTestCase):
    def test_stories_live_under_the_single_index_under_home(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, {})
        assert StoryIndexPage.max_count == 1


def titles(response):
    return [story.title for story in response.context["stories"]]


def test_index_lists_newest_first_and_paginates(client, story_index):
    import datetime

    for day in range(14):
        make_story(story_index, title=f"Story day {day}", publication_date=datetime.date(2026, 3, 1 + day))

    first = client.get(story_index.url)
    second = client.get(story_index.url + "?page=2")

    assert titles(first)[:2] == ["Story day 13", "Story day 12"]
    assert len(titles(first)) == 12
    assert titles(second) == ["Story day 1", "Story day 0"]
    assert "14 stories" in first.content.decode()


def test_filters_by_place_theme_tag_and_combined(client, story_index, places, themes):
    make_story(
        story_index,
        title="Allotments",
        place=places["ashgrove"],
        themes=[themes["natural-space"]],
        tags=["food"],
    )
    make_story(
        story_index, title="Football", place=places["ashgrove"], themes=[themes["funding"]], tags=["sport"]
    )
    make_story(
        story_index, title="Market", place=places["brackenhill"], themes=[themes["funding"]], tags=["food"]
    )

    assert set(titles(client.get(story_index.url + "?place=ashgrove"))) == {"Allotments", "Football"}
    assert set(titles(client.get(story_index.url + "?theme=funding"))) == {"Football", "Market"}
    assert set(titles(client.get(story_index.url + "?tag=food"))) == {"Allotments", "Market"}
    assert titles(client.get(story_index.url + "?place=brackenhill&theme=funding&tag=food")) == ["Market"]
    assert titles(client.get(story_index.url + "?place=ashgrove&tag=sport")) == ["Football"]


def test_filter_urls_are_bookmarkable_and_pagination_keeps_them(client, story_index, places):
    for number in range(14):
        make_story(story_index, title=f"Ashgrove {number}", place=places["ashgrove"])
    make_story(story_index, title="Elsewhere", place=places["brackenhill"])

    response = client.get(story_index.url + "?place=ashgrove")

    html = response.content.decode()
    assert '<option value="ashgrove" selected>' in html
    assert 'method="get"' in html
    assert "?place=ashgrove&amp;page=2" in html
    second = client.get(story_index.url + "?place=ashgrove&page=2")
    assert len(titles(second)) == 2
    assert "Elsewhere" not in titles(second)


def test_unknown_filter_values_are_ignored_not_errors(client, story_index):
    make_story(story_index, title="Only story")
    response = client.get(story_index.url + "?place=nowhere&theme=&page=99")
    assert response.status_code == 200
    assert titles(response) == ["Only story"]


def test_drafts_are_not_listed(client, story_index):
    story = make_story(story_index, title="Draft")
    story.unpublish()
    assert titles(client.get(story_index.url)) == []


def test_story_page_shows_teller_place_themes_tags_and_share_links(client, story_index, places, themes):
    story = make_story(
        story_index,
        title="Allotments & more",
        place=places["ashgrove"],
        themes=[themes["funding"]],
        tags=["food"],
        teller_type=StoryPage.Teller.GROUP,
        teller_name="Ashgrove Growers",
        standfirst="Twenty-two plots.",
    )

    response = client.get(story.url)

    html = response.content.decode()
    assert "Told by Ashgrove Growers (community group)" in html
    assert f'href="{places["ashgrove"].url}"' in html
    assert "Funding" in html
    assert "/stories/?tag=food" in html
    links = dict(response.context["share_links"])
    assert set(links) == {"Email", "Facebook", "X", "WhatsApp", "LinkedIn"}
    full_url = "http://testserver" + story.url
    assert parse_qs(urlparse(links["Facebook"]).query)["u"] == [full_url]
    assert parse_qs(urlparse(links["LinkedIn"]).query)["url"] == [full_url]
    assert parse_qs(urlparse(links["X"]).query)["text"] == ["Allotments & more"]
    assert "Allotments+%26+more" in links["WhatsApp"]
    body = html.split("</head>")[1]
    assert body.count("<script") == 1 and "govuk-frontend-supported" in body  # no share widgets


def test_related_stories_share_place_or_theme_and_exclude_itself(client, story_index, places, themes):
    story = make_story(story_index, title="Main", place=places["ashgrove"], themes=[themes["funding"]])
    make_story(story_index, title="Same place", place=places["ashgrove"])
    make_story(story_index, title="Same theme", place=places["brackenhill"], themes=[themes["funding"]])
    make_story(story_index, title="Unrelated", place=places["brackenhill"], themes=[themes["natural-space"]])

    related = [s.title for s in client.get(story.url).context["related_stories"]]

    assert set(related) == {"Same place", "Same theme"}


def test_consent_is_required_to_publish(story_index):
    story = make_story(story_index)
    story.consent_given = False
    with pytest.raises(ValidationError) as error:
        story.save_revision().publish()
    assert "consent_given" in error.value.message_dict


def test_draft_may_be_saved_before_consent(story_index):
    story = make_story(story_index)
    story.unpublish()
    story.refresh_from_db()
    story.consent_given = False
    story.save()  # full_clean runs; a draft without consent is fine
    assert not StoryPage.objects.get(pk=story.pk).consent_given


def test_admin_publish_without_consent_shows_a_form_error(admin_client, story_index, places):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    data = nested_form_data(
        {
            "title": "No consent yet",
            "slug": "no-consent-yet",
            "standfirst": "Waiting for the teller.",
            "publication_date": "2026-01-05",
            "teller_type": "resident",
            "teller_name": "Sam",
            "place": places["ashgrove"].pk,
            "consent_date": "",
            "body": streamfield([("paragraph", rich_text("<p>Hello</p>"))]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/stories/storypage/{story_index.pk}/"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Tick the box once the teller has agreed to publication" in response.content.decode()
    assert not StoryPage.objects.filter(slug="no-consent-yet").exists()

    data["consent_given"] = "on"
    data["consent_date"] = "2026-01-01"
    response = admin_client.post(url, data)
    assert StoryPage.objects.get(slug="no-consent-yet").live


def test_feed_of_all_stories_is_valid_rss_newest_first(client, story_index, places):
    import datetime

    make_story(
        story_index, title="Older", publication_date=datetime.date(2026, 1, 1), place=places["ashgrove"]
    )
    make_story(story_index, title="Newer", publication_date=datetime.date(2026, 2, 1))
    draft = make_story(story_index, title="Draft")
    draft.unpublish()

    response = client.get(story_index.url + "feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Newer", "Older"]
    assert channel.find("item").findtext("link").endswith("/stories/newer/")


def test_feed_per_place_has_only_that_place(client, story_index, places):
    make_story(story_index, title="Ashgrove story", place=places["ashgrove"])
    make_story(story_index, title="Brackenhill story", place=places["brackenhill"])

    response = client.get(story_index.url + "feed/ashgrove/")

    channel = ET.fromstring(response.content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Ashgrove story"]
    assert channel.findtext("title") == "Stories of Place: Ashgrove"
    assert client.get(story_index.url + "feed/nowhere/").status_code == 404


def test_feeds_are_linked_from_index_and_place_page(client, story_index, places):
    make_story(story_index, place=places["ashgrove"])
    index_html = client.get(story_index.url).content.decode()
    place_html = client.get(places["ashgrove"].url).content.decode()

    head = index_html.split("</head>")[0]
    assert 'rel="alternate" type="application/rss+xml" title="Stories of Place" href="/stories/feed/"' in head
    place_head = place_html.split("</head>")[0]
    assert 'rel="alternate" type="application/rss+xml"' in place_head
    assert 'href="/stories/feed/ashgrove/"' in place_head


def seen_url(story):
    return f"/stories/seen/{story.pk}.gif"


def test_views_are_counted_once_per_reader_without_cookies(client, story_index):
    story = make_story(story_index)
    page = client.get(story.url)
    assert f'src="{seen_url(story)}"' in page.content.decode()
    assert page.cookies == {}  # the comment form holds no per-visitor token for anonymous readers

    first = client.get(seen_url(story), REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Firefox")
    client.get(seen_url(story), REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Firefox")
    client.get(seen_url(story), REMOTE_ADDR="10.0.0.2", HTTP_USER_AGENT="Firefox")
    # Another browser name on the same network is no new reader: names are free to choose.
    client.get(seen_url(story), REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Safari")

    assert StoryViewCount.objects.get(story=story).count == 2
    assert first["Content-Type"] == "image/gif"
    assert "no-store" in first["Cache-Control"] or "max-age=0" in first["Cache-Control"]
    assert first.cookies == {}
    assert "10.0.0.1" not in str(list(StoryViewCount.objects.values()))


def test_a_reader_who_has_taken_part_counts_apart_from_others_on_their_network(client, story_index):
    from django.core.signing import get_cookie_signer

    from site_home.people import COOKIE_NAME, COOKIE_SALT

    story = make_story(story_index)
    client.get(seen_url(story), REMOTE_ADDR="10.0.0.1")
    client.cookies[COOKIE_NAME] = get_cookie_signer(salt=COOKIE_NAME + COOKIE_SALT).sign("resident-1")
    response = client.get(seen_url(story), REMOTE_ADDR="10.0.0.1")
    client.get(seen_url(story), REMOTE_ADDR="10.0.0.1")
    assert StoryViewCount.objects.get(story=story).count == 2
    assert COOKIE_NAME not in response.cookies  # read, never set, by a view


def test_views_are_counted_when_the_page_itself_comes_from_the_cache(client, story_index, settings):
    settings.PAGE_CACHE_SECONDS = 300
    story = make_story(story_index)
    client.get(story.url)  # the first view makes the site's settings rows: a write, so a second miss
    client.get(story.url)
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    for address in ("10.0.0.1", "10.0.0.2"):
        client.get(seen_url(story), REMOTE_ADDR=address)
    assert StoryViewCount.objects.get(story=story).count == 2


def test_view_count_survives_publishing_and_is_not_public(client, story_index):
    story = make_story(story_index)
    client.get(seen_url(story))
    story.save_revision().publish()

    assert StoryViewCount.objects.get(story=story).count == 1
    assert "views" not in client.get(story.url).content.decode().lower().replace("reviews", "")
    assert client.get("/stories/seen/999999.gif").status_code == 404


def test_editors_see_view_counts_in_the_story_listing(admin_client, client, story_index):
    story = make_story(story_index, title="Counted story")
    for address in ("10.0.0.1", "10.0.0.2"):
        client.get(seen_url(story), REMOTE_ADDR=address)

    response = admin_client.get("/admin/stories/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Counted story" in html
    assert "Views" in html
    assert ">2<" in html.replace(" ", "").replace("\n", "")


def test_story_listing_shows_the_story_date_as_a_date_and_publishing_as_a_moment(admin_client, story_index):
    # A calendar date shown as "… ago" counts from midnight: a story published a minute ago read
    # "Published 16 hours ago" in the afternoon.
    make_story(story_index, title="Fresh story", publication_date=datetime.date(2026, 3, 14))

    html = admin_client.get("/admin/stories/").content.decode()

    assert "14 Mar 2026" in html
    assert "Story date" in html
    assert "hours ago" not in html and "days ago" not in html and "months ago" not in html


def test_story_listing_shows_when_a_story_went_live_in_uk_time(admin_client, story_index):
    # 14:05 UTC in June is 15:05 in London (BST): the listing's moment is in the site's time zone.
    story = make_story(story_index, title="Summer story")
    moment = datetime.datetime(2026, 6, 1, 14, 5, tzinfo=datetime.UTC)
    StoryPage.objects.filter(pk=story.pk).update(last_published_at=moment)

    html = admin_client.get("/admin/stories/").content.decode()

    assert "1 Jun 2026, 3:05 p.m." in html
    assert "2:05 p.m." not in html


def test_a_comment_posted_just_after_midnight_in_summer_shows_the_uk_date(client, story_index):
    from tests.surveys.factories import CommentFactory

    story = make_story(story_index, title="Late-night story")
    # 23:30 UTC on 31 May is 00:30 on 1 June in London.
    late = datetime.datetime(2026, 5, 31, 23, 30, tzinfo=datetime.UTC)
    CommentFactory(page=story, body="Written after midnight", published_at=late)

    html = client.get(story.url).content.decode()

    assert "Written after midnight" in html
    assert "1 June 2026" in html and "31 May 2026" not in html
    assert 'datetime="2026-06-01T00:30:00+01:00"' in html


def _count_queries(client, url):
    client.get(url)  # warm caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_stories(client, story_index, places, themes):
    import wagtail_factories

    def add(count):
        for _ in range(count):
            make_story(
                story_index,
                place=places["ashgrove"],
                themes=[themes["funding"]],
                tags=["food"],
                hero_image=wagtail_factories.ImageFactory(),
            )

    add(5)
    few = _count_queries(client, story_index.url)
    add(35)
    many = _count_queries(client, story_index.url)
    filtered = _count_queries(client, story_index.url + "?place=ashgrove&theme=funding&tag=food")
    assert many == few
    assert filtered <= few + 1


def test_story_query_count_does_not_grow_with_blocks(client, story_index, places, themes, uncached_fragments):
    import wagtail_factories

    def body(repeat):
        image = wagtail_factories.ImageFactory()
        blocks = []
        for _ in range(repeat):
            blocks += [
                ("paragraph", "<p>Text</p>"),
                ("image", {"image": image, "alt_text": "A hall", "caption": "", "credit": ""}),
                ("quote", {"quote": "It matters.", "attribution": "Jean"}),
                ("key_facts", {"heading": "Facts", "facts": [{"value": "22", "label": "plots"}]}),
                (
                    "call_to_action",
                    {"heading": "Join", "text": "", "page": places["ashgrove"], "button_label": "Go"},
                ),
            ]
        return blocks

    for _ in range(4):
        make_story(story_index, place=places["ashgrove"], themes=[themes["funding"]])
    few = make_story(
        story_index, body=body(1), place=places["ashgrove"], themes=[themes["funding"]], tags=["a"]
    )
    many = make_story(
        story_index, body=body(12), place=places["ashgrove"], themes=[themes["funding"]], tags=["a", "b", "c"]
    )

    assert _count_queries(client, many.url) == _count_queries(client, few.url)


def story_form_data(places, **overrides):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    return nested_form_data(
        {
            "title": "Notes from the housing team",
            "slug": "notes-from-the-housing-team",
            "standfirst": "What we heard at the repairs surgery.",
            "publication_date": "2026-01-05",
            "teller_type": "staff",
            "teller_name": "Ailsa, housing officer",
            "place": places["ashgrove"].pk,
            "consent_date": "",
            "body": streamfield([("paragraph", rich_text("<p>Hello</p>"))]),
            "comments": inline_formset([]),
            **overrides,
        }
    )


def test_a_story_told_by_staff_publishes_without_consent(admin_client, story_index, places):
    url = f"/admin/pages/add/stories/storypage/{story_index.pk}/"
    response = admin_client.post(url, story_form_data(places, **{"action-publish": "publish"}))
    assert response.status_code == 302
    story = StoryPage.objects.get(slug="notes-from-the-housing-team")
    assert story.live and not story.consent_given and story.consent_date is None


def test_a_draft_with_half_its_consent_recorded_is_refused_on_save(admin_client, story_index, places):
    url = f"/admin/pages/add/stories/storypage/{story_index.pk}/"
    data = story_form_data(places, teller_type="resident", consent_given="on")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Enter the date the teller gave their consent." in response.content.decode()
    assert not StoryPage.objects.filter(slug="notes-from-the-housing-team").exists()
    del data["consent_given"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors  # a draft may wait for consent


def test_staff_story_model_needs_no_consent_to_be_live(story_index):
    story = make_story(story_index, teller_type="staff", consent_given=False, consent_date=None)
    assert StoryPage.objects.get(pk=story.pk).live
