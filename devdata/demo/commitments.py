"""Demo commitments, "What we said we would do": three partners and eight commitments covering every
status, two of them overdue, some from the closed review's recommendations and one from the
conference's report, with dated public updates. Due dates are relative to today, so overdue stays
overdue. Idempotent: partners by slug, commitments by slug, updates only with a new commitment."""

import datetime

from django.utils import timezone

from consultations.models import (
    CommitmentIndexPage,
    CommitmentPage,
    CommitmentStatus,
    CommitmentUpdate,
    Partner,
    ReviewPage,
)
from devdata.demo import ORIGINALS, DemoContext, child_page
from events.models import EventPage

S = CommitmentStatus

PARTNERS = [
    (
        "kelvinford-city-council",
        "Kelvinford City Council",
        "Runs community halls, libraries, parks and neighbourhood services.",
        "https://council.example.org",
    ),
    (
        "kelvinford-health-board",
        "Kelvinford Health Board",
        "Runs the city's GP practices, clinics and community health services.",
        "https://health.example.org",
    ),
    (
        "kelvinford-voluntary-sector-interface",
        "Kelvinford Voluntary Sector Interface",
        "Supports the city's charities, community groups and volunteers.",
        "",
    ),
]

# slug, title, summary, partner slug, places, themes, due in days, status, reason,
# source (("review", slug, section number, recommendation number) | ("event", slug) | None),
# updates [(days ago, text)]
COMMITMENTS = [
    (
        "halls-open-until-9pm",
        "Open every community hall until 9pm on weekdays",
        "Every council-run community hall will stay open until 9pm from Monday to Friday.",
        "kelvinford-city-council",
        ["fernbank", "glenholm"],
        ["community-empowerment"],
        -21,
        S.IN_PROGRESS,
        "",
        ("review", "community-halls-opening-hours", 1, 1),
        [
            (70, "Caretaker rotas redrawn for Fernbank and Glenholm halls."),
            (40, "Fernbank hall now open until 9pm on Tuesdays and Thursdays. Glenholm waits for new staff."),
        ],
    ),
    (
        "community-rate-for-hall-lettings",
        "A community rate for hall lettings",
        "Community groups will pay half the standard charge to hire a council hall.",
        "kelvinford-city-council",
        ["fernbank", "glenholm"],
        ["funding"],
        120,
        S.NOT_STARTED,
        "",
        ("review", "community-halls-opening-hours", 2, 1),
        [(30, "The new charges go to the council's budget meeting in February.")],
    ),
    (
        "sunday-afternoon-opening",
        "Open halls on Sunday afternoons",
        "A trial of Sunday afternoon opening in two halls.",
        "kelvinford-city-council",
        ["glenholm"],
        ["community-empowerment"],
        -10,
        S.CHANGED,
        "Fewer people wanted Sunday opening than we expected, so we are trying one hall (Glenholm) for six "
        "months instead of two.",
        ("review", "community-halls-opening-hours", 1, 2),
        [(15, "Glenholm hall opens 1pm to 5pm on Sundays from next month.")],
    ),
    (
        "feedback-forms-in-plain-english",
        "Simpler feedback forms for small grants",
        "The small grants feedback form will be rewritten in plain English and cut to one page.",
        "kelvinford-voluntary-sector-interface",
        ["lochview"],
        ["communications-and-understanding"],
        -45,
        S.DONE,
        "The new one-page form has been used for every grant since the spring round.",
        None,
        [
            (90, "Draft form tested with six groups."),
            (50, "New form published on the grants page."),
        ],
    ),
    (
        "community-link-workers",
        "Community link workers in every GP practice",
        "Every GP practice in Ashgrove and Harbourside will have a community link worker for social "
        "prescribing.",
        "kelvinford-health-board",
        ["ashgrove", "harbourside"],
        ["accountability-and-implementation"],
        -5,
        S.NOT_STARTED,
        "",
        ("event", "stronger-together-conference"),
        [],
    ),
    (
        "share-the-partnership-budget",
        "Publish the partnership's budget every year",
        "The partnership will publish what it spends, by place and by theme, every year.",
        "kelvinford-city-council",
        ["ashgrove", "brackenhill", "fernbank", "glenholm", "harbourside"],
        ["funding", "accountability-and-implementation"],
        200,
        S.IN_PROGRESS,
        "",
        None,
        [(7, "This year's figures are being checked by the finance team.")],
    ),
    (
        "evening-clinic-at-brackenhill",
        "An evening clinic at Brackenhill health centre",
        "A weekly evening clinic for people who cannot come during working hours.",
        "kelvinford-health-board",
        ["brackenhill"],
        ["facilities-and-services"],
        -60,
        S.NOT_GOING_AHEAD,
        "The health centre's lease ends next year and the board cannot staff a new clinic there. Evening "
        "appointments are offered at Harbourside instead, with help with transport.",
        None,
        [(65, "Staffing review started."), (55, "Decision taken not to go ahead; see the reason above.")],
    ),
    (
        "volunteer-drivers-scheme",
        "A volunteer drivers scheme for appointments",
        "Volunteers will drive people without transport to health appointments.",
        "kelvinford-voluntary-sector-interface",
        ["kirkton-cross", "carron-vale"],
        ["facilities-and-services"],
        25,
        S.IN_PROGRESS,
        "",
        None,
        [(20, "Fourteen volunteer drivers recruited and checked."), (3, "First trips booked for next week.")],
    ),
]


def commitment_children(demo, places, themes, updates, today):
    """A demo commitment's places, themes and dated updates ((days ago, text) pairs)."""
    return {
        "places": [demo.places[p] for p in places if p in demo.places],
        "themes": [demo.themes[t] for t in themes if t in demo.themes],
        "updates": [
            CommitmentUpdate(date=today - datetime.timedelta(days=ago), text=text, sort_order=n)
            for n, (ago, text) in enumerate(updates)
        ],
    }


def _source(spec):
    """(page, recommendation key) for where a commitment came from."""
    if spec is None:
        return None, ""
    if spec[0] == "review":
        _kind, slug, section_number, rec_number = spec
        review = ReviewPage.objects.filter(slug=slug, **ORIGINALS).first()
        if review is None:
            return None, ""
        try:
            section = review.section_list[section_number - 1]
            return review, section.recommendation_list[rec_number - 1].key
        except IndexError:
            return review, ""
    return EventPage.objects.filter(slug=spec[1], **ORIGINALS).first(), ""


def build_commitment_demo(demo: DemoContext):
    today = timezone.localdate()
    index, created = child_page(
        demo.home,
        CommitmentIndexPage,
        "what-we-said-we-would-do",
        title="What we said we would do",
        show_in_menus=True,
        introduction="Everything the partnership has promised after listening to residents: who is doing "
        "it, by when, and how it is going. Overdue commitments are shown as overdue.",
    )
    if created:
        demo.say("Created the commitments tracker")
    partners = {}
    for slug, name, description, website in PARTNERS:
        partners[slug], _ = Partner.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "website": website}
        )
    made = 0
    for (
        slug,
        title,
        summary,
        partner,
        places,
        themes,
        due,
        status,
        reason,
        source,
        updates,
    ) in COMMITMENTS:
        if index.get_children().filter(slug=slug).exists():
            continue
        source_page, key = _source(source)
        child_page(
            index,
            CommitmentPage,
            slug,
            title=title,
            summary=summary,
            partner=partners[partner],
            due_date=today + datetime.timedelta(days=due),
            status=status,
            status_reason=reason,
            source_page=source_page,
            recommendation_key=key,
            children=commitment_children(demo, places, themes, updates, today),
        )
        made += 1
    if made:
        demo.say(f"Commitments: {made} added to 'What we said we would do'")
