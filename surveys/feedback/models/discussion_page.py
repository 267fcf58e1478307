from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from site_home.blocks import BodyStreamBlock
from site_home.models import PlacePage
from site_home.visibility import VisiblePageQuerySet

from .comments import DiscussionMixin


class DiscussionPageQuerySet(VisiblePageQuerySet):
    def open(self):
        """Discussions still taking comments."""
        return self.filter(discussion_enabled=True)

    def for_place(self, place):
        return self.filter(place_id=place.pk)

    def for_theme(self, theme):
        return self.filter(theme_id=theme.pk)

    def with_cards(self):
        """What a discussion card shows (place, theme, published comments), in one query."""
        published = Q(feedback_comments__state="published")
        return self.select_related("place", "theme").annotate(
            published_comments=Count("feedback_comments", filter=published)
        )


class DiscussionPage(DiscussionMixin, Page):
    """A standalone question put to residents, with its thread of comments.

    It belongs to one place and one theme, so it shows on their pages and its comments carry the
    theme. Both may be left empty in a draft; publishing needs them (Wagtail validates live pages
    in full and defers required fields on drafts)."""

    intro = models.TextField(max_length=600, help_text=_("The question, and why the answers matter."))
    body = StreamField(BodyStreamBlock(), blank=True)
    # Nullable so drafts and pages from before these fields stay valid; not blank, so required to publish.
    place = models.ForeignKey(
        "site_home.PlacePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="discussion_pages",
        help_text=_("The place the question is about: the discussion is listed on its page."),
    )
    theme = models.ForeignKey(
        "site_home.Theme",
        null=True,
        on_delete=models.SET_NULL,
        related_name="discussion_pages",
        help_text=_("Listed on the theme's page; every comment posted here is filed under it."),
    )

    objects = PageManager.from_queryset(DiscussionPageQuerySet)()

    content_panels = Page.content_panels + [
        # Headings give the fields' labels in the editor's language, without a migration.
        FieldPanel("intro", heading=_("Intro")),
        FieldPanel("body", heading=_("Body")),
        FieldPanel("place", heading=_("Place")),
        FieldPanel("theme", heading=_("Theme")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(DiscussionMixin.discussion_panels, heading=_("Discussion")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    # Under StandardPage too once site_home lets it (StandardPage.subpage_types is StandardPage only).
    parent_page_types = ["site_home.HomePage"]
    subpage_types = []

    def comment_theme_id(self):
        return self.theme_id

    def comment_place_slug(self):
        return self.place.slug if self.place_id else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_themes"] = [self.theme] if self.theme_id else []
        places = PlacePage.objects.visible(request).filter(pk=self.place_id)
        context["page_place"] = places.only("title", "url_path", "path", "depth").first()
        return context
