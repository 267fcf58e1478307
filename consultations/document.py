"""The review document as its template reads it: sections, recommendations, counts and forms, in a
constant number of queries however many sections, comments and responses there are."""

from types import SimpleNamespace

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from surveys.models import Comment

from .forms import RecommendationResponseForm
from .models import CommitmentPage, RecommendationResponse


def commitments_by_key(page, request):
    """{recommendation or key area key: [commitments made from it]}, public ones only, one query."""
    found = {}
    commitments = (
        CommitmentPage.objects.visible(request)
        .filter(source_page=page)
        .exclude(recommendation_key="")
        .only("title", "url_path", "path", "depth", "status", "due_date", "recommendation_key")
        .order_by("due_date", "pk")
    )
    for commitment in commitments:
        found.setdefault(commitment.recommendation_key, []).append(commitment)
    return found


def comment_counts(page, place=None, channel=None):
    """{section_key: published comments, replies included} (from `place` and through `channel`
    only, if given), in one query."""
    if place is None and channel is None:
        return Comment.objects.section_counts(page)
    comments = Comment.objects.published().for_page(page)
    if place is not None:
        comments = comments.for_place(place)
    if channel:
        comments = comments.filter(channel=channel)
    rows = comments.order_by().values("section_key").annotate(total=Count("pk"))
    return {row["section_key"]: row["total"] for row in rows}


class ResponseFormStamp:
    """The agree/disagree form's fields, rendered once and stamped for each recommendation.

    The forms under a review's recommendations differ only in their prefix and number, and each
    holds a select of every place: rendering 100 of them one by one took most of the page's time."""

    KEY, NUMBER = "__key__", "__number__"

    def __init__(self, request):
        placeholder = SimpleNamespace(key=self.KEY, number=self.NUMBER)
        blank = RecommendationResponseForm(prefix=self.KEY, recommendation=placeholder)
        self.html = render_to_string("components/form_fields.html", {"form": blank}, request=request)

    def for_recommendation(self, rec):
        html = self.html.replace(self.KEY, escape(rec.key)).replace(self.NUMBER, escape(rec.number))
        return mark_safe(html)  # the template's output, with two escaped values put in


def build_document(page, request, place=None):
    sections = page.section_list
    responses = RecommendationResponse.objects.for_review(page)
    if place is not None:
        responses = responses.for_place(place)
    tally = responses.tally()
    comments = comment_counts(page, place)
    accepting = page.accepts_feedback()
    stamp = ResponseFormStamp(request) if accepting else None
    commitments = commitments_by_key(page, request)
    page_url = page.get_url(request)

    def route(name, key):  # the page's own routes, reversed, not concatenated by hand
        return page_url + page.reverse_subpage(name, args=[key])

    for section in sections:
        section.discuss_url = route("discuss", section.key)
        section.comment_count = comments.get(section.key, 0)
        section.commitments = commitments.get(section.key, [])
        section.counts = dict.fromkeys(RecommendationResponse.Choice.values, 0)
        for rec in section.recommendation_list:
            rec.counts = {**dict.fromkeys(RecommendationResponse.Choice.values, 0), **tally.get(rec.key, {})}
            rec.discuss_url, rec.respond_url = route("discuss", rec.key), route("respond", rec.key)
            rec.comment_count = comments.get(rec.key, 0)
            rec.commitments = commitments.get(rec.key, [])
            for choice, n in rec.counts.items():
                section.counts[choice] += n
            if stamp:
                rec.form_fields = stamp.for_recommendation(rec)
    return {
        "sections": sections,
        "accepting": accepting,
        "closed_message": "" if accepting else page.feedback_closed_message(),
        "documents": list(page.documents.select_related("document")),
        "places": list(page.places.visible().order_by("title")),
        "themes": list(page.themes.all()),
    }
