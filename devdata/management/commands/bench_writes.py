"""The residents' writes of the mixed benchmark (bench/mixed.py), and the count that checks them.

`bench_writes targets URLS_JSON` prints, as JSON, the forms a writer process posts: "other" spreads
over many pages that are not measured (recommendation votes, "I agree" on comments, comments,
bookings), and "same" lists, for each measured page, the forms that write to that very page. Each
target is a URL and a form body in which "{n}" stands for a number unique to the request.

`bench_writes count` prints how many rows of each kind the database holds, so the harness can check
that every write the site accepted was stored (the difference before and after a run).
"""

import json
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.db.models import F
from django.urls import reverse
from wagtail.models import Page, Site

from consultations.models import RecommendationResponse, ReviewPage
from events.forms import BookingForm
from events.models import Booking, EventPage
from surveys.models import Comment, Reaction

PAGES_PER_KIND = 30  # "other" pages of each kind the writes are spread over


def count_rows():
    return {
        "comment": Comment.objects.count(),
        "agree": Reaction.objects.count(),
        "vote": RecommendationResponse.objects.count(),
        "booking": Booking.objects.count(),
    }


def _page_for_url(url):
    root = Site.objects.get(is_default_site=True).root_page
    path = root.url_path + url.split("?")[0].lstrip("/")
    page = Page.objects.live().filter(url_path=path).first()
    return page.specific if page else None


def comment_target(page, section_key="", section_label="", theme_id=None):
    fields = {
        "display_name": "Bench writer",
        "email": "bench-mixed-{n}@example.com",
        "body": "A comment from the mixed benchmark ({n}), a sentence or two long like most comments are.",
        "consent": "on",
        "page_id": page.pk,
        "section_key": section_key,
        "section_label": section_label,
        "theme_id": theme_id or "",
        "return_to": page.url,
        "website": "",
    }
    return {
        "kind": "comment",
        "page": page.url,
        "url": reverse("surveys:comment_post"),
        "body": urlencode(fields, safe="{}"),
    }


def agree_target(comment):
    return {
        "kind": "agree",
        "page": comment.page.url,
        "url": reverse("surveys:comment_agree", args=[comment.pk]),
        "body": urlencode({"return_to": comment.page.url}),
    }


def vote_targets(review, limit=3):
    targets = []
    for section in review.section_list:
        for rec in section.recommendation_list:
            prefix = rec.key
            body = urlencode({f"{prefix}-choice": "agree", f"{prefix}-place": "", f"{prefix}-website": ""})
            url = review.url + review.reverse_subpage("respond", kwargs={"key": rec.key})
            targets.append({"kind": "vote", "page": review.url, "url": url, "body": body})
            if len(targets) >= limit:
                return targets
    return targets


BOOKING_BODY = (
    "name=Bench+writer&email=bench-mixed-{n}%40example.com&places=1&access_needs=&website=&consent=on"
)


def booking_target(event):
    form = BookingForm(
        {"name": "Bench writer", "email": "a@example.com", "places": "1", "consent": "on"}, event=event
    )
    if not event.can_book() or not form.is_valid():
        return None
    return {
        "kind": "booking",
        "page": event.url,
        "url": event.url + event.reverse_subpage("book"),
        "body": BOOKING_BODY,
    }


def published_comments(page_ids, exclude=False, limit=PAGES_PER_KIND):
    """One published comment on each of up to `limit` pages (among `page_ids`, or outside them)."""
    comments = Comment.objects.published().filter(parent__isnull=True).select_related("page")
    comments = comments.exclude(page_id__in=page_ids) if exclude else comments.filter(page_id__in=page_ids)
    found, seen = [], set()
    for comment in comments.order_by("page_id", "pk").iterator():
        if comment.page_id in seen or not comment.page.live:
            continue
        page = comment.page.specific
        if not page.accepts_comments():
            continue
        seen.add(comment.page_id)
        found.append(comment)
        if len(found) >= limit:
            break
    return found


def comment_section(comment):
    return comment.section_key, comment.section_label, comment.theme_id


def build_targets(urls):
    measured = {name: _page_for_url(urls[name]) for name in ("home", "story", "review page", "event")}
    measured_ids = [page.pk for page in measured.values() if page is not None]

    other = []
    for comment in published_comments(measured_ids, exclude=True):
        other.append(agree_target(comment))
        other.append(comment_target(comment.page.specific, *comment_section(comment)))
    reviews = ReviewPage.objects.live().exclude(pk__in=measured_ids).order_by("pk")
    for review in [r for r in reviews if r.accepts_feedback()][:PAGES_PER_KIND]:
        other += vote_targets(review, limit=2)
    # Unlimited events first; on a full one a booking joins the waiting list, still a stored row.
    events = EventPage.objects.live().upcoming().exclude(pk__in=measured_ids)
    booked = 0
    for event in events.order_by(F("capacity").desc(nulls_first=True), "pk"):
        target = booking_target(event)
        if target:
            other.append(target)
            booked += 1
            if booked >= PAGES_PER_KIND:
                break

    same = {}
    story = measured["story"]
    if story is not None:
        same["story"] = [comment_target(story)] + [
            agree_target(c) for c in published_comments([story.pk], limit=1)
        ]
    review = measured["review page"]
    if review is not None and review.accepts_feedback():
        same["review page"] = vote_targets(review) + [
            agree_target(c) for c in published_comments([review.pk], limit=1)
        ]
    event = measured["event"]
    if event is not None and booking_target(event):
        same["event"] = [booking_target(event)]
    # The home page has no form of its own: nothing writes to it alone.
    return {"other": other, "same": same}


class Command(BaseCommand):
    help = "Print the write targets of the mixed benchmark, or count the rows its writes add."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["targets", "count"])
        parser.add_argument("urls", nargs="?", default="bench/results/urls.json")

    def handle(self, *args, action, urls, **options):
        if action == "count":
            self.stdout.write(json.dumps(count_rows()))
            return
        with open(urls) as handle:
            targets = build_targets(json.load(handle)["urls"])
        self.stdout.write(json.dumps(targets, indent=2))
