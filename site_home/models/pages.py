from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from site_home.blocks import BodyStreamBlock
from site_home.hub import HOME_SECTIONS, THEME_SECTIONS, collect_sections

from .taxonomy import Theme


class HomePage(Page):
    """The front page. Its slots ("open for feedback now", "upcoming events", "latest stories",
    the places) come from hub-section hooks (site_home.hub), so each feature app fills its own slot
    without site_home importing it."""

    introduction = models.TextField(
        max_length=400, help_text="One or two sentences saying what this site is for and who runs it."
    )
    body = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .places import PlacePage

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


class ThemeIndexPage(RoutablePageMixin, Page):
    """Lists the themes, and serves one public page per theme at /themes/<slug>/ showing everything
    tagged with it (filled by THEME_SECTIONS hooks)."""

    introduction = models.TextField(blank=True, max_length=400)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["site_home.HomePage"]
    subpage_types = []
    max_count = 1

    @path("")
    def theme_list(self, request):
        groups = {}
        for theme in Theme.objects.all():
            groups.setdefault(theme.get_group_display(), []).append(theme)
        return self.render(request, context_overrides={"theme_groups": groups})

    @path("<slug:slug>/", name="theme")
    def theme_detail(self, request, slug):
        theme = get_object_or_404(Theme, slug=slug)
        from .places import PlacePage

        places = (
            PlacePage.objects.visible(request)
            .filter(priorities__theme=theme)
            .distinct()
            .order_by("title")
            .only("title", "url_path", "path", "depth")
        )
        return self.render(
            request,
            template="site_home/theme_page.html",
            context_overrides={
                "theme": theme,
                "priority_places": places,
                # Read inside the template's fragment, so only when that misses.
                "sections": SimpleLazyObject(lambda: collect_sections(THEME_SECTIONS, theme, request)),
                "breadcrumb_extra": theme.name,
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        for theme in Theme.objects.only("slug"):
            urls.append({"location": base + self.reverse_subpage("theme", args=[theme.slug])})
        return urls
