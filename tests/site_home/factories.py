import factory
import wagtail_factories
from django.utils.text import slugify

from site_home.models import HomePage, PlaceIndexPage, PlacePage, PlacePriority, SteeringGroupMember, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "What people said about this."
    group = Theme.Group.REVIEW


class PlacePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlacePage

    title = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "A neighbourhood with a strong community."
    hero_image = factory.SubFactory(wagtail_factories.ImageFactory)
    hero_image_alt = "Rooftops and hills"
    plan_summary = "A ten-year plan shaped by residents."
    plan_start_year = 2024
    plan_end_year = 2034
    connector_name = "Alex Connector"
    connector_organisation = "Local Trust"
    connector_email = "connector-private@example.org"
    connector_phone = "0141 000 0000"


class SteeringGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroupMember

    name = factory.Sequence(lambda n: f"Group {n}")


class PlacePriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacePriority

    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Priority {n}")


def make_place(parent, **kwargs):
    """A published place under `parent` (PageFactory's `parent=` adds it to the tree)."""
    place = PlacePageFactory(parent=parent, **kwargs)
    place.save_revision().publish()
    return place


def place_index_for(page):
    """The site's one places index, added under the home page if the test has none yet."""
    index_page = PlaceIndexPage.objects.first()
    if index_page is None:
        home = page if isinstance(page.specific, HomePage) else HomePage.objects.first()
        index_page = PlaceIndexPage(title="Places", slug="places", show_in_menus=True)
        home.add_child(instance=index_page)
        index_page.save_revision().publish()
    return index_page
