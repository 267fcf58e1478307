"""Benchmark data for consultations: bench.scale["reviews"] live reviews with 8–30 key areas each
(sections_min..sections_max), one to three recommendations per key area and agree / disagree /
unsure responses on every recommendation. Their key areas and recommendations are offered to the
comment builder; the measured review is the largest one, open for feedback."""

import datetime
import hashlib
import random

from django.utils import timezone

from consultations.models import RecommendationResponse, ReviewIndexPage, ReviewPage, ReviewSection
from devdata.bench import BenchContext, add_live_page
from devdata.demo import ORIGINALS

PREFIX = "bench-review-"
CHOICES = ["agree"] * 5 + ["disagree"] * 3 + ["unsure"] * 2
NOW = "<p>Groups told us that funding arrives late and reports take time they would rather give people.</p>"
NEXT = "<p>Partners plan together, share what they know and agree simple reports that are read.</p>"


def _review(number, rng, bench, today, sections):
    # Most reviews are open; every fourth one has closed, so listings show both.
    opened = today - datetime.timedelta(days=rng.randint(5, 40) + (90 if number % 4 == 3 else 0))
    review = ReviewPage(
        title=f"Bench review {number}: working together in {rng.choice(bench.places).title}",
        slug=f"{PREFIX}{number}",
        summary="A draft review generated for the benchmark, with key areas and recommendations.",
        run_by="The bench review group",
        opening_date=opened,
        closing_date=opened + datetime.timedelta(days=60),
        introduction="<p>This review asks how public bodies and community groups could work better "
        "together, key area by key area.</p>",
        comment_publishing="immediate",
        allow_stance=True,
    )
    review.sections = [
        ReviewSection(
            sort_order=order,
            theme=rng.choice(bench.themes),
            title=f"Key area {order + 1}",
            where_now=NOW,
            where_next=NEXT,
            recommendations=[
                ("recommendation", {"text": f"Recommendation {r + 1}: fund groups for three years, not one."})
                for r in range(rng.randint(1, 3))
            ],
        )
        for order in range(sections)
    ]
    review.places = rng.sample(bench.places, min(3, len(bench.places)))
    review.themes = rng.sample(bench.themes, min(3, len(bench.themes)))
    return review


def _responses(review, rng, places):
    rows = []
    for section in review.section_list:
        for rec in section.recommendation_list:
            for person in range(rng.randint(5, 40)):
                rows.append(
                    RecommendationResponse(
                        review=review,
                        section_key=section.key,
                        recommendation_key=rec.key,
                        choice=rng.choice(CHOICES),
                        place=rng.choice(places),
                        theme=section.theme,
                        participant=hashlib.sha256(f"bench-{review.pk}-{person}".encode()).hexdigest(),
                    )
                )
    return rows


def build(bench: BenchContext):
    index = ReviewIndexPage.objects.get(**ORIGINALS)
    reviews = ReviewPage.objects.child_of(index).filter(slug__startswith=PREFIX)
    existing = reviews.count()
    rng = random.Random(60 + existing)
    today = timezone.localdate()
    low, high = bench.scale["sections_min"], bench.scale["sections_max"]
    for number in range(existing, bench.scale["reviews"]):
        # The first (measured) review has the most key areas.
        review = add_live_page(
            index, _review(number, rng, bench, today, high if number == 0 else rng.randint(low, high))
        )
        review = ReviewPage.objects.get(pk=review.pk)  # recommendation block ids as stored
        RecommendationResponse.objects.bulk_create(_responses(review, rng, bench.places))
    measured = reviews.order_by("pk").first()
    bench.urls.update({"review index": index.url, "review page": measured.url})
    for review in reviews.order_by("pk"):
        weight = 40 if review.pk == measured.pk else 2
        for section in review.section_list:
            bench.comment_targets.append((review.pk, section.key, section.title, section.theme_id, weight))
            for rec in section.recommendation_list:
                label = f"Recommendation {rec.number}: {rec.short_text}"
                bench.comment_targets.append((review.pk, rec.key, label, section.theme_id, weight // 2))
