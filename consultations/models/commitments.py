"""What we said we would do: commitments made by partner organisations, tracked in public.

A commitment is a page (drafts, revisions, search, view restrictions and caching as for every page)
under the one CommitmentIndexPage, the public tracker. Its status is set by editors; "overdue" is
never stored: it follows from the due date and the status, so it appears at midnight unprompted.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from site_home.models import PlacePage
from site_home.page_cache import ContentPaginator
from site_home.visibility import VisiblePageQuerySet

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
COMMITMENTS_PER_PAGE = 20
DUE_SOON_DAYS = 30


class Partner(index.Indexed, models.Model):
    """An organisation that makes commitments: a council, a health board, a voluntary-sector interface."""

    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text=_("Used in the tracker's web addresses."))
    description = models.TextField(_("short description"), blank=True, max_length=500)
    website = models.URLField(blank=True)
    contact_email = models.EmailField(
        blank=True,
        help_text=_("The organisation's shared address (not a person's) for reminders of what is due."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("contact_email"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not-started", _("Not started")
    IN_PROGRESS = "in-progress", _("In progress")
    DONE = "done", _("Done")
    CHANGED = "changed", _("Changed")
    NOT_GOING_AHEAD = "not-going-ahead", _("Not going ahead")


# A commitment in one of these is settled: it can never be overdue, and the public is told why.
SETTLED = (CommitmentStatus.DONE, CommitmentStatus.CHANGED, CommitmentStatus.NOT_GOING_AHEAD)
NEEDS_REASON = SETTLED

# GOV.UK tag colours, by status (overdue is always red).
TAG_CLASSES = {
    CommitmentStatus.NOT_STARTED: "govuk-tag--grey",
    CommitmentStatus.IN_PROGRESS: "govuk-tag--blue",
    CommitmentStatus.DONE: "govuk-tag--green",
    CommitmentStatus.CHANGED: "govuk-tag--yellow",
    CommitmentStatus.NOT_GOING_AHEAD: "govuk-tag--orange",
}
OVERDUE_TAG_CLASS = "govuk-tag--red"


def overdue_q(today=None):
    today = today or timezone.localdate()
    return Q(due_date__lt=today) & ~Q(status__in=SETTLED)


class CommitmentQuerySet(VisiblePageQuerySet):
    def overdue(self, today=None):
        return self.filter(overdue_q(today))

    def due_soon(self, today=None, days=DUE_SOON_DAYS):
        """Not settled and due from today to `days` ahead."""
        today = today or timezone.localdate()
        return self.exclude(status__in=SETTLED).filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days)
        )

    def for_place(self, place):
        return self.filter(places=place)

    def for_theme(self, theme):
        return self.filter(themes=theme)

    def for_partner(self, partner):
        return self.filter(partner=partner)

    def status_counts(self, today=None):
        """{status value: n, ..., "overdue": n, "total": n} in one aggregate query."""
        counts = self.order_by().aggregate(
            total=Count("pk", distinct=True),
            overdue=Count("pk", distinct=True, filter=overdue_q(today)),
            **{
                status.value: Count("pk", distinct=True, filter=Q(status=status))
                for status in CommitmentStatus
            },
        )
        return counts

    def for_listing(self, request=None):
        """What a tracker row shows (partner, places the public may see, themes) in three queries
        whatever the count."""
        places = PlacePage.objects.visible(request).only("title", "url_path", "path", "depth")
        return (
            self.select_related("partner")
            .prefetch_related(
                Prefetch("places", queryset=places.order_by("title")),
                "themes",
            )
            .order_by("due_date", "title", "pk")
        )


class CommitmentIndexPage(RoutablePageMixin, Page):
    """The public tracker, "What we said we would do": every commitment with its status, filterable
    by place, theme, partner and status, with counts by status and feeds."""

    introduction = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["site_home.HomePage"]
    subpage_types = ["consultations.CommitmentPage", "consultations.MeetingMinutesPage"]
    max_count = 1

    class Meta:
        verbose_name = _("commitment tracker")

    def commitments(self, request=None):
        return CommitmentPage.objects.child_of(self).visible(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Forms and feeds import the models, so the models name them by dotted path.
        form = import_string("consultations.commitments.forms.CommitmentFilterForm")(request.GET, request)
        filtered = form.filter(self.commitments(request))
        query_string = form.query_string()
        key = ("commitments", self.pk, timezone.localdate().isoformat(), query_string)
        paginator = ContentPaginator(filtered.for_listing(request), COMMITMENTS_PER_PAGE, request, key)
        page_obj = paginator.get_page(request.GET.get("page"))
        # Counts of the place, theme and partner chosen, across every status (so each status
        # shows how many it would have if chosen).
        counts = SimpleLazyObject(
            lambda: status_summary(
                form.filter(self.commitments(request), with_status=False).status_counts(), form, self.url
            )
        )
        context.update(
            filter_form=form,
            page_obj=page_obj,
            commitments=page_obj.object_list,
            query_string=query_string,
            status_counts=counts,
            feed_url=self.url + self.reverse_subpage("feed"),
            filtered_feeds=self.filtered_feeds(form),
            today=timezone.localdate(),
        )
        return context

    def filtered_feeds(self, form):
        """[(label, url)] of the update feeds and due-date calendars of the place and theme chosen."""
        params, feeds = form.active_params(), []
        labels = {name: dict(form.fields[name].choices) for name in ("place", "theme")}
        if "place" in params:
            label, slug = {"place": labels["place"][params["place"]]}, params["place"]
            feeds += [
                (
                    gettext("Updates in %(place)s as an RSS feed") % label,
                    self.url + self.reverse_subpage("place_feed", args=[slug]),
                ),
                (
                    gettext("Due dates in %(place)s as a calendar") % label,
                    reverse("consultations:commitment_calendar_place", args=[slug]),
                ),
            ]
        if "theme" in params:
            label, slug = {"theme": labels["theme"][params["theme"]]}, params["theme"]
            feeds += [
                (
                    gettext("Updates on %(theme)s as an RSS feed") % label,
                    self.url + self.reverse_subpage("theme_feed", args=[slug]),
                ),
                (
                    gettext("Due dates on %(theme)s as a calendar") % label,
                    reverse("consultations:commitment_calendar_theme", args=[slug]),
                ),
            ]
        return feeds

    def place_feed_url(self, place):
        return self.url + self.reverse_subpage("place_feed", args=[place.slug])

    def theme_feed_url(self, theme):
        return self.url + self.reverse_subpage("theme_feed", args=[theme.slug])

    @path("feed/", name="feed")
    def feed(self, request):
        return import_string("consultations.commitments.feeds.UpdateFeed")(self)(request)

    @path("feed/places/<slug:slug>/", name="place_feed")
    def place_feed(self, request, slug):
        return import_string("consultations.commitments.feeds.PlaceUpdateFeed")(self)(request, slug=slug)

    @path("feed/themes/<slug:slug>/", name="theme_feed")
    def theme_feed(self, request, slug):
        return import_string("consultations.commitments.feeds.ThemeUpdateFeed")(self)(request, slug=slug)


def status_summary(counts, form, base_url):
    """[(value, label, count, url, current)] for the counts by status, overdue last."""
    params = form.active_params()
    current = params.pop("status", "")
    rows = []
    for value, label in [*CommitmentStatus.choices, ("overdue", gettext("Overdue"))]:
        query = form.query_string({**params, "status": value})
        rows.append((value, label, counts[value], f"{base_url}?{query}", current == value))
    return rows


def recommendation_choices():
    """Every review's key areas and recommendations, and every meeting's resolutions, as grouped
    choices (two queries), so an editor picks what a commitment answers instead of typing its key.
    Returns (choices, {key: id of the page it belongs to})."""
    sections = import_string("consultations.models.ReviewSection").objects.select_related("page")
    groups, numbers, owners = {}, {}, {}
    for section in sections.order_by("page__title", "page_id", "sort_order", "pk"):
        number = numbers[section.page_id] = numbers.get(section.page_id, 0) + 1
        section.number = number
        options = groups.setdefault((section.page_id, section.page.title), [])
        options.append((section.key, f"{number}. {section.title}"))
        label = gettext("Recommendation %(number)s: %(text)s")
        options += [
            (rec.key, label % {"number": rec.number, "text": rec.short_text})
            for rec in section.recommendation_list
        ]
    minutes = import_string("consultations.models.MeetingMinutesPage").objects.order_by("-date", "pk")
    for meeting in minutes.only("title", "date", "agenda"):
        options = meeting.commitment_targets()
        if options:
            groups[(meeting.pk, f"{meeting.title} ({date_format(meeting.date, 'j F Y')})")] = options
    for (page_id, _title), options in groups.items():
        owners.update((key, page_id) for key, _label in options)
    return [(title, options) for (_id, title), options in groups.items()], owners


class CommitmentPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("recommendation_key")
        self.key_owners = {}
        if field is not None:
            current = self.initial.get("recommendation_key") or ""
            grouped, self.key_owners = recommendation_choices()
            choices = [("", _("None: not from a review or a meeting, or from one as a whole")), *grouped]
            if current and current not in self.key_owners:
                choices.append((current, _("(no longer in the review or minutes)")))
            self.fields["recommendation_key"] = forms.ChoiceField(
                choices=choices, required=False, label=field.label, help_text=RECOMMENDATION_HELP
            )

    def clean(self):
        """Choosing a recommendation or resolution is enough: where it came from follows from it."""
        cleaned = super().clean()
        key = cleaned.get("recommendation_key")
        if key and not cleaned.get("source_page") and key in self.key_owners:
            cleaned["source_page"] = Page.objects.get(pk=self.key_owners[key])
        return cleaned


RECOMMENDATION_HELP = _(
    "When it came from a review or a meeting: the key area, recommendation or resolution it answers. "
    "Where it came from is filled in from it when left empty."
)


class CommitmentPage(Page):
    """One thing a partner said it would do, with where it came from, when it is due, its status and
    a dated log of public updates."""

    Status = CommitmentStatus
    followable = True  # residents may follow it by email (surveys.feedback.following)

    summary = models.TextField(
        _("what was promised"), max_length=600, help_text=_("One or two sentences, shown in the tracker.")
    )
    body = RichTextField(_("more detail"), blank=True, features=TEXT_FEATURES)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("The organisation that made this commitment."),
    )
    places = ParentalManyToManyField("site_home.PlacePage", blank=True, related_name="commitments")
    themes = ParentalManyToManyField("site_home.Theme", blank=True, related_name="commitments")
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("where it came from"),
        help_text=_(
            "The review, meeting minutes or event this commitment came from. Leave empty when staff "
            "entered it."
        ),
    )
    recommendation_key = models.CharField(
        _("recommendation, key area or resolution"),
        max_length=64,
        blank=True,
        help_text=_("When it came from a review or a meeting: the part of it that this answers."),
    )
    due_date = models.DateField()
    status = models.CharField(
        max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.NOT_STARTED
    )
    status_reason = models.TextField(
        _("reason"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Needed when the status is done, changed or not going ahead: what was done, what "
            "changed and why, or why it is not going ahead."
        ),
    )

    objects = PageManager.from_queryset(CommitmentQuerySet)()
    base_form_class = CommitmentPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("partner"),
        FieldPanel("places"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [
                PageChooserPanel(
                    "source_page",
                    ["consultations.ReviewPage", "consultations.MeetingMinutesPage", "events.EventPage"],
                ),
                FieldPanel("recommendation_key"),
            ],
            heading=_("Where it came from"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("due_date"), FieldPanel("status")]), FieldPanel("status_reason")],
            heading=_("Progress"),
        ),
        InlinePanel("updates", label=_("Update"), heading=_("Public updates")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("status_reason"),
        index.RelatedFields("partner", [index.SearchField("name")]),
        index.FilterField("status"),
    ]

    parent_page_types = ["consultations.CommitmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("commitment")

    def clean(self):
        super().clean()
        errors = {}
        if self.status in NEEDS_REASON and not self.status_reason.strip():
            label = CommitmentStatus(self.status).label.lower()
            errors["status_reason"] = gettext(
                "Say why the status is ‘%(status)s’: residents see this reason."
            ) % {"status": label}
        source = self.source_page.specific_class if self.source_page_id else None
        if self.recommendation_key:
            if not hasattr(source, "commitment_targets"):
                errors["recommendation_key"] = _(
                    "A recommendation or resolution can only be given when the source is a review or "
                    "meeting minutes."
                )
            elif self.recommendation_key not in dict(self.source_page.specific.commitment_targets()):
                errors["recommendation_key"] = _(
                    "The source has no recommendation, key area or resolution with this key."
                )
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status not in SETTLED and self.due_date is not None and self.due_date < today

    @property
    def overdue(self):
        return self.is_overdue()

    @property
    def status_label(self):
        return CommitmentStatus(self.status).label

    @property
    def tag_class(self):
        return TAG_CLASSES.get(self.status, "govuk-tag--grey")

    @property
    def needs_reason(self):
        return self.status in NEEDS_REASON

    @cached_property
    def source(self):
        """{"page", "label", "url_suffix"} for where it came from, or None when staff entered it."""
        if not self.source_page_id:
            return None
        page = self.source_page.specific
        label, anchor = None, ""
        if self.recommendation_key and hasattr(page, "commitment_targets"):
            label = dict(page.commitment_targets()).get(self.recommendation_key)
            if label:
                key = self.recommendation_key
                anchor = key if key.startswith(("rec-", "res-")) else f"section-{key}"
        return {"page": page, "label": label, "anchor": anchor}

    def update_list(self):
        """The public updates, newest first, with their evidence in one query each."""
        return list(self.updates.select_related("document", "image").order_by("-date", "-sort_order", "-pk"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the template's fragment cache misses.
        context.update(
            updates=SimpleLazyObject(self.update_list),
            places=SimpleLazyObject(lambda: list(self.places.visible(request).order_by("title"))),
            themes=SimpleLazyObject(lambda: list(self.themes.order_by("name"))),
            source=SimpleLazyObject(lambda: self.source),
            index_page=self.get_parent(),
            today=timezone.localdate(),  # "overdue" changes with the date
        )
        return context


class CommitmentUpdate(Orderable):
    """A dated public update on a commitment, with optional evidence."""

    page = ParentalKey(CommitmentPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=timezone.localdate)
    text = models.TextField(_("what happened"), max_length=4000)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.URLField(_("link to evidence"), blank=True)
    link_text = models.CharField(max_length=120, blank=True, help_text=_("Defaults to the web address."))
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("text"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("link"), FieldPanel("link_text")]),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("update")

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.text[:60]}"

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})


class CommitmentReminder(models.Model):
    """That a partner was reminded about one commitment, for one due date: a separate row, not a
    page field, so publishing an older revision cannot send a reminder again. A new due date is
    reminded of anew."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    commitment = models.ForeignKey(CommitmentPage, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "kind", "due_date"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.due_date}"

    def page_cache_scope(self, created):
        return None  # staff-only records: the public pages stay cached (site_home.cache_versions)
