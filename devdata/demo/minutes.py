"""Demo meeting minutes: a community planning partnership sub-committee's meeting, its agenda items
and resolutions, three of which have become commitments with realistic statuses. Runs after the
commitments demo (it needs the tracker and the partners). Idempotent: the minutes and the
commitments by slug."""

import datetime

from django.utils import timezone

from consultations.models import (
    CommitmentIndexPage,
    CommitmentPage,
    CommitmentStatus,
    MeetingMinutesPage,
    Partner,
)
from devdata.demo import ORIGINALS, DemoContext, child_page
from devdata.demo.commitments import commitment_children

S = CommitmentStatus
MINUTES_SLUG = "thriving-communities-sub-committee-minutes"

AGENDA = [
    (
        "Thriving Communities programme",
        "<p>The sub-committee heard how the programme is going. The first £60,000 pot of fast grants is "
        "spent: 84 grassroots groups received between £50 and £500 each. The social action fund opened "
        "in January and 23 groups have expressed an interest. Members asked that more groups be told "
        "about the grants, including schools, and that councillors hear about new funding rounds "
        "before they open.</p>",
        [
            "That an update on the Thriving Communities programme be provided in 12 months.",
            "That councillors be sent the dates of each fast grants round before it opens.",
        ],
    ),
    (
        "Social prescribing",
        "<p>The lead partner described how link workers in GP practices refer people to local groups "
        "rather than only to medicine. Members asked how many referrals lead to lasting support.</p>",
        ["That an update on Social Prescribing be provided in September."],
    ),
    (
        "Thriving Communities Index",
        "<p>Officers showed the index, which rates neighbourhoods of about 2,000 people on the place, "
        "its residents and the demand for services. Members welcomed it.</p>",
        ["That the index be noted."],
    ),
]

# slug, title, summary, partner slug, places, themes, (agenda item, resolution) numbers, due in
# days, status, reason, updates [(days ago, text)]
FROM_RESOLUTIONS = [
    (
        "thriving-communities-update-in-12-months",
        "Report back on the Thriving Communities programme",
        "A full update to the sub-committee a year after this meeting: grants given, groups reached and "
        "what the social action fund paid for.",
        "kelvinford-voluntary-sector-interface",
        ["ashgrove", "harbourside"],
        ["funding"],
        (1, 1),
        220,
        S.IN_PROGRESS,
        "",
        [(40, "Grant records for the year gathered from all 84 groups; the report is being written.")],
    ),
    (
        "fast-grants-dates-for-councillors",
        "Tell councillors the dates of each fast grants round",
        "Councillors receive the opening and closing dates of every fast grants round a month ahead.",
        "kelvinford-voluntary-sector-interface",
        ["ashgrove", "harbourside"],
        ["communications-and-understanding"],
        (1, 2),
        -30,
        S.DONE,
        "The dates of the April and October rounds went to every councillor four weeks ahead, and are now "
        "on the partnership's calendar.",
        [(35, "April round dates sent to all councillors.")],
    ),
    (
        "social-prescribing-update-in-september",
        "Update the sub-committee on social prescribing in September",
        "A report in September on referrals by link workers and how many led to lasting support.",
        "kelvinford-health-board",
        ["ashgrove"],
        ["facilities-and-services"],
        (2, 1),
        -12,
        S.NOT_STARTED,
        "",
        [],
    ),
]


def build_minutes_demo(demo: DemoContext):
    index = CommitmentIndexPage.objects.filter(**ORIGINALS).first()
    if index is None:
        return
    today = timezone.localdate()
    council = Partner.objects.filter(slug="kelvinford-city-council").first()
    minutes, created = child_page(
        index,
        MeetingMinutesPage,
        MINUTES_SLUG,
        title="Thriving Communities Sub-Committee: minutes",
        meeting_name="Community Planning Partnership: Thriving Communities Sub-Committee",
        partner=council,
        date=today - datetime.timedelta(days=150),
        attendees="Councillor Ailsa Brown (Chair)\nCouncillor Imran Shah\nDr Sunita Khan, Kelvinford Health "
        "Board\nMorven Reid, Kelvinford Voluntary Sector Interface",
        apologies="Councillor Tom Gallacher",
        agenda=[
            ("item", {"heading": heading, "minute": minute, "resolutions": [{"text": t} for t in texts]})
            for heading, minute, texts in AGENDA
        ],
    )
    if created:
        demo.say("Created the Thriving Communities sub-committee's minutes")
    minutes = MeetingMinutesPage.objects.get(pk=minutes.pk)  # read back: the resolutions' stored keys
    items = minutes.agenda_items
    partners = {p.slug: p for p in Partner.objects.all()}
    made = 0
    for slug, title, summary, partner, places, themes, (
        item,
        number,
    ), due, status, reason, updates in FROM_RESOLUTIONS:
        if index.get_children().filter(slug=slug).exists() or partner not in partners:
            continue
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
            source_page=minutes,
            recommendation_key=items[item - 1].resolutions[number - 1].key,
            children=commitment_children(demo, places, themes, updates, today),
        )
        made += 1
    if made:
        demo.say(f"Commitments: {made} added from the sub-committee's resolutions")
