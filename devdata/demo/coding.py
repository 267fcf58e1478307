"""Demo coding frame: the closed 'Community halls opening hours' review gets residents' comments
(each with its writer's publication choice), a frame of codes, some coded comments and quotes
carried into its outcome, suggestions waiting for a person, a published responses page, and what
was done against the National Standards for Community Engagement on both demo reviews.

Idempotent: a review that already has codes or engagement records is left as it is.
`INTENDED` says which code a careful analyst would give each comment: the demo codes the first
ones and leaves the rest for the suggestions, and the acceptance measure is taken against it."""

import datetime

from django.utils import timezone

from consultations.models import EngagementRecord, ReviewPage
from devdata.demo import ORIGINALS, DemoContext
from surveys.analysis import frame
from surveys.analysis.models import Code, Coding
from surveys.analysis.suggestions import make_suggestions
from surveys.models import Comment

CODES = [
    (
        "Later evening opening",
        "Halls open later on weekday evenings, after work and school; closing time 9pm.",
    ),
    ("Sunday opening", "Opening halls on Sunday, at the weekend, for families and faith groups."),
    ("Cost of letting", "Letting charges, the hourly rate, price and a cheaper community rate for groups."),
    ("Noise and neighbours", "Noise late at night, neighbours, parking and disturbance around the hall."),
    ("Booking and keys", "How to book a hall, the booking system, keyholders and getting access."),
]

# (intended code, publication, name, place slug, comment)
COMMENTS = [
    (
        0,
        "named",
        "Eilidh",
        "fernbank",
        "Our choir can only meet after work, so opening until 9pm in the evening would save us.",
    ),
    (
        1,
        "anonymous",
        "Tam",
        "glenholm",
        "Sunday afternoon opening would let families use the hall at the weekend.",
    ),
    (
        2,
        "named",
        "Priya",
        "fernbank",
        "The hourly rate is more than our toddler group raises in a month. A community rate please.",
    ),
    (
        3,
        "anonymous",
        "Ross",
        "glenholm",
        "Late events mean noise and cars in our street. Think of the neighbours.",
    ),
    (
        4,
        "named",
        "Lorna",
        "fernbank",
        "Booking a hall means three phone calls and a trip for the keys. Let us book online.",
    ),
    (
        0,
        "private",
        "Hamish",
        "glenholm",
        "Weekday evenings are the only time working parents can run a club.",
    ),
    (
        2,
        "named",
        "Aileen",
        "fernbank",
        "Charges should depend on who is using the hall, not one price for everyone.",
    ),
    (1, "named", "Callum", "glenholm", "Our church group would use the hall on Sunday if it were open."),
    (
        3,
        "private",
        "Moira",
        "fernbank",
        "Parking is already difficult and late closing will make the noise worse.",
    ),
    (
        4,
        "anonymous",
        "Jamie",
        "glenholm",
        "We need a keyholder in the evenings, or a key safe, to get access.",
    ),
    (
        0,
        "named",
        "Ishbel",
        "fernbank",
        "Staying open later until 9pm would let the youth club run after school and after work.",
    ),
    (2, "anonymous", "Ewan", "glenholm", "A cheaper rate for community groups would keep small clubs going."),
    (1, "named", "Shona", "fernbank", "Weekend opening on a Sunday for families would be welcome."),
    (4, "named", "Fraser", "glenholm", "The booking system should show which halls are free before I phone."),
    (
        3,
        "anonymous",
        "Iona",
        "fernbank",
        "Neighbours are worried about disturbance when people leave late at night.",
    ),
    (
        0,
        "named",
        "Kenny",
        "glenholm",
        "Please open later on weekday evenings; 6pm is far too early for most groups.",
    ),
    (
        2,
        "private",
        "Rhona",
        "fernbank",
        "The price of letting the hall for a party is fine, but groups pay too much per hour.",
    ),
    (
        1,
        "anonymous",
        "Duncan",
        "glenholm",
        "Sunday is the only free day for many families, so open the halls at the weekend.",
    ),
    (
        4,
        "named",
        "Morven",
        "fernbank",
        "Getting the keys from the office before it shuts is the hardest part of booking.",
    ),
    (
        3,
        "named",
        "Angus",
        "glenholm",
        "Later closing is fine if someone makes sure the noise stops and the car park clears.",
    ),
    (
        0,
        "anonymous",
        "Catriona",
        "fernbank",
        "Evening opening after work until nine would mean our class could restart.",
    ),
    (
        2,
        "named",
        "Alasdair",
        "glenholm",
        "A fair community rate would let us pay the letting charges without a grant.",
    ),
    (1, "named", "Kirsty", "fernbank", "Our family group would come on Sunday mornings at the weekend."),
    (4, "anonymous", "Niall", "glenholm", "Online booking and a key safe would make access so much simpler."),
]
CODED_FIRST = 10  # the demo analyst has coded these; the rest wait for suggestions
QUOTES = (0, 2, 4)  # chosen for the outcome (named or anonymous writers only)

ENGAGEMENT = {
    "better-relationships-better-outcomes": [
        (
            "inclusion",
            "We met disabled people's and minority ethnic groups' networks before drafting, and offered "
            "the draft in Easy Read, Polish and Urdu.",
        ),
        (
            "support",
            "Travel and childcare costs are paid for anyone coming to a session; BSL interpreters on request.",
        ),
        (
            "planning",
            "The Review Group agreed the questions with partners and set a 12-week period from the start.",
        ),
        (
            "working-together",
            "Voluntary sector leaders chair the Review Group; council officers are members, not chairs.",
        ),
        (
            "methods",
            "Comments on each key area online, a survey, drop-in sessions in four neighbourhoods, and a "
            "freepost paper copy.",
        ),
        ("communication", "Every session's notes are published within a week, in plain language."),
        (
            "impact",
            "We will say what changed and why for every recommendation, and track each commitment publicly.",
        ),
    ],
    "community-halls-opening-hours": [
        ("inclusion", "Hall committees handed paper forms to groups whose members do not use the internet."),
        ("methods", "Comments online and on paper, and a listening session in each hall."),
        ("communication", "Posters in every hall and a letter to neighbours within 100 metres."),
        ("impact", "The outcome says what changed for each proposal and what we chose not to do, and why."),
    ],
}


def build_coding_demo(demo: DemoContext):
    reviews = {review.slug: review for review in ReviewPage.objects.filter(slug__in=ENGAGEMENT, **ORIGINALS)}
    for slug, records in ENGAGEMENT.items():
        review = reviews.get(slug)
        if review is None or review.engagement.exists() or review.has_unpublished_changes:
            continue
        review.engagement = [
            EngagementRecord(standard=standard, what_we_did=text) for standard, text in records
        ]
        if slug == "better-relationships-better-outcomes":
            review.response_expected_on = review.closing_date + datetime.timedelta(weeks=12)
        else:
            review.publish_responses = True
        review.save_revision().publish()
        demo.say(f"Consultations: how '{review.title}' engaged people")
    halls = reviews.get("community-halls-opening-hours")
    if halls is None or Code.objects.filter(page=halls).exists():
        return
    comments = _add_comments(halls, demo.places)
    codes = [Code.objects.create(page=halls, label=label, description=text) for label, text in CODES]
    for n, comment in enumerate(comments[:CODED_FIRST]):
        frame.apply_code(codes[COMMENTS[n][0]], [f"c{comment.pk}"], None)
    halls_codings = {coding.comment_id: coding for coding in Coding.objects.filter(code__page=halls)}
    for n in QUOTES:
        frame.toggle_quote(halls_codings[comments[n].pk])
    made = make_suggestions(halls)
    demo.say(f"Coding: a frame of {len(codes)} codes on '{halls.title}', {made} suggestions waiting")


def _add_comments(review, places):
    sections = review.section_list
    now = timezone.now()
    created = []
    for n, (code, publication, name, place_slug, body) in enumerate(COMMENTS):
        section = sections[1] if code == 2 else sections[0]
        created.append(
            Comment.objects.create(
                page=review,
                section_key=section.key,
                section_label=section.title,
                theme=section.theme,
                place=places.get(place_slug),
                display_name=name,
                email=f"{name.lower()}@example.org",
                body=body,
                publication=publication,
                state=Comment.State.PUBLISHED,
                created_at=now - datetime.timedelta(days=90 - n),
                published_at=now - datetime.timedelta(days=90 - n),
            )
        )
    return created


def intended_code_labels(review):
    """{comment id: the code label a careful analyst gives it}, for measuring suggestions."""
    by_body = {body: CODES[code][0] for code, _, _, _, body in COMMENTS}
    return {
        comment.pk: by_body[comment.body]
        for comment in Comment.objects.filter(page=review, body__in=list(by_body))
    }
