from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from site_home.hub import THEME_SECTIONS, collect_sections

from .places import PlacePage


class Theme(index.Indexed, models.Model):
    """A review theme or key area (Funding, Values) or a Place Standard theme (Moving around).

    Every piece of content and feedback can be tagged with themes, so editors can ask what each
    place said about each theme.
    """

    class Group(models.TextChoices):
        REVIEW = "review", _("Review key areas")
        # Translators: the name of the Place Standard tool (placestandard.scot), as used in your language.
        PLACE_STANDARD = "place-standard", _("Place Standard")
        OTHER = "", _("Other")

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=20, choices=Group.choices, blank=True, default=Group.OTHER)
    sort_order = models.PositiveSmallIntegerField(default=0, help_text=_("Lower numbers come first."))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("group"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        # Indexed as `title` too: the search index ranks only a field of that name as a title, so
        # among the themes site search finds, those named by the words come first.
        index.SearchField("title", boost=2),
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["group", "sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def title(self):
        return self.name

    def get_url(self, request=None):
        base = theme_index_url(request)
        return base + ThemeIndexPage.reverse_theme(self.slug) if base else None


def theme_index_url(request=None):
    """The URL of the live themes index, looked up once per request (theme links appear in lists)."""
    cached = getattr(request, "_theme_index_url", False) if request is not None else False
    if cached is not False:
        return cached
    index_page = ThemeIndexPage.objects.live().public().only("url_path", "path").first()
    url = index_page.get_url(request) if index_page else None
    if request is not None:
        request._theme_index_url = url
    return url


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

    @classmethod
    def reverse_theme(cls, slug):
        """A theme's route below the index (its URL without the index's own)."""
        return cls.get_resolver().reverse("theme", slug)

    @path("<slug:slug>/", name="theme")
    def theme_detail(self, request, slug):
        theme = get_object_or_404(Theme, slug=slug)
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
