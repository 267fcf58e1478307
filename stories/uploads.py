"""Checks for photos residents upload: real images only, sensible sizes, location data removed.

The file is judged by its content (Pillow), not its name, and its size in pixels is read from the
header before any decoding: a small file can unpack into gigabytes. The pixels are re-encoded with
no metadata at all (EXIF, XMP, JPEG comments, PNG text): phone photos often carry the GPS position of
the resident's home, and editing apps write names and places into comments.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def limits():
    return {
        "max_bytes": getattr(settings, "STORY_PHOTO_MAX_BYTES", 10 * 1024 * 1024),
        "min_width": getattr(settings, "STORY_PHOTO_MIN_WIDTH", 400),
        "max_side": getattr(settings, "STORY_PHOTO_MAX_SIDE", 8000),
        "max_pixels": getattr(settings, "STORY_PHOTO_MAX_PIXELS", 40_000_000),
    }


# What a re-encoded photo keeps from the original's metadata: how to show its colours.
KEPT_INFO = ("icc_profile", "transparency")


def clean_photo(upload) -> ContentFile:
    """A re-encoded copy of `upload` without EXIF, or a ValidationError saying what is wrong."""
    rules = limits()
    if upload.size > rules["max_bytes"]:
        megabytes = rules["max_bytes"] // (1024 * 1024)
        raise ValidationError(
            _("The photo must be smaller than %(megabytes)s MB") % {"megabytes": megabytes}, code="too_big"
        )
    try:
        upload.seek(0)
        image = Image.open(upload)
        image_format = image.format
        width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The photo must be a JPEG, PNG or WebP image"), code="not_image") from error
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("The photo must be a JPEG, PNG or WebP image"), code="not_image")
    if width > rules["max_side"] or height > rules["max_side"]:
        raise ValidationError(
            _("The photo must be at most %(pixels)s pixels wide and high") % {"pixels": rules["max_side"]},
            code="too_large",
        )
    if width * height > rules["max_pixels"]:
        megapixels = rules["max_pixels"] // 1_000_000
        raise ValidationError(
            _("The photo must be smaller than %(megapixels)s megapixels: save it at a smaller size")
            % {"megapixels": megapixels},
            code="too_many_pixels",
        )
    if width < rules["min_width"]:
        raise ValidationError(
            _("The photo must be at least %(pixels)s pixels wide") % {"pixels": rules["min_width"]},
            code="too_small",
        )
    try:
        image.load()
        # Turn the pixels the way the camera meant before the orientation tag is dropped with the EXIF.
        ImageOps.exif_transpose(image, in_place=True)  # in place: no second copy of the pixels
    except (OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The photo could not be read. Try saving it again"), code="broken") from error
    return ContentFile(_reencode(image, image_format), name=_safe_name(upload.name, image_format))


def _reencode(image, image_format):
    # Pillow writes what image.info holds (a JPEG's COM comment, for one) back into the new file.
    image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    buffer = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, format="JPEG", quality=88, optimize=True)
    elif image_format == "PNG":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="WEBP", quality=88)
    return buffer.getvalue()


def _safe_name(name, image_format):
    return f"{Path(name or 'photo').stem[:50] or 'photo'}{ALLOWED_FORMATS[image_format]}"
