"""The Place Standard preset: for each of its 14 themes, a 1–7 rating plus two open questions."""

from site_home.demo.themes import PLACE_STANDARD
from site_home.models import Theme
from surveys.models.survey_fields import RATING, SurveyField

LOW_LABEL = "Lots of room for improvement"
HIGH_LABEL = "Very little room for improvement"


def place_standard_themes():
    """The 14 Place Standard themes in order, created if an editor has not made them yet."""
    themes = []
    for order, (name, slug, description) in enumerate(PLACE_STANDARD, start=1):
        theme, _ = Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "group": Theme.GROUP_PLACE_STANDARD,
                "sort_order": order,
            },
        )
        themes.append(theme)
    return themes


def place_standard_fields():
    """Unsaved questions for a new Place Standard survey (saved with the page)."""
    fields = []
    for theme in place_standard_themes():
        fields += [
            SurveyField(
                label=theme.name,
                help_text=theme.description,
                field_type=RATING,
                theme=theme,
                scale_min=1,
                scale_max=7,
                scale_min_label=LOW_LABEL,
                scale_max_label=HIGH_LABEL,
            ),
            SurveyField(
                label=f"{theme.name}: what is good now?",
                field_type="multiline",
                required=False,
                theme=theme,
            ),
            SurveyField(
                label=f"{theme.name}: what could be better?",
                field_type="multiline",
                required=False,
                theme=theme,
            ),
        ]
    return fields
