"""Survey hooks: hub sections on the home, place and theme pages, and the staff entry screen for
paper, phone and event responses."""

from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton

from site_home.hub import HOME_SECTIONS, PLACE_SECTIONS, THEME_SECTIONS, HubSection
from site_home.visibility import visible_q
from surveys.builder.entry import enter_survey_response, entry_url
from surveys.feedback.channels import can_enter_responses
from surveys.models import SurveyIndexPage, SurveyPage, SurveySubmission

SECTION_TEMPLATE = "surveys/survey_section_list.html"
# The sections' words are plain text in the reader's language (gettext, not lazy): a section is
# cached as HTML per language, and its anchor is made from its title.


def survey_index_url(request):
    index_page = SurveyIndexPage.objects.filter(visible_q(request=request)).only("url_path", "path").first()
    return index_page.get_url(request) if index_page else None


def listed_surveys(request):
    return SurveyPage.objects.visible(request).with_cards(request)


@hooks.register(HOME_SECTIONS, order=20)
def home_open_surveys(home_page, request):
    surveys = list(listed_surveys(request).open_now().order_by("closes_on")[:3])
    if not surveys:
        return None
    return HubSection(
        gettext("Open surveys"),
        SECTION_TEMPLATE,
        {"surveys": surveys, "response_count": None},
        more_url=survey_index_url(request),
        more_label=gettext("All surveys"),
    )


@hooks.register(PLACE_SECTIONS, order=20)
def place_surveys(place, request):
    surveys = list(listed_surveys(request).for_place(place).order_by("-closes_on")[:3])
    responses = SurveySubmission.objects.on_visible_pages(request).for_place(place).count()
    if not surveys and not responses:
        return None
    return HubSection(
        gettext("Surveys"),
        SECTION_TEMPLATE,
        {"surveys": surveys, "response_count": responses},
        more_url=survey_index_url(request),
        more_label=gettext("All surveys"),
    )


@hooks.register(THEME_SECTIONS, order=20)
def theme_surveys(theme, request):
    surveys = list(listed_surveys(request).for_theme(theme).order_by("-closes_on")[:3])
    if not surveys:
        return None
    return HubSection(
        gettext("Surveys"),
        SECTION_TEMPLATE,
        {"surveys": surveys, "response_count": None},
        more_url=survey_index_url(request),
        more_label=gettext("All surveys"),
    )


ENTER_LABEL = _("Enter a paper response")


@hooks.register("register_admin_urls")
def register_entry_urls():
    return [path("surveys/<int:page_id>/enter/", enter_survey_response, name="surveys_enter_response")]


def _may_enter(page, user):
    return page.specific_class is SurveyPage and can_enter_responses(user)


@hooks.register("register_page_header_buttons")
def entry_header_button(page, user, view_name, next_url=None):
    if _may_enter(page, user):
        yield Button(ENTER_LABEL, entry_url(page), icon_name="form", priority=45)


@hooks.register("register_page_listing_more_buttons")
def entry_listing_button(page, user, next_url=None):
    if _may_enter(page, user):
        yield ListingButton(ENTER_LABEL, entry_url(page), icon_name="form", priority=50)
