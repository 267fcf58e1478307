from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from site_home.page_cache import ContentPaginator
from site_home.people import network_is_full, person
from surveys.feedback.antispam import over_limit, rate_limited_response
from surveys.models import Comment

from .forms import RecommendationResponseForm
from .models import RecommendationResponse


def find_recommendation(review, key):
    for section in review.section_list:
        for rec in section.recommendation_list:
            if rec.key == key:
                return section, rec
    raise Http404("No such recommendation")


def respond_to_recommendation(request, review, key):
    section, rec = find_recommendation(review, key)
    back = f"{review.url}#{rec.anchor}"
    if request.method != "POST":
        return redirect(back)
    if not review.accepts_feedback():
        messages.error(
            request,
            _("This review is not taking feedback. %(why)s") % {"why": review.feedback_closed_message()},
        )
        return redirect(back)
    if over_limit(request, "consultations-respond", settings.FEEDBACK_RATE_LIMIT):
        return rate_limited_response(request, _("responses"))

    form = RecommendationResponseForm(request.POST, prefix=rec.key, recommendation=rec)
    if form.is_spam():
        messages.success(request, _("Thank you: your view has been recorded."))
        return redirect(back)
    if not form.is_valid():
        context = {"page": review, "section": section, "recommendation": rec, "form": form}
        return TemplateResponse(request, "consultations/respond.html", context, status=400)

    choice = form.cleaned_data["choice"]
    outcome = record_response(review, section, rec, person(request, f"respond:{review.pk}:{rec.key}"), form)
    said = RecommendationResponse.Choice(choice).label.lower()
    thanks = _("Thank you: your view on recommendation %(number)s (%(said)s) is recorded.") % {
        "number": rec.number,
        "said": said,
    }
    if outcome == "network-full":
        messages.error(
            request,
            _(
                "We could not record your view on recommendation %(number)s: many people on your network "
                "have answered it in the last hour, which is as many as we count from one network. "
                "Please try again later."
            )
            % {"number": rec.number},
        )
    elif outcome == "changed":
        # Said openly: on a shared computer, the earlier answer may have been someone else's.
        messages.success(
            request,
            _(
                "%(thanks)s It replaces the answer given before from this browser: "
                "each browser has one answer per recommendation."
            )
            % {"thanks": thanks},
        )
    else:
        messages.success(request, thanks)
    return redirect(back)


def record_response(review, section, rec, who, form):
    """One answer per participant per recommendation (answering again changes it), and no more than
    the cap of new answers per network in an hour. Returns "new", "changed", "same" or "network-full"."""
    values = {
        "choice": form.cleaned_data["choice"],
        "place": form.cleaned_data["place"],
        "section_key": section.key,
        "theme": section.theme,
    }
    answers = RecommendationResponse.objects.filter(review=review, recommendation_key=rec.key)
    with transaction.atomic():
        # One answer at a time per review, so concurrent posts cannot pass the cap together.
        Page.objects.select_for_update().filter(pk=review.pk).values("pk").first()
        mine = answers.filter(participant=who.participant).first()
        if mine is None and network_is_full(answers, who.network):
            return "network-full"
        RecommendationResponse.objects.update_or_create(
            review=review,
            recommendation_key=rec.key,
            participant=who.participant,
            defaults=values,
            create_defaults={**values, "network": who.network},
        )
    if mine is None:
        return "new"
    return "changed" if mine.choice != values["choice"] else "same"


RESPONSES_PER_PAGE = 20


def published_responses(request, review):
    """The closed consultation's comments that residents agreed to publish, named only if they
    chose so, newest first (served as the review page's own route, so cached like it)."""
    comments = (
        Comment.objects.published()
        .for_page(review)
        .with_public_place(request)
        .select_related("page")
        .newest_first()
    )
    key = ("review-responses", review.pk)
    page_obj = ContentPaginator(comments, RESPONSES_PER_PAGE, request, key).get_page(request.GET.get("page"))
    return review.render(
        request,
        template="consultations/review_responses.html",
        context_overrides={"page_obj": page_obj, "comments": page_obj.object_list},
    )
