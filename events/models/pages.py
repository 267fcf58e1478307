import urllib.parse
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from events.tokens import hold_minutes
from site_home.blocks import BodyStreamBlock
from site_home.models import PlacePage
from site_home.models.mixins import ContactDetailsMixin, chosen_page_types
from site_home.page_cache import ContentPaginator
from site_home.visibility import VisiblePageQuerySet

from .bookings import Booking

LONDON = zoneinfo.ZoneInfo("Europe/London")
EVENTS_PER_PAGE = 20


class EventQuerySet(VisiblePageQuerySet):
    def scheduled(self):
        return self.filter(dates_tba=False, start__isnull=False)

    def upcoming(self, now=None):
        """Events that have not finished yet, soonest first."""
        return self.scheduled().filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.scheduled().filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def dates_to_be_announced(self):
        return self.filter(dates_tba=True).order_by("title")

    def for_place(self, place):
        return self.filter(places=place)

    def for_theme(self, theme):
        return self.filter(themes=theme)

    def with_cards(self, request=None):
        """What an event card shows (the places the public may see, and their links), in a
        constant number of queries."""
        places = PlacePage.objects.visible(request).only("title", "url_path", "path", "depth")
        return self.prefetch_related(Prefetch("places", queryset=places.order_by("title")))


class EventIndexPage(RoutablePageMixin, Page):
    """/events/: upcoming events grouped by month, past events at /events/past/, both filterable by
    place, theme, format and dates with GET parameters (bookmarkable, no JavaScript needed)."""

    introduction = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["site_home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    def events(self):
        return EventPage.objects.child_of(self).live().public().with_cards()

    def _listing(self, request, past):
        # Forms and views import the models, so the models name them by dotted path.
        form = import_string("events.forms.EventFilterForm")(request.GET or None, request=request)
        # "Now" to the last five minutes, the page cache's lifetime: the listing can then be cached
        # as a fragment (the template's), and an event leaves "upcoming" at most five minutes late.
        now = timezone.now()
        now = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
        events = self.events().past(now) if past else self.events().upcoming(now)
        tba = self.events().dates_to_be_announced()
        if form.is_bound:
            form.is_valid()  # the fields that are valid still filter; the others show an error
            events, tba = form.filter(events), form.filter(tba)
        if past or (form.is_bound and form.has_date_range()):
            tba = []
        query = request.GET.copy()
        query.pop("page", None)
        query_string = query.urlencode()
        key = ("events", self.pk, past, now.isoformat(), query_string)
        page_obj = ContentPaginator(events, EVENTS_PER_PAGE, request, key).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "page_obj": page_obj,
                "events": page_obj.object_list,
                "tba_events": tba if page_obj.number == 1 else [],
                "past": past,
                "query_string": query_string,
                "listing_key": key,
            },
        )

    @path("")
    def upcoming_events(self, request):
        return self._listing(request, past=False)

    @path("past/", name="past")
    def past_events(self, request):
        return self._listing(request, past=True)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            urls.append({"location": base + self.reverse_subpage("past")})
        return urls


REVIEW_CHOOSER, review_page_errors = chosen_page_types({"related_review": ("consultations.ReviewPage",)})


class EventPage(ContactDetailsMixin, RoutablePageMixin, Page):
    class Format(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    class Kind(models.TextChoices):
        DROP_IN = "drop-in", _("Drop-in session")
        WORKSHOP = "workshop", _("Workshop")
        STEERING_GROUP = "steering-group", _("Steering group meeting")
        CONFERENCE = "conference", _("Conference")
        OTHER = "other", _("Other")

    summary = models.TextField(max_length=500, help_text=_("Shown on cards and at the top of the page."))
    kind = models.CharField(_("type of event"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("description"))

    dates_tba = models.BooleanField(
        _("dates to be announced"),
        default=False,
        help_text=_(
            "Tick while the dates are not known: people can register interest, and everyone "
            "registered is emailed once when you set the dates and publish."
        ),
    )
    start = models.DateTimeField(null=True, blank=True, help_text=_("UK time."))
    end = models.DateTimeField(null=True, blank=True, help_text=_("UK time."))

    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    venue_name = models.CharField(max_length=160, blank=True)
    venue_address = models.TextField(blank=True, max_length=400)
    venue_accessibility = models.TextField(
        _("accessibility information"),
        blank=True,
        max_length=1000,
        help_text=_("Step-free access, hearing loop, accessible toilets, quiet room, parking."),
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    joining_details = models.TextField(
        _("online joining details"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Private: emailed only to people with a confirmed booking; never on the page or in feeds."
        ),
    )

    organiser = models.CharField(max_length=160, blank=True)

    places = ParentalManyToManyField("site_home.PlacePage", blank=True, related_name="events")
    themes = ParentalManyToManyField("site_home.Theme", blank=True, related_name="events")
    related_review = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The review or consultation this event feeds into."),
    )

    bookings_open = models.BooleanField(default=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Places in all. Leave empty when there is no limit.")
    )
    max_places_per_booking = models.PositiveSmallIntegerField(default=4)

    report_summary = models.TextField(_("summary"), blank=True, max_length=1000)
    attendance = models.PositiveIntegerField(_("attendance figure"), null=True, blank=True)
    report_body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("what we heard"))

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("dates_tba"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")])],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("venue_accessibility"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("joining_details"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("body"),
        InlinePanel("sessions", label=_("Session"), heading=_("Agenda")),
        ContactDetailsMixin.contact_panel("organiser", heading=_("Organiser")),
        FieldPanel("places"),
        FieldPanel("themes"),
        REVIEW_CHOOSER["related_review"],
        MultiFieldPanel(
            [FieldPanel("bookings_open"), FieldPanel("capacity"), FieldPanel("max_places_per_booking")],
            heading=_("Bookings"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("report_summary"),
                FieldPanel("attendance"),
                InlinePanel("materials", label=_("Material")),
                FieldPanel("report_body"),
            ],
            heading=_("Report (after the event)"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1),
        index.SearchField("body"),
        index.SearchField("report_summary"),
        # Tagged with a theme is more than a passing mention: "procurement" finds its events.
        index.RelatedFields("themes", [index.SearchField("name", boost=1)]),
        index.RelatedFields("places", [index.SearchField("place_name", boost=1)]),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if errors := review_page_errors(self):
            raise ValidationError(errors)
        if self.dates_tba:
            self.start = self.end = None
            return
        if not self.start:
            raise ValidationError({"start": _("Set when the event starts, or tick 'dates to be announced'.")})
        if not self.end:
            raise ValidationError({"end": _("Set when the event ends.")})
        if self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    # Presentation -------------------------------------------------------------------------------
    @property
    def local_start(self):
        return timezone.localtime(self.start, LONDON) if self.start else None

    @property
    def local_end(self):
        return timezone.localtime(self.end, LONDON) if self.end else None

    @property
    def month_label(self):
        # Month names in the reader's language (Django's date formats), as the cards' dates.
        if not self.start:
            return gettext("Dates to be announced")
        return formats.date_format(self.local_start, "F Y")

    @property
    def is_past(self):
        return bool(self.end and self.end < timezone.now())

    @property
    def is_online(self):
        return self.format == self.Format.ONLINE

    @property
    def has_report(self):
        return bool(self.report_summary or self.attendance or self.report_body)

    @property
    def map_url(self):
        """A plain link to OpenStreetMap: no third-party map is embedded in our pages."""
        if self.latitude is not None and self.longitude is not None:
            return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"
        if self.venue_address:
            query = ", ".join(line.strip() for line in self.venue_address.splitlines() if line.strip())
            return "https://www.openstreetmap.org/search?" + urllib.parse.urlencode({"query": query})
        return ""

    def can_book(self):
        return self.bookings_open and not self.dates_tba and not self.is_past

    def places_taken(self):
        return Booking.objects.for_event(self).confirmed().total_places()  # held places count too

    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken(), 0)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Querysets, not lists: the template reads them inside a fragment cache, so a cached copy
        # costs no queries.
        context["sessions"] = self.sessions.all()
        context["event_places"] = self.places.visible(request).only("title", "url_path", "path", "depth")
        context["event_themes"] = self.themes.all()
        context["materials"] = self.materials.select_related("document")
        context["places_left"] = self.places_left()
        return context

    # Routes: the page itself and its booking and interest forms ---------------------------------
    @path("")
    def event(self, request):
        return self.render(request)

    @path("book/", name="book")
    def book(self, request):
        return import_string("events.views.book")(request, self)

    @path("book/check-email/", name="check_email")
    def check_email(self, request):
        """One page after every booking attempt, so it cannot tell whether the email was known."""
        context = {"hold_minutes": hold_minutes()}
        return self.render(request, template="events/book_check_email.html", context_overrides=context)

    @path("interest/", name="interest")
    def interest(self, request):
        return import_string("events.views.register_interest")(request, self)


class EventSession(Orderable):
    """An agenda item. Give parallel sessions (workshops running side by side) a capacity, and people
    choose which one they will join when they book."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    title = models.CharField(max_length=200)
    facilitator = models.CharField(max_length=160, blank=True)
    room = models.CharField(max_length=120, blank=True)
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("For parallel sessions people choose when booking; empty = no choice."),
    )

    panels = [
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("facilitator"), FieldPanel("room")]),
        FieldPanel("capacity"),
    ]

    def __str__(self):
        return self.title

    @property
    def is_bookable(self):
        return self.capacity is not None


class EventMaterial(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200, blank=True, help_text=_("Defaults to the document's title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self):
        return self.title or self.document.title
