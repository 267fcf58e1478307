from urllib.parse import urlencode

from django.utils.translation import gettext as _
from wagtail import hooks

from events.admin import EventAdminGroup
from events.models import EventIndexPage, EventPage
from site_home.hub import HOME_SECTIONS, PLACE_SECTIONS, THEME_SECTIONS, HubSection
from site_home.visibility import visible_q
from surveys.feedback.channels import RESPONSE_EVENT_PAGES

SECTION_TEMPLATE = "events/sections/event_list.html"
SECTION_SIZE = 3


@hooks.register("register_admin_viewset")
def register_event_admin():
    return EventAdminGroup()


def _index_url(request):
    index_page = EventIndexPage.objects.filter(visible_q(request=request))
    index_page = index_page.only("url_path", "path", "depth").first()
    return index_page.get_url(request) if index_page else None


def _section(title, events, request, more_label, filter_query=""):
    events = list(events.with_cards(request)[:SECTION_SIZE])
    if not events:
        return None
    more_url = _index_url(request)
    if more_url and filter_query:
        more_url = f"{more_url}?{filter_query}"
    return HubSection(title, SECTION_TEMPLATE, {"events": events}, more_url, more_label)


def _upcoming(request):
    return EventPage.objects.visible(request).upcoming()


@hooks.register(HOME_SECTIONS, order=30)
def home_events(home_page, request):
    return _section(_("Upcoming events"), _upcoming(request), request, _("See all events"))


@hooks.register(PLACE_SECTIONS, order=30)
def place_events(place, request):
    return _section(
        _("Upcoming events in %(place)s") % {"place": place.title},
        _upcoming(request).for_place(place),
        request,
        _("All events in %(place)s") % {"place": place.title},
        urlencode({"place": place.slug}),
    )


@hooks.register(THEME_SECTIONS, order=30)
def theme_events(theme, request):
    return _section(
        _("Upcoming events"),
        _upcoming(request).for_theme(theme),
        request,
        _("All events on this theme"),
        urlencode({"theme": theme.slug}),
    )


@hooks.register(RESPONSE_EVENT_PAGES)
def events_for_responses():
    """Staff may say a paper or in-the-room response came from any event page."""
    return EventPage.objects.all()
