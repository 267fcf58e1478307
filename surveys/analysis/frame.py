"""A frame's responses and the staff actions on them: apply a code in bulk, accept or reject a
suggestion, choose a quote, count codes by place and theme. Each read is a fixed number of queries
whatever the number of responses.

A page says what its frame reads with `coding_sources()` -> (comment page ids, survey page ids)
and may offer `starter_codes()` -> [(label, description, theme id)]; a page without them is its
own only source (its comments, or its answers if it is a survey).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from surveys.models import Comment, SurveyField, SurveySubmission

from .models import Code, Coding, Suggestion, response_key

FREE_TEXT = ("singleline", "multiline")
CODED_STATES = (Comment.State.PUBLISHED, Comment.State.PENDING, Comment.State.FLAGGED)


@dataclass
class Response:
    key: str
    text: str
    where: str  # the page, section or question it answers
    place: object = None
    theme_id: int | None = None
    comment: Comment | None = None
    submission_id: int | None = None
    question_key: str = ""
    codings: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)

    @property
    def place_id(self):
        return self.place.pk if self.place else None


def frame_sources(page):
    sources = getattr(page.specific, "coding_sources", None)
    return sources() if sources else ([page.pk], [page.pk])


def frame_codes(page):
    return list(Code.objects.filter(page=page).select_related("theme"))


def _comments(comment_page_ids):
    return (
        Comment.objects.filter(
            page_id__in=comment_page_ids, state__in=CODED_STATES, is_official_response=False
        )
        .select_related("place", "page")
        .order_by("created_at", "pk")
    )


def _answers(survey_page_ids):
    questions = {
        (question.page_id, question.clean_name): question
        for question in SurveyField.objects.filter(
            page_id__in=survey_page_ids, field_type__in=FREE_TEXT, about_you=False
        )
    }
    if not questions:
        return []
    answers = []
    submissions = SurveySubmission.objects.filter(page_id__in=survey_page_ids).select_related("place")
    for submission in submissions.order_by("submit_time", "pk"):
        for (page_id, name), question in questions.items():
            text = str(submission.form_data.get(name) or "").strip()
            if page_id == submission.page_id and text:
                answers.append(
                    Response(
                        key=response_key(submission_id=submission.pk, question_key=name),
                        text=text,
                        where=question.label,
                        place=submission.place,
                        theme_id=question.theme_id,
                        submission_id=submission.pk,
                        question_key=name,
                    )
                )
    return answers


def frame_responses(page, uncoded_only=False):
    """Every response the frame reads, with its codings and its pending suggestions."""
    comment_page_ids, survey_page_ids = frame_sources(page)
    responses = [
        Response(
            key=response_key(comment_id=comment.pk),
            text=comment.body,
            where=comment.section_label or comment.page.title,
            place=comment.place,
            theme_id=comment.theme_id,
            comment=comment,
        )
        for comment in _comments(comment_page_ids)
    ] + _answers(survey_page_ids)
    by_key = {response.key: response for response in responses}
    for coding in Coding.objects.filter(code__page=page).select_related("code"):
        if coding.response_key in by_key:
            by_key[coding.response_key].codings.append(coding)
    pending = Suggestion.objects.filter(code__page=page, decision=Suggestion.Decision.PENDING)
    for suggestion in pending.select_related("code"):
        if suggestion.response_key in by_key:
            by_key[suggestion.response_key].suggestions.append(suggestion)
    if uncoded_only:
        responses = [response for response in responses if not response.codings]
    return responses


def apply_code(code, keys, user):
    """Put `code` on the responses with these keys (those of its frame; others are ignored).
    Returns how many were newly coded."""
    wanted = set(keys)
    responses = [response for response in frame_responses(code.page) if response.key in wanted]
    already = {coding.response_key for coding in Coding.objects.filter(code=code)}
    new = [
        Coding(
            code=code,
            comment=response.comment,
            submission_id=response.submission_id,
            question_key=response.question_key,
            place=response.place,
            theme_id=response.theme_id,
            coded_by=user,
        )
        for response in responses
        if response.key not in already
    ]
    Coding.objects.bulk_create(new)
    return len(new)


def decide(suggestion, accept, user):
    """A person's answer to a suggestion; only an accepted one codes the response."""
    with transaction.atomic():
        suggestion.decision = Suggestion.Decision.ACCEPTED if accept else Suggestion.Decision.REJECTED
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["decision", "decided_by", "decided_at"])
        if accept:
            apply_code(suggestion.code, [suggestion.response_key], user)


def toggle_quote(coding):
    """Only a comment can be quoted: survey answers were never offered for publication."""
    if coding.comment_id is None:
        return False
    coding.is_quote = not coding.is_quote
    coding.save(update_fields=["is_quote"])
    return True


def start_codes(page):
    """Codes from what the page offers (a review's key areas and themes); returns how many are new."""
    starter = getattr(page.specific, "starter_codes", None)
    if starter is None:
        return 0
    taken = {label.lower() for label in Code.objects.filter(page=page).values_list("label", flat=True)}
    new = []
    for label, description, theme_id in starter():
        if label.lower() not in taken:
            taken.add(label.lower())
            new.append(Code(page=page, label=label[:80], description=description[:1000], theme_id=theme_id))
    Code.objects.bulk_create(new)
    return len(new)


def counts(page):
    """[{code, place, theme, total}] for the frame, largest first, in one query."""
    return list(
        Coding.objects.filter(code__page=page)
        .values("code__label", "place__title", "theme__name")
        .annotate(total=Count("pk"))
        .order_by("code__label", "-total", "place__title", "theme__name")
    )


def code_totals(page):
    """{code id: responses coded} in one query."""
    rows = Coding.objects.filter(code__page=page).values("code").annotate(total=Count("pk"))
    return {row["code"]: row["total"] for row in rows}


def quotes(page, request=None):
    """[(code label, [comment])] chosen as quotes, only of comments the public may read (published,
    not kept private, on a page the public may see), each naming its place only if public."""
    chosen = list(
        Coding.objects.filter(code__page=page, is_quote=True, comment__isnull=False)
        .order_by("code__label", "pk")
        .values_list("code__label", "comment_id")
    )
    readable = (
        Comment.objects.published()
        .on_visible_pages(request)
        .filter(pk__in=[comment_id for _, comment_id in chosen])
        .with_public_place(request)
    )
    comments = {comment.pk: comment for comment in readable}
    grouped = {}
    for label, comment_id in chosen:
        if comment_id in comments:
            grouped.setdefault(label, []).append(comments[comment_id])
    return list(grouped.items())


def acceptance(page=None):
    """How people answered the suggestions: counts by decision and the share accepted of those
    decided (None before any decision)."""
    suggestions = Suggestion.objects.all() if page is None else Suggestion.objects.filter(code__page=page)
    rows = dict(suggestions.values_list("decision").annotate(total=Count("pk")).order_by())
    accepted = rows.get(Suggestion.Decision.ACCEPTED, 0)
    rejected = rows.get(Suggestion.Decision.REJECTED, 0)
    decided = accepted + rejected
    return {
        "accepted": accepted,
        "rejected": rejected,
        "pending": rows.get(Suggestion.Decision.PENDING, 0),
        "share": accepted / decided if decided else None,
    }
