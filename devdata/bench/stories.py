"""Benchmark data for stories: bench.scale["stories"] live StoryPages across the bench places and
themes, each with a hero image and a few body blocks; they offer their discussions to the comment
builder (the measured story gets the largest share)."""

import datetime
import random

from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from devdata.bench import BenchContext, add_live_page
from devdata.demo import ORIGINALS
from stories.models import StoryIndexPage, StoryPage

PREFIX = "bench-story-"
WORDS = [
    "garden",
    "street",
    "neighbours",
    "bus",
    "hall",
    "children",
    "river",
    "shop",
    "path",
    "winter",
    "volunteers",
]


def _sentence(rng, length=18):
    return "The " + " and the ".join(rng.choice(WORDS) for _ in range(length // 3)) + " came together."


def _story(number, rng, bench, image, today):
    when = today - datetime.timedelta(days=rng.randint(0, 900))
    story = StoryPage(
        title=f"Bench story {number}: {' '.join(rng.sample(WORDS, 4))}",
        slug=f"{PREFIX}{number}",
        standfirst=_sentence(rng, 20),
        publication_date=when,
        hero_image=image,
        hero_image_alt="An illustration of rooftops and hills",
        teller_type=StoryPage.Teller.RESIDENT,
        teller_name=f"Resident {number}",
        consent_given=True,
        consent_date=when,
        place=rng.choice(bench.places),
        body=[
            ("paragraph", RichText("<p>" + " ".join(_sentence(rng) for _ in range(5)) + "</p>")),
            ("quote", {"quote": _sentence(rng, 14), "attribution": "A neighbour"}),
            ("paragraph", RichText("<p>" + " ".join(_sentence(rng) for _ in range(4)) + "</p>")),
        ],
    )
    story.themes = rng.sample(bench.themes, min(2, len(bench.themes)))[: rng.randint(1, 2)]
    return story


def build(bench: BenchContext):
    index = StoryIndexPage.objects.get(**ORIGINALS)
    stories = StoryPage.objects.child_of(index).filter(slug__startswith=PREFIX)
    existing = stories.count()
    rng = random.Random(20 + existing)
    image = get_image_model().objects.order_by("pk").first()
    today = timezone.localdate()
    for number in range(existing, bench.scale["stories"]):
        add_live_page(index, _story(number, rng, bench, image, today))
    ids = list(stories.order_by("pk").values_list("pk", flat=True))
    measured = StoryPage.objects.get(pk=ids[0])
    bench.urls.update({"story index": index.url, "story": measured.url})
    bench.comment_targets.append((measured.pk, "", "", None, 400))
    bench.comment_targets += [(pk, "", "", None, 1) for pk in ids[1:]]
