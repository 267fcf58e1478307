import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from consultations.blocks import RecommendationBlock
from site_home.models import PlacePage, Theme
from site_home.models.mixins import ContactDetailsMixin, chosen_page_types
from site_home.visibility import VisiblePageQuerySet, visible_q
from surveys.analysis.frame import quotes as frame_quotes
from surveys.models import DiscussionMixin

from .engagement import PreOpenCheckPanel, engagement_by_standard
from .feedback import RecommendationResponse
from .status import ReviewStatus, derive_status, status_expression

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
# The UK government's standard: a response is published within 12 weeks of a consultation closing.
RESPONSE_DUE_AFTER = datetime.timedelta(weeks=12)


def new_key():
    return uuid.uuid4().hex[:12]


class ReviewIndexPage(Page):
    """The finder at /consultations/: every review with its status, filterable and searchable."""

    introduction = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["site_home.HomePage"]
    subpage_types = ["consultations.ReviewPage"]
    max_count = 1

    def reviews(self):
        return ReviewPage.objects.child_of(self).live().public().for_listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Forms and views import the models, so the models name them by dotted path.
        form = import_string("consultations.forms.ReviewFilterForm")(request.GET or None)
        context["filter_form"] = form
        # Read only if the template's fragment cache misses (so is the form's list of places).
        context["reviews"] = SimpleLazyObject(lambda: list(form.filter(self.reviews(), self)))
        context["today"] = timezone.localdate()  # a review's status changes with the date
        return context


class ReviewQuerySet(VisiblePageQuerySet):
    def with_status(self, today=None):
        return self.annotate(status_value=status_expression(today))

    def with_status_value(self, status, today=None):
        return self.with_status(today).filter(status_value=status)

    def for_place(self, place):
        return self.filter(places=place)

    def for_theme(self, theme):
        """Reviews tagged with the theme or with a key area on it."""
        return self.filter(models.Q(themes=theme) | models.Q(sections__theme=theme)).distinct()

    def for_listing(self, request=None):
        """What a card shows (status, dates, the places the public may see, themes), in three
        queries whatever the count (and one for the hidden pages, once per request)."""
        places = PlacePage.objects.filter(visible_q(request=request)).only("id", "title")
        return (
            self.with_status()
            .prefetch_related(
                models.Prefetch("places", queryset=places.order_by("title")),
                "themes",
            )
            .order_by("-opening_date", "title")
        )


TAKE_PART_CHOOSERS, take_part_page_errors = chosen_page_types(
    {
        "survey_page": ("surveys.SurveyPage",),
        "discussion_page": ("surveys.DiscussionPage",),
        "events_page": ("events.EventPage", "events.EventIndexPage"),
    }
)


class ReviewPageForm(WagtailAdminPageForm):
    """Lets editors pick what an outcome item answers from the draft's own key areas and
    recommendations, instead of typing a key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("outcome_items")
        if formset is None:
            return
        choices = [("", gettext("Choose a key area or recommendation"))]
        if self.instance.pk:
            choices += self.instance.feedback_targets()
        for form in [*formset.forms, formset.empty_form]:
            current = form.initial.get("target_key")
            field_choices = choices
            if current and current not in dict(choices):
                field_choices = [*choices, (current, gettext("(no longer in the draft)"))]
            form.fields["target_key"] = forms.ChoiceField(
                choices=field_choices, label=gettext("Key area or recommendation")
            )


class ReviewPage(DiscussionMixin, ContactDetailsMixin, RoutablePageMixin, Page):
    """A review document residents read and respond to key area by key area.

    Its status (upcoming, open, closed, outcome published) is derived, never stored; see status.py.
    """

    offers_outcome_email = True  # commenters who ask are emailed when the outcome is published
    followable = True  # residents may follow it by email (surveys.feedback.following)

    summary = models.TextField(max_length=500, help_text=_("Shown on cards and at the top of the page."))
    run_by = models.CharField(_("who is running it"), max_length=160)
    opening_date = models.DateField(help_text=_("The first day residents can give feedback."))
    closing_date = models.DateField(help_text=_("The last day residents can give feedback."))
    places = ParentalManyToManyField("site_home.PlacePage", blank=True, related_name="reviews")
    themes = ParentalManyToManyField("site_home.Theme", blank=True, related_name="reviews")
    introduction = RichTextField(features=TEXT_FEATURES)

    how_to_take_part = RichTextField(blank=True, features=TEXT_FEATURES)
    survey_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    discussion_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    events_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    outcome_published = models.BooleanField(
        default=False,
        help_text=_(
            "Tick once the review has closed and the outcome below is ready for residents. "
            "People who asked to hear about the outcome are emailed when you publish."
        ),
    )
    outcome_summary = RichTextField(blank=True, features=TEXT_FEATURES)
    final_report = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response_expected_on = models.DateField(
        _("we will publish our response by"),
        null=True,
        blank=True,
        help_text=_("Told to residents, so they know when to look for the outcome."),
    )
    short_period_reason = models.TextField(
        _("why the period is shorter than 12 weeks"),
        blank=True,
        max_length=1000,
        help_text=_("Only if residents have less than 12 weeks to respond."),
    )
    publish_responses = models.BooleanField(
        _("publish the responses"),
        default=False,
        help_text=_(
            "Once the consultation has closed, list the comments residents agreed to publish on "
            "their own page."
        ),
    )

    objects = PageManager.from_queryset(ReviewQuerySet)()
    base_form_class = ReviewPageForm

    content_panels = Page.content_panels + [
        PreOpenCheckPanel(heading=_("Pre-open check")),
        FieldPanel("summary"),
        ContactDetailsMixin.contact_panel("run_by", heading=_("Who is running it")),
        FieldRowPanel([FieldPanel("opening_date"), FieldPanel("closing_date")], heading=_("Feedback dates")),
        FieldPanel("short_period_reason"),
        FieldPanel("response_expected_on"),
        FieldPanel("places"),
        FieldPanel("themes"),
        InlinePanel("documents", label=_("Document"), heading=_("Downloads")),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("how_to_take_part"),
                TAKE_PART_CHOOSERS["survey_page"],
                TAKE_PART_CHOOSERS["discussion_page"],
                TAKE_PART_CHOOSERS["events_page"],
            ],
            heading=_("How to take part"),
        ),
        InlinePanel("sections", label=_("Key area"), heading=_("Key areas")),
    ]
    engagement_panels = [
        InlinePanel(
            "engagement",
            label=_("What we did"),
            heading=_("How we engaged (National Standards for Community Engagement)"),
        )
    ]
    outcome_panels = [
        FieldPanel("publish_responses"),
        FieldPanel("outcome_published"),
        FieldPanel("outcome_summary"),
        FieldPanel("final_report"),
        InlinePanel("outcome_items", label=_("You said, we did"), heading=_("You said, we did")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(DiscussionMixin.discussion_panels, heading=_("Discussion")),
            ObjectList(engagement_panels, heading=_("How we engaged")),
            ObjectList(outcome_panels, heading=_("Outcome")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1),
        index.SearchField("introduction"),
        index.SearchField("run_by"),
        index.RelatedFields("themes", [index.SearchField("name", boost=1)]),
        index.RelatedFields(
            "sections",
            [
                index.SearchField("title", boost=1),
                index.SearchField("where_now"),
                index.SearchField("where_next"),
                index.SearchField("recommendations"),
            ],
        ),
    ]

    parent_page_types = ["consultations.ReviewIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("review")

    def clean(self):
        super().clean()
        errors = take_part_page_errors(self)
        if self.opening_date and self.closing_date and self.closing_date < self.opening_date:
            errors["closing_date"] = _("The review cannot close before it opens.")
        dated = self.opening_date and self.closing_date
        if self.outcome_published and dated and self.status_for_dates_only() != ReviewStatus.CLOSED:
            errors["outcome_published"] = _("Publish the outcome only after the review has closed.")
        if errors:
            raise ValidationError(errors)

    def status_for_dates_only(self):
        return derive_status(self.opening_date, self.closing_date, False)

    @property
    def status(self):
        # A listing annotation (status_value) saves recomputing; both follow the same rule.
        value = getattr(self, "status_value", None)
        if value:
            return ReviewStatus(value)
        return derive_status(self.opening_date, self.closing_date, self.outcome_published)

    @property
    def is_open(self):
        return self.status == ReviewStatus.OPEN

    def accepts_feedback(self):
        return self.is_open

    def accepts_comments(self):
        return self.discussion_enabled and self.is_open

    def comments_closed_message(self):
        return self.feedback_closed_message()

    def discussion_section_label(self, section_key, posted_label):
        """Comments attach only to the review as a whole or to one of its own parts."""
        if not section_key:
            return posted_label[:255]
        return dict(self.feedback_targets()).get(section_key)

    @property
    def response_due_date(self):
        return self.closing_date + RESPONSE_DUE_AFTER if self.closing_date else None

    @property
    def response_state(self):
        """For a closed review with no published outcome: "due" until 12 weeks after closing, then
        "overdue"; otherwise None."""
        if self.status != ReviewStatus.CLOSED:
            return None
        return "overdue" if timezone.localdate() > self.response_due_date else "due"

    def feedback_closed_message(self):
        if self.status == ReviewStatus.UPCOMING:
            return gettext("Feedback opens on %(date)s.") % {"date": date_format(self.opening_date, "j F Y")}
        return gettext("Feedback closed on %(date)s. What people said stays here to read.") % {
            "date": date_format(self.closing_date, "j F Y")
        }

    # --- the document -------------------------------------------------------------------

    @cached_property
    def section_list(self):
        sections = list(self.sections.select_related("theme"))
        for number, section in enumerate(sections, start=1):
            section.number = number
        return sections

    @classmethod
    def search_locations(cls, reviews, words, request=None):
        """Where site search should send a visitor in each review the words were found in: the key
        area they match best, as {page id: (url#anchor, key area title)}. One query for all the
        reviews; a review whose key areas do not match is left out (its top is the place to go)."""
        by_id = {review.pk: review for review in reviews}
        sections = get_search_backend().search(
            words, ReviewSection.objects.filter(page__in=list(by_id)).only("page_id", "key", "title")
        )
        locations = {}
        for section in sections:  # best match first
            if section.page_id in locations:
                continue
            review = by_id[section.page_id]
            url = review.get_url(request)
            if review.status == ReviewStatus.OUTCOME:  # the document then lives at draft/
                url += review.reverse_subpage("draft")
            locations[section.page_id] = (f"{url}#{section.anchor}", section.title)
        return locations

    def feedback_targets(self):
        """(key, label) for every section and recommendation, in reading order."""
        targets = []
        for section in self.section_list:
            targets.append((section.key, f"{section.number}. {section.title}"))
            for rec in section.recommendation_list:
                label = gettext("Recommendation %(number)s: %(text)s")
                targets.append((rec.key, label % {"number": rec.number, "text": rec.short_text}))
        return targets

    def commitment_targets(self):
        """What a commitment made from this review can answer: its key areas and recommendations."""
        return self.feedback_targets()

    def discussion_target(self, key):
        """The section (and recommendation) a discussion sub-page is about."""
        for section in self.section_list:
            if section.key == key:
                return {"section": section, "recommendation": None, "target_key": key, "label": section.title}
            for rec in section.recommendation_list:
                if rec.key == key:
                    label = gettext("Recommendation %(number)s") % {"number": rec.number}
                    return {"section": section, "recommendation": rec, "target_key": key, "label": label}
        raise Http404("No such part of this review")

    def outcome_item_list(self, request=None):
        """'You said, we did' items, each with the title of the part of the draft it answers and
        the public commitments made from that part."""
        labels = dict(self.feedback_targets())
        items = list(self.outcome_items.all())
        commitments = import_string("consultations.document.commitments_by_key")(self, request)
        for item in items:
            item.commitments = commitments.get(item.target_key, [])
            item.label = labels.get(item.target_key, gettext("About the review as a whole"))
            if item.target_key not in labels:
                item.anchor = ""
            elif item.target_key.startswith("rec-"):
                item.anchor = item.target_key
            else:
                item.anchor = f"section-{item.target_key}"
        return items

    @property
    def responses_published(self):
        """The responses page exists once the consultation has closed and editors chose to publish it."""
        return self.publish_responses and self.status in (ReviewStatus.CLOSED, ReviewStatus.OUTCOME)

    def engagement_list(self):
        return engagement_by_standard(self)

    # --- its coding frame (surveys.analysis) ----------------------------------------------

    def coding_sources(self):
        """The review's own comments and its discussion's, and the free-text answers of its survey."""
        comment_pages = [self.pk] + ([self.discussion_page_id] if self.discussion_page_id else [])
        return comment_pages, [self.survey_page_id] if self.survey_page_id else []

    def starter_codes(self):
        """A code per key area (with its theme), then one per site theme not already covered."""
        from_key_areas = [
            (section.title, strip_tags(section.where_next), section.theme_id)
            for section in self.sections.all()
        ]
        covered = {theme_id for _, _, theme_id in from_key_areas}
        from_themes = [
            (theme.name, theme.description, theme.pk)
            for theme in Theme.objects.order_by("name")
            if theme.pk not in covered
        ]
        return from_key_areas + from_themes

    def get_context(self, request, *args, **kwargs):
        build_document = import_string("consultations.document.build_document")  # it renders forms
        context = super().get_context(request, *args, **kwargs)
        # Built only when the template's fragment cache misses.
        context["document"] = SimpleLazyObject(lambda: build_document(self, request))
        if self.status == ReviewStatus.OUTCOME:
            context["outcome_items"] = SimpleLazyObject(lambda: self.outcome_item_list(request))
            context["quotes"] = SimpleLazyObject(lambda: frame_quotes(self, request))
        return context

    @path("")
    def review(self, request):
        template = "consultations/review_outcome.html" if self.status == ReviewStatus.OUTCOME else None
        return self.render(request, template=template)

    @path("draft/", name="draft")
    def draft(self, request):
        if self.status != ReviewStatus.OUTCOME:
            return redirect(self.url)
        return self.render(request, context_overrides={"showing_draft": True})

    @path("discuss/<str:key>/", name="discuss")
    def discuss(self, request, key):
        """One key area's or recommendation's own discussion thread, on its own page, so the
        review page stays light (counts and links, not N threads)."""
        return self.render(
            request, template="consultations/discuss.html", context_overrides=self.discussion_target(key)
        )

    @path("responses/", name="responses")
    def responses(self, request):
        """What residents said, as they agreed it may be shown, once the consultation has closed."""
        if not self.responses_published:
            raise Http404("Responses are not published")
        return import_string("consultations.views.published_responses")(request, self)

    @path("paper/", name="paper")
    def paper(self, request):
        """The response form to print and fill in by hand: every key area's recommendations with
        agree / disagree / not sure boxes and room for comments, as the page asks online."""
        return self.render(
            request,
            template="consultations/review_paper.html",
            context_overrides={
                "paper_sections": self.section_list,
                "paper_choices": RecommendationResponse.Choice.choices,
                "breadcrumb_extra": _("Paper response form"),
            },
        )

    @path("respond/<str:key>/", name="respond")
    def respond(self, request, key):
        return import_string("consultations.views.respond_to_recommendation")(request, self, key)

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The review as an accessible PDF, made from the published page (consultations.pdf)."""
        return import_string("consultations.pdf.review_pdf_response")(self, request)

    @property
    def pdf_url(self):
        """The PDF's address, or "" when this site cannot make PDFs."""
        if not import_string("consultations.pdf.pdf_available")():
            return ""
        return self.url + self.reverse_subpage("pdf")


class ReviewDocument(Orderable):
    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=160, blank=True, help_text=_("Defaults to the document's title."))

    panels = [FieldPanel("document"), FieldPanel("label")]

    @property
    def title(self):
        return self.label or self.document.title


class ReviewSection(index.Indexed, Orderable):
    """A key area. Its `key` is set once and never changes, so comments, agreement and outcomes stay
    attached when editors reword or reorder the document.

    Indexed on its own as well as within its review, so site search can link a hit to the key area
    it is in (`section_hits`). Its rows are the published document: drafts live in revisions."""

    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=12, default=new_key, editable=False, db_index=True)
    theme = models.ForeignKey("site_home.Theme", on_delete=models.PROTECT, related_name="review_sections")
    title = models.CharField(max_length=160)
    where_now = RichTextField(_("Where are we now?"), features=TEXT_FEATURES)
    where_next = RichTextField(_("Where do we want to be?"), features=TEXT_FEATURES)
    recommendations = StreamField(
        [("recommendation", RecommendationBlock())],
        blank=True,
        verbose_name=_("Recommendations for change"),
    )
    easy_read = RichTextField(
        _("Easy Read summary"),
        blank=True,
        features=["bold", "ul", "ol", "link"],
        help_text=_(
            "Written by an editor: the key area in short sentences and everyday words, one idea a "
            "sentence. Shown beside the full text and in the PDF."
        ),
    )

    panels = [
        FieldPanel("theme"),
        FieldPanel("title"),
        FieldPanel("where_now"),
        FieldPanel("where_next"),
        FieldPanel("recommendations"),
        FieldPanel("easy_read"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("where_now"),
        index.SearchField("where_next"),
        index.SearchField("recommendations"),
        index.SearchField("easy_read"),
        index.FilterField("page"),
    ]

    def __str__(self):
        return self.title

    number = None  # its position in the document, set by ReviewPage.section_list

    @property
    def anchor(self):
        return f"section-{self.key}"

    @cached_property
    def recommendation_list(self):
        return [
            Recommendation(key=f"rec-{block.id}", number=f"{self.number}.{i}", text=block.value["text"])
            for i, block in enumerate(self.recommendations, start=1)
        ]


class Recommendation:
    """A recommendation as pages and views see it: key `rec-<block id>` doubles as its anchor."""

    def __init__(self, key, number, text):
        self.key, self.number, self.text = key, number, text

    @property
    def anchor(self):
        return self.key

    @property
    def short_text(self):
        return self.text if len(self.text) <= 80 else self.text[:77].rstrip() + "…"


class OutcomeItem(Orderable):
    """'You said, we did' for one key area or recommendation, keyed like the feedback it answers."""

    class Decision(models.TextChoices):
        KEPT = "kept", _("Kept")
        CHANGED = "changed", _("Changed")
        DROPPED = "dropped", _("Dropped")
        ADDED = "added", _("Added")

    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="outcome_items")
    target_key = models.CharField(
        _("key area or recommendation"), max_length=64, help_text=_("Which part of the draft this answers.")
    )
    decision = models.CharField(max_length=10, choices=Decision.choices)
    you_said = models.TextField(_("what people said"))
    we_did = models.TextField(_("what we did and why"))

    panels = [FieldPanel("target_key"), FieldPanel("decision"), FieldPanel("you_said"), FieldPanel("we_did")]
