"""The printable paper version of a survey, from the same questions as the online form: each
question with tick boxes for its options (a rating's scale with its end labels, and "I don't know"),
or lines to write on."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from site_home.models import PlacePage
from surveys.builder.models.fields import DONT_KNOW, DONT_KNOW_LABEL, SurveyFieldType, option_label

MULTIPLE = {"checkboxes", "multiselect"}
LINES = {"multiline": 6, "email": 1, "number": 1, "url": 1, "date": 1, "datetime": 1, "singleline": 2}


@dataclass
class PaperQuestion:
    number: int
    label: str
    help_text: str
    options: list = field(default_factory=list)  # [(value, label)] to tick
    multiple: bool = False
    is_scale: bool = False
    ends: tuple = ("", "")
    lines: int = 0
    required: bool = False

    @property
    def instruction(self):
        if self.options:
            return _("Tick all that apply.") if self.multiple else _("Tick one box.")
        return ""


def paper_questions(survey):
    """The survey's questions as PaperQuestions, "about you" ones last, in one query for the places."""
    questions = sorted(survey.questions, key=lambda q: q.about_you)
    places = None
    paper = []
    for number, question in enumerate(questions, start=1):
        item = PaperQuestion(number, question.label, question.help_text, required=question.required)
        if question.field_type == SurveyFieldType.RATING:
            item.is_scale = True
            item.ends = (question.scale_min_label, question.scale_max_label)
            item.options = [(value, value) for value in question.choice_list() if value != DONT_KNOW]
            if question.allow_dont_know:
                item.options.append((DONT_KNOW, DONT_KNOW_LABEL))
        elif question.field_type == SurveyFieldType.PLACE:
            if places is None:
                places = list(PlacePage.objects.visible().order_by("title").values_list("slug", "title"))
            item.options = places
        elif question.choice_list():
            item.options = [(option, option_label(option)) for option in question.choice_list()]
            item.multiple = question.field_type in MULTIPLE
        elif question.field_type == "checkbox":
            item.options = [("yes", _("Yes"))]
        else:
            item.lines = LINES.get(question.field_type, 2)
        paper.append(item)
    return paper
