"""The editors' side of commitments: a dashboard panel of what is due soon and overdue, and reports
of commitments and their updates that download as CSV or XLSX (Wagtail's report views; CSV cells
are made formula-safe by site_home.spreadsheets)."""

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from consultations.models import CommitmentPage, CommitmentStatus, CommitmentUpdate
from site_home.links import absolute_url
from site_home.models import PlacePage

EDITING = ["add", "change", "publish"]
PANEL_ROWS = 20
page_policy = PagePermissionPolicy()


def can_see_commitments(user):
    return page_policy.user_has_any_permission(user, EDITING)


class CommitmentsDuePanel(Component):
    """On the Wagtail dashboard: commitments overdue and due in the next 30 days, drafts included."""

    name = "commitments_due"
    template_name = "consultations/admin/commitments_due_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        commitments = CommitmentPage.objects.select_related("partner")
        context.update(
            overdue=list(commitments.overdue(today).order_by("due_date", "pk")[:PANEL_ROWS]),
            due_soon=list(commitments.due_soon(today).order_by("due_date", "pk")[:PANEL_ROWS]),
            today=today,
        )
        return context


def _names(items, attribute):
    return "; ".join(getattr(item, attribute) for item in items)


class CommitmentReportView(ReportView):
    page_title = _("Commitments")
    header_icon = "tasks"
    index_url_name = "consultations_commitments_report"
    index_results_url_name = "consultations_commitments_report_results"
    export_filename = "commitments"
    permission_policy = page_policy
    any_permission_required = EDITING
    columns = [
        TitleColumn("title", label=_("Commitment"), url_name="wagtailadmin_pages:edit"),
        Column("partner", label=_("Partner")),
        Column("status_text", label=_("Status")),
        DateColumn("due_date", label=_("Due")),
        Column("update_count", label=_("Updates")),
    ]
    list_export = [
        "title",
        "summary",
        "partner.name",
        "places_text",
        "themes_text",
        "source_text",
        "recommendation_key",
        "due_date",
        "status_text",
        "overdue_text",
        "status_reason",
        "update_count",
        "published_text",
        "web_address",
    ]
    export_headings = {
        "title": _("Commitment"),
        "summary": _("What was promised"),
        "partner.name": _("Partner"),
        "places_text": _("Places"),
        "themes_text": _("Themes"),
        "source_text": _("Where it came from"),
        "recommendation_key": _("Recommendation key"),
        "due_date": _("Due date"),
        "status_text": _("Status"),
        "overdue_text": _("Overdue"),
        "status_reason": _("Reason"),
        "update_count": _("Updates"),
        "published_text": _("Published"),
        "web_address": _("Web address"),
    }

    def get_queryset(self):
        return (
            CommitmentPage.objects.select_related("partner", "source_page")
            .prefetch_related(
                Prefetch("places", queryset=PlacePage.objects.only("title").order_by("title")), "themes"
            )
            .annotate(update_count=Count("updates"))
            .order_by("due_date", "title", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for commitment in object_list:
            _decorate(commitment, today)
        return object_list


def _decorate(commitment, today):
    commitment.status_text = str(CommitmentStatus(commitment.status).label)
    commitment.overdue_text = gettext("Yes") if commitment.is_overdue(today) else gettext("No")
    commitment.places_text = _names(commitment.places.all(), "title")
    commitment.themes_text = _names(commitment.themes.all(), "name")
    commitment.source_text = (
        commitment.source_page.title if commitment.source_page_id else gettext("Entered by staff")
    )
    commitment.published_text = gettext("Yes") if commitment.live else gettext("No (draft)")
    commitment.web_address = absolute_url(commitment) if commitment.live else ""


class CommitmentUpdateReportView(ReportView):
    page_title = _("Commitment updates")
    header_icon = "history"
    index_url_name = "consultations_commitment_updates_report"
    index_results_url_name = "consultations_commitment_updates_report_results"
    export_filename = "commitment-updates"
    permission_policy = page_policy
    any_permission_required = EDITING
    columns = [
        DateColumn("date", label=_("Date")),
        Column("page", label=_("Commitment")),
        Column("text", label=_("Update")),
    ]
    list_export = ["page.title", "page.partner.name", "date", "text", "document_title", "link", "image_title"]
    export_headings = {
        "page.title": _("Commitment"),
        "page.partner.name": _("Partner"),
        "date": _("Date"),
        "text": _("Update"),
        "document_title": _("Document"),
        "link": _("Link"),
        "image_title": _("Image"),
    }

    def get_queryset(self):
        return CommitmentUpdate.objects.select_related("page", "page__partner", "document", "image").order_by(
            "page__due_date", "page_id", "date", "pk"
        )

    def to_row_dict(self, item):
        item.document_title = item.document.title if item.document else ""
        item.image_title = item.image.title if item.image else ""
        return super().to_row_dict(item)
