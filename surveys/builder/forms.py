"""The public survey form: Wagtail's FormBuilder with rating, agree/disagree and place questions,
rendered with GOV.UK markup (crispy-forms-gds) and the shared honeypot. Questions that do not apply
(surveys/builder/skip_logic.py) are neither required nor kept in `cleaned_data`."""

from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from site_home.forms import PlaceChoiceField
from surveys.builder.models.fields import (
    AGREE_CHOICES,
    DONT_KNOW,
    DONT_KNOW_LABEL,
    PREFER_NOT_TO_SAY,
    SurveyFieldType,
    option_label,
)
from surveys.builder.skip_logic import asked_questions
from surveys.equalities.postcodes import normalise_postcode
from surveys.equalities.questions import WHY_WE_ASK, standard_wording
from surveys.feedback.forms_base import PublicForm

RADIO_TYPES = {"radio", "rating", "agree", "place"}
CHECKBOX_TYPES = {"checkboxes"}
# One row of points with the ends' meanings under them where there is room, a list where not.
RATING_TEMPLATE = "surveys/includes/rating_field.html"


class SurveyForm(BaseForm, PublicForm):
    """Questions first, then the optional "about you" questions in their own fieldset.

    `questions` are the ones on this form; `all_questions` every question of the survey, and
    `earlier_answers` what was answered on earlier question pages, for the skip rules."""

    questions = ()
    all_questions = None
    # The question pages show one question as the page's heading (a GOV.UK question page).
    heading_question = None
    why_we_ask = WHY_WE_ASK

    def __init__(self, *args, earlier_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier_answers = earlier_answers or {}

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        answers = {**self.earlier_answers, **self.cleaned_data}
        asked = {q.clean_name for q in asked_questions(self.all_questions or self.questions, answers)}
        for question in self.questions:
            if question.clean_name not in asked:
                self.cleaned_data.pop(question.clean_name, None)
                self._errors.pop(question.clean_name, None)

    @property
    def helper(self):
        helper = super().helper
        main, about_you = [], []
        for question in self.questions:
            name = question.clean_name
            heading = {"legend_size": "l", "legend_tag": "h1"} if question == self.heading_question else {}
            size = heading.get("legend_size", "s")
            if question.field_type == SurveyFieldType.RATING:
                context = {"legend_size": Size.for_legend(size), **({"legend_tag": "h1"} if heading else {})}
                item = Field(name, template=RATING_TEMPLATE, context=context)
            elif question.field_type in RADIO_TYPES:
                item = Field.radios(name, legend_size=size, legend_tag=heading.get("legend_tag"))
            elif question.field_type in CHECKBOX_TYPES:
                item = Field.checkboxes(name, legend_size=size, legend_tag=heading.get("legend_tag"))
            elif heading:
                item = Field.text(name, label_size="l", label_tag="h1")
            else:
                item = name
            (about_you if question.asked_about_you else main).append(item)
        if about_you:
            why = HTML(format_html('<p class="govuk-body">{}</p>', self.why_we_ask))
            main.append(Fieldset(why, *about_you, legend=_("About you (optional)"), legend_size="m"))
        helper.layout = Layout(*main)
        return helper


class PlaceAnswerField(PlaceChoiceField):
    """The place question: chosen as every form chooses a place, kept as the place's slug, since
    answers are stored as JSON (and a draft's answers between question pages too)."""

    def clean(self, value):
        place = super().clean(value)
        return place.slug if place else ""


class PostcodeField(forms.CharField):
    """An optional postcode, normalised ("eh11yz" -> "EH1 1YZ"); only read to find the area."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        postcode = normalise_postcode(value)
        if postcode is None:
            raise forms.ValidationError(_("Enter a full postcode, like EH1 1YZ, or leave it empty"))
        return postcode


def score_or_dont_know(value):
    return value if value == DONT_KNOW else int(value)


class SurveyFormBuilder(FormBuilder):
    """`fields` are the questions on the form; `all_questions` every question of the survey (for
    the skip rules). The single-page form shows every question, so each rule is in its question's
    hint; a question page (`question_page`) shows only questions that apply, a lone one as the
    page's heading."""

    def __init__(self, fields, page=None, all_questions=None, question_page=False):
        super().__init__(fields)
        self.page = page
        self.all_questions = all_questions
        self.question_page = question_page

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.asked_about_you:
            options["required"] = False
            options["label"] = standard_wording(options["label"])
            options["help_text"] = standard_wording(options["help_text"])
        options["error_messages"] = {
            "required": _("Answer the question “%(question)s”") % {"question": field.label}
        }
        return options

    def get_formatted_field_choices(self, field):
        return [(choice, option_label(choice)) for choice in field.choice_list()]

    def create_rating_field(self, field, options):
        scale = list(field.scale)
        ends = {scale[0]: field.scale_min_label, scale[-1]: field.scale_max_label}
        options["choices"] = [
            (str(value), f"{value} – {ends[value]}" if ends.get(value) else str(value)) for value in scale
        ]
        if not options.get("help_text") and any(ends.values()):
            low, high = ends[scale[0]] or _("lowest"), ends[scale[-1]] or _("highest")
            options["help_text"] = _("%(low)s means %(low_label)s, %(high)s means %(high_label)s.") % {
                "low": scale[0],
                "low_label": low.lower(),
                "high": scale[-1],
                "high_label": high.lower(),
            }
        scale_choices = list(options["choices"])
        if field.allow_dont_know:
            options["choices"].append((DONT_KNOW, DONT_KNOW_LABEL))
        options["widget"] = forms.RadioSelect
        options["error_messages"] = {
            "required": _("Choose a score for “%(question)s”") % {"question": field.label}
        }
        formfield = forms.TypedChoiceField(coerce=score_or_dont_know, **options)
        formfield.scale_ends = (field.scale_min_label, field.scale_max_label)
        formfield.scale_choices = scale_choices
        formfield.dont_know = (DONT_KNOW, DONT_KNOW_LABEL) if field.allow_dont_know else None
        return formfield

    def create_agree_field(self, field, options):
        choices = list(AGREE_CHOICES) + ([PREFER_NOT_TO_SAY] if field.about_you else [])
        options["choices"] = [(choice, option_label(choice)) for choice in choices]
        options["widget"] = forms.RadioSelect
        options["error_messages"] = {
            "required": _("Choose agree, disagree or unsure for “%(question)s”") % {"question": field.label}
        }
        return forms.ChoiceField(**options)

    def create_place_field(self, field, options):
        options["widget"] = forms.RadioSelect
        options["error_messages"] = {"required": _("Choose the area you live in or know best")}
        return PlaceAnswerField(empty_label=None, **options)

    def create_postcode_field(self, field, options):
        options["widget"] = forms.TextInput(
            attrs={
                "autocomplete": "postal-code",
                "class": "govuk-input govuk-input--width-10",
                "spellcheck": "false",
            }
        )
        return PostcodeField(max_length=16, **options)

    def get_form_class(self):
        attrs = dict(self.formfields)
        for question in self.fields:
            if not self.question_page and question.has_condition:
                formfield = attrs[question.clean_name]
                hint = _("Answer this only if you answered “%(answer)s” to “%(question)s”.") % {
                    "answer": question.show_if_answer,
                    "question": question.show_if_question,
                }
                formfield.help_text = f"{formfield.help_text} {hint}".strip()
        attrs["questions"] = tuple(self.fields)
        attrs["all_questions"] = tuple(self.all_questions or self.fields)
        if self.question_page and len(self.fields) == 1:
            attrs["heading_question"] = self.fields[0]
        if self.page is not None:
            attrs["why_we_ask"] = self.page.why_we_ask_text
        return type("SurveyPageForm", (SurveyForm,), attrs)


class SendAnswersForm(PublicForm, forms.Form):
    """The button under "Check your answers": the honeypot only, the answers are in the draft."""


class SaveAnswersForm(PublicForm, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send you a link to come back to your answers. We use it for nothing else."),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
