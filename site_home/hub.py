"""Hub sections: how feature apps fill the home page, place pages and theme pages.

`site_home` must not import the feature apps, so each app registers a Wagtail hook that returns a
`HubSection` for a given object, and the hub page asks every hook in turn:

    # events/wagtail_hooks.py
    @hooks.register(PLACE_SECTIONS, order=30)
    def place_events(place, request):
        events = EventPage.objects.upcoming().for_place(place)[:3]
        return HubSection("Upcoming events", "events/sections/event_list.html", {"events": events})

A hook returns None to show nothing. Each hook must make a constant number of queries.

Hub pages are the busiest and costliest pages (a dozen listings each), so the sections are rendered
once per content version (site_home.page_cache) and kept in the shared cache as HTML: any content
write starts a new version, so a hub never shows a stale listing. Previews and signed-in visitors
get them rendered afresh (`page_cache.may_share`): a preview renders the draft.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.text import slugify
from wagtail import hooks

from site_home.page_cache import cached_fragment

HOME_SECTIONS = "home_page_sections"  # hook(home_page, request)
PLACE_SECTIONS = "place_page_sections"  # hook(place_page, request)
THEME_SECTIONS = "theme_page_sections"  # hook(theme, request)


@dataclass
class HubSection:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    more_url: str | None = None
    more_label: str = ""
    feeds: list = field(default_factory=list)  # [(title, url)]: <link rel="alternate"> on the hub page

    @property
    def anchor(self):
        return slugify(self.title)

    def render(self, request):
        html = render_to_string(self.template, {**self.context, "section": self}, request=request)
        return RenderedSection(self.title, self.anchor, html, self.more_url, self.more_label, self.feeds)


@dataclass(frozen=True)
class RenderedSection:
    """What a hub page template needs of a section: plain data, so it can be cached."""

    title: str
    anchor: str
    html: str
    more_url: str | None
    more_label: str
    feeds: list


def build_sections(hook_name, obj, request):
    """Every hook's HubSection for `obj`, uncached (the hooks' querysets and context)."""
    sections = (hook(obj, request) for hook in hooks.get_hooks(hook_name))
    return [section for section in sections if section is not None]


def collect_sections(hook_name, obj, request):
    """The rendered sections for a hub page, from the cache while the content is unchanged."""
    return cached_fragment(
        request,
        "hub",
        (hook_name, obj._meta.label_lower, obj.pk),
        lambda: [section.render(request) for section in build_sections(hook_name, obj, request)],
    )
