import datetime
import io

import factory
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image

from site_home.models import PlaceIndexPage, PlacePage
from stories.models import StoryIndexPage, StoryPage, StorySubmission
from tests.site_home.factories import make_place


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Stories of Place"
    slug = "stories"
    introduction = "Stories from our places."


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Story {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    standfirst = "How a street came together."
    publication_date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    teller_type = StoryPage.Teller.RESIDENT
    teller_name = "Jean, Ashgrove"
    consent_given = True
    consent_date = datetime.date(2025, 12, 1)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>It started with a cup of tea.</p>")])


def make_index(home_page):
    index_page = StoryIndexPageFactory(parent=home_page)
    index_page.save_revision().publish()
    return index_page


def default_place(index_page):
    """The first place, made (with a places index) when the test did not ask for one."""
    place = PlacePage.objects.first()
    if place is not None:
        return place
    places = PlaceIndexPage.objects.first()
    if places is None:
        places = PlaceIndexPage(title="Places", slug="places")
        index_page.get_parent().add_child(instance=places)
        places.save_revision().publish()
    return make_place(places, title="Default place")


def make_story(index_page, themes=(), tags=(), **kwargs):
    """A published story under `index_page`, with its themes and tags."""
    kwargs.setdefault("place", default_place(index_page))
    story = StoryPageFactory(parent=index_page, **kwargs)
    story.themes.set(list(themes))
    story.tags.set(list(tags))
    story.save_revision().publish()
    return story


class StorySubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StorySubmission

    title = factory.Sequence(lambda n: f"Submitted story {n}")
    text = "The hall was cold.\n\nSo we fixed the heating together."
    display_name = "Rena"
    email = "rena@example.org"
    consent_publish = True
    consent_contact = True


def image_bytes(size=(800, 600), image_format="JPEG", exif=None, color=(200, 120, 40)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def gps_exif():
    """EXIF with a GPS position (55.86 N, 4.25 W) and a camera make, as a phone would write."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (55.0, 51.0, 36.0), 3: "W", 4: (4.0, 15.0, 0.0)}
    exif[0x8825] = gps  # GPSInfo IFD
    return exif


def upload(name="photo.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type)
