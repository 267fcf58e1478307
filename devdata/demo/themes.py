"""Themes: the eight key areas of the relationships review and the fourteen Place Standard themes."""

from site_home.models import Theme
from surveys.builder.presets import place_standard_themes

REVIEW_KEY_AREAS = [
    (
        "Values",
        "values",
        "Shared principles between public bodies and community organisations: trust, respect and honesty about what each can offer.",
    ),
    (
        "Power dynamics",
        "power-dynamics",
        "Who sets the agenda, who holds the money and who decides, and how to share those more fairly.",
    ),
    (
        "Community empowerment",
        "community-empowerment",
        "Local people and groups taking decisions and running things that affect their own area.",
    ),
    (
        "Funding",
        "funding",
        "How grants and contracts are offered, how long they last and how simple they are to apply for and report on.",
    ),
    (
        "Representation",
        "representation",
        "Whose voices are heard in partnerships and boards, and how seldom-heard communities get a seat.",
    ),
    (
        "Communications and understanding",
        "communications-and-understanding",
        "Plain, regular, two-way communication so each side understands how the other works.",
    ),
    (
        "Procurement",
        "procurement",
        "Buying services in ways that let small local organisations take part and that value social outcomes.",
    ),
    (
        "Accountability and implementation",
        "accountability-and-implementation",
        "Turning agreed changes into action, with dates, owners and public reporting on progress.",
    ),
]


def build_themes():
    themes = {}
    for order, (name, slug, description) in enumerate(REVIEW_KEY_AREAS, start=1):
        themes[slug], _ = Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "group": Theme.Group.REVIEW,
                "sort_order": order,
            },
        )
    themes.update((theme.slug, theme) for theme in place_standard_themes())
    return themes
