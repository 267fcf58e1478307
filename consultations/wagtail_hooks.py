from django.contrib import messages
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_home.hub import HOME_SECTIONS, PLACE_SECTIONS, THEME_SECTIONS, HubSection
from site_home.visibility import visible_q
from surveys.analysis.admin_views import CODE_PERMISSION
from surveys.feedback.channels import can_enter_responses

from . import admin_views, entry
from .commitments import admin as commitments_admin
from .models import CommitmentIndexPage, CommitmentPage, Partner, ReviewIndexPage, ReviewPage, ReviewStatus
from .models.commitments import SETTLED
from .models.engagement import pre_open_warnings

FEEDBACK_LABEL = _("Feedback overview")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "consultations/review/<int:page_id>/feedback/",
            admin_views.feedback_overview,
            name="consultations_feedback_overview",
        ),
        path(
            "consultations/review/<int:page_id>/enter/",
            entry.enter_review_response,
            name="consultations_enter_response",
        ),
        path(
            "reports/commitments/",
            commitments_admin.CommitmentReportView.as_view(),
            name="consultations_commitments_report",
        ),
        path(
            "reports/commitments/results/",
            commitments_admin.CommitmentReportView.as_view(results_only=True),
            name="consultations_commitments_report_results",
        ),
        path(
            "reports/commitment-updates/",
            commitments_admin.CommitmentUpdateReportView.as_view(),
            name="consultations_commitment_updates_report",
        ),
        path(
            "reports/commitment-updates/results/",
            commitments_admin.CommitmentUpdateReportView.as_view(results_only=True),
            name="consultations_commitment_updates_report_results",
        ),
    ]


class CommitmentsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return commitments_admin.can_see_commitments(request.user)


@hooks.register("register_reports_menu_item")
def register_commitments_report_menu_item():
    return CommitmentsReportMenuItem(
        _("Commitments"), reverse("consultations_commitments_report"), icon_name="tasks", order=700
    )


@hooks.register("register_reports_menu_item")
def register_commitment_updates_report_menu_item():
    return CommitmentsReportMenuItem(
        _("Commitment updates"),
        reverse("consultations_commitment_updates_report"),
        icon_name="history",
        order=701,
    )


@hooks.register("construct_homepage_panels")
def add_commitments_due_panel(request, panels):
    if commitments_admin.can_see_commitments(request.user):
        panels.append(commitments_admin.CommitmentsDuePanel())


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    add_to_admin_menu = False
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]


register_snippet(PartnerViewSet)


def _feedback_url(page):
    return reverse("consultations_feedback_overview", args=[page.pk])


@hooks.register("register_page_header_buttons")
def feedback_header_button(page, user, view_name, next_url=None):
    if page.specific_class is ReviewPage and page.permissions_for_user(user).can_edit():
        yield Button(FEEDBACK_LABEL, _feedback_url(page), icon_name="table", priority=40)


ENTER_LABEL = _("Enter a paper response")


@hooks.register("register_page_header_buttons")
def entry_header_button(page, user, view_name, next_url=None):
    if page.specific_class is ReviewPage and can_enter_responses(user):
        yield Button(ENTER_LABEL, entry.entry_url(page), icon_name="form", priority=45)


@hooks.register("register_page_listing_more_buttons")
def feedback_listing_button(page, user, next_url=None):
    if page.specific_class is ReviewPage and page.permissions_for_user(user).can_edit():
        yield ListingButton(FEEDBACK_LABEL, _feedback_url(page), icon_name="table", priority=45)


CODING_LABEL = _("Coding frame")


def _coding_url(page):
    return reverse("surveys_coding", args=[page.pk])


@hooks.register("register_page_header_buttons")
def coding_header_button(page, user, view_name, next_url=None):
    if page.specific_class is ReviewPage and user.has_perm(CODE_PERMISSION):
        yield Button(CODING_LABEL, _coding_url(page), icon_name="tag", priority=45)


@hooks.register("register_page_listing_more_buttons")
def coding_listing_button(page, user, next_url=None):
    if page.specific_class is ReviewPage and user.has_perm(CODE_PERMISSION):
        yield ListingButton(CODING_LABEL, _coding_url(page), icon_name="tag", priority=46)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_before_opening(request, page):
    """On publishing a consultation, say what it is missing (advice: it is published anyway)."""
    page = page.specific
    if not isinstance(page, ReviewPage) or "action-publish" not in request.POST:
        return
    if page.status != ReviewStatus.UPCOMING:
        return  # once open, the editor's panel still lists what is missing
    warnings = pre_open_warnings(page)
    if warnings:
        listed = " ".join(str(warning) for warning in warnings)
        messages.warning(request, _("Published, but check before it opens: %(list)s") % {"list": listed})


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
    return _review_section(gettext("Open for feedback now"), reviews, request, gettext("See all reviews"))


@hooks.register(PLACE_SECTIONS, order=10)
def place_reviews(place, request):
    reviews = _live_reviews(request).for_place(place)
    return _review_section(gettext("Reviews"), reviews, request, gettext("See all reviews"))


@hooks.register(THEME_SECTIONS, order=10)
def theme_reviews(theme, request):
    reviews = _live_reviews(request).for_theme(theme)
    return _review_section(gettext("Reviews"), reviews, request, gettext("See all reviews"))


def _commitment_section(title, commitments, request, more_label, query, feed=None):
    """Commitments still to be delivered (overdue first: soonest due first), a link to the tracker
    filtered the same way and its feed of updates (`feed`: (title, route name, slug))."""
    commitments = list(
        commitments.exclude(status__in=SETTLED).select_related("partner").order_by("due_date", "pk")[:6]
    )
    if not commitments:
        return None
    tracker = CommitmentIndexPage.objects.filter(visible_q(request=request)).first()
    return HubSection(
        title,
        "consultations/sections/commitment_list.html",
        {"commitments": commitments},
        more_url=f"{tracker.get_url(request)}?{query}" if tracker else None,
        more_label=more_label,
        feeds=[(feed[0], tracker.get_url(request) + tracker.reverse_subpage(feed[1], args=[feed[2]]))]
        if tracker and feed
        else [],
    )


@hooks.register(PLACE_SECTIONS, order=15)
def place_commitments(place, request):
    return _commitment_section(
        gettext("What we said we would do in %(place)s") % {"place": place.title},
        CommitmentPage.objects.visible(request).for_place(place),
        request,
        gettext("Everything we said we would do in %(place)s") % {"place": place.title},
        urlencode({"place": place.slug}),
        (
            gettext("Updates on what we said we would do in %(place)s") % {"place": place.title},
            "place_feed",
            place.slug,
        ),
    )


@hooks.register(THEME_SECTIONS, order=15)
def theme_commitments(theme, request):
    return _commitment_section(
        gettext("What we said we would do"),
        CommitmentPage.objects.visible(request).for_theme(theme),
        request,
        gettext("Everything we said we would do on this theme"),
        urlencode({"theme": theme.slug}),
        (
            gettext("Updates on what we said we would do: %(theme)s") % {"theme": theme.name},
            "theme_feed",
            theme.slug,
        ),
    )
