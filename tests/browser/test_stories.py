import pytest
import wagtail_factories
from playwright.sync_api import expect

from stories.models import StoryPage, StorySubmission
from tests.site_home.factories import ThemeFactory, make_place
from tests.stories.factories import gps_exif, image_bytes, make_index, make_story

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stories(place_index, theme_index, home_page):
    index_page = make_index(home_page)
    ashgrove = make_place(place_index, title="Ashgrove")
    brackenhill = make_place(place_index, title="Brackenhill")
    garden = ThemeFactory(name="Natural space")
    make_story(
        index_page,
        title="The allotments that feed a street",
        place=ashgrove,
        themes=[garden],
        tags=["food"],
        hero_image=wagtail_factories.ImageFactory(),
        hero_image_alt="Raised beds on the old brickworks site",
        hero_image_credit="Jean",
        comment_publishing="immediate",
        body=[
            ("paragraph", "<p>Twenty-two plots now feed the Friday larder.</p>"),
            ("quote", {"quote": "I came for the tomatoes.", "attribution": "Jean"}),
            ("key_facts", {"heading": "Key facts", "facts": [{"value": "22", "label": "plots"}]}),
        ],
    )
    make_story(index_page, title="The Saturday market returns", place=brackenhill)
    make_story(index_page, title="Youth football keeps going", place=ashgrove)
    return index_page


def test_resident_finds_reads_comments_and_shares_a_story(
    page, live_site, stories, assert_accessible, tmp_path
):
    page.goto(live_site + "/stories/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories of Place")
    assert_accessible(page)

    page.get_by_label("Place").select_option(label="Ashgrove")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(f"{live_site}/stories/?place=ashgrove&theme=&tag=")
    expect(page.get_by_role("heading", name="2 stories for Ashgrove")).to_be_visible()
    expect(page.get_by_role("link", name="The Saturday market returns")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="The allotments that feed a street").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The allotments that feed a street")
    expect(page.get_by_text("I came for the tomatoes.")).to_be_visible()
    expect(page.get_by_role("link", name="Youth football keeps going")).to_be_visible()  # related
    assert_accessible(page)

    page.get_by_label("Your name").fill("Morag")
    page.get_by_label("Email address").fill("morag@example.org")
    page.get_by_role("textbox", name="Your comment").fill("The Friday larder is a lifeline for us.")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("The Friday larder is a lifeline for us.")).to_be_visible()

    page.goto(live_site + "/stories/")
    page.get_by_role("link", name="Share your story").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share your story")
    assert_accessible(page)

    page.get_by_role("button", name="Send your story").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    photo = tmp_path / "hall.jpg"
    photo.write_bytes(image_bytes((900, 600), exif=gps_exif()))
    page.get_by_label("Give your story a title").fill("The bench outside the chemist")
    page.get_by_label("Your story", exact=True).fill("It was taken away last year.\n\nPlease bring it back.")
    page.get_by_label("Which place is your story about?").select_option(label="Ashgrove")
    page.get_by_label("Your email address").fill("rena@example.org")
    page.get_by_label("A photo (optional)").set_input_files(str(photo))
    page.get_by_label("Describe your photo").fill("An empty pavement where the bench used to be")
    page.get_by_label("I agree to my story").check()
    page.get_by_role("button", name="Send your story").click()

    expect(page.get_by_role("heading", name="Thank you for your story")).to_be_visible()
    assert_accessible(page)
    submission = StorySubmission.objects.get()
    assert submission.place.title == "Ashgrove" and submission.photo


def test_editor_turns_a_submission_into_a_draft(page, live_site, stories, django_user_model):
    from django.core.files.base import ContentFile

    from site_home.models import PlacePage

    submission = StorySubmission.objects.create(
        title="Our mosque food bank",
        text="We opened the kitchen to everyone.",
        place=PlacePage.objects.get(title="Ashgrove"),
        email="amira@example.org",
        consent_publish=True,
    )
    submission.photo.save("kitchen.jpg", ContentFile(image_bytes((800, 600))), save=True)
    submission.photo_alt = "Volunteers serving food"
    submission.save()
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")

    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_site + "/admin/snippets/stories/storysubmission/")
    expect(page.get_by_text("Our mosque food bank")).to_be_visible()
    page.get_by_role("link", name="Review").first.click()
    expect(page.get_by_text("We opened the kitchen to everyone.")).to_be_visible()
    page.get_by_role("button", name="Create a draft story from this submission").click()

    expect(page.locator("#id_title")).to_have_value("Our mosque food bank")
    story = StoryPage.objects.get(title="Our mosque food bank")
    expect(page).to_have_url(f"{live_site}/admin/pages/{story.pk}/edit/")
    assert not story.live and story.hero_image.title.startswith("Our mosque food bank")
    assert story.hero_image_credit == "Anonymous"


def test_stories_work_without_javascript(no_js_page, live_site, stories, tmp_path):
    page = no_js_page
    page.goto(live_site + "/stories/")
    page.get_by_label("Theme").select_option(label="Natural space")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 story for Natural space")).to_be_visible()
    page.get_by_role("link", name="The allotments that feed a street").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The allotments that feed a street")

    page.goto(live_site + "/stories/share/")
    page.get_by_label("Give your story a title").fill("Cycling to school")
    page.get_by_role("button", name="Send your story").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Give your story a title")).to_have_value("Cycling to school")
    page.get_by_label("Your story", exact=True).fill("The old railway path is mud in winter.")
    page.get_by_label("Which place is your story about?").select_option(label="Brackenhill")
    page.get_by_label("Your email address").fill("sam@example.org")
    page.get_by_label("I agree to my story").check()
    page.get_by_role("button", name="Send your story").click()
    expect(page.get_by_role("heading", name="Thank you for your story")).to_be_visible()
    assert StorySubmission.objects.filter(title="Cycling to school").exists()
