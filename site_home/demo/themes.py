"""Themes: the eight key areas of the relationships review and the fourteen Place Standard themes."""

from site_home.models import Theme

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


def build_themes():
    themes = {}
    for group, rows in ((Theme.GROUP_REVIEW, REVIEW_KEY_AREAS), (Theme.GROUP_PLACE_STANDARD, PLACE_STANDARD)):
        for order, (name, slug, description) in enumerate(rows, start=1):
            theme, _ = Theme.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "group": group, "sort_order": order},
            )
            themes[slug] = theme
    return themes
