"""The Place Standard presets: the tool's 14 themes, each asked with its own question, rated on its
scale (with "I don't know"), and followed by two open questions.

Also the standard "about you" questions, asked after the main ones.

Three versions, as the tool publishes them: the adult one (1 to 7); one for young people (about 12
and over, 1 to 7); one for children (about 5 to 12, a 3-point scale). Play Scotland and A Place in
Childhood adapted the last two with children and young people. The adult questions follow the
tool's published wording; the young people's and children's questions below are our plain-language
drafts of the same themes, written without the published versions to hand, so editors are asked to
check them against the published tool (and may edit any question) before a survey opens.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from site_home.models import Theme
from surveys.builder.models.fields import SurveyField, SurveyFieldType
from surveys.equalities.questions import POSTCODE_HELP, POSTCODE_LABEL, STANDARD_QUESTIONS


class SurveyPreset(models.TextChoices):
    NONE = "", _("No preset: I will write the questions")
    PLACE_STANDARD = "place_standard", _("Place Standard (adults, 1 to 7)")
    YOUNG_PEOPLE = "place_standard_young", _("Place Standard for young people (about 12 and over, 1 to 7)")
    CHILDREN = "place_standard_children", _("Place Standard for children (about 5 to 12, 3-point scale)")


@dataclass(frozen=True)
class Version:
    scale_max: int
    low_label: str
    high_label: str
    good_now: str
    better: str
    questions: tuple  # one per theme, in PLACE_STANDARD's order


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

VERSIONS = {
    SurveyPreset.PLACE_STANDARD: Version(
        scale_max=7,
        low_label="Lots of room for improvement",
        high_label="Very little room for improvement",
        good_now="What is good now?",
        better="What could be better?",
        questions=(
            "Can I easily walk and cycle around using good-quality routes?",
            "Does public transport meet my needs?",
            "Do traffic and parking arrangements allow people to move around safely and meet the "
            "community's needs?",
            "Do buildings, streets and public spaces create an attractive place that is easy to get around?",
            "Can I regularly experience good-quality natural space?",
            "Can I access a range of spaces with opportunities for play and recreation?",
            "Do facilities and services meet my needs?",
            "Is there an active local economy and the opportunity to access good-quality work?",
            "Do the homes in my area support the needs of the community?",
            "Is there a range of spaces and opportunities to meet people?",
            "Does this place have a positive identity and do I feel I belong?",
            "Do I feel safe here?",
            "Are buildings and spaces well cared for?",
            "Do I feel able to take part in decisions and help change things for the better?",
        ),
    ),
    SurveyPreset.YOUNG_PEOPLE: Version(
        scale_max=7,
        low_label="Lots of room for improvement",
        high_label="Very little room for improvement",
        good_now="What is good about this now?",
        better="What would make it better?",
        questions=(
            "Can I get around easily on foot, by bike or by scooter?",
            "Can I get where I want to go by bus or train, at a price I can afford?",
            "Do cars and parking let me move around my area safely?",
            "Are the streets and buildings around me good to look at and easy to find my way around?",
            "Can I get to parks, woods, rivers or other green places often?",
            "Are there good places for me to hang out, play and do sport?",
            "Are there shops, services and places I need close by?",
            "Are there chances to get work, training or volunteering near me?",
            "Are the homes in my area good places to live?",
            "Are there places where I can meet friends and other people?",
            "Do I feel proud of my area and feel that I belong here?",
            "Do I feel safe here?",
            "Are buildings and spaces looked after?",
            "Do adults listen to me and can I help change things in my area?",
        ),
    ),
    SurveyPreset.CHILDREN: Version(
        scale_max=3,
        low_label="Not good",
        high_label="Good",
        good_now="What do you like?",
        better="What would make it better?",
        questions=(
            "Can I walk, scoot and cycle around easily?",
            "Can I get on a bus or train to go places?",
            "Do cars let me cross the road and play safely?",
            "Are the streets nice and easy to find my way around?",
            "Can I play in parks and green places?",
            "Are there good places to play?",
            "Are there shops, doctors, libraries and clubs near me?",
            "Are there places where the grown-ups I know can work?",
            "Are the homes near me nice to live in?",
            "Are there places to meet my friends?",
            "Do I like living here?",
            "Do I feel safe here?",
            "Are things looked after and kept tidy?",
            "Do grown-ups listen to what I think?",
        ),
    ),
}


def scale_max(preset):
    """The highest score of a preset's ratings (7 when the survey has none)."""
    version = VERSIONS.get(preset)
    return version.scale_max if version else 7


def place_standard_themes():
    """The 14 Place Standard themes in order, created if an editor has not made them yet."""
    themes = []
    for order, (name, slug, description) in enumerate(PLACE_STANDARD, start=1):
        theme, _created = Theme.objects.get_or_create(
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


def place_standard_fields(preset=SurveyPreset.PLACE_STANDARD):
    """Unsaved questions for a new survey of `preset` (saved with the page)."""
    version = VERSIONS[preset]
    fields = []
    for theme, question in zip(place_standard_themes(), version.questions, strict=True):
        fields += [
            SurveyField(
                label=question,
                help_text=theme.name,
                field_type=SurveyFieldType.RATING,
                theme=theme,
                scale_min=1,
                scale_max=version.scale_max,
                scale_min_label=version.low_label,
                scale_max_label=version.high_label,
                allow_dont_know=True,
            ),
            SurveyField(
                label=f"{theme.name}: {version.good_now[0].lower()}{version.good_now[1:]}",
                field_type="multiline",
                required=False,
                theme=theme,
            ),
            SurveyField(
                label=f"{theme.name}: {version.better[0].lower()}{version.better[1:]}",
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
            help_text=POSTCODE_HELP,
        )
    )
    return fields
