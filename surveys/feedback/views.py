"""The few non-page views of the discussion: post, reply, confirm, agree, report."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from site_home.page_cache import personal_page
from site_home.people import network_is_full, person
from site_home.visibility import is_public, require_visible
from surveys.feedback.antispam import over_limit, rate_limited_response
from surveys.feedback.discussions import (
    comment_from_token,
    safe_return_path,
    status_url,
    submit_comment,
)
from surveys.feedback.forms import CommentForm, ReportForm
from surveys.models import Comment, DiscussionMixin, FeedbackSettings, Reaction, Report


def _id(value):
    """A posted id, or 404: hidden fields can be tampered with."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("Not found") from None


def _discussion_page(request, page_id):
    """The page to discuss, if this visitor may see it (a page's password entered, or signed in)."""
    page = require_visible(Page.objects.filter(pk=_id(page_id)).first(), request).specific
    if not isinstance(page, DiscussionMixin):
        raise Http404("No discussion here")
    return page


def _published_comment(request, pk):
    """A published comment on a page this visitor may see; anything else is not found."""
    comment = get_object_or_404(Comment.objects.published().select_related("page"), pk=_id(pk))
    require_visible(comment.page, request)
    return comment


def _form_page(request, form, page, parent=None, status=200):
    if parent is not None:
        parent.place_is_public = is_public(parent.place, request)
    context = {"form": form, "page": page, "parent": parent}
    return render(request, "surveys/comment_form_page.html", context, status=status)


@require_POST
def comment_post(request):
    if over_limit(request, "comments", settings.FEEDBACK_RATE_LIMIT):
        # Translators: completes "We have received a lot of … from your connection in a short time".
        return rate_limited_response(request, _("comments"))
    page = _discussion_page(request, request.POST.get("page_id"))
    parent = None
    if request.POST.get("parent_id"):
        parent = _published_comment(request, request.POST["parent_id"])
        if parent.page_id != page.pk:
            raise Http404("No such comment on this page")
        parent = parent.parent or parent  # replies nest one level
    form = CommentForm(request.POST, page=page, user=request.user, is_reply=parent is not None)
    fallback = page.url or "/"
    if form.is_spam():
        # Bots are thanked like people and nothing is stored.
        path = safe_return_path(request, request.POST.get("return_to"), fallback)
        return redirect(status_url(path, request.POST.get("section_key", ""), "pending"))
    if not page.accepts_comments():
        return render(request, "surveys/comments_closed.html", {"page": page}, status=403)
    if parent is None and page.discussion_section_label(request.POST.get("section_key", ""), "") is None:
        raise Http404("No such section on this page")
    if not form.is_valid():
        return _form_page(request, form, page, parent, status=400)
    comment, status = submit_comment(request, page, form, parent)
    anchor = comment.anchor if status == "published" else None
    return redirect(status_url(comment.source_path, comment.section_key, status, anchor))


@require_GET
def comment_reply(request, pk):
    parent = _published_comment(request, pk)
    parent = parent.parent if parent.parent_id else parent
    page = _discussion_page(request, parent.page_id)
    if not page.accepts_comments():
        return render(request, "surveys/comments_closed.html", {"page": page}, status=403)
    form = CommentForm(
        page=page,
        user=request.user,
        is_reply=True,
        initial={
            "page_id": page.pk,
            "parent_id": parent.pk,
            "section_key": parent.section_key,
            "place": page.comment_place_slug(),
            "return_to": parent.source_path,
        },
    )
    return _form_page(request, form, page, parent)


@personal_page
@require_GET
def comment_confirm(request, token):
    try:
        comment = comment_from_token(token)
    except signing.SignatureExpired:
        return render(request, "surveys/confirm_failed.html", {"expired": True}, status=410)
    except (signing.BadSignature, Comment.DoesNotExist):
        return render(request, "surveys/confirm_failed.html", {"expired": False}, status=400)
    if comment.state == Comment.State.UNCONFIRMED:
        with transaction.atomic():
            comment.confirm()
    path = comment.source_path or comment.page.url or "/"
    if comment.state == Comment.State.PUBLISHED:
        return redirect(status_url(path, comment.section_key, "published", comment.anchor))
    return redirect(status_url(path, comment.section_key, "pending"))


@require_POST
def comment_agree(request, pk):
    comment = _published_comment(request, pk)
    if over_limit(request, "reactions", settings.FEEDBACK_RATE_LIMIT):
        # Translators: completes "We have received a lot of … from your connection in a short time".
        return rate_limited_response(request, _("reactions"))
    status = add_reaction(comment, person(request, f"agree:{comment.pk}"))
    path = safe_return_path(request, request.POST.get("return_to"), comment.source_path or comment.page.url)
    return redirect(status_url(path, comment.section_key, status, comment.anchor))


def add_reaction(comment, who):
    """One "I agree" per participant, and no more than the cap per network in an hour."""
    with transaction.atomic():
        # One agreement at a time per comment, so concurrent posts cannot pass the cap together.
        Comment.objects.select_for_update().filter(pk=comment.pk).values("pk").first()
        if comment.reactions.filter(participant=who.participant).exists():
            return "already-agreed"
        if network_is_full(comment.reactions, who.network):
            return "agree-limit"
        Reaction.objects.create(comment=comment, participant=who.participant, network=who.network)
        Comment.objects.filter(pk=comment.pk).update(agree_count=F("agree_count") + 1)
    return "agreed"


@require_http_methods(["GET", "POST"])
def comment_report(request, pk):
    comment = _published_comment(request, pk)
    fallback = comment.source_path or comment.page.url or "/"
    if request.method == "GET":
        form = ReportForm(initial={"return_to": request.GET.get("return_to", fallback)})
        return render(request, "surveys/report_form_page.html", {"form": form, "comment": comment})
    if over_limit(request, "reports", settings.FEEDBACK_RATE_LIMIT):
        # Translators: completes "We have received a lot of … from your connection in a short time".
        return rate_limited_response(request, _("reports"))
    form = ReportForm(request.POST)
    path = safe_return_path(request, request.POST.get("return_to"), fallback)
    if form.is_spam():
        return redirect(status_url(path, comment.section_key, "reported"))
    if not form.is_valid():
        return render(
            request, "surveys/report_form_page.html", {"form": form, "comment": comment}, status=400
        )
    record_report(request, comment, form.cleaned_data)
    return redirect(status_url(path, comment.section_key, "reported"))


def record_report(request, comment, data):
    """One report per participant. The comment is hidden once reports come from the threshold of
    different networks: one person (or one household) cannot hide a comment alone."""
    who = person(request, f"report:{comment.pk}")
    with transaction.atomic():
        _, created = Report.objects.get_or_create(
            comment=comment,
            participant=who.participant,
            defaults={"network": who.network, "reason": data["reason"], "details": data["details"]},
        )
        if not created:
            return
        reports = comment.reports.aggregate(total=Count("pk"), networks=Count("network", distinct=True))
        Comment.objects.filter(pk=comment.pk).update(report_count=reports["total"])
        threshold = FeedbackSettings.for_request(request).report_threshold
        if reports["networks"] >= threshold and comment.state == Comment.State.PUBLISHED:
            comment.flag(reason=f"Reported from {reports['networks']} different networks")
