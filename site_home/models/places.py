from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from site_home.blocks import BodyStreamBlock
from site_home.hub import PLACE_SECTIONS, collect_sections
from site_home.visibility import VisiblePageQuerySet

from .mixins import HeroImageMixin


class PlaceIndexPage(Page):
    introduction = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["site_home.HomePage"]
    subpage_types = ["site_home.PlacePage"]
    max_count = 1

    @property
    def places(self):
        return PlacePage.objects.child_of(self).live().public().with_cards().order_by("title")


class PlaceQuerySet(VisiblePageQuerySet):
    def with_cards(self):
        """What a place card shows: the hero image and its renditions, in two queries in all."""
        return self.select_related("hero_image").prefetch_related("hero_image__renditions")

    def slug_choices(self):
        """Every live place, A to Z, as (slug, title) for a filter or a form's select: one query."""
        return list(self.visible().order_by("title").values_list("slug", "title"))

    def quick_links(self):
        """Every live place, A to Z, with just what a link needs: one query."""
        return self.visible().order_by("title").only("title", "url_path", "path", "depth")


class PlacePage(HeroImageMixin, Page):
    """A local area and the hub for everything about it.

    Feature apps point at places (stories, events, reviews, feedback); this page shows them through
    PLACE_SECTIONS hooks, never by importing those apps.
    """

    followable = True  # residents may follow it by email (surveys.feedback.following)

    summary = models.TextField(max_length=500, help_text=_("Shown on cards and at the top of the page."))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("profile"))

    plan_summary = models.TextField(_("plan summary"), blank=True)
    plan_start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    plan_end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    plan_document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    connector_name = models.CharField(_("name"), max_length=120, blank=True)
    connector_role = models.CharField(_("role"), max_length=120, blank=True, default="Community Connector")
    connector_organisation = models.CharField(_("host organisation"), max_length=160, blank=True)
    connector_email = models.EmailField(_("email"), blank=True)
    connector_phone = models.CharField(_("phone"), max_length=40, blank=True)
    show_connector_contact = models.BooleanField(
        _("show contact details publicly"),
        default=False,
        help_text=_("Only tick this when the connector has agreed to their email and phone being published."),
    )

    population = models.PositiveIntegerField(null=True, blank=True)
    index_name = models.CharField(max_length=80, blank=True, default="Thriving Communities Index")
    index_score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    index_year = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = PageManager.from_queryset(PlaceQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        HeroImageMixin.hero_panel(),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("plan_summary"),
                FieldRowPanel([FieldPanel("plan_start_year"), FieldPanel("plan_end_year")]),
                FieldPanel("plan_document"),
            ],
            heading=_("Long-term plan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("connector_name"),
                FieldPanel("connector_role"),
                FieldPanel("connector_organisation"),
                FieldRowPanel([FieldPanel("connector_email"), FieldPanel("connector_phone")]),
                FieldPanel("show_connector_contact"),
            ],
            heading=_("Community connector"),
        ),
        InlinePanel("steering_group_members", label=_("Steering group member"), heading=_("Steering group")),
        InlinePanel("priorities", label=_("Local priority"), heading=_("Local priorities")),
        MultiFieldPanel(
            [
                FieldPanel("population"),
                FieldRowPanel(
                    [FieldPanel("index_name"), FieldPanel("index_score"), FieldPanel("index_year")]
                ),
            ],
            heading=_("Key facts"),
        ),
        InlinePanel(
            "population_groups",
            label=_("Population group"),
            heading=_("Population profile"),
            help_text=_(
                "Share of residents by age band, sex, SIMD quintile and so on, compared with who "
                "responded in the staff view of who we heard from."
            ),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1),
        index.SearchField("body"),
        index.SearchField("plan_summary"),
    ]

    parent_page_types = ["site_home.PlaceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("place")

    def clean(self):
        super().clean()
        if self.plan_start_year and self.plan_end_year and self.plan_end_year < self.plan_start_year:
            raise ValidationError({"plan_end_year": _("The plan cannot end before it starts.")})
        if self.index_score is not None and not self.index_year:
            raise ValidationError({"index_year": _("Say which year the index score is from.")})

    @property
    def place_name(self):
        """The title, under another name for what the search index stores about pages that point
        here: indexed as `title` it would rank a story about Harbourside as if it were called so."""
        return self.title

    @property
    def plan_span(self):
        if self.plan_start_year and self.plan_end_year:
            return f"{self.plan_start_year}–{self.plan_end_year}"
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Querysets, read inside the template's fragment cache only when it misses.
        context["steering_group"] = self.steering_group_members.all()
        context["priorities"] = self.priorities.select_related("theme")
        context["sections"] = collect_sections(PLACE_SECTIONS, self, request)
        return context


class SteeringGroupMember(Orderable):
    place = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="steering_group_members")
    name = models.CharField(
        max_length=160, help_text=_("An organisation, or a person who agreed to be named.")
    )
    description = models.CharField(
        max_length=200, blank=True, help_text=_("For example 'Local tenants' group'.")
    )

    panels = [FieldPanel("name"), FieldPanel("description")]

    def __str__(self):
        return self.name


class PlacePriority(Orderable):
    place = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="priorities")
    theme = models.ForeignKey("site_home.Theme", on_delete=models.PROTECT, related_name="place_priorities")
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True, max_length=600)

    panels = [FieldPanel("theme"), FieldPanel("title"), FieldPanel("description")]

    def __str__(self):
        return self.title
