from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Theme(index.Indexed, models.Model):
    """A review theme or key area (Funding, Values) or a Place Standard theme (Moving around).

    Every piece of content and feedback can be tagged with themes, so editors can ask what each
    place said about each theme.
    """

    GROUP_REVIEW = "review"
    GROUP_PLACE_STANDARD = "place-standard"
    GROUP_CHOICES = [
        (GROUP_REVIEW, "Review key areas"),
        (GROUP_PLACE_STANDARD, "Place Standard"),
        ("", "Other"),
    ]

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=20, choices=GROUP_CHOICES, blank=True, default="")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("group"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        # Indexed as `title` too: the search index ranks only a field of that name as a title, so a
        # theme's name then weighs as much as a page's title when site search puts both in one list.
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
        return f"{base}{self.slug}/" if base else None


def theme_index_url(request=None):
    """The URL of the live themes index, looked up once per request (theme links appear in lists)."""
    cached = getattr(request, "_theme_index_url", False) if request is not None else False
    if cached is not False:
        return cached
    from .pages import ThemeIndexPage  # same app; avoids a models import cycle

    index_page = ThemeIndexPage.objects.live().public().only("url_path", "path").first()
    url = index_page.get_url(request) if index_page else None
    if request is not None:
        request._theme_index_url = url
    return url
