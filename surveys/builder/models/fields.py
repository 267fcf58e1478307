"""Survey questions and answers: Wagtail form-builder fields with extra types, a theme and an
"about you" flag, and a submission model that remembers the resident's place."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField, AbstractFormSubmission
from wagtail_localize.fields import SynchronizedField, TranslatableField

from site_home.languages import language_name
from site_home.retention import After, PersonalData, Rule, Transform
from site_home.visibility import OnVisiblePagesMixin
from surveys.equalities.questions import (
    POSTCODE_FIELD_TYPE,
    PREFER_NOT_TO_SAY,
    STANDARD_OPTIONS,
    STANDARD_QUESTIONS,
    StandardQuestion,
)
from surveys.feedback.channels import ChannelMixin


class SurveyFieldType(models.TextChoices):
    """The question types surveys add to those of Wagtail's form builder."""

    RATING = "rating", _("Rating scale")
    AGREE = "agree", _("Agree / disagree / unsure")
    PLACE = "place", _("Place (choose your area)")
    POSTCODE = POSTCODE_FIELD_TYPE, _("Postcode (kept only as its data zone and SIMD band)")


# Stored as answered, in English, so answers in every language count together; shown translated
# (option_label).
AGREE_CHOICES = [gettext_noop("Agree"), gettext_noop("Disagree"), gettext_noop("Unsure")]
# A rating's "I don't know": stored and shown in the results, never counted in a median or compass.
DONT_KNOW = "dont-know"
DONT_KNOW_LABEL = _("I don't know")
CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect", SurveyFieldType.AGREE}
# The options written here rather than by editors: those a resident reads in their own language.
TRANSLATED_OPTIONS = {*AGREE_CHOICES, *STANDARD_OPTIONS}  # Prefer not to say among them


def option_label(option):
    """An option as residents read it: "I don't know", agree/disagree and the standard "about you"
    options in the current language (lazily, so cached results follow the reader's language);
    editors' own options as they wrote them (wagtail-localize translates those)."""
    if option == DONT_KNOW:
        return DONT_KNOW_LABEL
    return _(option) if option in TRANSLATED_OPTIONS else option


class SurveyField(AbstractFormField):
    page = ParentalKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        _("field type"), max_length=16, choices=FORM_FIELD_CHOICES + tuple(SurveyFieldType.choices)
    )
    field_type.required_on_save = True
    theme = models.ForeignKey(
        "site_home.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_fields",
        help_text=_("What this question is about, so answers can be read theme by theme."),
    )
    about_you = models.BooleanField(
        _("about you"),
        default=False,
        help_text=_(
            "Optional personal question (age band, for example). Kept apart from the answers and exported "
            "only to staff allowed to see personal data; 'Prefer not to say' is added to its choices."
        ),
    )
    standard_question = models.CharField(
        _("standard question"),
        max_length=32,
        blank=True,
        choices=StandardQuestion.choices,
        help_text=_(
            "An 'about you' question from the standard set (Census 2022 categories). Leave the "
            "choices empty to use the census options; answers are then compared with each place's population."
        ),
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=7)
    scale_min_label = models.CharField(_("lowest score means"), max_length=80, blank=True)
    scale_max_label = models.CharField(_("highest score means"), max_length=80, blank=True)
    show_if_question = models.CharField(
        _("only ask if the answer to"),
        max_length=255,
        blank=True,
        help_text=_("Optional: the wording of an earlier question with choices, exactly as written above."),
    )
    show_if_answer = models.CharField(
        _("is"),
        max_length=255,
        blank=True,
        help_text=_("One of that question's choices. People who chose another are not asked this question."),
    )
    same_page_as_previous = models.BooleanField(
        _("on the same page as the question before"),
        default=False,
        help_text=_("For surveys asked one question per page: show this question with the one before it."),
    )
    allow_dont_know = models.BooleanField(
        _("offer “I don't know”"),
        default=False,
        help_text=_("Adds “I don't know” after the scale: counted in the results, left out of the median."),
    )

    panels = AbstractFormField.panels + [
        FieldPanel("theme", heading=_("Theme")),  # a label in the editor's language, without a migration
        FieldRowPanel([FieldPanel("about_you"), FieldPanel("standard_question")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("show_if_question"), FieldPanel("show_if_answer")])],
            heading=_("Skip logic (optional)"),
        ),
        FieldPanel("same_page_as_previous"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("scale_min"), FieldPanel("scale_max")]),
                FieldRowPanel([FieldPanel("scale_min_label"), FieldPanel("scale_max_label")]),
                FieldPanel("allow_dont_know"),
            ],
            heading=_("Rating scale (only for rating questions)"),
        ),
    ]

    # What a translator translates (wagtail-localize). The answer key and the options stay as in
    # the original, so answers given on any language version count together.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("scale_min_label"),
        TranslatableField("scale_max_label"),
        SynchronizedField("clean_name"),
        SynchronizedField("choices"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("question")

    # A question whose answer says who the resident is: "about you" ones, and any email question.
    # Its answers are shown only to staff allowed to see personal data, and removed on retention.
    PERSONAL = models.Q(about_you=True) | models.Q(field_type="email")

    def save(self, *args, **kwargs):
        # A standard question is an "about you" one, with the census options unless the editor wrote some.
        if self.standard_question:
            self.about_you = True
            if not self.choices.strip():
                self.choices = "\n".join(STANDARD_QUESTIONS[self.standard_question][1])
        if self.field_type == SurveyFieldType.POSTCODE:
            self.required = False
        return super().save(*args, **kwargs)

    @property
    def is_personal(self):
        return self.about_you or self.field_type in ("email", SurveyFieldType.POSTCODE)

    @property
    def asked_about_you(self):
        """Asked in the optional "about you" part, after the main questions, and stored apart."""
        return self.about_you or self.field_type == SurveyFieldType.POSTCODE

    @property
    def scale(self):
        low, high = sorted((self.scale_min, self.scale_max))
        return range(low, high + 1)

    @property
    def has_condition(self):
        return bool(self.show_if_question.strip())

    def choice_list(self):
        """The options an answer can take, in order (for counting and charts)."""
        if self.field_type == SurveyFieldType.RATING:
            return [str(value) for value in self.scale] + ([DONT_KNOW] if self.allow_dont_know else [])
        if self.field_type == SurveyFieldType.AGREE:
            options = list(AGREE_CHOICES)
        elif self.field_type in CHOICE_TYPES and self.choices.strip():
            options = split_choices(self.choices)
        else:
            return []
        if self.about_you and PREFER_NOT_TO_SAY not in options:
            options.append(PREFER_NOT_TO_SAY)
        return options


def split_choices(text):
    """An editor's list of options: one a line, or comma-separated when written on one line (the
    format Wagtail's form builder documents for its choice fields)."""
    lines = text.strip().splitlines()
    if len(lines) > 1:
        return [line.strip().rstrip(",").strip() for line in lines]
    return [option.strip() for option in text.split(",")]


def personal_answer_keys():
    """{survey page id: answer keys of its personal questions ("about you" ones, and email)}."""
    keys = {}
    rows = SurveyField.objects.filter(SurveyField.PERSONAL)
    for page_id, name in rows.values_list("page_id", "clean_name"):
        keys.setdefault(page_id, []).append(name)
    return keys


def _holding_personal_answers():
    condition = models.Q(pk__in=[])
    for page_id, names in personal_answer_keys().items():
        condition |= models.Q(page_id=page_id, form_data__has_any_keys=names)
    return condition


def _drop_personal_answers(submissions):
    keys = personal_answer_keys()
    for submission in submissions:
        for name in keys.get(submission.page_id, ()):
            submission.form_data.pop(name, None)
    SurveySubmission.objects.bulk_update(submissions, ["form_data"])
    return len(submissions)


class SurveySubmissionQuerySet(OnVisiblePagesMixin, models.QuerySet):
    def for_place(self, place):
        return self.filter(place=place)


class SurveySubmission(ChannelMixin, AbstractFormSubmission):
    """One resident's answers, with the place they answered for (from the place question, or the
    survey's only place), so answers can be read place by place and theme by theme."""

    place = models.ForeignKey(
        "site_home.PlacePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_submissions",
    )

    objects = SurveySubmissionQuerySet.as_manager()

    # The answers stay for the results; the personal ones ("about you", email) are removed.
    personal_data = PersonalData(
        fields=("form_data",),
        rules=(
            Rule(
                "personal answers",
                After("submit_time", days="PERSONAL_DATA_RETENTION_DAYS"),
                Transform(_drop_personal_answers, pending=_holding_personal_answers),
            ),
        ),
    )

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        permissions = [("enter_offline_responses", "Can enter paper, phone and event responses")]

    def get_data(self):
        data = {
            **super().get_data(),
            "place": self.place.title if self.place_id else "",
            "channel": self.get_channel_display(),
            "language": language_name(self.page.locale.language_code),
        }
        # The "about you" answers, under keys of their own, only where the listing loaded them (for
        # staff allowed to see personal data): otherwise they are not read at all.
        if (record := self._state.fields_cache.get("about_you")) is not None:
            for answer in record.answers.all():
                key = f"about_you:{answer.question}"
                data[key] = f"{data[key]}, {answer.answer}" if key in data else answer.answer
            if record.simd_quintile:
                data["about_you:simd"] = _("%(edition)s decile %(decile)s") % {
                    "edition": record.get_simd_edition_display(),
                    "decile": record.simd_decile,
                }
            data["about_you:data_zone"] = str(record.data_zone) if record.data_zone_id else ""
        return data

    def page_cache_scope(self, created):
        return self.page_id  # residents' activity on the survey (site_home.cache_versions)
