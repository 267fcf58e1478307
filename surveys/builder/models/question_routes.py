"""The question pages' routes on SurveyPage (see surveys/builder/question_pages.py for the design).

answer/                          the first page, before anything is stored
answer/<token>/                  the emailed link: resumes where the resident left off
answer/<token>/<n>/              page n;  .../<n>/change/ returns to "Check your answers"
answer/<token>/check/            "Check your answers", then send
answer/<token>/save/             "Save and come back later"
answers-saved/                   what the resident sees after leaving an address
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from site_home.links import absolute_url
from site_home.page_cache import personal_page
from surveys.feedback.antispam import HONEYPOT_FIELD, over_limit, rate_limited_response
from surveys.feedback.emails import queue_email

from ..question_pages import Journey
from .drafts import DraftLinkError, SurveyDraft, draft_days, email_digest
from .fields import option_label

personal = method_decorator(personal_page)
LINK_ERRORS = {"changed": 400, "expired": 410, "gone": 404}


def plain(data):
    """Answers as the draft's JSON keeps them (dates as text, scores as numbers)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def as_form_data(answers):
    """Stored answers as the survey form's POST data, to check them all again before sending."""
    data = QueryDict(mutable=True)
    for name, value in answers.items():
        if isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        elif value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    return data


def answer_lines(value):
    """An answer as the lines "Check your answers" shows: one per choice; none when not answered."""
    if value is True or value is False:
        # Translators: the answer to a tick box, on "Check your answers"
        return [_("Yes") if value else _("No")]
    if isinstance(value, list):
        return [str(option_label(str(item))) for item in value if item not in (None, "")]
    return [] if value in (None, "") else [str(option_label(str(value)))]


class QuestionPagesMixin:
    """Routes for a SurveyPage whose `question_pages` is on."""

    def answer_url(self, token=None, number=None, change=False):
        if token is None:
            return self.url + self.reverse_subpage("answer_start")
        if number == "check":
            return self.url + self.reverse_subpage("answer_check", args=[token])
        if number == "save":
            return self.url + self.reverse_subpage("answer_save", args=[token])
        if number is None:
            return self.url + self.reverse_subpage("answer_resume", args=[token])
        name = "answer_change" if change else "answer_page"
        return self.url + self.reverse_subpage(name, args=[token, number])

    def step_form_class(self, questions):
        builder = import_string("surveys.builder.forms.SurveyFormBuilder")
        return builder(questions, self, all_questions=self.questions, question_page=True).get_form_class()

    def check_question_pages(self):
        if not self.question_pages:
            raise Http404("This survey is answered on one page.")

    def open_draft(self, request, token):
        """The draft, or the response explaining why its link cannot be used."""
        try:
            return SurveyDraft.objects.for_token(token, self), None
        except DraftLinkError as error:
            response = self.render(
                request,
                template="surveys/survey_draft_link.html",
                context_overrides={"reason": error.reason, "draft_days": draft_days()},
            )
            response.status_code = LINK_ERRORS[error.reason]
            return None, response

    # Pages -------------------------------------------------------------------------------------

    @path("answer/", name="answer_start")
    @personal
    def answer_start(self, request):
        self.check_question_pages()
        if not self.is_open:
            return self.render_closed(request)
        return self.question_page(request, None, Journey(self.questions, {}).applying[0].number)

    @path("answer/<str:token>/", name="answer_resume")
    @personal
    def answer_resume(self, request, token):
        self.check_question_pages()
        draft, refused = self.open_draft(request, token)
        if refused:
            return refused
        unanswered = Journey(self.questions, draft.answers).first_unanswered()
        if unanswered is None:
            return HttpResponseRedirect(self.answer_url(token, "check"))
        return HttpResponseRedirect(self.answer_url(token, unanswered.number))

    @path("answer/<str:token>/<int:number>/", name="answer_page")
    @personal
    def answer_page(self, request, token, number):
        return self.question_page(request, token, number)

    @path("answer/<str:token>/<int:number>/change/", name="answer_change")
    @personal
    def answer_change(self, request, token, number):
        return self.question_page(request, token, number, change=True)

    def question_page(self, request, token, number, change=False):
        self.check_question_pages()
        if not self.is_open:
            return self.render_closed(request)
        draft = None
        if token is not None:
            draft, refused = self.open_draft(request, token)
            if refused:
                return refused
        answers = draft.answers if draft else {}
        journey = Journey(self.questions, answers)
        page = journey.page(number)
        if page is None:  # a page these answers skip, or none at all
            return HttpResponseRedirect(self.answer_url(token, "check") if draft else self.answer_url())
        form_class = self.step_form_class(page.questions)
        if request.method == "POST":
            if over_limit(request, "survey-pages", settings.SURVEY_PAGES_RATE_LIMIT):
                return rate_limited_response(request, what=_("survey answers"))
            form = form_class(request.POST, earlier_answers=answers)
            if form.is_spam():
                if draft:
                    draft.delete()
                return self.render_landing_page(request)  # a bot is thanked, nothing is kept
            then = request.POST.get("then")
            if form.is_valid() or then == "save":
                if form.is_valid():
                    answers = {**answers, **plain(form.cleaned_data)}
                    answers.pop(HONEYPOT_FIELD, None)
                if draft is None:
                    draft = SurveyDraft(page=self, answers=answers)
                    token = draft.new_token()
                    draft.save()
                else:
                    draft.keep(answers)
                return HttpResponseRedirect(self.after_page(token, page, answers, change, then))
        else:
            form = form_class(initial=answers)
        first, last, total = journey.progress(page)
        previous = journey.previous(page)
        if change:
            back_url = self.answer_url(token, "check")
        elif previous:
            back_url = self.answer_url(token, previous.number) if token else self.answer_url()
        else:
            back_url = self.url
        return self.render(
            request,
            template="surveys/survey_question_page.html",
            context_overrides={
                "form": form,
                "question_page": page,
                "progress": {"first": first, "last": last, "total": total},
                "back_url": back_url,
                "action_url": request.path,
                "breadcrumb_extra": None,
            },
        )

    def after_page(self, token, page, answers, change, then):
        if then == "save":
            return self.answer_url(token, "save")
        journey = Journey(self.questions, answers)
        again = journey.page(page.number)
        if again and any(q.clean_name not in answers for q in again.questions):
            # An answer on this page brought in a question on the same page: ask it there.
            return self.answer_url(token, page.number, change=change)
        if change:
            unanswered = journey.first_unanswered()
            return (
                self.answer_url(token, unanswered.number, change=True)
                if unanswered
                else self.answer_url(token, "check")
            )
        following = journey.next(page)
        return self.answer_url(token, following.number) if following else self.answer_url(token, "check")

    @path("answer/<str:token>/check/", name="answer_check")
    @personal
    def answer_check(self, request, token):
        self.check_question_pages()
        if not self.is_open:
            return self.render_closed(request)
        draft, refused = self.open_draft(request, token)
        if refused:
            return refused
        journey = Journey(self.questions, draft.answers)
        unanswered = journey.first_unanswered()
        if unanswered is not None:
            return HttpResponseRedirect(self.answer_url(token, unanswered.number))
        guard = import_string("surveys.builder.forms.SendAnswersForm")(request.POST or None)
        if request.method == "POST":
            if over_limit(request, "surveys", settings.FEEDBACK_RATE_LIMIT):
                return rate_limited_response(request, what=_("survey answers"))
            if guard.is_spam():
                draft.delete()
                return self.render_landing_page(request)
            form = self.get_form(as_form_data(journey.asked_answers()), page=self, user=request.user)
            if not form.is_valid():
                wrong = next(q for q in journey.asked if q.clean_name in form.errors)
                page = next(p for p in journey.applying if wrong in p.questions)
                return HttpResponseRedirect(self.answer_url(token, page.number, change=True))
            submission = self.process_form_submission(form)
            draft.delete()
            return self.render_landing_page(request, submission)
        rows = [
            {
                "question": question,
                "lines": answer_lines(draft.answers.get(question.clean_name)),
                "change_url": self.answer_url(token, page.number, change=True),
            }
            for page in journey.applying
            for question in page.questions
        ]
        return self.render(
            request,
            template="surveys/survey_check_answers.html",
            context_overrides={
                "form": guard,
                "rows": rows,
                "back_url": self.answer_url(token, journey.applying[-1].number),
                "save_url": self.answer_url(token, "save"),
                "action_url": request.path,
            },
        )

    # Save and come back later ----------------------------------------------------------------

    @path("answer/<str:token>/save/", name="answer_save")
    @personal
    def answer_save(self, request, token):
        self.check_question_pages()
        draft, refused = self.open_draft(request, token)
        if refused:
            return refused
        form = import_string("surveys.builder.forms.SaveAnswersForm")(request.POST or None)
        if request.method == "POST":
            if over_limit(request, "survey-save", settings.FEEDBACK_RATE_LIMIT):
                return rate_limited_response(request, what=_("emails"))
            if form.is_spam():
                return HttpResponseRedirect(self.url + self.reverse_subpage("answers_saved"))
            if form.is_valid():
                self.email_draft(draft, form.cleaned_data["email"])
                return HttpResponseRedirect(self.url + self.reverse_subpage("answers_saved"))
        return self.render(
            request,
            template="surveys/survey_save_answers.html",
            context_overrides={
                "form": form,
                "back_url": self.answer_url(token),
                "action_url": request.path,
                "draft_days": draft_days(),
            },
        )

    def email_draft(self, draft, email):
        """Keep the draft for SURVEY_DRAFT_DAYS and email its link (a new token: the address in the
        resident's browser stops working). Past the day's allowance for the address nothing
        changes and nothing is sent; the resident is told the same either way."""
        if SurveyDraft.objects.emailed_recently(email) >= settings.SURVEY_DRAFT_EMAILS_PER_DAY:
            return
        token = draft.new_token()
        draft.email, draft.email_key = email, email_digest(email)
        draft.emailed_at = draft.updated_at = timezone.now()
        draft.save()
        queue_email(
            email,
            "surveys/email/survey_draft",
            {
                "survey": self.title,
                "resume_url": absolute_url(self.answer_url(token)),
                "days": draft_days(),
            },
        )

    @path("answers-saved/", name="answers_saved")
    @personal
    def answers_saved(self, request):
        self.check_question_pages()
        return self.render(
            request,
            template="surveys/survey_answers_saved.html",
            context_overrides={"draft_days": draft_days()},
        )
