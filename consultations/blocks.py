from wagtail import blocks


class RecommendationBlock(blocks.StructBlock):
    """One recommendation for change. Its block id is its stable key: feedback and anchors
    (#rec-<id>) follow it through edits and reorders."""

    text = blocks.TextBlock(help_text="One recommendation, in a sentence or two.")

    class Meta:
        icon = "tick"
        label = "Recommendation"
        template = "blocks/recommendation_block.html"
        description = "A numbered recommendation residents can agree or disagree with"
        preview_value = {"text": "Fund local groups for three years at a time, not one."}
