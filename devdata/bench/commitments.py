"""Benchmark data for commitments: bench.scale["commitments"] commitments across the bench places,
themes and the demo's partners, in every status and some overdue, each with a few public updates
(bulk-created: updates are plain rows)."""

import datetime
import random

from django.utils import timezone

from consultations.models import (
    CommitmentIndexPage,
    CommitmentPage,
    CommitmentStatus,
    CommitmentUpdate,
    Partner,
)
from devdata.bench import BenchContext, add_live_page
from devdata.demo import ORIGINALS

SLUG = "bench-commitment-{}"
REASON = "The partnership agreed this at its meeting, after hearing from residents."


def _commitment(number, rng, bench, partners, today):
    status = rng.choice(CommitmentStatus.values)
    commitment = CommitmentPage(
        title=f"Bench commitment {number}: {rng.choice(['open the hall', 'fix the path', 'fund the club'])}",
        slug=SLUG.format(number),
        summary="A commitment generated for the benchmark, with a summary as long as real ones usually are.",
        partner=rng.choice(partners),
        due_date=today + datetime.timedelta(days=rng.randint(-200, 400)),
        status=status,
        status_reason=REASON if status in ("done", "changed", "not-going-ahead") else "",
    )
    commitment.places = rng.sample(bench.places, min(2, len(bench.places)))[: rng.randint(1, 2)]
    commitment.themes = rng.sample(bench.themes, min(2, len(bench.themes)))[: rng.randint(1, 2)]
    return commitment


def build(bench: BenchContext):
    index = CommitmentIndexPage.objects.get(**ORIGINALS)
    partners = list(Partner.objects.all())
    existing = CommitmentPage.objects.child_of(index).filter(slug__startswith="bench-commitment-").count()
    rng = random.Random(50 + existing)
    today = timezone.localdate()
    updates = []
    for number in range(existing, bench.scale["commitments"]):
        commitment = add_live_page(index, _commitment(number, rng, bench, partners, today))
        for n in range(rng.randint(0, 5)):
            updates.append(
                CommitmentUpdate(
                    page=commitment,
                    date=today - datetime.timedelta(days=rng.randint(0, 300)),
                    text="Progress reported to the partnership board.",
                    sort_order=n,
                )
            )
    CommitmentUpdate.objects.bulk_create(updates, batch_size=1000)
    one = CommitmentPage.objects.child_of(index).filter(slug__startswith="bench-commitment-").first()
    bench.urls.update(
        {
            "commitment tracker": index.url,
            "commitment tracker filtered": f"{index.url}?place={bench.places[0].slug}&status=overdue",
            "commitment": one.url,
            "commitment updates feed": index.url + index.reverse_subpage("feed"),
        }
    )
