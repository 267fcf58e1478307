"""Questions that follow the answers: a question may be asked only when an earlier question with
choices was answered a given way ("only ask if the answer to … is …").

The rule is decided on the server from the answers themselves, in the single-page form and on the
question pages alike: a question that does not apply is neither required nor stored, so a stored
response holds no key for it. Results and exports read a missing key as "not asked", never as a
blank answer.

A rule names its earlier question by its wording, as editors see it; `rule_errors` checks every
rule when the survey is saved in the admin.
"""

from django.utils.translation import gettext_lazy as _

from surveys.builder.models.fields import AGREE_CHOICES, CHOICE_TYPES, SurveyFieldType, split_choices


def same_text(a, b):
    return str(a).strip().casefold() == str(b).strip().casefold()


def answer_matches(answer, expected):
    """Whether an answer (one choice, a score or a list of choices) is, or includes, `expected`."""
    if isinstance(answer, list | tuple):
        return any(same_text(item, expected) for item in answer)
    return answer not in (None, "") and same_text(answer, expected)


def controlling_question(question, earlier):
    """The earlier question a rule refers to, or None (a rule left stale by a renamed question
    asks the question: nobody is kept from answering by an editor's typo)."""
    for candidate in reversed(earlier):
        if same_text(candidate.label, question.show_if_question):
            return candidate
    return None


def asked_questions(questions, answers):
    """The questions that apply, in order, given `answers` ({clean_name: answer}). A question whose
    earlier question was not asked, or not answered the way its rule says, is left out."""
    asked, seen = [], []
    asked_names = set()
    for question in questions:
        applies = True
        if question.has_condition:
            controller = controlling_question(question, seen)
            if controller is not None:
                applies = controller.clean_name in asked_names and answer_matches(
                    answers.get(controller.clean_name), question.show_if_answer
                )
        seen.append(question)
        if applies:
            asked.append(question)
            asked_names.add(question.clean_name)
    return asked


# Checking editors' rules ---------------------------------------------------------------------


def options_of(row):
    """The choices of a question given as a dict of its admin form's values."""
    field_type = row.get("field_type")
    if field_type == SurveyFieldType.RATING:
        low, high = sorted((row.get("scale_min") or 1, row.get("scale_max") or 7))
        return [str(value) for value in range(low, high + 1)]
    if field_type == SurveyFieldType.AGREE:
        return list(AGREE_CHOICES)
    if field_type in CHOICE_TYPES and (row.get("choices") or "").strip():
        return split_choices(row["choices"])
    return []


def rule_errors(rows):
    """{row index: {field name: message}} for the rules that cannot work. `rows` are the
    questions' admin form values, in the order residents see them."""
    errors = {}
    for index, row in enumerate(rows):
        wording = (row.get("show_if_question") or "").strip()
        expected = (row.get("show_if_answer") or "").strip()
        if not wording and not expected:
            continue
        if not wording:
            errors[index] = {"show_if_question": _("Write the earlier question this answer belongs to.")}
            continue
        earlier = [other for other in rows[:index] if same_text(other.get("label", ""), wording)]
        if not earlier:
            message = _("“%(question)s” is not a question above this one.")
            errors[index] = {"show_if_question": message % {"question": wording}}
            continue
        options = options_of(earlier[-1])
        if not options:
            message = _("“%(question)s” has no choices to match. Choose a question with choices.")
            errors[index] = {"show_if_question": message % {"question": wording}}
        elif not expected:
            errors[index] = {"show_if_answer": _("Write the answer that asks this question.")}
        elif not any(same_text(option, expected) for option in options):
            errors[index] = {
                "show_if_answer": _("Write one of the choices of “%(question)s”: %(choices)s.")
                % {"question": wording, "choices": ", ".join(options)}
            }
    return errors
