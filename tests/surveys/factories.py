import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from site_home.models import PlacePage
from surveys.models import Comment, DiscussionPage
from tests.site_home.factories import ThemeFactory, make_place, place_index_for


class DiscussionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DiscussionPage

    title = factory.Sequence(lambda n: f"Discussion {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    intro = "How should the community hall be used?"
    comment_publishing = "immediate"


def make_discussion(parent, **kwargs):
    """A published discussion; a place and a theme are required to publish, so defaults are made."""
    if "place" not in kwargs:
        kwargs["place"] = PlacePage.objects.filter(slug="kirkton-cross").first() or make_place(
            place_index_for(parent), title="Kirkton Cross"
        )
    if "theme" not in kwargs:
        kwargs["theme"] = ThemeFactory(name="Facilities and services")
    page = DiscussionPageFactory(parent=parent, **kwargs)
    page.save_revision().publish()
    return page


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    display_name = factory.Sequence(lambda n: f"Resident {n}")
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    body = "More evening classes, please."
    state = Comment.State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
