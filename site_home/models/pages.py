from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from site_home.blocks import BodyStreamBlock
from site_home.hub import HOME_SECTIONS, collect_sections

from .places import PlacePage


class HomePage(Page):
    """The front page. Its slots ("open for feedback now", "upcoming events", "latest stories",
    the places) come from hub-section hooks (site_home.hub), so each feature app fills its own slot
    without site_home importing it."""

    introduction = models.TextField(
        max_length=400, help_text=_("One or two sentences saying what this site is for and who runs it.")
    )
    body = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["quick_places"] = PlacePage.objects.quick_links()
        context["sections"] = collect_sections(HOME_SECTIONS, self, request)
        return context


class StandardPage(Page):
    """A plain content page: privacy notice, accessibility statement, community guidelines, about."""

    summary = models.TextField(blank=True, max_length=400)
    body = StreamField(BodyStreamBlock())

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    subpage_types = ["site_home.StandardPage"]
