"""Demo reviews: 'Better Relationships, Better Outcomes' open for feedback, one closed review with its
outcome published, and one upcoming. Idempotent: pages are looked up by slug, and comments and
agreement are only added to a review this run created."""

import datetime
import hashlib
import itertools

from django.utils import timezone

from consultations.models import (
    OutcomeItem,
    RecommendationResponse,
    ReviewIndexPage,
    ReviewPage,
    ReviewSection,
)
from devdata.demo import DemoContext, child_page
from surveys.feedback.channels import Channel
from surveys.models import Comment

# (theme slug, title, where we are now, where we want to be, recommendations)
KEY_AREAS = [
    (
        "values",
        "Values",
        "Councils and community groups both say they want the best for the city, yet they often start "
        "from different assumptions. Groups feel judged by rules written for large institutions; officers "
        "feel groups do not always see the pressure public money is under.",
        "A short, shared statement of what each side can expect from the other, written together, "
        "reviewed every year and used when things go wrong, not filed away.",
        [
            "Replace the old concordat with a shared charter of values that both sides sign and review each year.",
            "Judge partnerships by how people's lives change, not only by how forms are completed.",
            "Name a senior champion on each side who is answerable when the charter is not kept.",
        ],
    ),
    (
        "power-dynamics",
        "Power dynamics",
        "Whoever holds the budget tends to set the agenda. Community organisations are usually invited in "
        "once decisions are already shaped, and many feel they cannot disagree without putting their "
        "funding at risk.",
        "Groups are involved from the first conversation about a problem, can challenge without fear, "
        "and decisions say openly who made them and why.",
        [
            "Bring voluntary sector partners in when a problem is first defined, not when a plan is nearly final.",
            "Give partnership boards a clear way to record disagreement and the reasons for the final decision.",
            "Keep funding decisions separate from the people who sit with groups in partnership meetings.",
        ],
    ),
    (
        "community-empowerment",
        "Community empowerment",
        "Some neighbourhoods run halls, gardens and services themselves, but the route to taking on a "
        "building or a budget is slow and hard to follow. Smaller groups give up part way through.",
        "Any community group can find out in one place how to take on an asset or run a service, and "
        "gets practical help and a named contact from the start.",
        [
            "Publish one plain-language guide to taking on land, buildings and services, with realistic timescales.",
            "Fund local anchor organisations to mentor smaller groups through asset transfer and participatory budgeting.",
            "Set a target share of local budgets to be decided by residents each year.",
        ],
    ),
    (
        "funding",
        "Funding",
        "Most grants run for a single year and arrive late. Groups spend weeks on applications and reports "
        "that ask the same questions in different ways, and staff are kept on short contracts.",
        "Funding that lasts long enough to plan, is paid on time, and asks only what is needed in a "
        "shared format that every public funder accepts.",
        [
            "Offer three-year funding as the normal term for services that are meant to continue.",
            "Agree one application and monitoring template across the council, health board and other public funders.",
            "Confirm continuing grants at least three months before they end, and pay them on the first day.",
            "Keep a fast small-grants route for amounts under £500 with a decision within two weeks.",
        ],
    ),
    (
        "representation",
        "Representation",
        "The same few larger organisations tend to speak for the whole sector. Groups led by disabled "
        "people, minority ethnic communities and LGBTQ+ people say they are rarely in the room.",
        "Partnership seats are shared fairly, people are supported to take part, and those who sit at the "
        "table report back to the communities they speak for.",
        [
            "Elect sector representatives through an open process with fixed terms.",
            "Pay expenses and time for volunteers and small groups who join boards and working groups.",
            "Reserve places for groups led by people from communities who are seldom heard.",
        ],
    ),
    (
        "communications-and-understanding",
        "Communications and understanding",
        "Public bodies and community groups each use their own language and processes. Changes are "
        "announced late, and it is hard to know who to call when something goes wrong.",
        "Regular, two-way contact in plain language, with each side knowing how the other works and "
        "who to speak to.",
        [
            "Hold a joint briefing every quarter on budgets, plans and upcoming changes.",
            "Publish a directory of named contacts for each council service that works with the sector.",
            "Run short job swaps and shadowing between council officers and community workers.",
        ],
    ),
    (
        "procurement",
        "Procurement",
        "Tender rules are written with large providers in mind. Small local organisations cannot meet the "
        "paperwork or insurance thresholds, and social value counts for little in scoring.",
        "Buying that lets local groups compete or bid together, and that gives real weight to the wider "
        "good a service does for the area.",
        [
            "Split large contracts into lots that local organisations can realistically bid for.",
            "Give social value at least a fifth of the score in service tenders.",
            "Support groups to form consortia and to bid jointly.",
        ],
    ),
    (
        "accountability-and-implementation",
        "Accountability and implementation",
        "Earlier reviews made sensible recommendations that faded away. Nobody was responsible for "
        "checking progress and the sector could not see what had changed.",
        "Every recommendation has an owner, a date and a public progress report, and the sector helps "
        "judge whether it has been done.",
        [
            "Publish an action plan with an owner and a date for every recommendation agreed.",
            "Report progress publicly twice a year, with the sector's own view alongside.",
            "Review the whole relationship again in three years using the same key areas.",
        ],
    ),
]

COMMENTS = [
    (
        "funding",
        "Aileen",
        "for",
        "A three-year grant would let us keep our youth worker instead of losing her every March.",
    ),
    (
        "funding",
        "Tam",
        "for",
        "One form for every funder, please. We filled in four versions of the same budget last year.",
    ),
    (
        "funding",
        "Priya",
        "neutral",
        "Longer funding is welcome, but please keep a way in for new groups too.",
    ),
    (
        "representation",
        "Joseph",
        "for",
        "Paying people for their time matters. Our members cannot take unpaid days off for meetings.",
    ),
    (
        "representation",
        "Sam",
        "against",
        "Reserved seats can become token seats unless the people in them have real influence.",
    ),
    (
        "power-dynamics",
        "Morag",
        "for",
        "We were asked for views after the plan had been printed. Ask us first.",
    ),
    ("values", "Kiran", "neutral", "A charter is only as good as what happens when it is broken."),
    ("procurement", "Dougie", "for", "Smaller lots would let our social enterprise bid for the first time."),
    (
        "community-empowerment",
        "Fiona",
        "for",
        "Taking on our hall took four years. A clear guide would have saved half of that.",
    ),
    (
        "accountability-and-implementation",
        "Grace",
        "for",
        "Please publish progress even when it is slow. Silence is what loses trust.",
    ),
    (
        "communications-and-understanding",
        "Ahmed",
        "for",
        "A named contact would make all the difference when a payment goes missing.",
    ),
]


# Easy Read summaries editors wrote for some key areas (by theme slug): short sentences, one idea each.
EASY_READ = {
    "values": "<p>The council and local groups want good things for the city.</p><p>But they do not "
    "always trust each other.</p><p>We want them to write down together how they will treat each "
    "other.</p><p>They should check every year that they keep their word.</p>",
    "power-dynamics": "<p>The people with the money usually decide.</p><p>Local groups are asked too "
    "late.</p><p>We want groups to be asked at the start.</p><p>Groups should be able to disagree without "
    "losing their money.</p>",
    "community-empowerment": "<p>Some groups run halls and gardens.</p><p>Taking on a building is slow and "
    "hard.</p><p>We want one simple guide, and a person to help.</p>",
}


def _hash(seed):
    return hashlib.sha256(f"demo-{seed}".encode()).hexdigest()


def _sections(themes, areas):
    return [
        ReviewSection(
            sort_order=order,
            theme=themes[slug],
            title=title,
            where_now=f"<p>{now}</p>",
            where_next=f"<p>{want}</p>",
            recommendations=[("recommendation", {"text": text}) for text in recs],
            easy_read=EASY_READ.get(slug, ""),
        )
        for order, (slug, title, now, want, recs) in enumerate(areas)
    ]


def build_demo(demo: DemoContext):
    today = timezone.localdate()
    index, _ = child_page(
        demo.home,
        ReviewIndexPage,
        "consultations",
        title="Consultations",
        show_in_menus=True,
        introduction="Draft plans and reviews you can read and respond to, part by part, and what "
        "changed as a result.",
    )
    places = demo.places
    review, created = child_page(
        index,
        ReviewPage,
        "better-relationships-better-outcomes",
        title="Better Relationships, Better Outcomes",
        summary="A draft review of how public bodies and the city's voluntary sector work together, "
        "with eight key areas and recommendations for change in each.",
        run_by="The Review Group of voluntary sector leaders, for the Social Recovery Task Force",
        contact_name="The review team",
        contact_email="review@example.org",
        opening_date=today - datetime.timedelta(days=14),
        closing_date=today + datetime.timedelta(days=42),
        introduction="<p>After the pandemic, the city set up a Social Recovery Task Force to find better "
        "ways of meeting people's needs. This review is part of that work. It asks how councils, the "
        "health board and other public bodies could work better with community and voluntary "
        "organisations.</p><p>For each of eight key areas the Review Group asked three questions: where "
        "are we now, where do we want to be, and what should change? The draft is meant to start a "
        "conversation, so tell us where you agree, where you do not, and what we have missed.</p>",
        how_to_take_part="<p>Say whether you agree with each recommendation and comment on any key area "
        "below. There is also a short general survey, and the Review Group will hold events once dates "
        "are set.</p>",
        comment_publishing="immediate",
        allow_stance=True,
        children={
            "sections": _sections(demo.themes, KEY_AREAS),
            "places": [
                places[slug] for slug in ("ashgrove", "harbourside", "kirkton-cross") if slug in places
            ],
            "themes": [demo.themes[slug] for slug, *_ in KEY_AREAS],
        },
    )
    if created:
        _add_feedback(review, places)
        demo.say("Consultations: 'Better Relationships, Better Outcomes' open for feedback")

    closed, created = child_page(
        index,
        ReviewPage,
        "community-halls-opening-hours",
        title="Community halls opening hours",
        summary="Proposals to change when council-run community halls open, so more groups can use them "
        "in the evenings and at weekends.",
        run_by="Neighbourhood Services",
        contact_email="halls@example.org",
        opening_date=today - datetime.timedelta(days=120),
        closing_date=today - datetime.timedelta(days=60),
        introduction="<p>We asked hall users and neighbours how opening hours should change.</p>",
        children={
            "sections": _sections(
                demo.themes,
                [
                    (
                        "community-empowerment",
                        "Evening and weekend opening",
                        "Most halls close at 6pm and stay shut on Sundays.",
                        "Halls open when people are free to use them.",
                        ["Open every hall until 9pm on weekdays.", "Open on Sunday afternoons."],
                    ),
                    (
                        "funding",
                        "Letting charges",
                        "Charges are the same for a wedding party and a toddler group.",
                        "Community groups pay a fair, lower rate.",
                        ["Introduce a community rate at half the standard charge."],
                    ),
                ],
            ),
            "places": [places[slug] for slug in ("fernbank", "glenholm") if slug in places],
        },
    )
    if created:
        evening, charges = closed.section_list
        recs = evening.recommendation_list
        closed.outcome_published = True
        closed.outcome_summary = "<p>Over two months, 214 people told us what they thought. Most "
        closed.outcome_summary += "supported later opening; fewer wanted Sunday opening than we expected.</p>"
        closed.outcome_items = [
            OutcomeItem(
                target_key=recs[0].key,
                decision="changed",
                you_said="Later opening was welcome, but 9pm every night was more than most halls need.",
                we_did="Halls now open until 9pm on three weekdays chosen by each hall committee.",
            ),
            OutcomeItem(
                target_key=recs[1].key,
                decision="dropped",
                you_said="Few groups would use Sunday afternoons and neighbours were worried about noise.",
                we_did="We kept Sunday closing and will look again in a year.",
            ),
            OutcomeItem(
                target_key=charges.key,
                decision="kept",
                you_said="Groups strongly supported a lower community rate.",
                we_did="The community rate starts next April.",
            ),
        ]
        closed.save_revision().publish()
        demo.say("Consultations: a closed review with its outcome published")

    _, created = child_page(
        index,
        ReviewPage,
        "green-spaces-strategy",
        title="Green spaces strategy",
        summary="A draft plan for parks, paths and growing spaces over the next ten years.",
        run_by="Parks and Open Spaces",
        contact_email="parks@example.org",
        opening_date=today + datetime.timedelta(days=21),
        closing_date=today + datetime.timedelta(days=77),
        introduction="<p>Feedback opens soon. Read the draft now and come back to respond.</p>",
        children={
            "sections": _sections(
                demo.themes,
                [
                    (
                        "natural-space",
                        "Parks and paths",
                        "Some parks are well used, others feel neglected.",
                        "A good green space within a ten-minute walk of every home.",
                        ["Map every home's walking distance to a park and fill the gaps first."],
                    )
                ]
                if "natural-space" in demo.themes
                else [],
            ),
        },
    )
    if created:
        demo.say("Consultations: an upcoming review")


# How the agree / disagree answers came in: mostly online, some from paper forms and an event.
RESPONSE_CHANNELS = [Channel.ONLINE] * 5 + [Channel.PAPER, Channel.EVENT]


def _add_feedback(review, places):
    place_cycle = itertools.cycle(
        [places[s] for s in ("ashgrove", "harbourside", "kirkton-cross", "fernbank") if s in places] or [None]
    )
    sections = {section.theme.slug: section for section in review.section_list}
    now = timezone.now()
    comments = []
    for n, (slug, name, stance, body) in enumerate(COMMENTS):
        section = sections[slug]
        comments.append(
            Comment(
                page=review,
                section_key=section.key,
                section_label=section.title,
                theme=section.theme,
                place=next(place_cycle),
                display_name=name,
                email=f"{name.lower()}@example.org",
                # Every fourth came on a paper response form, typed in by staff.
                channel=Channel.PAPER if n % 4 == 3 else Channel.ONLINE,
                body=body,
                stance=stance,
                state=Comment.State.PUBLISHED,
                published_at=now - datetime.timedelta(hours=n * 7),
                notify_on_outcome=n % 2 == 0,
            )
        )
    Comment.objects.bulk_create(comments)

    responses = []
    pattern = ["agree", "agree", "agree", "disagree", "unsure", "agree", "disagree"]
    for s, section in enumerate(review.section_list):
        for r, rec in enumerate(section.recommendation_list):
            for person in range(6 + (s * 3 + r) % 9):
                responses.append(
                    RecommendationResponse(
                        review=review,
                        section_key=section.key,
                        recommendation_key=rec.key,
                        choice=pattern[(person + s + r) % len(pattern)],
                        place=next(place_cycle),
                        theme=section.theme,
                        participant=_hash(f"{review.pk}-{person}"),
                        channel=RESPONSE_CHANNELS[(person + s) % len(RESPONSE_CHANNELS)],
                    )
                )
    RecommendationResponse.objects.bulk_create(responses)
