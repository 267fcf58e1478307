"""Demo discussion: a standalone question with comments in every state, replies, an official
response, reports and agreements. Idempotent: comments are added only to a page that has none."""

import hashlib

from django.utils import timezone

from devdata.demo import DemoContext, child_page
from surveys.models import Comment, DiscussionPage, ModerationEvent, Reaction, Report

HALL_INTRO = (
    "The Kirkton Cross community hall reopens in the spring after its new roof and heating. "
    "Before we set the timetable and the booking prices, tell us what you would use it for."
)

# (key, parent key, name, place slug the resident gave, stance, category, state, agreements, days ago, text).
# Every comment is filed under the discussion's theme, as posted comments are.
COMMENTS = [
    (
        "toddlers",
        None,
        "Aileen",
        "kirkton-cross",
        "for",
        "suggestion",
        "published",
        14,
        20,
        "Could the main hall be kept free for parent and toddler groups on weekday mornings? Since the "
        "library moved there is nowhere warm and dry for us to meet, and the café is too small for buggies.",
    ),
    (
        "toddlers-reply",
        "toddlers",
        "Tam",
        "kirkton-cross",
        "",
        "",
        "published",
        5,
        18,
        "Seconded. My two would have loved this, and it would help the new families on the Brae estate "
        "get to know people.",
    ),
    (
        "toddlers-official",
        "toddlers",
        "Kelvinford Community Partnership",
        "",
        "",
        "",
        "official",
        0,
        12,
        "Thank you, Aileen and Tam. We are pricing weekday morning sessions for groups with young "
        "children and will bring the figures to the steering group meeting in March.",
    ),
    (
        "noise",
        None,
        "Graham",
        "harbourside",
        "against",
        "concern",
        "published",
        6,
        16,
        "I live across the lane. Please finish late events by ten on weeknights and make sure people "
        "leave quietly: the last tenants had parties going on past one in the morning.",
    ),
    (
        "prices",
        None,
        "Priya",
        "glenholm",
        "neutral",
        "question",
        "published",
        9,
        11,
        "Who decides the booking prices, and will local clubs and charities pay less than private "
        "parties? A fair rate for volunteers would make a big difference.",
    ),
    (
        "prices-reply",
        "prices",
        "Duncan",
        "",
        "",
        "",
        "published",
        2,
        9,
        "The old committee had a half rate for registered charities. It would be good to keep that.",
    ),
    (
        "repair-cafe",
        None,
        "Ruth",
        "fernbank",
        "for",
        "suggestion",
        "pending",
        0,
        2,
        "A repair café once a month? Bring a broken toaster or a torn jacket and a volunteer helps you "
        "fix it. It brings people together and keeps things out of landfill.",
    ),
    (
        "rude",
        None,
        "Fed up",
        "",
        "against",
        "",
        "flagged",
        1,
        6,
        "Whoever is running this hall has no idea what they are doing and should be sacked. Total waste "
        "of everyone's money.",
    ),
    (
        "spam",
        None,
        "Best Deals",
        "",
        "",
        "",
        "rejected",
        0,
        8,
        "Cheap loans approved in minutes, visit our website today for the best rates around!",
    ),
]


def person(key, n):
    return hashlib.sha256(f"demo|{key}|{n}".encode()).hexdigest()


def build_discussion_demo(demo: DemoContext):
    page, created = child_page(
        demo.home,
        DiscussionPage,
        "community-hall",
        title="How should the community hall be used?",
        intro=HALL_INTRO,
        comment_publishing="moderate",
        allow_stance=True,
        allow_category=True,
        place=demo.places["kirkton-cross"],
        theme=demo.themes["facilities-and-services"],
    )
    if created:
        demo.say(f"Discussion page: {page.title}")
    if page.feedback_comments.exists():
        return
    now = timezone.now()
    made = {}
    for key, parent, name, place, stance, category, state, agrees, days, text in COMMENTS:
        official = state == "official"
        posted = now - timezone.timedelta(days=days)
        comment = Comment.objects.create(
            page=page,
            parent=made.get(parent),
            place=demo.places.get(place),
            theme_id=page.theme_id,
            display_name=name,
            email="" if official else f"{key}@example.org",
            body=text,
            stance=stance,
            category=category,
            state=Comment.State.PUBLISHED if official else state,
            is_official_response=official,
            agree_count=agrees,
            source_path=page.url or "",
            created_at=posted,
            published_at=posted if state in ("published", "official", "flagged") else None,
        )
        made[key] = comment
        Reaction.objects.bulk_create(
            Reaction(comment=comment, participant=person(key, n)) for n in range(agrees)
        )
        if state == "flagged":
            reasons = [Report.Reason.ABUSIVE, Report.Reason.ABUSIVE, Report.Reason.OFF_TOPIC]
            for n, reason in enumerate(reasons):
                Report.objects.create(comment=comment, participant=person(f"report-{key}", n), reason=reason)
            comment.report_count = len(reasons)
            comment.save(update_fields=["report_count"])
            ModerationEvent.objects.create(
                comment=comment,
                action="flagged",
                from_state="published",
                to_state="flagged",
                reason="Reported by 3 people",
            )
        if state == "rejected":
            ModerationEvent.objects.create(
                comment=comment,
                action="rejected",
                from_state="pending",
                to_state="rejected",
                reason="Advertising, not about the hall.",
            )
    demo.say(f"Discussion comments: {len(made)}")
