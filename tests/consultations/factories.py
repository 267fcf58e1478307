import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from consultations.models import (
    CommitmentIndexPage,
    CommitmentPage,
    CommitmentStatus,
    CommitmentUpdate,
    MeetingMinutesPage,
    Partner,
    ReviewIndexPage,
    ReviewPage,
    ReviewSection,
)
from tests.site_home.factories import ThemeFactory


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


class ReviewIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReviewIndexPage

    title = "Consultations"
    slug = "consultations"


class ReviewPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReviewPage

    title = factory.Sequence(lambda n: f"Review {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "How public bodies and local groups work together."
    run_by = "Community Planning Partnership"
    contact_name = "Review team"
    contact_email = "review@example.org"
    opening_date = factory.LazyFunction(lambda: days(-10))
    closing_date = factory.LazyFunction(lambda: days(20))
    introduction = "<p>Please read and tell us what you think.</p>"
    comment_publishing = "immediate"


def recommendations(texts):
    return [("recommendation", {"text": text}) for text in texts]


def add_section(review, title, theme=None, recs=("Do the first thing.", "Do the second thing."), **kw):
    return ReviewSection.objects.create(
        page=review,
        title=title,
        theme=theme or ThemeFactory(),
        where_now="<p>Things are patchy.</p>",
        where_next="<p>Things are better.</p>",
        recommendations=recommendations(recs),
        sort_order=kw.pop("sort_order", review.sections.count()),
        **kw,
    )


def make_review(index, sections=2, recs=2, publish=True, **kwargs):
    """A published review under `index` with `sections` key areas of `recs` recommendations each."""
    review = ReviewPageFactory(parent=index, **kwargs)
    for n in range(sections):
        add_section(
            review, f"Key area {n + 1}", recs=[f"Recommendation {n + 1}.{i + 1}" for i in range(recs)]
        )
    if publish:
        review.save_revision().publish()
    review.refresh_from_db()
    return review


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "A local public body."


class CommitmentIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommitmentIndexPage

    title = "What we said we would do"
    slug = "commitments"
    introduction = "Everything the partnership has promised, and how it is going."


class CommitmentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommitmentPage

    title = factory.Sequence(lambda n: f"Commitment {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Open the community hall on Saturdays."
    partner = factory.SubFactory(PartnerFactory)
    due_date = factory.LazyFunction(lambda: days(60))
    status = CommitmentStatus.NOT_STARTED


def make_commitment(index, places=(), themes=(), updates=0, publish=True, **kwargs):
    """A commitment under `index`, tagged and with `updates` public updates, published by default."""
    commitment = CommitmentPageFactory(parent=index, live=publish, **kwargs)
    commitment.places.set(places)
    commitment.themes.set(themes)
    for n in range(updates):
        CommitmentUpdate.objects.create(page=commitment, date=days(-n), text=f"Update {n + 1}.", sort_order=n)
    commitment.save()
    if publish:
        commitment.save_revision().publish()
    commitment.refresh_from_db()
    return commitment


def make_minutes(
    index, items=(("Thriving Communities", ("That an update be provided in 12 months.",)),), **kwargs
):
    """Published minutes under `index` with `items` [(heading, [resolution texts])], read back so
    every resolution has its stored key."""
    fields = {
        "title": "Sub-committee, 4 March",
        "meeting_name": "Health and Wellbeing Sub-Committee",
        "date": days(-60),
        "attendees": "Councillor A. Brown (Chair)\nDr S. Khan",
        "apologies": "Councillor J. Reid",
        **kwargs,
    }
    fields.setdefault("slug", slugify(fields["title"]))
    agenda = [
        (
            "item",
            {
                "heading": heading,
                "minute": "<p>The sub-committee discussed it.</p>",
                "resolutions": [{"text": text} for text in texts],
            },
        )
        for heading, texts in items
    ]
    minutes = MeetingMinutesPage(agenda=agenda, **fields)
    index.add_child(instance=minutes)
    minutes.save_revision().publish()
    return MeetingMinutesPage.objects.get(pk=minutes.pk)
