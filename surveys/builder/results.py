"""Survey results from answer tallies counted in the database (surveys.builder.tallies), cached until
the survey or its previous round gets a new or deleted answer.

Multiple-choice answers count once per option chosen (not per combination); rating scales report
their median; written answers are counted but never shown publicly; "about you" answers stay out
of public results. Place Standard surveys add a compass per place, overlaid with the earlier round;
past MAX_COMPASSES places, one compass for all places and a link to each place's results instead.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Q

from site_home.languages import in_every_language
from site_home.models import PlacePage
from site_home.visibility import visible_q
from surveys.builder.models.fields import SurveyField, SurveyFieldType, SurveySubmission
from surveys.builder.radar import Compass, CompassAxis
from surveys.builder.tallies import Counts, answer_tallies, combined

MAX_COMPASSES = 6
CACHE_VERSION = 1  # bump when the cached classes change shape


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
        return self.question.field_type == SurveyFieldType.RATING

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
    all_places_compass: dict | None = None  # instead of `compasses` when there are too many places
    place_links: list = field(default_factory=list)  # [{"place", "responses"}] beside it


def median_from_counts(counts):
    """The median of values given as {value: how many times}: what `statistics.median` gives for the
    values written out, as a whole number when it is one (4, not 4.0)."""
    total = sum(counts.values())
    if not total:
        return None
    low = high = None
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if low is None and seen > (total - 1) // 2:
            low = value
        if seen > total // 2:
            high = value
            break
    value = (low + high) / 2
    return int(value) if float(value).is_integer() else value


def scores(options):
    """{score: count} from a rating question's counted options; answers that are not whole numbers
    are left out."""
    histogram = Counter()
    for option, count in options.items():
        try:
            histogram[int(option)] += count
        except ValueError:
            continue
    return histogram


def question_result(question, counts, places_by_slug):
    answered = counts.answered[question.clean_name]
    chosen = counts.chosen.get(question.clean_name, Counter())
    if question.field_type == SurveyFieldType.PLACE:
        labels = [(slug, place.title) for slug, place in places_by_slug.items()]
    else:
        labels = [(option, option) for option in question.choice_list()]
    result = QuestionResult(
        question=question,
        answered=answered,
        options=[
            OptionCount(label, chosen[key], round(100 * chosen[key] / answered) if answered else 0)
            for key, label in labels
        ],
    )
    if question.field_type == SurveyFieldType.RATING:
        result.median = median_from_counts(scores(chosen))
    return result


def counted_names(questions):
    """The questions whose options are counted: those with options, or a score or place to choose."""
    return [
        q.clean_name
        for q in questions
        if q.field_type in (SurveyFieldType.PLACE, SurveyFieldType.RATING) or q.choice_list()
    ]


def themed_ratings(questions):
    return [q for q in questions if q.field_type == SurveyFieldType.RATING and q.theme_id]


def theme_medians(rated, counts):
    """{theme_id: median} of the themed rating questions."""
    return {q.theme_id: median_from_counts(scores(counts.chosen.get(q.clean_name, {}))) for q in rated}


# Caching --------------------------------------------------------------------------------------


def response_counts(survey):
    """[(page_id, place_id, responses, highest id)] for the survey and its previous round if the
    public may see that (site_home.visibility): one small indexed query (and one for the hidden
    pages when there is a previous round). Adding or deleting an answer (or a place, or hiding the
    previous round) changes it, so it keys the cache."""
    pages = Q(page_id__in=in_every_language(survey))  # answers in every language count together
    if survey.previous_round_id:
        pages |= Q(page_id=survey.previous_round_id) & visible_q("page__")
    return list(
        SurveySubmission.objects.filter(pages)
        .values_list("page_id", "place_id")
        .annotate(Count("id"), Max("id"))
        .order_by("page_id", "place_id")
    )


def cache_key(survey, responses, place_slug):
    state = (
        CACHE_VERSION,
        survey.pk,
        survey.last_published_at,
        survey.previous_round_id,
        place_slug,
        responses,
    )
    return "survey-results:" + hashlib.sha256(repr(state).encode()).hexdigest()


def survey_results(survey, place_slug=None):
    """The results of `survey`, for one of its places if `place_slug` names one (else everywhere).
    A cache hit costs one query (two with a previous round); republishing the survey or any answer
    added or deleted misses."""
    responses = response_counts(survey)
    own_key, all_key = cache_key(survey, responses, place_slug), cache_key(survey, responses, None)
    cached = cache.get_many([own_key, all_key])
    if own_key in cached:
        return cached[own_key]
    everywhere = cached.get(all_key)
    if everywhere is not None and place_slug not in {place.slug for place in everywhere.places}:
        return everywhere  # an unknown place shows everything, without a cache entry per made-up slug
    per_place = Counter()
    for page_id, place_id, n, _ in responses:
        if page_id != survey.previous_round_id:
            per_place[place_id] += n
    shown = survey.previous_round_id in {page_id for page_id, *_ in responses}
    results = compute_results(survey, place_slug, per_place, survey.previous_round if shown else None)
    cache.set(own_key if results.selected_place else all_key, results)
    return results


# Computing ------------------------------------------------------------------------------------


def compute_results(survey, place_slug, per_place, previous=None):
    """Results from the tallies; `per_place` is {place_id: responses}; `previous` the earlier round
    to compare with, if it may be shown."""
    questions = survey.questions
    place_ids = {place_id for place_id in per_place if place_id} | {p.pk for p in survey.places.all()}
    # Only places the public may see are named; answers from any other count in the totals alone.
    places = PlacePage.objects.visible().filter(pk__in=place_ids)
    places = list(places.order_by("title").only("pk", "title", "slug"))
    places_by_slug = {place.slug: place for place in places}
    selected = places_by_slug.get(place_slug) if place_slug else None

    public = [q for q in questions if not q.is_personal]
    tallies = answer_tallies(survey, counted_names(public + themed_ratings(questions)), place=selected)
    counts = combined(tallies.values())
    results = SurveyResults(
        total=per_place.get(selected.pk, 0) if selected else sum(per_place.values()),
        questions=[question_result(q, counts, places_by_slug) for q in public],
        places=places,
        selected_place=selected,
        compasses=[],
        previous_round=previous if survey.is_place_standard else None,
    )
    if survey.is_place_standard:
        add_compasses(results, survey, tallies, per_place, previous)
    return results


def previous_tallies(previous, place):
    """The previous round's themed rating questions, and its tallies (from `place` only, if given)."""
    if previous is None:
        return [], {}
    rated = themed_ratings(previous.get_form_fields())
    return rated, answer_tallies(previous, [q.clean_name for q in rated], place=place)


def add_compasses(results, survey, tallies, per_place, previous_round):
    """A compass per place with answers (or the chosen place), overlaid with the previous round;
    past MAX_COMPASSES places, one compass for all places and links to each place's results."""
    rated = themed_ratings(survey.questions)
    previous_rated, before = previous_tallies(previous_round, results.selected_place)

    def compass(where, now, earlier):
        current = theme_medians(rated, now)
        previous = theme_medians(previous_rated, earlier) if earlier is not None else {}
        return Compass(
            title=f"Place Standard compass for {where}",
            axes=[
                CompassAxis(q.theme.name, current.get(q.theme_id), previous.get(q.theme_id)) for q in rated
            ],
            current_label=survey.title,
            previous_label=previous_round.title if previous else "",
        )

    selected = results.selected_place
    shown = [selected] if selected else [place for place in results.places if place.pk in per_place]
    if len(shown) > MAX_COMPASSES:
        earlier = combined(before.values()) if before else None
        results.all_places_compass = {
            "responses": results.total,
            "compass": compass("all places", combined(tallies.values()), earlier),
        }
        results.place_links = [{"place": place, "responses": per_place[place.pk]} for place in shown]
        return
    results.compasses = [
        {
            "place": place,
            "responses": per_place.get(place.pk, 0),
            "compass": compass(place.title, tallies.get(place.pk, Counts()), before.get(place.pk)),
        }
        for place in shown
    ]


@dataclass
class ThemeAnswers:
    question: SurveyField
    answers: list


def answers_about(theme, place=None):
    """What people (in `place`, if given) said about `theme` in every survey, question by question:
    [ThemeAnswers(question, answers)], in two queries. Public answers only: no "about you"."""
    questions = list(
        SurveyField.objects.filter(~SurveyField.PERSONAL, theme=theme)
        .select_related("page")
        .order_by("page_id", "sort_order", "pk")
    )
    submissions = SurveySubmission.objects.filter(page_id__in={q.page_id for q in questions}).order_by("pk")
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
