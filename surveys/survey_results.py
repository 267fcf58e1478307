"""Survey results in a fixed number of queries: the answers are loaded once and counted in Python.

Multiple-choice answers count once per option chosen (not per combination); rating scales report
their median; written answers are counted but never shown publicly; "about you" answers stay out
of public results. Place Standard surveys add a compass per place, overlaid with the earlier round.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from site_home.models import PlacePage
from surveys.models.survey_fields import PLACE, RATING, SurveyField, SurveySubmission
from surveys.radar import Compass, CompassAxis

TEXT_TYPES = {"singleline", "multiline", "email", "url", "number", "date", "datetime", "hidden"}


@dataclass
class OptionCount:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    question: SurveyField
    answered: int
    options: list = field(default_factory=list)
    median: float | None = None

    @property
    def is_rating(self):
        return self.question.field_type == RATING

    @property
    def is_text(self):
        return not self.options


@dataclass
class SurveyResults:
    total: int
    questions: list
    places: list
    selected_place: PlacePage | None
    compasses: list
    previous_round: object = None


def answers_for(rows, name):
    """Non-empty answers to one question, each a list of the options chosen."""
    answers = []
    for data in rows:
        value = data.get(name)
        if value in (None, "", []):
            continue
        answers.append(value if isinstance(value, list) else [value])
    return answers


def median(values):
    """The median, as a whole number when it is one (4, not 4.0)."""
    if not values:
        return None
    value = statistics.median(values)
    return int(value) if float(value).is_integer() else value


def ratings(rows, name):
    scores = []
    for data in rows:
        try:
            scores.append(int(data.get(name)))
        except (TypeError, ValueError):
            continue
    return scores


def question_result(question, rows, places_by_slug):
    answers = answers_for(rows, question.clean_name)
    result = QuestionResult(question=question, answered=len(answers))
    if question.field_type == PLACE:
        labels = [(slug, place.title) for slug, place in places_by_slug.items()]
    else:
        labels = [(option, option) for option in question.choice_list()]
    if labels:
        counts = Counter(str(option) for answer in answers for option in answer)
        result.options = [
            OptionCount(label, counts[key], round(100 * counts[key] / len(answers)) if answers else 0)
            for key, label in labels
        ]
    if question.field_type == RATING:
        result.median = median(ratings(rows, question.clean_name))
    return result


def theme_medians(questions, rows_by_place):
    """{place_id: {theme_id: median}} for the rating questions that carry a theme."""
    rated = [q for q in questions if q.field_type == RATING and q.theme_id]
    return {
        place_id: {q.theme_id: median(ratings(rows, q.clean_name)) for q in rated}
        for place_id, rows in rows_by_place.items()
    }


def load_rows(survey):
    """[(place_id, form_data)] for every answer to `survey`: one query."""
    return list(SurveySubmission.objects.filter(page=survey).values_list("place_id", "form_data"))


def survey_results(survey, place_slug=None):
    questions = survey.questions
    rows = load_rows(survey)
    place_ids = {place_id for place_id, _ in rows if place_id} | {p.pk for p in survey.places.all()}
    places = list(PlacePage.objects.filter(pk__in=place_ids).order_by("title").only("pk", "title", "slug"))
    places_by_slug = {place.slug: place for place in places}
    selected = places_by_slug.get(place_slug) if place_slug else None
    if selected is not None:
        rows = [row for row in rows if row[0] == selected.pk]

    data = [form_data for _, form_data in rows]
    public_questions = [q for q in questions if not q.about_you]
    results = SurveyResults(
        total=len(rows),
        questions=[question_result(q, data, places_by_slug) for q in public_questions],
        places=places,
        selected_place=selected,
        compasses=[],
        previous_round=survey.previous_round if survey.is_place_standard else None,
    )
    if survey.is_place_standard:
        results.compasses = compasses(survey, questions, rows, places, selected)
    return results


def compasses(survey, questions, rows, places, selected):
    rated = [q for q in questions if q.field_type == RATING and q.theme_id]
    by_place = defaultdict(list)
    for place_id, data in rows:
        if place_id:
            by_place[place_id].append(data)
    current = theme_medians(rated, by_place)

    previous = {}
    previous_survey = survey.previous_round
    if previous_survey is not None:
        earlier_rows = defaultdict(list)
        for place_id, data in load_rows(previous_survey):
            if place_id:
                earlier_rows[place_id].append(data)
        previous = theme_medians(list(previous_survey.get_form_fields()), earlier_rows)

    shown = [selected] if selected else [place for place in places if place.pk in by_place]
    result = []
    for place in shown:
        now, before = current.get(place.pk, {}), previous.get(place.pk, {})
        axes = [CompassAxis(q.theme.name, now.get(q.theme_id), before.get(q.theme_id)) for q in rated]
        result.append(
            {
                "place": place,
                "responses": len(by_place.get(place.pk, [])),
                "compass": Compass(
                    title=f"Place Standard compass for {place.title}",
                    axes=axes,
                    current_label=survey.title,
                    previous_label=previous_survey.title if previous_survey and before else "",
                ),
            }
        )
    return result


@dataclass
class ThemeAnswers:
    question: SurveyField
    answers: list


def answers_about(theme, place=None):
    """What people (in `place`, if given) said about `theme` in every survey, question by question:
    [ThemeAnswers(question, answers)], in two queries. Public answers only: no "about you"."""
    questions = list(
        SurveyField.objects.filter(theme=theme, about_you=False)
        .select_related("page")
        .order_by("page_id", "sort_order")
    )
    submissions = SurveySubmission.objects.filter(page_id__in={q.page_id for q in questions})
    if place is not None:
        submissions = submissions.filter(place=place)
    rows_by_page = defaultdict(list)
    for page_id, data in submissions.values_list("page_id", "form_data"):
        rows_by_page[page_id].append(data)
    return [
        ThemeAnswers(
            q,
            [
                data[q.clean_name]
                for data in rows_by_page[q.page_id]
                if data.get(q.clean_name) not in (None, "", [])
            ],
        )
        for q in questions
    ]
