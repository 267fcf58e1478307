"""Survey hooks: hub sections on the home, place and theme pages."""

from wagtail import hooks

from site_home.hub import HOME_SECTIONS, PLACE_SECTIONS, THEME_SECTIONS, HubSection
from site_home.visibility import visible_q
from surveys.models import SurveyIndexPage, SurveyPage, SurveySubmission

SECTION_TEMPLATE = "surveys/survey_section_list.html"


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
        "Open surveys",
        SECTION_TEMPLATE,
        {"surveys": surveys, "response_count": None},
        more_url=survey_index_url(request),
        more_label="All surveys",
    )


@hooks.register(PLACE_SECTIONS, order=20)
def place_surveys(place, request):
    surveys = list(listed_surveys(request).for_place(place).order_by("-closes_on")[:3])
    responses = SurveySubmission.objects.on_visible_pages(request).for_place(place).count()
    if not surveys and not responses:
        return None
    return HubSection(
        "Surveys",
        SECTION_TEMPLATE,
        {"surveys": surveys, "response_count": responses},
        more_url=survey_index_url(request),
        more_label="All surveys",
    )


@hooks.register(THEME_SECTIONS, order=20)
def theme_surveys(theme, request):
    surveys = list(listed_surveys(request).for_theme(theme).order_by("-closes_on")[:3])
    if not surveys:
        return None
    return HubSection(
        "Surveys",
        SECTION_TEMPLATE,
        {"surveys": surveys, "response_count": None},
        more_url=survey_index_url(request),
        more_label="All surveys",
    )
