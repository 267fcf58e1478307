"""The booking, interest and calendar views. Booking and interest forms are served as routes of
their EventPage (book/, interest/); booking management and calendar files have their own URLs
(Wagtail's page URLs cannot end in ".ics")."""

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from events import reservations
from events.calendars import ics_text
from events.forms import BookingForm, InterestForm
from events.models import Booking, EventPage, Interest
from events.tokens import booking_url, hold_minutes, read_confirm_token, read_token
from site_home import people
from site_home.models import PlacePage, Theme
from site_home.page_cache import personal_page, shared
from surveys.feedback.antispam import over_limit, rate_limited_response


def booking_rate():
    return getattr(settings, "EVENT_BOOKING_RATE_LIMIT", "10/m")


def client_network(request):
    """A keyed digest of the client's network (site_home.people: IPv6 grouped by /64), never the
    address itself."""
    return salted_hmac("events.booking.client", people.client_network(request)).hexdigest()[:32]


def _booking_page(request, event, form, template):
    return event.render(
        request, template=template, context_overrides={"form": form, "hold_minutes": hold_minutes()}
    )


def _check_your_email(event):
    """Where every booking attempt ends, whatever the address: the email tells what happened."""
    return redirect(event.url + event.reverse_subpage("check_email"))


def _client_limit_message(event):
    if event.contact_email:
        return _(
            "You cannot book more places for this event from this internet connection. If you need more "
            "places, for example for a group, contact the organisers at %(email)s."
        ) % {"email": event.contact_email}
    return _(
        "You cannot book more places for this event from this internet connection. If you need more "
        "places, for example for a group, contact the organisers."
    )


def book(request, event):
    if not event.can_book():
        return event.render(request, template="events/booking_closed.html")
    form = BookingForm(request.POST or None, event=event)
    if request.method != "POST":
        return _booking_page(request, event, form, "events/book.html")
    if over_limit(request, "events-booking", booking_rate()):
        return rate_limited_response(request, _("bookings"))
    if form.is_spam():
        return _check_your_email(event)
    if not form.is_valid():
        return _booking_page(request, event, form, "events/book.html")
    data = form.cleaned_data
    try:
        reservations.book(
            event,
            name=data["name"],
            email=data["email"],
            places=data["places"],
            access_needs=data["access_needs"],
            sessions=data.get("sessions") or [],
            client=client_network(request),
        )
    except reservations.SessionFull as full:
        form.add_error(
            "sessions", _("%(session)s is full. Choose another workshop.") % {"session": full.session.title}
        )
        return _booking_page(request, event, form, "events/book.html")
    except reservations.ClientLimit:
        form.add_error(None, _client_limit_message(event))
        return _booking_page(request, event, form, "events/book.html")
    return _check_your_email(event)


def register_interest(request, event):
    if not event.dates_tba:
        return redirect(event.url)
    form = InterestForm(request.POST or None)
    if request.method == "POST":
        if over_limit(request, "events-interest", booking_rate()):
            return rate_limited_response(request, _("registrations"))
        if form.is_spam():
            return event.render(request, template="events/interest_thanks.html")
        if form.is_valid():
            Interest.objects.get_or_create(
                event=event, email=form.cleaned_data["email"], defaults={"name": form.cleaned_data["name"]}
            )
            return event.render(request, template="events/interest_thanks.html")
    return event.render(request, template="events/interest.html", context_overrides={"form": form})


def _booking_from_token(token):
    try:
        booking_id = read_token(token)
    except signing.BadSignature:
        return None
    return Booking.objects.select_related("event").filter(pk=booking_id).first()


def _invalid_link(request):
    return render(request, "events/booking_link_invalid.html", status=404)


def _expired_link(request):
    return render(request, "events/booking_link_invalid.html", {"expired": True}, status=410)


@personal_page
@require_GET
def booking_confirm(request, token):
    """The link in the first email: confirms the address, and so the booking. Opening it again
    shows the same outcome and sends nothing more."""
    try:
        booking_id = read_confirm_token(token)
    except signing.SignatureExpired:
        return _expired_link(request)
    except signing.BadSignature:
        return _invalid_link(request)
    booking = Booking.objects.select_related("event").filter(pk=booking_id).first()
    if booking is None:
        return _invalid_link(request)
    booking = reservations.confirm(booking)
    if booking is None:
        return _expired_link(request)
    return _booked_page(request, booking)


def _booked_page(request, booking):
    return booking.event.render(
        request,
        template="events/booked.html",
        context_overrides={"booking": booking, "outcome": booking.status, "manage_url": booking_url(booking)},
    )


@personal_page
def booking_detail(request, token):
    booking = _booking_from_token(token)
    if booking is None:
        return _invalid_link(request)
    return render(
        request,
        "events/booking_detail.html",
        {
            "booking": booking,
            "event": booking.event,
            "sessions": list(booking.sessions.all()),
            "token": token,
        },
    )


@personal_page
@require_http_methods(["GET", "POST"])
def booking_cancel(request, token):
    booking = _booking_from_token(token)
    if booking is None:
        return _invalid_link(request)
    context = {"booking": booking, "event": booking.event, "token": token}
    if request.method == "POST" and booking.status != Booking.Status.CANCELLED:
        reservations.cancel(booking)
        booking.refresh_from_db()
        return render(request, "events/booking_cancelled.html", context)
    if booking.status == Booking.Status.CANCELLED:
        return render(request, "events/booking_cancelled.html", context)
    return render(request, "events/booking_cancel.html", context)


def _calendar_response(events, name, filename):
    response = HttpResponse(ics_text(events, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@shared
def event_ics(request, pk):
    event = get_object_or_404(_feed_events(request), pk=pk)
    return _calendar_response([event], event.title, f"{event.slug}.ics")


def _feed_events(request):
    return EventPage.objects.visible(request).scheduled().order_by("start", "pk")


@shared
def calendar_all(request):
    return _calendar_response(_feed_events(request), _("Events"), "events.ics")


@shared
def calendar_place(request, slug):
    place = get_object_or_404(PlacePage.objects.visible(request), slug=slug)
    return _calendar_response(
        _feed_events(request).for_place(place),
        _("Events in %(place)s") % {"place": place.title},
        f"events-{slug}.ics",
    )


@shared
def calendar_theme(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    events = _feed_events(request).for_theme(theme)
    return _calendar_response(events, _("Events: %(theme)s") % {"theme": theme.name}, f"events-{slug}.ics")
