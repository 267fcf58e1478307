from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton

from site_home.hub import HOME_SECTIONS, PLACE_SECTIONS, THEME_SECTIONS, HubSection
from site_home.visibility import visible_q

from . import admin_views
from .models import ReviewIndexPage, ReviewPage

FEEDBACK_LABEL = "Feedback overview"


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "consultations/review/<int:page_id>/feedback/",
            admin_views.feedback_overview,
            name="consultations_feedback_overview",
        )
    ]


def _feedback_url(page):
    return reverse("consultations_feedback_overview", args=[page.pk])


@hooks.register("register_page_header_buttons")
def feedback_header_button(page, user, view_name, next_url=None):
    if page.specific_class is ReviewPage and page.permissions_for_user(user).can_edit():
        yield Button(FEEDBACK_LABEL, _feedback_url(page), icon_name="table", priority=40)


@hooks.register("register_page_listing_more_buttons")
def feedback_listing_button(page, user, next_url=None):
    if page.specific_class is ReviewPage and page.permissions_for_user(user).can_edit():
        yield ListingButton(FEEDBACK_LABEL, _feedback_url(page), icon_name="table", priority=45)


def _review_section(title, reviews, request, more_label):
    reviews = list(reviews[:6])
    if not reviews:
        return None
    index_page = ReviewIndexPage.objects.filter(visible_q(request=request)).first()
    return HubSection(
        title,
        "consultations/sections/review_list.html",
        {"reviews": reviews},
        more_url=index_page.get_url(request) if index_page else None,
        more_label=more_label,
    )


def _live_reviews(request):
    return ReviewPage.objects.visible(request).for_listing(request)


@hooks.register(HOME_SECTIONS, order=10)
def home_open_reviews(home_page, request):
    reviews = _live_reviews(request).filter(status_value="open").order_by("closing_date", "title")
    return _review_section("Open for feedback now", reviews, request, "See all reviews")


@hooks.register(PLACE_SECTIONS, order=10)
def place_reviews(place, request):
    return _review_section("Reviews", _live_reviews(request).for_place(place), request, "See all reviews")


@hooks.register(THEME_SECTIONS, order=10)
def theme_reviews(theme, request):
    return _review_section("Reviews", _live_reviews(request).for_theme(theme), request, "See all reviews")
