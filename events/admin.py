"""Admin views for organisers: attendee lists and registrations of interest, with CSV/XLSX export.
Names, emails and access needs are shown and exported only to staff who may see personal data."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from events.models import Booking, Interest
from site_home.permissions import can_see_personal_data

PERSONAL_FIELDS = {"name", "email", "access_needs"}


class PersonalDataIndexView(IndexView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not can_see_personal_data(request.user):
            self.list_export = [field for field in self.list_export if field not in PERSONAL_FIELDS]
            self.list_display = [field for field in self.list_display if field not in PERSONAL_FIELDS]
            self.search_fields = None


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "date"
    menu_label = _("Bookings")
    index_view_class = PersonalDataIndexView
    list_display = ["__str__", "event", "state", "places", "created_at", "name", "email"]
    list_filter = ["status", "event"]
    list_export = [
        "event",
        "state",
        "places",
        "session_titles",
        "created_at",
        "name",
        "email",
        "access_needs",
    ]
    export_headings = {"state": _("Status"), "session_titles": _("Sessions")}
    search_fields = ["name", "email"]
    form_fields = ["status"]
    add_to_admin_menu = False

    def get_queryset(self, request):
        return Booking.objects.select_related("event").prefetch_related("sessions")


class InterestViewSet(ModelViewSet):
    model = Interest
    icon = "mail"
    menu_label = _("Registered interest")
    index_view_class = PersonalDataIndexView
    list_display = ["__str__", "event", "created_at", "notified_at", "name", "email"]
    list_filter = ["event"]
    list_export = ["event", "created_at", "notified_at", "name", "email"]
    search_fields = ["name", "email"]
    form_fields = ["notified_at"]

    def get_queryset(self, request):
        return Interest.objects.select_related("event")


class EventAdminGroup(ViewSetGroup):
    menu_label = _("Event bookings")
    menu_icon = "date"
    menu_order = 320
    items = (BookingViewSet("event_bookings"), InterestViewSet("event_interests"))
