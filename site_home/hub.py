"""Hub sections: how feature apps fill the home page, place pages and theme pages.

`site_home` must not import the feature apps, so each app registers a Wagtail hook that returns a
`HubSection` for a given object, and the hub page asks every hook in turn:

    # events/wagtail_hooks.py
    @hooks.register(PLACE_SECTIONS, order=30)
    def place_events(place, request):
        events = EventPage.objects.upcoming().for_place(place)[:3]
        return HubSection("Upcoming events", "events/sections/event_list.html", {"events": events})

A hook returns None to show nothing. Each hook must make a constant number of queries.
"""

from dataclasses import dataclass, field

from wagtail import hooks

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
        from django.utils.text import slugify

        return slugify(self.title)


def collect_sections(hook_name, obj, request):
    sections = []
    for hook in hooks.get_hooks(hook_name):
        section = hook(obj, request)
        if section is not None:
            sections.append(section)
    return sections
