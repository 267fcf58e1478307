"""Survey pages: the /surveys/ index and SurveyPage, a Wagtail form page with opening and closing
dates, places and themes, public results and the Place Standard preset."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from site_home.languages import in_every_language
from site_home.models import PlacePage
from site_home.page_cache import cached_content
from site_home.visibility import VisiblePageQuerySet, visible_q
from surveys.builder.paper import paper_questions
from surveys.builder.presets import SurveyPreset, place_standard_fields, standard_about_you_fields
from surveys.builder.presets import scale_max as preset_scale_max
from surveys.builder.results import survey_results
from surveys.builder.skip_logic import rule_errors
from surveys.equalities.questions import WHY_WE_ASK
from surveys.equalities.recording import question_key, record_about_you, take_about_you
from surveys.feedback.antispam import HONEYPOT_FIELD, over_limit, rate_limited_response
from surveys.feedback.channels import Channel
from surveys.feedback.emails import queue_email

from .fields import SurveyFieldType, SurveySubmission
from .question_routes import QuestionPagesMixin


class SurveyState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def today():
    return timezone.localdate()


class SurveyPageQuerySet(VisiblePageQuerySet):
    def open_now(self):
        now = today()
        return self.filter(opens_on__lte=now, closes_on__gte=now)

    def upcoming(self):
        return self.filter(opens_on__gt=today())

    def closed(self):
        return self.filter(closes_on__lt=today())

    def for_place(self, place):
        return self.filter(places=place)

    def for_theme(self, theme):
        """Surveys tagged with the theme, or asking a question about it."""
        return self.filter(models.Q(themes=theme) | models.Q(form_fields__theme=theme)).distinct()

    def with_cards(self, request=None):
        """What a survey card shows (the places the public may see, and themes) in a fixed number
        of queries."""
        places = models.Prefetch("places", queryset=PlacePage.objects.visible(request))
        return self.prefetch_related(places, "themes")


class SurveyIndexPage(Page):
    introduction = models.TextField(blank=True, max_length=600)

    # Headings give fields without a verbose_name their label in the editor's language, without a migration.
    content_panels = Page.content_panels + [FieldPanel("introduction", heading=_("Introduction"))]
    parent_page_types = ["site_home.HomePage"]
    subpage_types = ["surveys.SurveyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("survey index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        surveys = SurveyPage.objects.child_of(self).live().public().with_cards()
        context["survey_groups"] = [
            (_("Open now"), list(surveys.open_now().order_by("closes_on"))),
            (_("Coming soon"), list(surveys.upcoming().order_by("opens_on"))),
            (_("Closed"), list(surveys.closed().order_by("-closes_on"))),
        ]
        return context


class SurveyPageForm(WagtailAdminPageForm):
    """Checks the questions' skip rules against the questions above them, as the editor left them."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned
        kept = [form for form in formset.forms if form.is_valid() and not form.cleaned_data.get("DELETE")]
        kept.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
        for position, errors in rule_errors([form.cleaned_data for form in kept]).items():
            for name, message in errors.items():
                kept[position].add_error(name, message)
        return cleaned


class SurveyPage(QuestionPagesMixin, RoutablePageMixin, AbstractForm):
    """A survey editors compose from questions in the admin. Residents answer it while it is open;
    afterwards (or alongside, if the editor says so) anyone can read the results at results/."""

    introduction = models.TextField(max_length=600, help_text=_("Who is asking, why, and how long it takes."))
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown after someone answers: say what happens next."),
    )
    opens_on = models.DateField(default=datetime.date.today)
    closes_on = models.DateField()
    places = ParentalManyToManyField("site_home.PlacePage", blank=True, related_name="surveys")
    themes = ParentalManyToManyField("site_home.Theme", blank=True, related_name="surveys")
    results_public = models.BooleanField(
        _("show results publicly"),
        default=False,
        help_text=_("Anyone can read the counts and charts at this survey's results page."),
    )
    preset = models.CharField(
        _("preset"),
        max_length=32,
        blank=True,
        default=SurveyPreset.NONE,
        choices=SurveyPreset.choices,
        help_text=_(
            "Choose a Place Standard version when creating the survey to add its 14 themes in one step "
            "(each theme's question on the version's scale, with “I don't know”, and two open questions). "
            "Its results show a compass diagram per place. Check the questions against the published "
            "tool before the survey opens: the young people's and children's wording here is a draft."
        ),
    )
    previous_round = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_rounds",
        help_text=_(
            "The round of this survey before this one. The compass shows it, and the rounds before "
            "it (up to four), so change over time is visible."
        ),
    )
    ask_about_you = models.BooleanField(
        _("ask the standard 'about you' questions"),
        default=False,
        help_text=_(
            "Tick this to add the optional questions (age band, sex, disability, ethnic group, in "
            "Census 2022 categories, and postcode) after the others, in one step. They are stored apart from "
            "the answers and reported only as counts."
        ),
    )
    why_we_ask = models.TextField(
        _("why we ask about you"),
        blank=True,
        max_length=1200,
        help_text=_("Shown above the 'about you' questions. Leave empty for the standard explanation."),
    )
    notification_email = models.EmailField(
        blank=True,
        help_text=_("Optional: we email this address when someone answers (no personal data)."),
    )
    question_pages = models.BooleanField(
        _("ask one question per page"),
        default=False,
        help_text=_(
            "Residents see one question at a time (or the questions you put on the same page), then "
            "check their answers before sending them. They can save their answers and come back later."
        ),
    )

    objects = PageManager.from_queryset(SurveyPageQuerySet)()
    base_form_class = SurveyPageForm

    # Headings give fields without a verbose_name their label in the editor's language, without a migration.
    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("introduction", heading=_("Introduction")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("opens_on", heading=_("Opens on")),
                        FieldPanel("closes_on", heading=_("Closes on")),
                    ]
                ),
                FieldPanel("results_public"),
            ],
            heading=_("When and results"),
        ),
        FieldPanel("places", heading=_("Places")),
        FieldPanel("themes", heading=_("Themes")),
        MultiFieldPanel(
            [FieldPanel("preset"), FieldPanel("previous_round", heading=_("Previous round"))],
            heading=_("Place Standard"),
        ),
        FieldPanel("question_pages"),
        InlinePanel("form_fields", label=_("Question")),
        MultiFieldPanel([FieldPanel("ask_about_you"), FieldPanel("why_we_ask")], heading=_("About you")),
        FieldPanel("thank_you_text", heading=_("Thank you text")),
        FieldPanel("notification_email", heading=_("Notification email")),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("survey")

    def clean(self):
        super().clean()
        if self.closes_on and self.opens_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The survey cannot close before it opens.")})
        if self.previous_round_id and self.previous_round_id == self.pk:
            raise ValidationError({"previous_round": _("Choose an earlier survey, not this one.")})

    def save(self, *args, **kwargs):
        # The presets fill a survey once; editors can then change the questions freely.
        if self.is_place_standard and not list(self.form_fields.all()):
            self.form_fields = place_standard_fields(self.preset)
        questions = list(self.form_fields.all())
        if self.ask_about_you and not any(field.asked_about_you for field in questions):
            # After the others, numbered in order (questions made in code have no number yet).
            questions += standard_about_you_fields()
            for number, field in enumerate(questions):
                field.sort_order = number
            self.form_fields = questions
        return super().save(*args, **kwargs)

    @property
    def why_we_ask_text(self):
        return self.why_we_ask or WHY_WE_ASK

    @property
    def is_place_standard(self):
        return bool(self.preset)

    @property
    def scale_max(self):
        """The highest score on the compass (the preset's scale)."""
        return preset_scale_max(self.preset)

    # State ---------------------------------------------------------------------------------

    @property
    def state(self):
        now = today()
        if self.opens_on and now < self.opens_on:
            return SurveyState.UPCOMING
        if self.closes_on and now > self.closes_on:
            return SurveyState.CLOSED
        return SurveyState.OPEN

    @property
    def state_label(self):
        return self.state.label

    @property
    def is_open(self):
        return self.state == SurveyState.OPEN

    # Form builder --------------------------------------------------------------------------

    def get_form_fields(self):
        # pk breaks ties: fields made in code (not in the admin's ordered inline) share a sort_order.
        return self.form_fields.select_related("theme").order_by("sort_order", "pk")

    @cached_property
    def questions(self):
        """The questions with their themes, loaded once per request."""
        return list(self.get_form_fields())

    # The form builder and the submissions view import the models, so the models name them by path.
    def get_form_class(self):
        return import_string("surveys.builder.forms.SurveyFormBuilder")(self.questions, self).get_form_class()

    def get_submission_class(self):
        return SurveySubmission

    def get_submissions(self):
        return SurveySubmission.objects.filter(page_id__in=in_every_language(self)).select_related(
            "place", "page__locale"
        )

    def get_submissions_list_view_class(self):
        return import_string("surveys.builder.exports.SurveySubmissionsListView")

    def get_data_fields(self):
        """Columns of the admin listing and its CSV/XLSX export: the place first, then the
        answers (headed with their theme), then "about you" answers only for staff allowed to see
        personal data (set on the page by the submissions view for this request)."""
        fields = self.questions
        columns = [
            ("submit_time", _("Submission date")),
            ("place", _("Place")),
            ("channel", _("Channel")),
            ("language", _("Language")),
        ]
        for field in fields:
            if not field.is_personal:
                heading = (
                    _("%(question)s [theme: %(theme)s]")
                    % {"question": field.label, "theme": field.theme.name}
                    if field.theme_id
                    else field.label
                )
                columns.append((field.clean_name, heading))
        if getattr(self, "show_personal_data", False):
            for field in fields:
                if field.field_type == SurveyFieldType.POSTCODE:
                    columns += [
                        ("about_you:data_zone", _("About you: data zone")),
                        ("about_you:simd", _("About you: SIMD")),
                    ]
                elif field.about_you:
                    columns.append(
                        (
                            f"about_you:{question_key(field)}",
                            _("About you: %(question)s") % {"question": field.label},
                        )
                    )
                elif field.is_personal:
                    columns.append(
                        (field.clean_name, _("About you: %(question)s") % {"question": field.label})
                    )
        return columns

    def submission_place(self, form):
        """The place an answer is about: the place question if asked, else the survey's only place."""
        for field in self.questions:
            if field.field_type == SurveyFieldType.PLACE and form.cleaned_data.get(field.clean_name):
                return PlacePage.objects.filter(slug=form.cleaned_data[field.clean_name]).first()
        places = list(self.places.all()[:2])
        return places[0] if len(places) == 1 else None

    def process_form_submission(self, form):
        data = {key: value for key, value in form.cleaned_data.items() if key != HONEYPOT_FIELD}
        about_you = take_about_you(data, self.questions)  # stored apart; the postcode only as its area
        place = self.submission_place(form)
        if place is None and about_you.area.place_id:
            place = PlacePage.objects.filter(pk=about_you.area.place_id).first()
        submission = SurveySubmission.objects.create(form_data=data, page=self, place=place)
        record_about_you(about_you, self, place, submission=submission)
        if self.notification_email:
            queue_email(
                self.notification_email,
                "surveys/email/survey_response",
                {"survey": self.title, "place": submission.place.title if submission.place else ""},
            )
        return submission

    # Views ---------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Querysets, read inside the survey_meta fragment only when it is not cached.
        context["places_list"] = SimpleLazyObject(
            lambda: list(
                self.places.filter(visible_q(request=request)).only("title", "url_path", "path", "depth")
            )
        )
        context["themes_list"] = self.themes.all()
        return context

    @path("", name="form")
    def index_route(self, request):
        if not self.is_open:
            return self.render_closed(request)
        if self.question_pages:
            return self.render(request)  # the start page: the questions are at answer/
        if request.method == "POST":
            if over_limit(request, "surveys", settings.FEEDBACK_RATE_LIMIT):
                return rate_limited_response(request, what=_("survey answers"))
            form = self.get_form(request.POST, page=self, user=request.user)
            if form.is_spam():
                return self.render_landing_page(request)  # a bot is thanked, nothing is stored
            if form.is_valid():
                return self.render_landing_page(request, self.process_form_submission(form))
        else:
            form = self.get_form(page=self, user=request.user)
        return self.render(request, context_overrides={"form": form})

    def render_closed(self, request):
        context = {}
        if self.state == SurveyState.CLOSED and self.results_public:
            context["results"] = self.public_results(request)
        return self.render(request, context_overrides=context)

    @path("results/", name="results")
    def results(self, request):
        if not self.results_public:
            raise Http404("The results of this survey are not public.")
        results = SimpleLazyObject(lambda: self.public_results(request))  # read on a fragment miss
        return self.render(
            request,
            template="surveys/survey_results.html",
            context_overrides={"results": results, "breadcrumb_extra": _("Results")},
        )

    @path("paper/", name="paper")
    def paper(self, request):
        """A copy to print and fill in by hand, from the same questions (surveys.builder.paper)."""
        return self.render(
            request,
            template="surveys/survey_paper.html",
            context_overrides={"paper_questions": paper_questions(self), "breadcrumb_extra": _("Paper copy")},
        )

    def public_results(self, request):
        """The results for the place in ?place=, kept per content version (every answer changes
        it): on a hit not even the query that keys survey_results' own cache is made."""
        place_slug = request.GET.get("place")
        channel = request.GET.get("channel") if request.GET.get("channel") in Channel.values else None
        return cached_content(
            request,
            "survey-results",
            (self.pk, place_slug, channel),
            lambda: survey_results(self, place_slug, channel),
        )

    def results_url(self):
        return self.url + self.reverse_subpage("results")

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return self.index_route(request)
