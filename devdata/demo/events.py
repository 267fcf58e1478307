"""Demo events: past ones with reports, upcoming ones with bookings (one full, with a waiting list),
hybrid and online events, one whose dates are still to be announced, and a national 'Stronger
Together' conference with parallel Learn & Share workshops. Dates are relative to today, so upcoming
events stay upcoming. Idempotent: events are found by slug and bookings are added only to new events."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents.models import Document

from consultations.models import RecommendationResponse
from devdata.demo import ORIGINALS, DemoContext, child_page
from devdata.demo.images import demo_image
from events.models import Booking, EventIndexPage, EventMaterial, EventPage, EventSession, Interest
from events.models.pages import LONDON
from surveys.feedback.channels import Channel
from surveys.models import Comment, SurveySubmission

HALL_ACCESS = "Step-free entrance from the car park, accessible toilet, hearing loop in the main hall."


def programme_day(day):
    """The first day from `day` that a real programme would use: Monday to Saturday, and not the
    Christmas and New Year holidays (24 December to 4 January), when no one runs a community event."""
    while day.weekday() == 6 or (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 4):
        day += datetime.timedelta(days=1)
    return day


def at(days, hour, minute=0, hours=2):
    """A (start, end) pair `days` from today at `hour`:`minute` UK time."""
    day = programme_day(timezone.localdate() + datetime.timedelta(days=days))
    start = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)
    return start, start + datetime.timedelta(hours=hours)


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


# slug, title, kind, format, days from today, hour, hours, places, themes, summary, extra fields
EVENTS = [
    (
        "ashgrove-library-drop-in",
        "What next for the old library? Drop-in",
        "drop-in",
        "in-person",
        9,
        15,
        3,
        ["ashgrove"],
        ["facilities-and-services", "community-empowerment"],
        "Pop in for a cup of tea and tell us what the empty library building could become.",
        {
            "venue_name": "Ashgrove Community Centre",
            "venue_address": "12 Kiln Road\nAshgrove\nKF2 4AB",
            "capacity": 40,
        },
    ),
    (
        "brackenhill-steering-group-spring",
        "Brackenhill steering group meeting",
        "steering-group",
        "in-person",
        16,
        18,
        2,
        ["brackenhill"],
        ["accountability-and-implementation"],
        "The steering group reviews progress on the ten-year plan. Residents are welcome to observe.",
        {
            "venue_name": "Brackenhill Parish Hall",
            "venue_address": "Church Lane\nBrackenhill\nKF5 1QT",
            "capacity": 6,
            "full": True,
        },
    ),
    (
        "carron-vale-green-spaces-walk",
        "Green spaces walk and talk",
        "workshop",
        "in-person",
        23,
        10,
        2,
        ["carron-vale"],
        ["natural-space", "streets-and-spaces"],
        "A gentle two-kilometre walk along the river path, noting what works and what needs care.",
        {
            "venue_name": "Meet at Carron Vale Bowling Club gates",
            "venue_address": "Riverside Drive\nCarron Vale",
            "latitude": "55.998100",
            "longitude": "-3.784200",
            "capacity": 25,
        },
    ),
    (
        "funding-fair-online",
        "Funding explained: an online session for small groups",
        "workshop",
        "online",
        12,
        19,
        1,
        ["dunmore-park", "eastwood-mill"],
        ["funding"],
        "How grants from £50 to £500 work, what the panel looks for and how to apply in plain English.",
        {
            "joining_details": "Video call link: https://meet.example.org/funding-explained (passcode 4821)",
            "capacity": 80,
        },
    ),
    (
        "fernbank-hybrid-forum",
        "Fernbank community forum",
        "workshop",
        "hybrid",
        30,
        18,
        2,
        ["fernbank"],
        ["representation", "communications-and-understanding"],
        "Join in the room or online to agree the forum's priorities for next year.",
        {
            "venue_name": "Fernbank Learning Centre",
            "venue_address": "3 Station Road\nFernbank\nKF8 2LD",
            "joining_details": "Video call link: https://meet.example.org/fernbank-forum (passcode 1190)",
            "capacity": 50,
        },
    ),
    (
        "glenholm-youth-voices",
        "Youth voices: Glenholm",
        "workshop",
        "in-person",
        37,
        16,
        2,
        ["glenholm"],
        ["play-and-recreation", "influence-and-sense-of-control"],
        "Young people aged 12 to 18 set the agenda for the new youth space.",
        {
            "venue_name": "Glenholm Sports Hub",
            "venue_address": "Park Avenue\nGlenholm\nKF3 7HN",
            "capacity": 30,
        },
    ),
    (
        "harbourside-place-standard",
        "Harbourside Place Standard conversation",
        "workshop",
        "in-person",
        44,
        13,
        3,
        ["harbourside"],
        ["feeling-safe", "care-and-maintenance", "moving-around"],
        "Score the area on the fourteen Place Standard themes and talk about what would make a difference.",
        {
            "venue_name": "Harbourside Seafarers' Mission",
            "venue_address": "Quay Street\nHarbourside\nKF1 9SX",
            "capacity": 35,
        },
    ),
    (
        "kirkton-cross-procurement-session",
        "Community benefits in council contracts",
        "workshop",
        "online",
        51,
        12,
        1,
        ["kirkton-cross"],
        ["procurement"],
        "How community benefit clauses work and how local groups can ask for them.",
        {"joining_details": "Video call link: https://meet.example.org/community-benefits", "capacity": 60},
    ),
    (
        "relationships-review-listening-events",
        "Better relationships review: listening events",
        "workshop",
        "hybrid",
        None,
        0,
        0,
        [],
        ["values", "power-dynamics", "funding"],
        "Events on the draft review of how public bodies and the voluntary sector work together. "
        "Dates are still being arranged: register your interest and we will tell you when they are set.",
        {"interest": ["jamie.demo@example.org", "priya.demo@example.org", "sam.demo@example.org"]},
    ),
    (
        "stronger-together-conference",
        "Stronger Together: a community engagement conference",
        "conference",
        "in-person",
        -40,
        9,
        7,
        ["lochview", "harbourside", "ashgrove"],
        ["community-empowerment", "power-dynamics", "values"],
        "A day of advice, inspiration and connections for community groups and public services.",
        {
            "venue_name": "Lochview Conference Centre",
            "venue_address": "1 Loch Road\nLochview\nKF9 3CC",
            "capacity": 180,
            "attendance": 154,
            "conference": True,
            "report_summary": "Just over 150 people from community groups, charities and public services spent the "
            "day comparing notes. The message we heard most often: do things with communities, not to them.",
        },
    ),
    (
        "lochview-steering-group-autumn",
        "Lochview steering group meeting",
        "steering-group",
        "in-person",
        -21,
        18,
        2,
        ["lochview"],
        ["accountability-and-implementation"],
        "The group agreed its budget for small grants and heard from two funded projects.",
        {
            "venue_name": "Lochview Church Hall",
            "venue_address": "Main Street\nLochview",
            "attendance": 14,
            "report_summary": "Twelve small grants were approved, and the group asked for clearer feedback forms.",
        },
    ),
    (
        "eastwood-mill-heritage-drop-in",
        "Eastwood Mill heritage drop-in",
        "drop-in",
        "in-person",
        -60,
        11,
        4,
        ["eastwood-mill"],
        ["identity-and-belonging"],
        "Old photographs, memories and ideas for marking the mill's two hundredth year.",
        {
            "venue_name": "Eastwood Mill Museum",
            "venue_address": "Mill Lane\nEastwood Mill",
            "attendance": 63,
            "report_summary": "People brought over forty photographs; a volunteer group will now put on an exhibition.",
        },
    ),
    (
        "dunmore-park-housing-workshop",
        "Dunmore Park housing workshop",
        "workshop",
        "in-person",
        -12,
        18,
        2,
        ["dunmore-park"],
        ["housing-and-community"],
        "Tenants and the housing association looked at repairs, damp and how complaints are handled.",
        {
            "venue_name": "Dunmore Park Community Flat",
            "venue_address": "4 Elm Court\nDunmore Park",
            "attendance": 22,
            "report_summary": "Damp was the most raised issue. The association agreed to report back within three months.",
        },
    ),
    (
        "online-coproduction-taster",
        "Co-production taster (online)",
        "workshop",
        "online",
        -5,
        14,
        1,
        [],
        ["community-empowerment", "values"],
        "An hour's introduction to co-production for groups new to working alongside public services.",
        {
            "joining_details": "Video call link: https://meet.example.org/coproduction",
            "attendance": 41,
            "report_summary": "Slides and a short guide are below. A second session is planned for the spring.",
        },
    ),
    (
        "fernbank-transport-drop-in",
        "Buses and bikes: Fernbank transport drop-in",
        "drop-in",
        "in-person",
        58,
        16,
        3,
        ["fernbank", "glenholm"],
        ["public-transport", "traffic-and-parking"],
        "Tell the transport partnership where routes, timetables and cycle paths fall short.",
        {
            "venue_name": "Fernbank Library",
            "venue_address": "8 High Street\nFernbank",
            "capacity": 45,
            "bookings_open": False,
        },
    ),
    (
        "kirkton-cross-summer-fun-day",
        "Kirkton Cross summer fun day planning",
        "workshop",
        "in-person",
        65,
        18,
        2,
        ["kirkton-cross"],
        ["social-contact", "play-and-recreation"],
        "Help plan this year's fun day: stalls, music, and making it welcoming for everyone.",
        {
            "venue_name": "Kirkton Cross Community Café",
            "venue_address": "22 Cross Street\nKirkton Cross",
            "capacity": 20,
        },
    ),
]

WORKSHOPS = [
    ("Participatory budgeting: letting residents decide", "Room 1"),
    ("Co-production in practice", "Room 2"),
    ("Community ownership of assets", "Room 3"),
    ("Green spaces for everyone", "Room 4"),
    ("Community-led support", "Room 1"),
    ("Learning and exchange between communities", "Room 2"),
    ("Getting everyone's voices heard", "Room 3"),
    ("Using the National Standards for Community Engagement", "Room 4"),
]


def conference_sessions():
    sessions = [
        EventSession(
            start_time=datetime.time(9, 30),
            end_time=datetime.time(10, 15),
            title="Welcome and opening conversation",
            room="Main hall",
        )
    ]
    for number, (title, room) in enumerate(WORKSHOPS):
        start = datetime.time(10, 30) if number < 4 else datetime.time(13, 45)
        end = datetime.time(11, 45) if number < 4 else datetime.time(15, 0)
        sessions.append(
            EventSession(
                start_time=start,
                end_time=end,
                title=f"Learn & Share: {title}",
                room=room,
                facilitator="Local practitioners",
                capacity=40,
            )
        )
    sessions.insert(
        5,
        EventSession(
            start_time=datetime.time(12, 45),
            end_time=datetime.time(13, 30),
            title="Film premiere: a short documentary on co-production",
            room="Main hall",
        ),
    )
    sessions.append(
        EventSession(
            start_time=datetime.time(15, 15),
            end_time=datetime.time(16, 0),
            title="Fishbowl conversation and close",
            room="Main hall",
        )
    )
    return sessions


def conference_report():
    return [
        ("heading", {"text": "What we heard", "level": "h2"}),
        paragraph(
            "People came from islands, towns and cities, and from tiny groups as well as national charities. "
            "Co-production came up in almost every workshop: it works when officers and residents share the "
            "problem from the start, not when a plan is brought for comment at the end."
        ),
        (
            "quote",
            {
                "quote": "We saved our community centre because the council sat on our side of the table.",
                "attribution": "A community centre volunteer",
            },
        ),
        paragraph(
            "In the participatory budgeting session, groups asked for simple, local voting rather than long "
            "application forms. The community ownership workshop swapped advice on surveys, insurance and "
            "keeping volunteers going once a building has been taken on."
        ),
        (
            "key_facts",
            {
                "heading": "The day in numbers",
                "facts": [
                    {"value": "154", "label": "people took part"},
                    {"value": "8", "label": "Learn & Share workshops"},
                    {"value": "1", "label": "film premiere"},
                ],
            },
        ),
    ]


def build_event_demo(demo: DemoContext):
    index, created = child_page(
        demo.home,
        EventIndexPage,
        "events",
        title="Events",
        show_in_menus=True,
        introduction="Drop-in sessions, workshops, steering group meetings and conferences. Book a place, "
        "or read what came out of past events.",
    )
    if created:
        demo.say("Created the events index")
    made = 0
    for number, (slug, title, kind, fmt, days, hour, hours, places, themes, summary, extra) in enumerate(
        EVENTS
    ):
        extra = dict(extra)
        full, interest = extra.pop("full", False), extra.pop("interest", [])
        conference = extra.pop("conference", False)
        materials = extra.pop("materials", [])
        start, end = at(days, hour, hours=hours) if days is not None else (None, None)
        fields = {
            "title": title,
            "kind": kind,
            "format": fmt,
            "summary": summary,
            "start": start,
            "end": end,
            "dates_tba": days is None,
            "organiser": "Kelvinford Community Planning Partnership",
            "contact_email": "events@example.org",
            "venue_accessibility": HALL_ACCESS if fmt != "online" else "",
            "body": [paragraph(summary + " Everyone is welcome; there is no need to prepare anything.")],
            **extra,
        }
        if materials:
            fields.setdefault("children", {})["materials"] = [
                EventMaterial(document=demo_document(title)) for title in materials
            ]
        if conference:
            fields.setdefault("children", {})["sessions"] = conference_sessions()
            fields["report_body"] = conference_report()
            fields["max_places_per_booking"] = 2
        event, created = child_page(index, EventPage, slug, **fields)
        if not created:
            continue
        made += 1
        event.places.set([demo.places[p] for p in places if p in demo.places])
        event.themes.set([demo.themes[t] for t in themes if t in demo.themes])
        if number % 4 == 0 and fmt != "online":
            event.body.append(
                (
                    "image",
                    {
                        "image": demo_image(f"{title}: the venue", 40 + number),
                        "alt_text": "An illustration of rooftops and hills near the venue.",
                        "caption": "",
                        "credit": "",
                    },
                )
            )
            event.save(update_fields=["body"])
        event.save_revision().publish()
        add_demo_people(event, full=full, interest=interest)
    if made:
        demo.say(f"Created {made} events")
    link_event_responses()


# Which past event the demo's "at an event" answers were given at (surveys and consultations demos
# mark them before the events exist).
RESPONSE_EVENTS = {"survey": "lochview-steering-group-autumn", "review": "stronger-together-conference"}


def link_event_responses():
    events = {
        page.slug: page for page in EventPage.objects.filter(slug__in=RESPONSE_EVENTS.values(), **ORIGINALS)
    }
    survey_event, review_event = (events.get(slug) for slug in RESPONSE_EVENTS.values())
    unlinked = {"channel": Channel.EVENT, "event__isnull": True}
    if survey_event:
        SurveySubmission.objects.filter(**unlinked).update(event=survey_event)
    if review_event:
        RecommendationResponse.objects.filter(**unlinked).update(event=review_event)
        Comment.objects.filter(**unlinked).update(event=review_event)


def demo_document(title):
    document = Document.objects.filter(title=title).first()
    if document is None:
        text = f"{title}\n\nDemo material written for this site.\n".encode()
        document = Document.objects.create(title=title, file=ContentFile(text, name=f"{slugify(title)}.txt"))
    return document


def add_demo_people(event, *, full, interest):
    """Demo bookings (fictional names at example.org) so lists, capacity and the waiting list show."""
    for email in interest:
        Interest.objects.get_or_create(
            event=event, email=email, defaults={"name": email.split(".")[0].title()}
        )
    if event.dates_tba or event.capacity is None:
        return
    confirmed = event.capacity if full else min(3, event.capacity)
    for number in range(confirmed):
        Booking.objects.create(
            event=event, name=f"Demo resident {number + 1}", email=f"demo{number + 1}@example.org"
        )
    if full:
        for number in range(2):
            Booking.objects.create(
                event=event,
                name=f"Demo waiting {number + 1}",
                email=f"waiting{number + 1}@example.org",
                status=Booking.Status.WAITING,
            )
