"""The Place Standard preset: for each of its 14 themes, a 1–7 rating plus two open questions; and
the standard "about you" questions."""

from site_home.models import Theme
from surveys.builder.models.fields import SurveyField, SurveyFieldType
from surveys.equalities.questions import POSTCODE_LABEL, STANDARD_QUESTIONS

LOW_LABEL = "Lots of room for improvement"
HIGH_LABEL = "Very little room for improvement"

# The tool's 14 themes: (name, slug, description).
PLACE_STANDARD = [
    (
        "Moving around",
        "moving-around",
        "Walking, wheeling and cycling routes that are safe, pleasant and easy to use.",
    ),
    (
        "Public transport",
        "public-transport",
        "Buses, trains and community transport that are reliable, affordable and go where people need.",
    ),
    (
        "Traffic and parking",
        "traffic-and-parking",
        "How traffic and parking affect safety, noise and the way streets feel.",
    ),
    (
        "Streets and spaces",
        "streets-and-spaces",
        "Buildings, streets and public spaces that are attractive and easy to find your way around.",
    ),
    (
        "Natural space",
        "natural-space",
        "Parks, green spaces, rivers and woods that are close by and good to spend time in.",
    ),
    (
        "Play and recreation",
        "play-and-recreation",
        "Places to play, do sport and enjoy free time for people of every age.",
    ),
    (
        "Facilities and services",
        "facilities-and-services",
        "Shops, schools, health services, libraries and community halls within easy reach.",
    ),
    (
        "Jobs and places to work",
        "jobs-and-places-to-work",
        "Good work, training and volunteering close to home, and a thriving local economy.",
    ),
    (
        "Housing and community",
        "housing-and-community",
        "Homes of good quality and the right mix, in neighbourhoods where people want to stay.",
    ),
    (
        "Meeting with people and social interaction",
        "social-interaction",
        "Places and reasons to meet people, from cafés and clubs to friendly streets.",
    ),
    (
        "Identity and belonging",
        "identity-and-belonging",
        "Whether the area has a positive identity and people feel they belong here.",
    ),
    (
        "Feeling safe",
        "feeling-safe",
        "How safe people feel at home, in the street and in public places, by day and after dark.",
    ),
    (
        "Care and maintenance",
        "care-and-maintenance",
        "How well buildings, streets and spaces are looked after and repaired.",
    ),
    (
        "Having a say and feeling listened to",
        "having-a-say",
        "Whether people can take part in decisions and feel their views make a difference.",
    ),
]


def place_standard_themes():
    """The 14 Place Standard themes in order, created if an editor has not made them yet."""
    themes = []
    for order, (name, slug, description) in enumerate(PLACE_STANDARD, start=1):
        theme, _ = Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "group": Theme.Group.PLACE_STANDARD,
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
                field_type=SurveyFieldType.RATING,
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


def standard_about_you_fields():
    """The questions asked by default, then the postcode: all optional."""
    fields = [
        SurveyField(
            label=label,
            field_type="radio",
            choices="\n".join(options),
            required=False,
            about_you=True,
            standard_question=key,
        )
        for key, (label, options, asked_by_default) in STANDARD_QUESTIONS.items()
        if asked_by_default
    ]
    fields.append(
        SurveyField(
            label=POSTCODE_LABEL,
            field_type=SurveyFieldType.POSTCODE,
            required=False,
            help_text="For example, EH1 1YZ. We use it only to find your neighbourhood, then discard it.",
        )
    )
    return fields
