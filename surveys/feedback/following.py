"""Following by email: the form's POST, the confirmation link, the page listing what an address
follows (reached by a signed link) and one-click unsubscribe.

Every answer to the form is the same "check your email" page whether or not the address already
follows the target: only the email tells what happened, so nobody learns who follows what."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from site_home.models import Theme
from site_home.page_cache import personal_page
from site_home.security import token_in_url
from site_home.visibility import require_visible
from surveys.feedback import follow_notices
from surveys.feedback.antispam import may_email, over_limit, rate_limited_response
from surveys.feedback.forms import FollowForm
from surveys.feedback.models.follows import (
    MAX_FOLLOWS_PER_EMAIL,
    UNSUBSCRIBE_SEPARATOR,
    emails_per_day,
    normalise_email,
)
from surveys.models import Follow

PREFIX = "follow"


def follow_rate():
    return getattr(settings, "FOLLOW_RATE_LIMIT", "10/m")


def is_followable(page):
    return bool(getattr(page.specific_class, "followable", False))


def follow_form(target_label="", **kwargs):
    return FollowForm(prefix=PREFIX, target_label=target_label, **kwargs)


def _target(request, form):
    """The page (a place or consultation this visitor may see) or the theme the form names."""
    data = form.cleaned_data
    if data.get("theme_id"):
        theme = Theme.objects.filter(pk=data["theme_id"]).first()
        if theme is None:
            raise Http404("No such theme")
        return {"theme": theme}
    page = require_visible(Page.objects.filter(pk=data.get("page_id") or 0).first(), request)
    if not is_followable(page):
        raise Http404("This page cannot be followed")
    return {"page": page}


def _check_email():
    return redirect("surveys:follow_sent")


@require_POST
def follow_post(request):
    if over_limit(request, "follows", follow_rate()):
        # Translators: completes "We have received a lot of … from your connection in a short time".
        return rate_limited_response(request, _("requests to follow"))
    form = follow_form(data=request.POST)
    if form.is_spam():
        return _check_email()
    if not form.is_valid():
        return render(request, "surveys/follow_form_page.html", {"form": form}, status=400)
    subscribe(form.cleaned_data["email"], form.cleaned_data["frequency"], **_target(request, form))
    return _check_email()


def subscribe(email, frequency, **target):
    """Ask the address to confirm a new follow (or an unconfirmed one again); tell a confirmed
    follower they already follow, without changing anything a stranger could have typed. No
    address gets more than emails_per_day() such emails about one target."""
    email = normalise_email(email)  # as save() stores it, for the lookup
    try:
        with transaction.atomic():
            defaults = {"frequency": frequency, "language": translation.get_language() or ""}
            follow = Follow.objects.get_or_create(email=email, **target, defaults=defaults)[0]
    except IntegrityError:  # the same request twice at once
        follow = Follow.objects.get(email=email, **target)
    if not may_email(follow, timezone.now(), emails_per_day()):
        return follow
    changes = {"emails_sent": follow.emails_sent, "emails_since": follow.emails_since}
    if follow.is_confirmed:
        follow_notices.send_already_following(follow)
    else:
        follow.frequency = changes["frequency"] = frequency
        follow_notices.send_confirm_request(follow)
    Follow.objects.filter(pk=follow.pk).update(**changes)
    return follow


@require_GET
def follow_sent(request):
    return render(request, "surveys/follow_sent.html")


def _link_failed(request, expired=False):
    context = {
        "expired": expired,
        "expired_text": _("Confirmation links work for a few days only. You are welcome to follow again."),
        "invalid_text": _("Check you copied the whole link from the email."),
    }
    return render(request, "surveys/confirm_failed.html", context, status=410 if expired else 404)


@personal_page
@require_GET
def follow_confirm(request, token):
    try:
        pk = follow_notices.read_confirm_token(token)
    except signing.SignatureExpired:
        return _link_failed(request, expired=True)
    except signing.BadSignature:
        return _link_failed(request)
    follow = Follow.objects.select_related("page", "theme").filter(pk=pk).first()
    if follow is None:
        return _link_failed(request, expired=True)
    if not follow.is_confirmed:
        Follow.objects.filter(pk=pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    return render(
        request,
        "surveys/follow_confirmed.html",
        {"follow": follow, "manage_url": follow_notices.manage_url(follow.email)},
    )


@personal_page
@require_http_methods(["GET", "POST"])
def follow_manage(request, token):
    """Everything the address follows, each with how often and an unsubscribe button; a POST
    changes how often one is sent, or stops them all."""
    try:
        key = follow_notices.read_manage_token(token)
    except signing.BadSignature:
        return _link_failed(request)
    follows = Follow.objects.filter(email_key=key).confirmed()
    if request.method == "POST":
        if request.POST.get("stop") == "all":
            follows.delete()
        elif request.POST.get("frequency") in Follow.Frequency.values:
            follows.filter(token=request.POST.get("follow", "")).update(frequency=request.POST["frequency"])
        return redirect(request.path)
    follows = list(follows.select_related("page", "theme"))
    email = follows[0].email if follows else ""
    context = {"follows": follows, "email": email, "frequencies": Follow.Frequency}
    return render(request, "surveys/follow_manage.html", context)


@token_in_url
@personal_page
@require_http_methods(["GET", "POST"])
def follow_unsubscribe(request, token):
    """RFC 8058: a POST unsubscribes at once (mail providers send it from the List-Unsubscribe-Post
    header, with no cookie or origin: the token is the authority); a GET only asks to confirm, so a
    link scanner opening the URL unsubscribes nobody."""
    tokens = token.split(UNSUBSCRIBE_SEPARATOR)[:MAX_FOLLOWS_PER_EMAIL]  # one email may cover several
    follows = list(Follow.objects.select_related("page", "theme").filter(token__in=tokens).order_by("pk"))
    names = [follow.target_name for follow in follows]
    if request.method == "POST":
        Follow.objects.filter(pk__in=[follow.pk for follow in follows]).delete()
        return render(request, "surveys/follow_unsubscribed.html", {"target_names": names})
    if not follows:
        return render(request, "surveys/follow_unsubscribed.html", {"target_names": []})
    context = {"follow": follows[0], "target_names": names, "token": token}
    return render(request, "surveys/follow_unsubscribe.html", context)
