"""The public survey form: Wagtail's FormBuilder with rating, agree/disagree and place questions,
rendered with GOV.UK markup (crispy-forms-gds) and the shared honeypot."""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from site_home.models import PlacePage
from surveys.builder.models.fields import (
    AGREE_CHOICES,
    DONT_KNOW,
    DONT_KNOW_LABEL,
    PREFER_NOT_TO_SAY,
    SurveyFieldType,
)
from surveys.feedback.forms_base import PublicForm

RADIO_TYPES = {"radio", "rating", "agree", "place"}
CHECKBOX_TYPES = {"checkboxes"}
# One row of points with the ends' meanings under them where there is room, a list where not.
RATING_TEMPLATE = "surveys/includes/rating_field.html"


class SurveyForm(BaseForm, PublicForm):
    """Questions first, then the optional "about you" questions in their own fieldset."""

    questions = ()

    @property
    def helper(self):
        helper = super().helper
        main, about_you = [], []
        for question in self.questions:
            name = question.clean_name
            if question.field_type == SurveyFieldType.RATING:
                item = Field(name, template=RATING_TEMPLATE, context={"legend_size": Size.for_legend("s")})
            elif question.field_type in RADIO_TYPES:
                item = Field.radios(name, legend_size="s")
            elif question.field_type in CHECKBOX_TYPES:
                item = Field.checkboxes(name, legend_size="s")
            else:
                item = name
            (about_you if question.about_you else main).append(item)
        if about_you:
            main.append(Fieldset(*about_you, legend="About you (optional)", legend_size="m"))
        helper.layout = Layout(*main)
        return helper


def score_or_dont_know(value):
    return value if value == DONT_KNOW else int(value)


class SurveyFormBuilder(FormBuilder):
    def __init__(self, fields, page=None):
        super().__init__(fields)
        self.page = page

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.about_you:
            options["required"] = False
        options["error_messages"] = {"required": f"Answer the question “{field.label}”"}
        return options

    def get_formatted_field_choices(self, field):
        return [(choice, choice) for choice in field.choice_list()]

    def create_rating_field(self, field, options):
        scale = list(field.scale)
        ends = {scale[0]: field.scale_min_label, scale[-1]: field.scale_max_label}
        options["choices"] = [
            (str(value), f"{value} – {ends[value]}" if ends.get(value) else str(value)) for value in scale
        ]
        if not options.get("help_text") and any(ends.values()):
            low, high = ends[scale[0]] or "lowest", ends[scale[-1]] or "highest"
            options["help_text"] = f"{scale[0]} means {low.lower()}, {scale[-1]} means {high.lower()}."
        scale_choices = list(options["choices"])
        if field.allow_dont_know:
            options["choices"].append((DONT_KNOW, DONT_KNOW_LABEL))
        options["widget"] = forms.RadioSelect
        options["error_messages"] = {"required": f"Choose a score for “{field.label}”"}
        formfield = forms.TypedChoiceField(coerce=score_or_dont_know, **options)
        formfield.scale_ends = (field.scale_min_label, field.scale_max_label)
        formfield.scale_choices = scale_choices
        formfield.dont_know = (DONT_KNOW, DONT_KNOW_LABEL) if field.allow_dont_know else None
        return formfield

    def create_agree_field(self, field, options):
        choices = list(AGREE_CHOICES) + ([PREFER_NOT_TO_SAY] if field.about_you else [])
        options["choices"] = [(choice, choice) for choice in choices]
        options["widget"] = forms.RadioSelect
        options["error_messages"] = {"required": f"Choose agree, disagree or unsure for “{field.label}”"}
        return forms.ChoiceField(**options)

    def create_place_field(self, field, options):
        options["choices"] = PlacePage.objects.slug_choices()
        options["widget"] = forms.RadioSelect
        options["error_messages"] = {"required": "Choose the area you live in or know best"}
        return forms.ChoiceField(**options)

    def get_form_class(self):
        attrs = dict(self.formfields)
        attrs["questions"] = tuple(self.fields)
        return type("SurveyPageForm", (SurveyForm,), attrs)
