"""Meeting minutes: a partnership committee's or sub-committee's meeting, its agenda items and what
it resolved. A resolution becomes a commitment the way a recommendation does: the commitment's
"where it came from" names the minutes page and the resolution's key (`res-<block id>`), and the
minutes show each resolution with the commitments made from it and their live status."""

from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from consultations.blocks import AgendaItemBlock
from site_home.visibility import VisiblePageQuerySet


class Resolution:
    """A resolution as pages and forms see it: its key doubles as its anchor."""

    def __init__(self, key, number, text, item_heading):
        self.key, self.number, self.text, self.item_heading = key, number, text, item_heading
        self.commitments = []

    @property
    def anchor(self):
        return self.key

    @property
    def short_text(self):
        return self.text if len(self.text) <= 80 else self.text[:77].rstrip() + "…"


class AgendaItem:
    def __init__(self, number, heading, minute, resolutions):
        self.number, self.heading, self.minute, self.resolutions = number, heading, minute, resolutions


class MeetingMinutesPage(Page):
    """The minutes of one meeting: who came, the agenda items with their minutes, and resolutions
    that can each become a commitment."""

    meeting_name = models.CharField(
        _("meeting"),
        max_length=200,
        help_text=_("The committee or sub-committee, e.g. ‘Health and Wellbeing Sub-Committee’."),
    )
    partner = models.ForeignKey(
        "consultations.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("whose meeting"),
        help_text=_("The partner organisation the committee belongs to, if any."),
    )
    date = models.DateField(_("meeting date"))
    attendees = models.TextField(_("present"), blank=True, max_length=4000, help_text=_("One name a line."))
    apologies = models.TextField(_("apologies"), blank=True, max_length=2000, help_text=_("One name a line."))
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, verbose_name=_("agenda items"))

    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("meeting_name"), FieldPanel("date")]),
        FieldPanel("partner"),
        MultiFieldPanel([FieldPanel("attendees"), FieldPanel("apologies")], heading=_("Who came")),
        FieldPanel("agenda"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("meeting_name", boost=2),
        index.SearchField("agenda"),
        index.FilterField("date"),
    ]
    parent_page_types = ["consultations.CommitmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting minutes")
        verbose_name_plural = _("meeting minutes")

    @cached_property
    def agenda_items(self):
        """The agenda in reading order, numbered, each with its resolutions numbered within it."""
        items = []
        for number, block in enumerate(self.agenda, start=1):
            resolutions = [
                Resolution(f"res-{child.id}", f"{number}.{n}", child.value["text"], block.value["heading"])
                for n, child in enumerate(block.value["resolutions"].bound_blocks, start=1)
            ]
            items.append(AgendaItem(number, block.value["heading"], block.value["minute"], resolutions))
        return items

    @property
    def resolution_list(self):
        return [resolution for item in self.agenda_items for resolution in item.resolutions]

    def commitment_targets(self):
        """(key, label) for every resolution: what a commitment made from these minutes answers."""
        return [
            (r.key, _("Resolution %(number)s: %(text)s") % {"number": r.number, "text": r.short_text})
            for r in self.resolution_list
        ]

    @staticmethod
    def lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def agenda_with_commitments(self, request):
        """The agenda items, each resolution carrying the public commitments made from it: one query."""
        found = import_string("consultations.document.commitments_by_key")(self, request)
        items = self.agenda_items
        for item in items:
            for resolution in item.resolutions:
                resolution.commitments = found.get(resolution.key, [])
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the template's fragment cache misses.
        context.update(
            items=SimpleLazyObject(lambda: self.agenda_with_commitments(request)),
            attendee_list=self.lines(self.attendees),
            apology_list=self.lines(self.apologies),
            index_page=self.get_parent(),
            today=timezone.localdate(),  # a commitment's "overdue" changes with the date
        )
        return context
