"""Taking a response's "about you" answers and postcode out of what is stored with its answers,
and storing them apart: the answers as AboutYou rows, the postcode only as its data zone and SIMD."""

from dataclasses import dataclass, field

from .models import AboutYou, AboutYouAnswer
from .postcodes import Area, area_for_postcode
from .questions import POSTCODE_FIELD_TYPE


@dataclass
class AboutYouDraft:
    answers: list = field(default_factory=list)  # (question key, label, answer)
    area: Area = field(default_factory=Area)

    def __bool__(self):
        return bool(self.answers or self.area.data_zone)


def question_key(question):
    return question.standard_question or question.clean_name


def take_about_you(data, questions):
    """Removes the "about you" answers and the postcode from `data` (a form's cleaned data) and
    returns them, the postcode already turned into its area."""
    draft = AboutYouDraft()
    for question in questions:
        if question.field_type == POSTCODE_FIELD_TYPE:
            draft.area = area_for_postcode(data.pop(question.clean_name, ""))
        elif question.about_you:
            value = data.pop(question.clean_name, None)
            values = value if isinstance(value, (list, tuple)) else [value]
            draft.answers += [
                (question_key(question), question.label, str(v)) for v in values if v not in (None, "")
            ]
    return draft


def record_about_you(draft, page, place=None, submission=None, comment=None):
    """Stores a draft for a survey response or a comment (nothing when the resident gave nothing)."""
    if not draft:
        return None
    area = draft.area
    record = AboutYou.objects.create(
        page=page,
        submission=submission,
        comment=comment,
        place_id=place.pk if place else area.place_id,
        data_zone=area.data_zone,
        simd_edition=area.simd_edition,
        simd_decile=area.simd_decile,
        simd_quintile=area.simd_quintile,
    )
    AboutYouAnswer.objects.bulk_create(
        AboutYouAnswer(about_you=record, question=key, label=label[:255], answer=answer[:255])
        for key, label, answer in draft.answers
    )
    return record
