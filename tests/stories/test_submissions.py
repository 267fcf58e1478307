import io
import struct
import zlib
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from PIL import Image, ImageFile

from stories.models import StorySubmission

from .factories import gps_exif, image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def share_url(story_index):
    return story_index.url + "share/"


def form_data(place, **overrides):
    data = {
        "title": "The bench outside the chemist",
        "text": "It was removed last year.\n\nMy neighbour now leans on the wall.",
        "place": place.slug,
        "display_name": "Rena",
        "email": "rena@example.org",
        "photo_alt": "",
        "consent_publish": "on",
        "consent_contact": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_share_form_stores_the_story_and_thanks_the_resident(
    client, share_url, places, themes, django_capture_on_commit_callbacks
):
    data = form_data(places["ashgrove"], themes=[themes["funding"].pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(share_url, data)

    assert response.status_code == 302
    assert response["Location"].endswith("/stories/share/thank-you/")
    submission = StorySubmission.objects.get()
    assert submission.status == StorySubmission.Status.NEW
    assert submission.place == places["ashgrove"]
    assert list(submission.themes.all()) == [themes["funding"]]
    assert submission.consent_publish and submission.consent_contact
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rena@example.org"]
    assert "The bench outside the chemist" in mail.outbox[0].subject
    assert client.get(response["Location"]).status_code == 200


def test_consent_to_publish_is_required_and_typed_values_are_kept(client, share_url, places):
    data = form_data(places["ashgrove"])
    del data["consent_publish"]

    response = client.post(share_url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Tick the box to agree to your story being published" in html
    assert 'value="The bench outside the chemist"' in html
    assert "My neighbour now leans on the wall." in html
    assert "choose the photo again" in html
    assert html.startswith("<!DOCTYPE html>") or "<title>Error: Share your story" in html
    assert StorySubmission.objects.count() == 0


def test_empty_name_means_anonymous(client, share_url, places):
    client.post(share_url, form_data(places["ashgrove"], display_name="  "))
    assert StorySubmission.objects.get().shown_name == "Anonymous"


def test_honeypot_is_thanked_but_nothing_is_stored(client, share_url, places):
    response = client.post(share_url, form_data(places["ashgrove"], website="http://spam.example"))
    assert response.status_code == 302
    assert StorySubmission.objects.count() == 0
    assert mail.outbox == []


def test_flood_of_submissions_gets_a_429(client, share_url, places, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/h"
    codes = [
        client.post(share_url, form_data(places["ashgrove"], title=f"Story {n}")).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert StorySubmission.objects.count() == 2


def post_photo(client, share_url, place, content, name="photo.jpg", alt="Volunteers outside the hall"):
    data = form_data(place, photo_alt=alt)
    data["photo"] = upload(name, content)
    return client.post(share_url, data)


def test_a_photo_is_stored_privately_with_its_description(client, share_url, places):
    response = post_photo(client, share_url, places["ashgrove"], image_bytes((800, 600)))

    assert response.status_code == 302
    submission = StorySubmission.objects.get()
    assert submission.photo_alt == "Volunteers outside the hall"
    assert submission.photo.name.startswith("story-submissions/")
    assert Path(submission.photo.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    with pytest.raises(ValueError):
        submission.photo.url  # noqa: B018 - private files have no public URL


def test_photo_needs_a_description(client, share_url, places):
    response = post_photo(client, share_url, places["ashgrove"], image_bytes(), alt="")
    assert "Describe your photo for people who cannot see it" in response.content.decode()
    assert StorySubmission.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"%PDF-1.4 this is not an image at all", "must be a JPEG, PNG or WebP image"),
        ("anim.gif", image_bytes((800, 600), "GIF"), "must be a JPEG, PNG or WebP image"),
        ("tiny.jpg", image_bytes((300, 300)), "at least 400 pixels wide"),
        ("huge.png", image_bytes((8001, 20), "PNG"), "at most 8000 pixels wide and high"),
    ],
)
def test_uploads_that_are_not_suitable_images_are_refused(client, share_url, places, name, content, message):
    response = post_photo(client, share_url, places["ashgrove"], content, name=name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert StorySubmission.objects.count() == 0


def test_uploads_over_the_size_limit_are_refused(client, share_url, places, settings):
    settings.STORY_PHOTO_MAX_BYTES = 1024 * 1024
    noisy = Image.effect_noise((1400, 1400), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    assert buffer.tell() > 1024 * 1024

    response = post_photo(client, share_url, places["ashgrove"], buffer.getvalue(), name="big.png")

    assert "The photo must be smaller than 1 MB" in response.content.decode()
    assert StorySubmission.objects.count() == 0


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP", "PNG"])
def test_location_data_is_stripped_from_photos(client, share_url, places, image_format):
    original = image_bytes((900, 600), image_format, exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825), "the test image must carry GPS"

    post_photo(client, share_url, places["ashgrove"], original, name=f"phone.{image_format.lower()}")

    submission = StorySubmission.objects.get()
    with submission.photo.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == image_format
    assert stored.size == (900, 600)
    assert not stored.getexif().get_ifd(0x8825)
    assert 0x010F not in stored.getexif()
    assert "exif" not in stored.info


def png_bomb(width, height):
    """A real greyscale PNG of width x height black pixels: a few tens of KB that decode to width x height
    bytes. Compressed row by row, so the test never holds the pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + pixels
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_a_small_file_of_too_many_pixels_is_refused_before_it_is_decoded(client, share_url, places):
    bomb = png_bomb(8000, 8000)
    assert len(bomb) < 300 * 1024 and Image.open(io.BytesIO(bomb)).size == (8000, 8000)

    with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded")):
        response = post_photo(client, share_url, places["ashgrove"], bomb, name="bomb.png")

    assert response.status_code == 200
    assert "The photo must be smaller than 40 megapixels" in response.content.decode()
    assert StorySubmission.objects.count() == 0


@pytest.mark.parametrize(
    ("image_format", "metadata"),
    [
        ("JPEG", {"comment": b"Taken at 12 Acacia Avenue by Rena Smith"}),
        ("JPEG", {"xmp": b"<x:xmpmeta><exif:GPSLatitude>55,51.6N</exif:GPSLatitude></x:xmpmeta>"}),
        ("WEBP", {"xmp": b"<x:xmpmeta><exif:GPSLatitude>55,51.6N</exif:GPSLatitude></x:xmpmeta>"}),
    ],
)
def test_comments_and_xmp_are_stripped_from_photos(client, share_url, places, image_format, metadata):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 120, 40)).save(buffer, format=image_format, **metadata)
    secret = next(iter(metadata.values()))
    assert secret in buffer.getvalue(), "the test image must carry the text"

    post_photo(client, share_url, places["ashgrove"], buffer.getvalue(), name=f"edited.{image_format}")

    with StorySubmission.objects.get().photo.open("rb") as handle:
        stored = handle.read()
    assert secret not in stored
    assert b"Acacia" not in stored and b"GPSLatitude" not in stored
    if image_format == "JPEG":
        assert b"\xff\xfe" not in stored.split(b"\xff\xda", 1)[0]  # no COM segment before the scan
    assert "comment" not in Image.open(io.BytesIO(stored)).info
