from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from site_home.blocks import BodyStreamBlock

from .comments import DiscussionMixin


class DiscussionPage(DiscussionMixin, Page):
    """A standalone question put to residents, with its thread of comments."""

    intro = models.TextField(max_length=600, help_text="The question, and why the answers matter.")
    body = StreamField(BodyStreamBlock(), blank=True)
    themes = ParentalManyToManyField("site_home.Theme", blank=True, related_name="discussion_pages")
    places = ParentalManyToManyField("site_home.PlacePage", blank=True, related_name="discussion_pages")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("themes"),
        FieldPanel("places"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(DiscussionMixin.discussion_panels, heading="Discussion"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    # Under StandardPage too once site_home lets it (StandardPage.subpage_types is StandardPage only).
    parent_page_types = ["site_home.HomePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_themes"] = list(self.themes.all())
        context["page_places"] = list(self.places.visible(request).order_by("title"))
        return context
