"""Demo content: the foundation builds places, themes and standing pages, then each feature's
module here adds its own (the list is in `manage.py load_demo`). Every builder must be idempotent: look things up by slug or another natural key, create only
what is missing and never overwrite what exists, so a second run adds nothing and keeps edits.
"""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page, Site

from site_home.models import HomePage, PlacePage, Theme

# Pages in the site's first language: the demo looks its own pages up by slug, and their
# translations (devdata.demo.languages) share the slug.
ORIGINALS = {"locale__language_code": settings.LANGUAGE_CODE}


@dataclass
class DemoContext:
    site: Site
    home: HomePage
    places: dict[str, PlacePage] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def say(self, message):
        self.log.append(message)


def child_page(parent: Page, model, slug: str, **fields):
    """The live child of `parent` with this slug, created and published if missing.

    Returns (page, created). Existing pages are returned untouched, keeping editors' changes.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    children = fields.pop("children", {})
    page = model(slug=slug, **fields)
    for relation, items in children.items():
        setattr(page, relation, items)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True
