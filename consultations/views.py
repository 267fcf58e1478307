from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.crypto import salted_hmac

from surveys.feedback.antispam import client_key, over_limit, rate_limited_response

from .forms import RecommendationResponseForm, place_choices
from .models import RecommendationResponse


def client_hash(request):
    """A keyed hash of who is asking: counts one answer per person without storing their address."""
    who = f"{client_key('consultations', request)}|{request.META.get('HTTP_USER_AGENT', '')}"
    return salted_hmac("consultations.recommendation-response", who, algorithm="sha256").hexdigest()


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
        messages.error(request, f"This review is not taking feedback. {review.feedback_closed_message()}")
        return redirect(back)
    if over_limit(request, "consultations-respond", settings.FEEDBACK_RATE_LIMIT):
        return rate_limited_response(request, "responses")

    places = place_choices()
    form = RecommendationResponseForm(request.POST, prefix=rec.key, places=places, recommendation=rec)
    if form.is_spam():
        messages.success(request, "Thank you: your view has been recorded.")
        return redirect(back)
    if not form.is_valid():
        context = {"page": review, "section": section, "recommendation": rec, "form": form}
        return TemplateResponse(request, "consultations/respond.html", context, status=400)

    RecommendationResponse.objects.update_or_create(
        review=review,
        recommendation_key=rec.key,
        client_hash=client_hash(request),
        defaults={
            "choice": form.cleaned_data["choice"],
            "place_id": form.cleaned_data["place"],
            "section_key": section.key,
            "theme": section.theme,
        },
    )
    choice = dict(RecommendationResponse.CHOICES)[form.cleaned_data["choice"]].lower()
    messages.success(request, f"Thank you: your view on recommendation {rec.number} ({choice}) is recorded.")
    return redirect(back)
