"""Ten fictional neighbourhoods, each with a ten-year plan, a community connector, a steering group
and local priorities (the shape of a 'thriving places' programme)."""

from site_home.models import PlacePage, PlacePriority, SteeringGroupMember

from . import child_page
from .images import demo_image

# name, slug, summary, story of the area, plan summary, connector (name, organisation),
# steering group, priorities [(theme slug, title)], population, index score
PLACES = [
    (
        "Ashgrove",
        "ashgrove",
        "A hillside estate of tenements and newer homes, proud of its allotments and its youth football club.",
        "Ashgrove grew up around the old brickworks. Families have lived here for three generations, and newer arrivals from across the world have made it home in the last decade.",
        "Over ten years, Ashgrove wants a community hub in the empty library, safer walking routes to the two primary schools and more local jobs for young people.",
        ("Morag Finlay", "Ashgrove Development Trust"),
        [
            ("Ashgrove Development Trust", "anchor organisation"),
            ("Ashgrove Tenants' Association", ""),
            ("St Kentigern's Primary parent council", ""),
            ("Ashgrove Youth FC", ""),
        ],
        [
            ("moving-around", "Safer routes to school"),
            ("jobs-and-places-to-work", "Local jobs and training for young people"),
            ("facilities-and-services", "Reopen the old library as a community hub"),
        ],
        2050,
        "4.2",
    ),
    (
        "Brackenhill",
        "brackenhill",
        "A riverside neighbourhood with a busy high street and a growing number of empty shop units.",
        "Brackenhill's high street used to be the place everyone met on a Saturday. Residents want it to be that again, with markets, pop-up shops and somewhere to sit.",
        "The plan focuses on bringing empty units back into use, a weekly market and better lighting along the riverside path.",
        ("Imran Sheikh", "Brackenhill Community Council"),
        [
            ("Brackenhill Traders' Group", ""),
            ("Riverside Housing Co-operative", ""),
            ("Brackenhill Mosque", ""),
            ("Friends of Brackenhill Park", ""),
        ],
        [
            ("streets-and-spaces", "Bring empty shops back to life"),
            ("feeling-safe", "Light the riverside path"),
            ("social-interaction", "A weekly community market"),
        ],
        2200,
        "3.6",
    ),
    (
        "Carron Vale",
        "carron-vale",
        "A village on the edge of the city where the last bus leaves at seven and the nearest GP is four miles away.",
        "Carron Vale has a strong volunteer culture: the village hall, the lunch club and the community transport scheme are all run by local people.",
        "By 2034 Carron Vale wants an evening bus link, a health outreach clinic in the village hall and a community-owned shop.",
        ("Elaine Baird", "Vale Community Transport"),
        [
            ("Carron Vale Village Hall Committee", ""),
            ("Vale Community Transport", ""),
            ("Carron Vale Primary", ""),
            ("Vale Lunch Club", ""),
        ],
        [
            ("public-transport", "An evening bus service"),
            ("facilities-and-services", "A health outreach clinic"),
            ("having-a-say", "Residents on the transport partnership"),
        ],
        1900,
        "4.8",
    ),
    (
        "Dunmore Park",
        "dunmore-park",
        "A 1960s estate of high-rise flats being regenerated, with many new families and a large older population.",
        "Dunmore Park is changing fast as two tower blocks come down and new homes go up. People want to make sure the community survives the building work.",
        "The plan aims to keep neighbours together through the regeneration, open a family centre and create a green corridor through the estate.",
        ("Grace Okafor", "Dunmore Family Network"),
        [
            ("Dunmore Park Residents' Forum", ""),
            ("Dunmore Family Network", "anchor organisation"),
            ("Park Lane Housing Association", ""),
            ("Dunmore Seniors' Club", ""),
        ],
        [
            ("housing-and-community", "Keep neighbours together through regeneration"),
            ("natural-space", "A green corridor through the estate"),
            ("play-and-recreation", "Safe play space for under-fives"),
        ],
        2400,
        "3.1",
    ),
    (
        "Eastwood Mill",
        "eastwood-mill",
        "A former mill town with a strong heritage, a new arts centre and stubbornly high unemployment.",
        "The mill closed in 1987 and the town has been finding its feet ever since. The arts centre in the old weaving shed has become a focus for local pride.",
        "Eastwood Mill's plan links the arts centre with training, backs local social enterprises and improves the bus link to the city.",
        ("Tom Gallacher", "Eastwood Mill Arts Centre"),
        [
            ("Eastwood Mill Arts Centre", ""),
            ("Mill Heritage Society", ""),
            ("Eastwood Credit Union", ""),
            ("Eastwood Men's Shed", ""),
        ],
        [
            ("jobs-and-places-to-work", "Training through the arts centre"),
            ("identity-and-belonging", "Celebrate the mill heritage"),
            ("public-transport", "A faster bus link to the city"),
        ],
        2100,
        "3.9",
    ),
    (
        "Fernbank",
        "fernbank",
        "A diverse inner-city neighbourhood with more than thirty languages spoken at its primary school.",
        "Fernbank is where many people first arrive in the city. Its churches, mosques, cafés and community groups welcome newcomers and help them settle.",
        "The plan puts money into English classes, a welcome hub for new arrivals and translated information about local services.",
        ("Amina Hassan", "Fernbank Welcome Centre"),
        [
            ("Fernbank Welcome Centre", "anchor organisation"),
            ("Fernbank Churches Together", ""),
            ("Polish Saturday School", ""),
            ("Fernbank Women's Group", ""),
        ],
        [
            ("social-interaction", "A welcome hub for new arrivals"),
            ("having-a-say", "Information in community languages"),
            ("facilities-and-services", "More English classes"),
        ],
        2300,
        "3.4",
    ),
    (
        "Glenholm",
        "glenholm",
        "A suburb of semi-detached houses with an ageing population and a well-loved community garden.",
        "Glenholm is quiet and green, but many older residents live alone. The community garden and the Thursday tea dance are lifelines.",
        "Glenholm's plan tackles loneliness: a befriending scheme, dementia-friendly shops and more benches on the main walking routes.",
        ("David Kerr", "Glenholm Befrienders"),
        [
            ("Glenholm Community Garden", ""),
            ("Glenholm Befrienders", "anchor organisation"),
            ("Glenholm Parish Church", ""),
            ("Glenholm Bowling Club", ""),
        ],
        [
            ("social-interaction", "A befriending scheme for older people"),
            ("moving-around", "Benches on walking routes"),
            ("care-and-maintenance", "Fix uneven pavements"),
        ],
        1950,
        "5.1",
    ),
    (
        "Harbourside",
        "harbourside",
        "A waterfront area where new flats stand next to older council housing and a working harbour.",
        "Harbourside has changed more than anywhere else in the city in the last twenty years. Old and new residents do not always meet.",
        "The plan aims to bring old and new communities together, with shared events, a community boat club and fair access to the waterfront.",
        ("Kirsty MacLeod", "Harbourside Community Boat Club"),
        [
            ("Harbourside Community Boat Club", ""),
            ("Harbour Tenants' Association", ""),
            ("Quayside Residents' Association", ""),
            ("Harbourside Primary", ""),
        ],
        [
            ("identity-and-belonging", "Bring old and new residents together"),
            ("natural-space", "Open access to the waterfront"),
            ("traffic-and-parking", "Calm traffic on Dock Street"),
        ],
        2250,
        "4.5",
    ),
    (
        "Kirkton Cross",
        "kirkton-cross",
        "A crossroads community split by a dual carriageway, with a strong tradition of tenant organising.",
        "Kirkton Cross was cut in two when the dual carriageway was built in the 1970s. Residents have campaigned for a safe crossing ever since.",
        "The plan's first aim is a safe crossing over the carriageway. It also seeks a youth space and action on damp housing.",
        ("Sean Docherty", "Kirkton Cross Tenants' Federation"),
        [
            ("Kirkton Cross Tenants' Federation", "anchor organisation"),
            ("Kirkton Youth Project", ""),
            ("Kirkton Cross Food Larder", ""),
            ("St Mark's Church", ""),
        ],
        [
            ("traffic-and-parking", "A safe crossing over the carriageway"),
            ("play-and-recreation", "A space for young people"),
            ("housing-and-community", "Action on damp homes"),
        ],
        2000,
        "2.9",
    ),
    (
        "Lochview",
        "lochview",
        "A peripheral estate beside a country park, with great green space but poor links to jobs and services.",
        "Lochview sits right beside the country park, and families make the most of it. Getting anywhere else takes two buses and a lot of patience.",
        "The plan focuses on transport, a community-run café at the park gates and a volunteering programme in the park.",
        ("Priya Nair", "Lochview Community Association"),
        [
            ("Lochview Community Association", "anchor organisation"),
            ("Friends of Lochview Country Park", ""),
            ("Lochview Nursery parents", ""),
            ("Lochview Walking Group", ""),
        ],
        [
            ("public-transport", "A direct bus to the hospital and college"),
            ("jobs-and-places-to-work", "Volunteering and jobs in the park"),
            ("natural-space", "A café at the park gates"),
        ],
        2150,
        "3.7",
    ),
]


def build_places(index_page, themes):
    places = {}
    for seed, (
        name,
        slug,
        summary,
        story,
        plan,
        connector,
        group,
        priorities,
        population,
        score,
    ) in enumerate(PLACES, start=1):
        image = demo_image(f"{name}: view over the neighbourhood", seed)
        page, _ = child_page(
            index_page,
            PlacePage,
            slug,
            title=name,
            summary=summary,
            hero_image=image,
            hero_image_alt=f"An illustrated view over {name}: rooftops in front of green hills.",
            body=[
                ("heading", {"text": "Life in " + name, "level": "h2"}),
                ("paragraph", f"<p>{story}</p>"),
                (
                    "key_facts",
                    {
                        "heading": "At a glance",
                        "facts": [
                            {"value": f"{population:,}", "label": "people live here"},
                            {"value": str(len(group)), "label": "groups on the steering group"},
                        ],
                    },
                ),
            ],
            plan_summary=plan,
            plan_start_year=2024,
            plan_end_year=2034,
            connector_name=connector[0],
            connector_role="Community Connector",
            connector_organisation=connector[1],
            connector_email=f"connector@{slug}.example.org",
            show_connector_contact=seed % 2 == 0,
            population=population,
            index_score=score,
            index_year=2025,
            children={
                "steering_group_members": [SteeringGroupMember(name=n, description=d) for n, d in group],
                "priorities": [PlacePriority(theme=themes[t], title=title) for t, title in priorities],
            },
        )
        places[slug] = page
    return places
