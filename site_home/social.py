"""What a page says about itself when it is shared or indexed: canonical link, Open Graph and
Twitter card metadata. Read from the page's own fields, so every page type gets it without code:
the description from the promote tab or the page's summary, the picture from its hero image
(`HeroImageMixin.get_social_image`)."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

from site_home.links import absolute_url

# The first of these a page has and fills in is its description.
DESCRIPTION_FIELDS = ("search_description", "summary", "standfirst", "introduction")
SHARE_IMAGE_SPEC = "fill-1200x630"


def page_description(page, fallback=""):
    for name in DESCRIPTION_FIELDS:
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(text).chars(300)
    return fallback


def social_metadata(page, request, site_name, fallback_description):
    url = absolute_url(request.path)
    metadata = {
        "canonical": url,
        "url": url,
        "title": page.seo_title or page.title,
        "description": page_description(page, fallback_description),
        "site_name": site_name,
        "type": "article" if hasattr(page, "publication_date") else "website",
        "image": None,
    }
    image = page.get_social_image() if hasattr(page, "get_social_image") else None
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        metadata["image"] = {
            # Media on a CDN or S3 already has an absolute address of its own.
            "url": rendition.url if rendition.url.startswith("http") else absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": getattr(page, "hero_image_alt", ""),
        }
    return metadata
