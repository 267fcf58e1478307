"""The discussion flow: what a thread shows, what happens when someone posts, and how the person is
told what happens next (a `<thread>-status` query flag read by the thread, so visitors get no cookie).
"""

from django.core import signing
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from site_home.links import absolute_url
from site_home.models import SiteSettings
from site_home.page_cache import ContentPaginator, cached_fragment
from surveys.feedback.emails import queue_email
from surveys.feedback.forms import CommentForm
from surveys.feedback.models.comments import confirm_max_age
from surveys.feedback.models.settings import Publishing
from surveys.models import Comment, FeedbackSettings

PER_PAGE = 20
DEFAULT_HEADING = _("Comments")
CONFIRM_SALT = "surveys.comment.confirm"
# Translators: the orders a discussion can be sorted in, after "Sort by:".
SORTS = {"newest": _("Newest"), "agreed": _("Most agreed")}

STATUS_MESSAGES = {
    "published": _("Thank you. Your comment is published."),
    "kept": _("Thank you. We have your comment: staff will read it, and as you asked it is not shown here."),
    "check-email": _(
        "Thank you. Now check your email: we have sent you a link to confirm your comment. "
        "It appears here once you open the link."
    ),
    "pending": _(
        "Thank you. Your comment is waiting for a moderator. It appears here once it is approved, "
        "and we will email you when it does."
    ),
    "reported": _("Thank you for telling us. A moderator will look at the comment."),
    "agreed": _("Thank you. We have counted your agreement."),
    "already-agreed": _("You have already agreed with this comment."),
    "agree-limit": _(
        "We could not count your agreement: many people on your network have agreed with this comment "
        "in the last hour, which is as many as we count from one network. Please try again later."
    ),
}

WHAT_HAPPENS_NEXT = {
    Publishing.IMMEDIATE: _("Your comment appears as soon as you post it."),
    Publishing.CONFIRM: _("We email you a link: your comment appears once you open it."),
    "moderate": _("A moderator reads every comment before it appears."),
}


def thread_id(section_key=""):
    return f"comments-{slugify(section_key)}" if section_key else "comments"


def safe_return_path(request, candidate, fallback):
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate.split("?")[0].split("#")[0]
    return fallback


def status_url(path, section_key, status, anchor=None):
    thread = thread_id(section_key)
    return f"{path}?{thread}-status={status}#{anchor or thread}"


def comment_summary(page, section_key, threads):
    """'6 comments in 3 conversations': the paginator counts conversations, the page shows replies too."""
    shown = Comment.objects.published().for_section(page, section_key)
    total = shown.filter(Q(parent__isnull=True) | Q(parent__state=Comment.State.PUBLISHED)).count()
    if total == threads:
        return ngettext("%(total)d comment.", "%(total)d comments.", total) % {"total": total}
    comments = ngettext("%(total)d comment", "%(total)d comments", total) % {"total": total}
    return ngettext(
        "%(comments)s in %(threads)d conversation.", "%(comments)s in %(threads)d conversations.", threads
    ) % {"comments": comments, "threads": threads}


def thread_context(request, page, section_key="", section_label="", theme=None, heading=DEFAULT_HEADING):
    """Everything the thread template needs, in a constant number of queries."""
    thread = thread_id(section_key)
    sort = request.GET.get(f"{thread}-sort", "newest")
    if sort not in SORTS:
        sort = "newest"
    comments = Comment.objects.published().top_level().for_section(page, section_key)
    comments = comments.most_agreed() if sort == "agreed" else comments.newest_first()
    replies = Comment.objects.published().with_public_place(request).order_by("published_at", "pk")
    comments = comments.with_public_place(request).prefetch_related(
        Prefetch("replies", queryset=replies, to_attr="published_replies")
    )
    paginator = ContentPaginator(comments, PER_PAGE, request, ("comments", page.pk, section_key))
    page_obj = paginator.get_page(request.GET.get(f"{thread}-page"))

    query = request.GET.copy()
    query.pop(f"{thread}-page", None)
    query.pop(f"{thread}-status", None)
    sort_links = []
    for key, label in SORTS.items():
        sort_query = query.copy()
        sort_query[f"{thread}-sort"] = key
        sort_links.append(
            {"key": key, "label": label, "query": sort_query.urlencode(), "current": key == sort}
        )

    accepting = page.accepts_comments()
    form_fields = ""
    if accepting:
        initial = {
            "page_id": page.pk,
            "section_key": section_key,
            "section_label": section_label,
            "theme_id": page.comment_theme_id() or (theme.pk if theme else None),
            "place": page.comment_place_slug(),
            "return_to": request.path,
        }
        form_fields = comment_form_fields(request, page, thread, initial)
    status = request.GET.get(f"{thread}-status")
    return {
        "request": request,
        "page": page,
        "thread": thread,
        "heading": heading,
        "section_key": section_key,
        "page_obj": page_obj,
        "comments": page_obj.object_list,
        # A callable, so the count runs only when the cached comments fragment is rendered.
        "comment_summary": lambda: comment_summary(page, section_key, page_obj.paginator.count),
        "page_param": f"{thread}-page",
        "query_string": query.urlencode(),
        "sort_links": sort_links,
        "sort": sort,
        "form_fields": form_fields,
        "accepting": accepting,
        "closed_message": "" if accepting else page.comments_closed_message(),
        "what_happens_next": WHAT_HAPPENS_NEXT.get(page.publishing_mode(request), "") if accepting else "",
        "privacy_page": SiteSettings.for_request(request).privacy_page,
        "status_message": STATUS_MESSAGES.get(status),
        "status": status,
    }


def comment_form_fields(request, page, thread, initial):
    """The blank comment form's fields as HTML. For visitors who are not signed in it is the same
    for everyone on a page, and rendering its place and theme lists was a third of a story page's
    time, so it is rendered once per content version (site_home.page_cache) and kept in the cache."""

    def render():
        form = CommentForm(page=page, user=request.user, auto_id=f"{thread}-%s", initial=initial)
        return render_to_string("components/form_fields.html", {"form": form}, request=request)

    if request.user.is_authenticated:  # staff may see more fields (an official response)
        return render()
    return cached_fragment(request, "comment-form", (page.pk, thread, sorted(initial.items())), render)


def confirm_token(comment):
    return signing.dumps(comment.pk, salt=CONFIRM_SALT)


def comment_from_token(token):
    """The comment a confirmation link is for; raises signing.SignatureExpired / BadSignature."""
    pk = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
    return Comment.objects.select_related("page").get(pk=pk)


def moderators_email(request):
    feedback = FeedbackSettings.for_request(request)
    return feedback.moderators_email or SiteSettings.for_request(request).contact_email


def submit_comment(request, page, form, parent=None):
    """Store the comment in the request's transaction, then queue the emails. Returns (comment, status)."""
    data = form.cleaned_data
    official = bool(data.get("official"))
    section_key = parent.section_key if parent else data.get("section_key") or ""
    comment = Comment(
        page=page,
        parent=parent,
        section_key=section_key,
        section_label=parent.section_label
        if parent
        else page.discussion_section_label(section_key, data.get("section_label") or "") or "",
        # A page filed under one theme (a discussion) decides it, not the hidden field.
        theme_id=page.comment_theme_id() or (parent.theme_id if parent else data.get("theme_id")),
        place=data.get("place"),
        display_name=data["display_name"].strip(),
        email=data["email"],
        body=data["body"].strip(),
        stance=data.get("stance") or "",
        category=data.get("category") or "",
        notify_on_outcome=bool(data.get("notify_on_outcome")),
        publication=Comment.Publication.NAMED if official else data["publication"],
        is_official_response=official,
        author=request.user if official else None,
        source_path=safe_return_path(request, data.get("return_to"), page.url or "/"),
    )
    mode = Publishing.IMMEDIATE if official else page.publishing_mode(request)
    with transaction.atomic():
        if mode == Publishing.IMMEDIATE:
            comment.state = Comment.State.PUBLISHED
            comment.published_at = timezone.now()
            comment.save()
            return comment, "kept" if comment.publication == Comment.Publication.PRIVATE else "published"
        if mode == Publishing.CONFIRM:
            comment.state = Comment.State.UNCONFIRMED
            comment.save()
            link = absolute_url(reverse("surveys:comment_confirm", args=[confirm_token(comment)]))
            queue_email(
                comment.email,
                "surveys/email/comment_confirm",
                {
                    "name": comment.display_name,
                    "page_title": page.title,
                    "confirm_url": link,
                    "days": confirm_max_age().days,
                },
            )
            return comment, "check-email"
        comment.state = Comment.State.PENDING
        comment.save()
        notify_moderators(request, comment)
        return comment, "pending"


def notify_moderators(request, comment):
    recipient = moderators_email(request)
    if not recipient:
        return
    admin_url = absolute_url(reverse("surveys_comment_modeladmin_index") + "?state=pending")
    queue_email(
        recipient,
        "surveys/email/comment_pending",
        {"page_title": comment.page.title, "section": comment.section_label, "admin_url": admin_url},
    )
