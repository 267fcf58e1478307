"""Layout as a person sees it, measured in Chromium at a phone's width (375 px) and a desktop's
(1280 px): tags, the rating scale, the compass, the place page's headings and the right-hand column.
"""

import pytest
from playwright.sync_api import expect

from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.site_home.factories import PlacePriorityFactory, ThemeFactory, make_place
from tests.stories.factories import make_index, make_story
from tests.surveys.survey_factories import RATING, answer, make_survey, make_survey_index

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 375, 1280
LONG_THEME = "Communications and understanding"


@pytest.fixture
def sized_page(browser):
    """A new page at a given width, closed after the test."""
    contexts = []

    def make(width, **kwargs):
        context = browser.new_context(viewport={"width": width, "height": 900}, **kwargs)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def survey_site(home_page, place_index, theme_index):
    north = make_place(place_index, title="North", slug="north")
    themes = [ThemeFactory(name=name) for name in ("Funding", "Values", LONG_THEME, "Power dynamics")]
    index = make_survey_index(home_page)
    park = make_survey(index, title="Our park", fields=[RATING], themes=themes, results_public=True)
    standard = make_survey(
        index, title="Place Standard 2026", is_place_standard=True, places=[north], results_public=True
    )
    ratings = [f for f in standard.form_fields.all() if f.field_type == "rating"]
    for offset in range(3):
        answer(standard, north, **{f.clean_name: 2 + (i + offset) % 5 for i, f in enumerate(ratings)})
    return park, standard


def boxes(locator):
    return [box for box in (item.bounding_box() for item in locator.all()) if box]


def line_height(page, selector):
    return page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{selector}')).lineHeight)")


def no_sideways_scroll(page):
    return page.evaluate("document.scrollingElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_tags_keep_whole_and_evenly_spaced_and_clear_of_the_title(
    sized_page, live_site, survey_site, assert_accessible, width
):
    park, _ = survey_site
    page = sized_page(width)
    page.goto(live_site + park.url)

    status = page.locator(".cv-status--open").bounding_box()
    title = page.get_by_role("heading", level=1).bounding_box()
    line = line_height(page, ".cv-status--open")
    assert status["height"] < 1.5 * line, "the status tag broke over two lines"
    assert title["y"] - (status["y"] + status["height"]) >= 10, "the status tag touches the title"

    tags = page.locator(".cv-tag-list .govuk-tag")
    expect(tags).to_have_count(4)
    found = boxes(tags)
    tag_line = line_height(page, ".cv-tag-list a")
    assert all(box["height"] < 1.5 * tag_line for box in found), f"a tag broke inside: {found} {tag_line}"
    rows = {}
    for box in found:
        rows.setdefault(round(box["y"]), []).append(box)
    gaps = [
        b["x"] - (a["x"] + a["width"]) for row in rows.values() for a, b in zip(row, row[1:], strict=False)
    ]
    tops = sorted(rows)
    gaps += [tops[i + 1] - (tops[i] + rows[tops[i]][0]["height"]) for i in range(len(tops) - 1)]
    assert gaps and max(gaps) - min(gaps) < 1, f"uneven gaps between tags: {gaps}"
    assert no_sideways_scroll(page)
    assert_accessible(page)


def test_rating_scale_is_one_row_with_its_ends_on_a_wide_screen(sized_page, live_site, survey_site):
    park, _ = survey_site
    page = sized_page(DESKTOP)
    page.goto(live_site + park.url)
    scale = page.get_by_role("group", name="How green is the park")
    radios = boxes(scale.locator(".govuk-radios__item"))
    assert len(radios) == 7
    assert len({round(box["y"]) for box in radios}) == 1, "the points wrapped onto more rows"
    widths = [box["width"] for box in radios]
    assert max(widths) - min(widths) < 1
    ends = scale.locator(".cv-scale__ends span")
    expect(ends.first).to_have_text("Not green")
    expect(ends.last).to_have_text("Very green")
    low, high = ends.first.bounding_box(), ends.last.bounding_box()
    assert low["x"] == pytest.approx(radios[0]["x"], abs=1)
    assert high["x"] + high["width"] == pytest.approx(radios[-1]["x"] + radios[-1]["width"], abs=1)
    assert low["y"] >= radios[0]["y"] + radios[0]["height"] - 1  # under the row
    # A screen reader still hears each end's meaning with its number.
    expect(scale.get_by_role("radio", name="1 – Not green")).to_be_attached()
    expect(scale.get_by_role("radio", name="7 – Very green")).to_be_attached()


def test_rating_scale_is_a_plain_list_on_a_phone_without_javascript(sized_page, live_site, survey_site):
    # axe needs JavaScript: the same page at this width is checked in the tags test.
    park, _ = survey_site
    page = sized_page(PHONE, java_script_enabled=False)
    page.goto(live_site + park.url)
    scale = page.get_by_role("group", name="How green is the park")
    expect(scale.locator(".govuk-radios__item")).to_have_count(7)
    radios = boxes(scale.locator(".govuk-radios__item"))
    assert len({round(box["x"]) for box in radios}) == 1, f"the list is not one column: {radios}"
    tops = [box["y"] for box in radios]
    assert tops == sorted(tops) and len(set(round(t) for t in tops)) == 7
    expect(scale.get_by_text("1 – Not green")).to_be_visible()
    expect(scale.locator(".cv-scale__ends")).to_be_hidden()
    scale.get_by_text("3", exact=True).click()
    expect(scale.get_by_role("radio", name="3", exact=True)).to_be_checked()
    assert no_sideways_scroll(page)


COMPASS_TEXT = """() => {
  const svg = document.querySelector('.cv-compass__svg');
  const scale = svg.getScreenCTM().a;
  const texts = [...svg.querySelectorAll('text')];
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const labels = [...svg.querySelectorAll('.cv-compass__labels text')].map(t => t.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const a = labels[i], b = labels[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
  }
  const box = svg.getBoundingClientRect();
  const inside = labels.every(r => r.left >= box.left - 1 && r.right <= box.right + 1);
  return {smallest: Math.min(...sizes), width: box.width, parent: svg.parentElement.clientWidth,
          overlaps, inside, count: labels.length};
}"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_survey_results_fit_the_screen_with_readable_compass_labels(
    sized_page, live_site, survey_site, assert_accessible, width
):
    _, standard = survey_site
    page = sized_page(width)
    page.goto(live_site + standard.url + "results/?place=north")
    expect(page.get_by_role("img", name="Place Standard compass for North")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    compass = page.evaluate(COMPASS_TEXT)
    assert compass["count"] == 14
    assert compass["smallest"] >= 12, compass
    assert compass["width"] <= compass["parent"] + 0.5  # it scales to its column
    assert compass["overlaps"] == 0 and compass["inside"], compass
    table = page.get_by_role("table", name="Median scores in North").bounding_box()
    assert table["x"] + table["width"] <= width
    assert_accessible(page)


@pytest.fixture
def place(place_index, theme_index):
    theme = ThemeFactory(name="Moving around")
    place = make_place(
        place_index,
        title="Ashgrove",
        summary="Proud of its allotments.",
        body=[
            ("heading", {"text": "Life in Ashgrove", "level": "h2"}),
            ("paragraph", "<p>Ashgrove grew up around the old brickworks.</p>"),
            ("heading", {"text": "Old photos", "level": "h3"}),
            ("key_facts", {"heading": "At a glance", "facts": [{"value": "2,050", "label": "people"}]}),
        ],
        plan_summary="A community hub in the old library.",
    )
    PlacePriorityFactory(place=place, theme=theme, title="Safer routes to school")
    place.save_revision().publish()
    return place


def headings(page):
    return page.evaluate(
        "[...document.querySelectorAll('main h1, main h2, main h3, main h4')]"
        ".map(h => [Number(h.tagName[1]), h.textContent.trim()])"
    )


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_place_page_has_a_clear_outline_and_an_on_this_page_list(
    sized_page, live_site, place, assert_accessible, width
):
    page = sized_page(width)
    page.goto(live_site + place.url)
    outline = headings(page)
    assert outline[0] == [1, "Ashgrove"]
    assert [level for level, _ in outline].count(1) == 1
    levels = [level for level, _ in outline]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (
        f"a heading level was skipped: {outline}"
    )
    about = outline.index([2, "About Ashgrove"])
    assert outline[about + 1] == [3, "Life in Ashgrove"]  # the profile's own headings sit under it
    assert [4, "Old photos"] in outline and [3, "At a glance"] in outline

    about_box = page.get_by_role("heading", name="About Ashgrove").bounding_box()
    life_box = page.get_by_role("heading", name="Life in Ashgrove").bounding_box()
    assert life_box["y"] - (about_box["y"] + about_box["height"]) >= 15

    contents = page.get_by_role("navigation", name="On this page")
    for name, target in (
        ("About Ashgrove", "profile-heading"),
        ("Our long-term plan", "plan-heading"),
        ("Local priorities", "priorities-heading"),
        ("Key facts and who to contact", "place-facts"),
    ):
        expect(contents.get_by_role("link", name=name)).to_have_attribute("href", f"#{target}")
        assert page.locator(f"#{target}").count() == 1
    for link in contents.get_by_role("link").all():
        assert page.locator(link.get_attribute("href")).count() == 1, link.get_attribute("href")
    if width == DESKTOP:
        nav = contents.bounding_box()
        title = page.get_by_role("heading", level=1).bounding_box()
        assert nav["x"] > width / 2 and nav["y"] < title["y"] + title["height"]  # beside the title
    assert no_sideways_scroll(page)
    assert_accessible(page)


@pytest.fixture
def review(home_page, place_index, theme_index):
    make_place(place_index, title="Ashgrove")
    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return make_review(index, title="Working together better", sections=3, recs=2)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_review_page_keeps_on_this_page_and_take_part_in_the_right_hand_column(
    sized_page, live_site, review, assert_accessible, width
):
    page = sized_page(width)
    page.goto(live_site + review.url)
    contents = page.get_by_role("navigation", name="On this page")
    intro = page.get_by_role("heading", name="Introduction", exact=True)
    nav, text = contents.bounding_box(), intro.bounding_box()
    if width == DESKTOP:
        assert nav["x"] >= text["x"] + text["width"] - 1 and nav["x"] + nav["width"] > 0.7 * width
        title = page.get_by_role("heading", level=1).bounding_box()
        assert nav["y"] < title["y"] + title["height"]  # it starts beside the title, not below it
        page.get_by_role("heading", name="3. Key area 3").scroll_into_view_if_needed()
        expect(contents).to_be_in_viewport()  # it stays in view while the text scrolls
        expect(page.get_by_role("link", name="Give your view on the recommendations")).to_be_in_viewport()
    else:
        assert nav["y"] < text["y"]  # on a phone the contents come first
    assert no_sideways_scroll(page)
    assert_accessible(page)


@pytest.fixture
def story(home_page, place_index, theme_index):
    index = make_index(home_page)
    return make_story(
        index,
        title="The allotments that feed a street",
        place=make_place(place_index, title="Ashgrove"),
        themes=[ThemeFactory(name=LONG_THEME), ThemeFactory(name="Natural space")],
        tags=["food"],
        body=[("paragraph", "<p>Twenty-two plots now feed the Friday larder.</p>" * 6)],
    )


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_story_page_uses_the_right_hand_column_for_its_details(
    sized_page, live_site, story, assert_accessible, width
):
    page = sized_page(width)
    page.goto(live_site + story.url)
    body = page.locator(".cv-page-layout__main").bounding_box()
    share = page.get_by_role("heading", name="Share this story").bounding_box()
    if width == DESKTOP:
        assert share["x"] > body["x"] + body["width"] and share["y"] < body["y"] + body["height"]
    else:
        assert share["y"] > body["y"]  # after the story on a phone
    expect(page.get_by_role("link", name="Share your story")).to_have_attribute("href", "/stories/share/")
    long_tag = page.get_by_role("link", name=LONG_THEME).bounding_box()
    assert long_tag["x"] + long_tag["width"] <= width
    assert no_sideways_scroll(page)
    assert_accessible(page)
