"""Benchmark data for the feedback engine: one public Place Standard survey, asked one question per
page, with bench.scale["survey_responses"] answers spread over the bench places (a score for each of
the 14 themes, an occasional written answer, an age band), and bench.scale["comments"] comments over the
discussions other builders offer (build_comments runs after them). All bulk-created."""

import datetime
import random
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from devdata.bench import BenchContext
from devdata.demo import ORIGINALS, child_page
from devdata.demo.surveys import BETTER, GOOD_NOW, age_question, place_question, score
from surveys.builder.models.fields import SurveyFieldType
from surveys.builder.presets import SurveyPreset, place_standard_fields
from surveys.feedback.models.follows import email_key
from surveys.models import Comment, DiscussionPage, Follow, SurveyIndexPage, SurveyPage, SurveySubmission

SLUG = "bench-place-standard"
BATCH = 2000


def _answers(survey, places, count, rng):
    questions = list(survey.form_fields.select_related("theme"))
    moods = {place.pk: rng.uniform(2.5, 5.5) for place in places}
    for _ in range(count):
        place = rng.choice(places)
        data = {}
        for question in questions:
            if question.field_type == SurveyFieldType.PLACE:
                data[question.clean_name] = place.slug
            elif question.field_type == SurveyFieldType.RATING:
                data[question.clean_name] = score(rng, moods[place.pk])
            elif question.asked_about_you:
                continue  # stored apart from the answers, not measured here
            elif rng.random() < 0.15:
                data[question.clean_name] = rng.choice(GOOD_NOW if "good now" in question.label else BETTER)
            else:
                data[question.clean_name] = ""
        yield SurveySubmission(page=survey, place=place, form_data=data)


def build(bench: BenchContext):
    today = timezone.localdate()
    survey, _ = child_page(
        SurveyIndexPage.objects.get(**ORIGINALS),
        SurveyPage,
        SLUG,
        title="How good is our place? Benchmark survey",
        introduction="A Place Standard survey generated for the benchmark.",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today + datetime.timedelta(days=60),
        results_public=True,
        preset=SurveyPreset.PLACE_STANDARD,
        question_pages=True,
        places=bench.places,
        children={"form_fields": [place_question(), *place_standard_fields(), age_question()]},
    )
    if not survey.question_pages:  # built before the survey was asked one question per page
        survey.question_pages = True
        survey.save(update_fields=["question_pages"], clean=False)
    missing = bench.scale["survey_responses"] - SurveySubmission.objects.filter(page=survey).count()
    rows = list(_answers(survey, bench.places, max(missing, 0), random.Random(50)))
    for start in range(0, len(rows), BATCH):
        SurveySubmission.objects.bulk_create(rows[start : start + BATCH])
    bench.urls["survey results"] = survey.results_url()
    # The start page, and the first question page (the place question), as a resident starts.
    bench.urls["survey start"] = survey.url
    bench.urls["survey question page"] = survey.answer_url()


NAMES = ["Alex", "Sam", "Jo", "Priya", "Tom", "Morag", "Chris", "Aisha", "Ewan", "Lena"]
OPINIONS = [
    "I agree with this, and I would add that the evening bus matters most to people without a car.",
    "We tried something similar in our street and it worked once the council kept the lights on.",
    "Please think about older people who cannot get to the meetings: a phone line would help.",
    "This has been a problem for years. Good to see it written down at last.",
    "I am not sure this is the right priority while the community centre still needs a roof.",
]
STATES = [Comment.State.PUBLISHED] * 18 + [Comment.State.PENDING, Comment.State.REJECTED]


def _comment(target, rng, places, now, parent=None):
    page_id, section_key, section_label, theme_id, _ = target
    state = rng.choice(STATES)
    posted = now - datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 400))
    return Comment(
        page_id=page_id,
        parent=parent,
        section_key=section_key,
        section_label=section_label,
        theme_id=theme_id,
        place=rng.choice(places),
        display_name=rng.choice(NAMES),
        email=f"resident{rng.randint(1, 10**6)}@example.com",
        body=rng.choice(OPINIONS),
        state=state,
        agree_count=rng.randint(0, 40),
        created_at=posted,
        published_at=posted if state == Comment.State.PUBLISHED else None,
    )


def build_comments(bench: BenchContext):
    """bench.scale["comments"] comments over the pages that offered their discussions
    (bench.comment_targets) and the demo discussion page; one in ten is a reply."""
    discussion = DiscussionPage.objects.live().order_by("pk").first()
    targets = list(bench.comment_targets)
    if discussion is not None:
        targets.append((discussion.pk, "", "", None, 300))
    missing = bench.scale["comments"] - Comment.objects.filter(email__startswith="resident").count()
    rng, now = random.Random(90), timezone.now()
    if missing > 0:
        chosen = rng.choices(targets, weights=[target[4] for target in targets], k=missing)
        tops = [_comment(target, rng, bench.places, now) for target in chosen[: missing * 9 // 10]]
        for start in range(0, len(tops), BATCH):
            Comment.objects.bulk_create(tops[start : start + BATCH])
        by_target = {}
        for comment in tops:
            by_target.setdefault((comment.page_id, comment.section_key), []).append(comment)
        replies = []
        for target in chosen[missing * 9 // 10 :] if tops else []:
            parent = rng.choice(by_target.get(target[:2]) or tops)
            thread = (parent.page_id, parent.section_key, parent.section_label, parent.theme_id, 0)
            replies.append(_comment(thread, rng, bench.places, now, parent))
        for start in range(0, len(replies), BATCH):
            Comment.objects.bulk_create(replies[start : start + BATCH])
    _comment_post_target(bench, targets[0])


def _comment_post_target(bench, target):
    """Posting to the first (measured) page's discussion, as its form does (checked by Origin)."""
    page_id, section_key, section_label, theme_id, _ = target
    fields = {
        "display_name": "Bench visitor",
        "email": "bench-{n}@example.com",
        "body": "A comment posted by the benchmark, a sentence or two long like most comments are.",
        "consent": "on",
        "page_id": page_id,
        "section_key": section_key,
        "section_label": section_label,
        "theme_id": theme_id or "",
        "return_to": Page.objects.get(pk=page_id).url,
        "website": "",
    }
    bench.post_targets["comment"] = {
        "url": reverse("surveys:comment_post"),
        "body": urlencode(fields, safe="{}"),
    }


def build_follows(bench: BenchContext):
    """Confirmed followers, half of them of the measured place hub and theme: those pages must not
    slow down with them, since nothing about followers is shown. Plus the follow form's write
    target (checked by Origin, as its form posts)."""
    now = timezone.now()
    place, theme = bench.places[0], bench.themes[0]
    targets = [{"page": place}, {"theme": theme}]
    targets += [{"page": p} for p in bench.places[1:]] + [{"theme": t} for t in bench.themes[1:]]
    existing = Follow.objects.count()
    rows = [
        Follow(
            email=f"bench-follower-{n}@example.com",
            email_key=email_key(f"bench-follower-{n}@example.com"),
            frequency=Follow.Frequency.WEEKLY if n % 3 else Follow.Frequency.IMMEDIATE,
            confirmed_at=now,
            **(targets[n % 2] if n % 4 < 2 else targets[n % len(targets)]),
        )
        for n in range(existing, max(existing, bench.scale["follows"]))
    ]
    for start in range(0, len(rows), BATCH):
        Follow.objects.bulk_create(rows[start : start + BATCH], ignore_conflicts=True)
    fields = {
        "follow-email": "bench-{n}@example.com",
        "follow-frequency": "weekly",
        "follow-page_id": place.pk,
        "follow-website": "",
    }
    bench.post_targets["follow"] = {"url": reverse("surveys:follow"), "body": urlencode(fields, safe="{}")}
