from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class RecommendationBlock(blocks.StructBlock):
    """One recommendation for change. Its block id is its stable key: feedback and anchors
    (#rec-<id>) follow it through edits and reorders."""

    text = blocks.TextBlock(help_text=_("One recommendation, in a sentence or two."))

    class Meta:
        icon = "tick"
        label = _("Recommendation")
        template = "blocks/recommendation_block.html"
        description = _("A numbered recommendation residents can agree or disagree with")
        preview_value = {"text": "Fund local groups for three years at a time, not one."}


class ResolutionBlock(blocks.StructBlock):
    """What a meeting resolved. Its block id is its stable key (`res-<id>`): a commitment made from
    it keeps pointing at it through edits and reorders."""

    text = blocks.TextBlock(help_text=_("As minuted, e.g. ‘That an update be provided in 12 months.’"))

    class Meta:
        icon = "success"
        label = _("Resolution")
        template = "blocks/resolution_block.html"
        description = _("One decision of the meeting, which can become a commitment")
        preview_value = {"text": "That an update on social prescribing be provided in September."}


class AgendaItemBlock(blocks.StructBlock):
    """One agenda item of a meeting: its heading, what was said, and what was resolved."""

    heading = blocks.CharBlock(max_length=200)
    minute = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], required=False)
    resolutions = blocks.ListBlock(ResolutionBlock(), default=[], min_num=0)

    class Meta:
        icon = "list-ol"
        label = _("Agenda item")
        template = "blocks/agenda_item_block.html"
        description = _("An agenda item with its minute and resolutions")
        preview_value = {
            "heading": "Thriving Communities programme",
            "minute": "<p>The sub-committee heard how the fast grants fund was spent.</p>",
            "resolutions": [{"text": "That an update be provided in 12 months."}],
        }
