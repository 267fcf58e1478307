"""StreamField blocks shared by every page type that has a body (places, stories, reviews, events)."""

from django.db import models
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingLevel(models.TextChoices):
    H2 = "h2", "Heading 2"
    H3 = "h3", "Heading 3"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=HeadingLevel.choices, default=HeadingLevel.H2)

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading; it also appears in the page's structure for screen readers."
        preview_value = {"text": "What people told us", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. Leave empty only if it is decorative.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with alt text, an optional caption and a photo credit."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A pull quote in someone's own words, with who said it."
        preview_value = {
            "quote": "The community garden is where I met most of my neighbours.",
            "attribution": "A resident of the east end",
        }


class MediaEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text="A video or audio link (YouTube, Vimeo, SoundCloud and similar).")
    title = blocks.CharBlock(max_length=150, help_text="Names the media for screen readers.")
    transcript = blocks.TextBlock(
        required=False, help_text="A full text version, for people who cannot hear or see the media."
    )

    class Meta:
        icon = "media"
        template = "blocks/media_embed_block.html"
        description = "A video or audio embed with a title and transcript."


class KeyFactBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=40, help_text="For example 2,000 or 63%.")
    label = blocks.CharBlock(max_length=120)


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, default="Key facts")
    facts = blocks.ListBlock(KeyFactBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts_block.html"
        description = "A short panel of figures, such as population or number of groups."
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
    page = blocks.PageChooserBlock(help_text="A consultation, survey, event or other page.")
    button_label = blocks.CharBlock(max_length=60, default="Have your say")

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        description = "A highlighted link inviting people to take part."


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="Text with links and lists.",
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
    label = blocks.CharBlock(max_length=40, help_text="For example Facebook or Mastodon.")
    url = blocks.URLBlock()

    class Meta:
        icon = "link-external"
