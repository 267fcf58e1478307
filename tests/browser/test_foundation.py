import pytest
from playwright.sync_api import expect

from tests.site_home.factories import (
    PlacePriorityFactory,
    SteeringGroupMemberFactory,
    ThemeFactory,
    make_place,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hub(place_index, theme_index):
    theme = ThemeFactory(name="Moving around", description="Walking and cycling routes.")
    place = make_place(
        place_index, title="Ashgrove", summary="Proud of its allotments and youth football club."
    )
    SteeringGroupMemberFactory(place=place, name="Ashgrove Tenants")
    PlacePriorityFactory(place=place, theme=theme, title="Safer routes to school")
    place.save_revision().publish()
    return place


def test_visitor_goes_home_place_theme_search(page, live_site, hub, assert_accessible):
    page.goto(live_site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say")
    assert_accessible(page)

    page.get_by_role("link", name="Ashgrove").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ashgrove")
    expect(page.get_by_text("Ashgrove Tenants")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Moving around").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moving around")
    expect(page.get_by_role("link", name="Ashgrove")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search this site").fill("allotments")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("heading", name="1 result for “allotments”")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ashgrove").last.click()
    expect(page).to_have_url(f"{live_site}{hub.url}")


@pytest.mark.parametrize("path", ["/places/", "/themes/", "/search/?q=nothing-matches", "/missing-page/"])
def test_other_foundation_pages_are_accessible(page, live_site, hub, assert_accessible, path):
    page.goto(live_site + path)
    assert_accessible(page)


def test_site_works_without_javascript(no_js_page, live_site, hub):
    page = no_js_page
    page.goto(live_site + "/")
    page.get_by_role("link", name="Places").first.click()
    page.get_by_role("link", name="Ashgrove").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ashgrove")
    page.get_by_label("Search this site").fill("football")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("link", name="Ashgrove").last).to_be_visible()


@pytest.fixture
def privacy_page(home_page):
    from site_home.models import SiteSettings, StandardPage

    page = StandardPage(
        title="Privacy notice",
        slug="privacy",
        summary="How we use what you tell us.",
        body=[
            ("heading", {"text": "What we collect", "level": "h2"}),
            ("paragraph", "<p>Your comments, and your email address only if you give it.</p>"),
            (
                "key_facts",
                {"heading": "In numbers", "facts": [{"value": "2 years", "label": "longest we keep it"}]},
            ),
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.privacy_page = page
    site_settings.save()
    return page


def test_standard_page_is_accessible(page, live_site, privacy_page, assert_accessible):
    page.goto(live_site + "/privacy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    expect(page.get_by_role("heading", name="What we collect")).to_be_visible()
    assert_accessible(page)


def test_home_page_with_a_logo_and_tagline_is_accessible(page, live_site, hub, assert_accessible):
    import wagtail_factories

    from site_home.models import SiteSettings

    site_settings = SiteSettings.for_site(hub.get_site())
    site_settings.logo = wagtail_factories.ImageFactory(title="Partnership logo")
    site_settings.tagline = "Local people shaping their area"
    site_settings.organisation_name = "Testford Partnership"
    site_settings.save()

    page.goto(live_site + "/")
    expect(page.locator("header img.cv-header__logo")).to_be_visible()
    expect(page.get_by_role("link", name="Testford Partnership")).to_be_visible()
    expect(page.get_by_text("Local people shaping their area")).to_be_visible()
    quick_links = page.get_by_role("navigation", name="Find your place")
    expect(quick_links.get_by_role("link", name="Ashgrove")).to_be_visible()
    assert_accessible(page)


@pytest.mark.urls("tests.site_home.security_urls")
@pytest.mark.parametrize(
    "path, status, heading",
    [
        ("/too-many/", 429, "Please wait a moment"),
        ("/database-down/", 503, "Sorry, the service is unavailable for a moment"),
    ],
)
def test_error_pages_are_accessible(page, live_site, assert_accessible, path, status, heading):
    response = page.goto(live_site + path)
    assert response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def test_request_too_large_page_is_accessible(page, live_site, assert_accessible, settings):
    # A form bigger than the site accepts: the 413 page, answered before anything reads the body.
    settings.REQUEST_BODY_MAX_BYTES = 1024 * 1024
    page.goto(live_site + "/")
    with page.expect_navigation() as navigation:
        page.evaluate(
            """() => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = "/search/";
                const field = document.createElement("textarea");
                field.name = "body";
                field.value = "x".repeat(2 * 1024 * 1024);
                form.append(field);
                document.body.append(form);
                form.submit();
            }"""
        )
    assert navigation.value.status == 413
    expect(page.get_by_role("heading", level=1)).to_have_text("Your form could not be sent")
    expect(page.get_by_text("larger than 1 MB")).to_be_visible()
    assert_accessible(page)


def test_form_refused_page_is_accessible(page, live_site, assert_accessible):
    # A stale form (no CSRF cookie) posted to the admin login: the readable 403 page.
    page.goto(live_site + "/admin/login/")
    page.context.clear_cookies()
    page.get_by_label("Username").fill("someone")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your form could not be sent")
    assert_accessible(page)


def test_home_page_sends_public_cache_headers_and_no_cookies(page, live_site, hub):
    response = page.goto(live_site + "/")
    assert response.headers["cache-control"] == "public, max-age=0, s-maxage=30"
    assert "permissions-policy" in response.headers
    assert page.context.cookies() == []


def test_userbar_for_signed_in_editors_keeps_the_strict_csp(page, live_site, hub, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-password-123")
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("editor-password-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_site + "/admin/")

    response = page.goto(live_site + "/")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "private, no-cache"
    # The trigger lives in the userbar's shadow DOM: visible only once userbar.js and its CSS ran.
    expect(page.locator("#wagtail-userbar-trigger")).to_be_visible()
    assert violations == []
