"""Checks for photos residents upload: real images only, sensible sizes, location data removed.

The file is judged by its content (Pillow), not its name, and re-encoded so no EXIF block survives:
phone photos often carry the GPS position of the resident's home.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def limits():
    return {
        "max_bytes": getattr(settings, "STORY_PHOTO_MAX_BYTES", 10 * 1024 * 1024),
        "min_width": getattr(settings, "STORY_PHOTO_MIN_WIDTH", 400),
        "max_side": getattr(settings, "STORY_PHOTO_MAX_SIDE", 8000),
    }


def clean_photo(upload) -> ContentFile:
    """A re-encoded copy of `upload` without EXIF, or a ValidationError saying what is wrong."""
    rules = limits()
    if upload.size > rules["max_bytes"]:
        megabytes = rules["max_bytes"] // (1024 * 1024)
        raise ValidationError(f"The photo must be smaller than {megabytes} MB", code="too_big")
    try:
        upload.seek(0)
        image = Image.open(upload)
        image_format = image.format
        width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("The photo must be a JPEG, PNG or WebP image", code="not_image") from error
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError("The photo must be a JPEG, PNG or WebP image", code="not_image")
    if width > rules["max_side"] or height > rules["max_side"]:
        raise ValidationError(
            f"The photo must be at most {rules['max_side']} pixels wide and high", code="too_large"
        )
    if width < rules["min_width"]:
        raise ValidationError(
            f"The photo must be at least {rules['min_width']} pixels wide", code="too_small"
        )
    try:
        image.load()
        # Turn the pixels the way the camera meant before the orientation tag is dropped with the EXIF.
        image = ImageOps.exif_transpose(image)
    except (OSError, Image.DecompressionBombError) as error:
        raise ValidationError("The photo could not be read. Try saving it again", code="broken") from error
    return ContentFile(_reencode(image, image_format), name=_safe_name(upload.name, image_format))


def _reencode(image, image_format):
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
