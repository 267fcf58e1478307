"""Demo Stories of Place: twenty stories across the ten places, told by residents, groups and staff,
and a few residents' submissions waiting for moderation. Idempotent: looked up by slug or title."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from devdata.demo import DemoContext, child_page
from devdata.demo.images import demo_image
from stories.models import StoryIndexPage, StoryPage, StorySubmission

R, G, S = StoryPage.Teller.RESIDENT, StoryPage.Teller.GROUP, StoryPage.Teller.STAFF

# slug, title, place, themes, (teller type, name), standfirst, paragraphs, quote (text, by), facts, tags
STORIES = [
    (
        "allotments-that-feed-a-street",
        "The allotments that feed a street",
        "ashgrove",
        ["natural-space", "social-interaction"],
        (R, "Jean, Ashgrove"),
        "Twenty-two plots on the old brickworks site now grow enough veg to supply the Friday food larder.",
        [
            "When the brickworks closed, the land sat empty for years behind a fence. A handful of us asked the council whether we could grow on it, and after a long wait we got a five-year lease.",
            "Now there are twenty-two plots, a shared polytunnel and a shed where somebody always has the kettle on. Whatever we cannot eat goes to the food larder at the church hall on Fridays.",
        ],
        ("I came for the tomatoes and stayed for the people.", "Jean, plot 14"),
        [("22", "plots in use"), ("40 kg", "of veg to the larder each week in summer")],
        ["allotments", "food"],
    ),
    (
        "youth-football-keeps-going",
        "How Ashgrove Youth FC kept going",
        "ashgrove",
        ["play-and-recreation", "funding"],
        (G, "Ashgrove Youth FC"),
        "When the pitch fees went up, the club nearly folded. Parents, a local builder and a small grant kept 120 children playing.",
        [
            "Our club runs eight teams from under-8s to under-16s. Last year the pitch hire doubled and we had three weeks to find the money.",
            "Parents ran a sponsored walk, a builder in the estate paid for new nets and the development trust helped us apply for a small grant. The grant form was the hardest part: twelve pages for £1,500.",
        ],
        ("The kids never knew how close it was. That is how it should be.", "Club treasurer"),
        [("120", "children playing every week"), ("8", "teams")],
        ["football", "young people"],
    ),
    (
        "saturday-market-returns",
        "The Saturday market returns to Brackenhill",
        "brackenhill",
        ["streets-and-spaces", "social-interaction"],
        (G, "Brackenhill Traders' Group"),
        "Six empty units, one borrowed gazebo and a lot of persuasion: how the high street got its market back.",
        [
            "We started with four stalls outside the old bank. By the third month there were twenty, and two of the stallholders have since taken on empty shops.",
            "The hardest part was the paperwork for street trading. The council's town centre officer sat down with us and worked through it line by line, which made all the difference.",
        ],
        ("People stop and talk again. That is what a high street is for.", "Stallholder selling bread"),
        [("20", "stalls most Saturdays"), ("2", "empty shops reopened")],
        ["high-street", "markets"],
    ),
    (
        "lighting-the-riverside-path",
        "Lighting the riverside path",
        "brackenhill",
        ["feeling-safe", "moving-around"],
        (R, "Amira, Brackenhill"),
        "For years the quickest way to the station was a path nobody wanted to use after dark. Residents mapped it, and the lights went in last winter.",
        [
            "A group of us walked the path one November evening with torches and a clipboard. We marked every dark corner, every broken bench and every place you could not see ahead.",
            "We took the map to the community council. It went into the locality plan, and the new lights were switched on in January. I walk home that way now.",
        ],
        ("I used to add twenty minutes to my journey to avoid it.", "Amira"),
        [("34", "new lights"), ("1.2 km", "of path")],
        ["lighting", "walking"],
    ),
    (
        "the-last-bus-at-seven",
        "The last bus at seven",
        "carron-vale",
        ["public-transport", "facilities-and-services"],
        (R, "Tom, Carron Vale"),
        "Without a car, an evening in town means a taxi home or not going at all. Volunteer drivers have started to fill the gap.",
        [
            "I stopped driving after my eyesight went. The village has a good bus in the daytime, but the last one back leaves town at seven.",
            "The community transport scheme now runs a Thursday evening car for anyone who needs it. It is a small thing, but it means I can go to the cinema club again.",
        ],
        ("Being stuck in the house is its own kind of illness.", "Tom"),
        [("7pm", "last bus from town"), ("14", "volunteer drivers")],
        ["buses", "older people"],
    ),
    (
        "lunch-club-at-the-village-hall",
        "Forty years of the lunch club",
        "carron-vale",
        ["social-interaction", "community-empowerment"],
        (G, "Carron Vale Lunch Club"),
        "Every Wednesday since 1985, volunteers have cooked a two-course lunch in the village hall. This is how they plan to keep going.",
        [
            "The lunch club started when a few neighbours noticed how many older people ate alone. Today it serves around thirty lunches a week, cooked by a rota of twelve volunteers.",
            "Our oldest volunteer is 84. We are now working with the primary school so that older pupils help serve, and some of their parents have joined the rota.",
        ],
        ("It was never about the soup.", "Founding volunteer"),
        [("30", "lunches a week"), ("1985", "year the club began")],
        ["older people", "volunteering"],
    ),
    (
        "new-homes-same-neighbours",
        "New homes, same neighbours",
        "dunmore-park",
        ["housing-and-community", "having-a-say"],
        (R, "Grace, Dunmore Park"),
        "Two tower blocks are coming down. Tenants fought to make sure the people who lived there can come back to the new homes.",
        [
            "I lived on the fourteenth floor for thirty years. When the demolition was announced, the worry was not the building work but being scattered across the city.",
            "The tenants' group insisted on a right to return, and it is now written into the regeneration plan. I have seen the plans for my new flat, and I know who my neighbours will be.",
        ],
        ("You cannot rebuild a community from a drawing.", "Grace"),
        [("210", "households with a right to return"), ("2028", "when the new homes are due")],
        ["regeneration", "tenants"],
    ),
    (
        "playpark-designed-by-children",
        "A playpark designed by children",
        "dunmore-park",
        ["play-and-recreation", "having-a-say"],
        (S, "Parks and Open Spaces team"),
        "Pupils at two primary schools drew, voted on and tested the new playpark at the foot of the regeneration site.",
        [
            "We asked the children what they wanted, expecting slides and swings. They asked for places to hide, things to climb that look like trees and somewhere for their grandparents to sit.",
            "The final design came from forty drawings and a vote in both schools. Children from the school council came to the site to test the equipment before it opened.",
        ],
        ("The benches were the children's idea. We would not have thought of them.", "Play officer"),
        [("40", "drawings submitted"), ("2", "schools voting")],
        ["play", "young people"],
    ),
    (
        "weaving-shed-arts-centre",
        "Life in the old weaving shed",
        "eastwood-mill",
        ["identity-and-belonging", "jobs-and-places-to-work"],
        (G, "Weaving Shed Arts"),
        "The mill closed in 1987. Its weaving shed is now a busy arts centre with studios, a café and a training kitchen.",
        [
            "When we took on the building it had no roof over the back half. A community share offer raised enough to start, and volunteers did much of the clearing.",
            "Today there are eighteen studios and a café that trains young people for jobs in hospitality. Former mill workers come in to tell visitors what the looms sounded like.",
        ],
        ("My mother worked here. Now my son runs the café kitchen.", "A local family"),
        [("18", "artists' studios"), ("600", "community shareholders")],
        ["heritage", "arts"],
    ),
    (
        "back-to-work-after-the-mill",
        "Back to work, thirty years on",
        "eastwood-mill",
        ["jobs-and-places-to-work", "power-dynamics"],
        (S, "Employability team"),
        "A jobs club in the library is helping people the labour market left behind, on their own terms.",
        [
            "Many of the people we meet were told for years what they should do. We start by asking what they want to do and what gets in the way.",
            "Often the barrier is practical: no childcare, no bus at the right time, no internet at home. Fixing those has done more than any CV workshop.",
        ],
        ("Nobody here treats you like a number.", "Jobs club member"),
        [("85", "people into work last year"), ("3", "mornings a week")],
        ["jobs", "library"],
    ),
    (
        "thirty-languages-one-playground",
        "Thirty languages, one playground",
        "fernbank",
        ["identity-and-belonging", "representation"],
        (R, "Yusuf, Fernbank"),
        "Our primary school hears more than thirty languages at home time. Parents set up a welcome group so no family arrives alone.",
        [
            "When we arrived I did not know how school dinners worked, or what a parents' evening was. Another mum explained it all in Arabic over a cup of tea.",
            "Now a group of us meets new families in their first week. We have volunteers for twelve languages and a list of who to ask for everything else.",
        ],
        ("Everyone here was new once.", "Yusuf"),
        [("30+", "languages at the school"), ("12", "languages our volunteers speak")],
        ["newcomers", "schools"],
    ),
    (
        "a-seat-on-the-partnership-board",
        "A seat on the partnership board",
        "fernbank",
        ["representation", "power-dynamics"],
        (G, "Fernbank Women's Network"),
        "For years the local partnership met in the daytime in the council chambers. Changing when and where it meets changed who comes.",
        [
            "We asked why no one from our network sat on the partnership. The answer was that nobody had been invited, and the meetings were at two in the afternoon.",
            "Meetings now rotate between community venues and two each year are in the evening with childcare provided. Three members of our network now sit on the board.",
        ],
        ("Being asked to the table is not the same as being listened to. We needed both.", "Network chair"),
        [("3", "network members on the board"), ("2", "evening meetings a year")],
        ["partnerships", "women"],
    ),
    (
        "the-garden-that-brought-us-out",
        "The garden that brought us out",
        "glenholm",
        ["natural-space", "social-interaction"],
        (R, "Margaret, Glenholm"),
        "After my husband died I hardly left the house. Then a neighbour asked me to help water the community garden.",
        [
            "It was only meant to be for a fortnight while she was on holiday. I am still there three years later, mostly on Tuesday mornings.",
            "There are about twenty of us now, most of us over seventy. The garden has raised beds so you do not need to kneel, and the primary school helps with the planting in spring.",
        ],
        ("The plants needed me, and it turned out I needed them.", "Margaret"),
        [("20", "regular gardeners"), ("3", "years since it opened")],
        ["gardening", "older people"],
    ),
    (
        "tea-dance-on-thursdays",
        "Thursday tea dance",
        "glenholm",
        ["social-interaction", "care-and-maintenance"],
        (S, "Community Connector, Glenholm"),
        "The tea dance began as a one-off. It is now a weekly fixture that health visitors and GPs recommend.",
        [
            "We organised a single afternoon for Silver Sunday, with a borrowed sound system and homemade cakes. Sixty people came, and the first question was 'when is the next one?'.",
            "The church lets us use the hall for free, and local businesses take turns with the baking. The GP practice now suggests it to patients who are lonely.",
        ],
        ("Nobody asks how you are feeling. They ask you to dance.", "Regular dancer"),
        [("60", "people at the first dance"), ("£0", "hall hire, thanks to the church")],
        ["dance", "older people", "loneliness"],
    ),
    (
        "harbour-open-day",
        "When the harbour opened its gates",
        "harbourside",
        ["identity-and-belonging", "social-interaction"],
        (G, "Harbourside Residents' Forum"),
        "New flat owners and long-standing tenants rarely met. An open day at the working harbour changed that, for an afternoon at least.",
        [
            "We wanted an event that belonged to everybody, old residents and new. The harbour master agreed to open the gates for a day for the first time in years.",
            "Fishermen showed children around the boats, the flats' management company paid for a ceilidh band and the old seamen's mission served soup. More than five hundred people came.",
        ],
        (
            "I have lived here six years and never spoken to a fisherman until today.",
            "Resident of the new flats",
        ),
        [("500+", "visitors"), ("1", "day the gates were open")],
        ["harbour", "events"],
    ),
    (
        "fixing-the-stairwell-lights",
        "Who fixes the stairwell lights?",
        "harbourside",
        ["care-and-maintenance", "accountability-and-implementation"],
        (R, "Daniel, Harbourside"),
        "A broken light reported eleven times. Tenants started logging every repair and publishing the list, and things started to move.",
        [
            "Our stairwell light was out for four months. Every time I phoned, I got a new reference number and nothing happened.",
            "The tenants' association started a shared list of every repair and how long it had been waiting, and brought it to every meeting with the landlord. Average waits have halved.",
        ],
        ("Writing it down made it real.", "Daniel"),
        [("11", "reports of one broken light"), ("half", "the average wait since")],
        ["repairs", "tenants"],
    ),
    (
        "a-safe-crossing-at-last",
        "A safe crossing at last",
        "kirkton-cross",
        ["moving-around", "community-empowerment"],
        (G, "Kirkton Cross Tenants' Federation"),
        "Fifty years after the dual carriageway split the community, a signal crossing links the two halves again.",
        [
            "Our federation was founded in 1976 to campaign for a safe crossing. Three generations of tenants kept the campaign going through petitions, surveys and public meetings.",
            "The new crossing opened in the spring. Children from both sides now walk to the same school, and the community centre sees faces from across the road.",
        ],
        (
            "My grandmother signed the first petition. My son pressed the button on opening day.",
            "Federation secretary",
        ),
        [("50", "years of campaigning"), ("1,400", "people crossing each day")],
        ["campaigns", "roads"],
    ),
    (
        "budget-day-in-kirkton",
        "Residents decide how to spend £50,000",
        "kirkton-cross",
        ["community-empowerment", "funding"],
        (S, "Community Planning team"),
        "Participatory budgeting in Kirkton Cross: eighteen local ideas, eight hundred votes and a new way of deciding.",
        [
            "Local groups pitched their ideas at a community event, and anyone over ten who lives or works in the area could vote, in person or online.",
            "Nine projects were funded, from a men's shed to a homework club. The thing people told us most often was that they liked being trusted to decide.",
        ],
        ("It is our money. It should be our choice.", "A voter at the community event"),
        [("£50,000", "shared between local projects"), ("800", "votes cast")],
        ["participatory budgeting"],
    ),
    (
        "two-buses-to-the-job-centre",
        "Two buses to the job centre",
        "lochview",
        ["public-transport", "jobs-and-places-to-work"],
        (R, "Kerry, Lochview"),
        "The country park is on our doorstep. Everything else is two buses away, and that shapes what jobs people can take.",
        [
            "I was offered a job on an early shift in the business park, but the first bus would have got me there forty minutes late. I had to turn it down.",
            "A group of us took our bus timetables to a partnership meeting. The operator has since added an early service on weekdays as a trial.",
        ],
        ("The park is lovely, but you cannot eat the view.", "Kerry"),
        [("2", "buses to most jobs"), ("6:05am", "new first bus on weekdays")],
        ["buses", "jobs"],
    ),
    (
        "rangers-and-the-country-park",
        "Young rangers in the country park",
        "lochview",
        ["natural-space", "play-and-recreation"],
        (S, "Countryside Ranger Service"),
        "A junior ranger club gives Lochview teenagers a reason to explore the park, and some of them have started careers in it.",
        [
            "We started the junior rangers with six teenagers and a promise of hot chocolate. They built paths, counted bats and cleared invasive plants.",
            "Two of our first group are now studying countryside management, and one works with us as a seasonal ranger. The club now has a waiting list.",
        ],
        ("I did not know you could get paid to be outside.", "Junior ranger, aged 15"),
        [("6", "rangers in the first group"), ("35", "members now")],
        ["young people", "outdoors"],
    ),
]

SUBMISSIONS = [
    (
        "The bench outside the chemist",
        "ashgrove",
        ["streets-and-spaces"],
        "Rena",
        "There used to be a bench outside the chemist where older folk would rest on the walk up the hill. It was removed last year and never replaced. My neighbour now has to stop and lean on the wall. A bench seems a small thing but it decides whether some people go out at all.",
    ),
    (
        "Our mosque food bank",
        "fernbank",
        ["facilities-and-services", "social-interaction"],
        "",
        "During Ramadan we opened the mosque kitchen to anyone who needed a meal. We expected fifty people a night and had over a hundred, from every background. We have kept a weekly food bank going since then and would love more volunteers.",
    ),
    (
        "Cycling to school on the old railway",
        "carron-vale",
        ["moving-around"],
        "Sam and family",
        "The old railway line between the village and the secondary school is now a path, but the last section is mud in winter. If it were surfaced, dozens of pupils could cycle instead of waiting for the school bus.",
    ),
]


def build_story_demo(demo: DemoContext):
    index_page, created = child_page(
        demo.home,
        StoryIndexPage,
        "stories",
        title="Stories of Place",
        show_in_menus=True,
        introduction=(
            "Stories of Place are how we learn what living here is really like. Residents, local groups and "
            "staff tell them in their own words, and they shape the plans for each place."
        ),
        share_introduction=(
            "Tell us about where you live: a person, a place, a change you have seen or something you want to "
            "see. An editor reads every story before it is published."
        ),
    )
    if created:
        demo.say("Created the Stories of Place index.")
    today = timezone.localdate()
    made = 0
    for number, (slug, title, place, themes, teller, standfirst, paragraphs, quote, facts, tags) in enumerate(
        STORIES
    ):
        if index_page.get_children().filter(slug=slug).exists():
            continue
        image = demo_image(f"Story: {title}", seed=100 + number)
        when = today - datetime.timedelta(days=6 * number + 2)
        body = [
            ("paragraph", RichText(f"<p>{paragraphs[0]}</p>")),
            ("quote", {"quote": quote[0], "attribution": quote[1]}),
            ("paragraph", RichText(f"<p>{paragraphs[1]}</p>")),
            (
                "key_facts",
                {"heading": "Key facts", "facts": [{"value": v, "label": label} for v, label in facts]},
            ),
        ]
        story, _ = child_page(
            index_page,
            StoryPage,
            slug,
            title=title,
            standfirst=standfirst,
            publication_date=when,
            hero_image=image,
            hero_image_alt=f"An illustration of rooftops and hills for the story ‘{title}’",
            hero_image_credit="Community Voice demo",
            teller_type=teller[0],
            teller_name=teller[1],
            consent_given=True,
            consent_date=when - datetime.timedelta(days=7),
            place=demo.places.get(place),
            body=body,
        )
        story.themes.set([demo.themes[t] for t in themes if t in demo.themes])
        story.tags.set(tags)
        story.save_revision().publish()
        made += 1
    if made:
        demo.say(f"Added {made} stories of place.")

    for title, place, themes, name, text in SUBMISSIONS:
        if StorySubmission.objects.filter(title=title).exists():
            continue
        submission = StorySubmission.objects.create(
            title=title,
            text=text,
            place=demo.places.get(place),
            display_name=name,
            email=f"{(name or 'anonymous').split()[0].lower()}@example.org",
            consent_publish=True,
            consent_contact=True,
        )
        submission.themes.set([demo.themes[t] for t in themes if t in demo.themes])
