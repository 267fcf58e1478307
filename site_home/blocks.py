"""StreamField blocks shared by every page type that has a body (places, stories, reviews, events)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingLevel(models.TextChoices):
    H2 = "h2", _("Heading 2")
    H3 = "h3", _("Heading 3")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=HeadingLevel.choices, default=HeadingLevel.H2)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section heading; it also appears in the page's structure for screen readers.")
        preview_value = {"text": "What people told us", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Leave empty only if it is decorative."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with alt text, an optional caption and a photo credit.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A pull quote in someone's own words, with who said it.")
        preview_value = {
            "quote": "The community garden is where I met most of my neighbours.",
            "attribution": "A resident of the east end",
        }


class MediaEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text=_("A video or audio link (YouTube, Vimeo, SoundCloud and similar)."))
    title = blocks.CharBlock(max_length=150, help_text=_("Names the media for screen readers."))
    transcript = blocks.TextBlock(
        required=False, help_text=_("A full text version, for people who cannot hear or see the media.")
    )

    class Meta:
        icon = "media"
        label = _("Media")
        template = "blocks/media_embed_block.html"
        description = _("A video or audio embed with a title and transcript.")


class KeyFactBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=40, help_text=_("For example 2,000 or 63%."))
    label = blocks.CharBlock(max_length=120)


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, default="Key facts")
    facts = blocks.ListBlock(KeyFactBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "list-ul"
        label = _("Key facts")
        template = "blocks/key_facts_block.html"
        description = _("A short panel of figures, such as population or number of groups.")
        preview_value = {
            "heading": "Key facts",
            "facts": [
                {"value": "2,100", "label": "people live here"},
                {"value": "14", "label": "local groups"},
            ],
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    page = blocks.PageChooserBlock(help_text=_("A consultation, survey, event or other page."))
    button_label = blocks.CharBlock(max_length=60, default="Have your say")

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        description = _("A highlighted link inviting people to take part.")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Text with links and lists."),
        preview_value="<p>People in the area told us what matters most to them.</p>",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    media = MediaEmbedBlock()
    key_facts = KeyFactsBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        block_counts = {}


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=40, help_text=_("For example Facebook or Mastodon."))
    url = blocks.URLBlock()

    class Meta:
        icon = "link-external"
        label = _("Link")
