"""Survey results from answer tallies counted in the database (surveys.builder.tallies), cached until
the survey or its previous round gets a new or deleted answer.

Multiple-choice answers count once per option chosen (not per combination); rating scales report
their median; written answers are counted but never shown publicly; "about you" answers stay out
of public results. Place Standard surveys add a compass per place, overlaid with the earlier rounds;
past MAX_COMPASSES places, one compass for all places and a link to each place's results instead.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When
from django.utils.translation import gettext_lazy as _

from site_home.models import PlacePage
from site_home.visibility import visible_q
from surveys.builder.models.fields import (
    SurveyField,
    SurveyFieldType,
    SurveySubmission,
    option_label,
)
from surveys.builder.radar import Compass, CompassAxis
from surveys.builder.tallies import Counts, answer_tallies, combined, tallies_by_page
from surveys.feedback.channels import Channel

MAX_COMPASSES = 6
MAX_ROUNDS = 5  # this round and up to four before it on one compass
CACHE_VERSION = 3  # bump when the cached classes change shape


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
    previous_round: object = None  # the round before, if shown
    rounds: list = field(default_factory=list)  # every earlier round shown, newest first
    channels: list = field(default_factory=list)  # [(channel, label, responses)]
    selected_channel: str | None = None
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
        labels = [(option, option_label(option)) for option in question.choice_list()]
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


def earlier_rounds_q(survey):
    """Answers to the survey's earlier rounds, following `previous_round` up to MAX_ROUNDS back,
    in one query whatever the length of the chain (a subquery per step, no loop of queries)."""
    pages = type(survey).objects.filter(pk=survey.previous_round_id)
    q = Q(page_id=survey.previous_round_id)
    for step in range(1, MAX_ROUNDS - 1):
        q |= Q(page_id__in=pages.values("__".join(["previous_round"] * step)))
    return q & ~Q(page_id=survey.pk)


def round_chain(survey):
    """The ids of the survey's earlier rounds, newest first, at most MAX_ROUNDS - 1 (one query)."""
    if not survey.previous_round_id:
        return []
    lookups = ["__".join(["previous_round"] * step) for step in range(1, MAX_ROUNDS)]
    row = type(survey).objects.filter(pk=survey.pk).values_list(*lookups).first() or ()
    chain = []
    for page_id in row:
        if page_id is None or page_id == survey.pk or page_id in chain:
            break  # the start of the chain, or a loop an editor made
        chain.append(page_id)
    return chain


def response_counts(survey):
    """[(page_id, place_id, channel, responses, highest id)] for the survey and those of its earlier
    rounds the public may see (site_home.visibility): one small indexed query (and one for the
    hidden pages when there are earlier rounds). Adding or deleting an answer (or a place, or hiding
    an earlier round) changes it, so it keys the cache."""
    # Answers given on any language version of the survey count as the survey's own.
    this_survey = Q(page__translation_key=survey.translation_key)
    pages = this_survey
    if survey.previous_round_id:
        pages |= earlier_rounds_q(survey) & visible_q("page__")
    survey_or_round = Case(
        When(this_survey, then=Value(survey.pk)), default=F("page_id"), output_field=IntegerField()
    )
    return list(
        SurveySubmission.objects.filter(pages)
        .annotate(round_id=survey_or_round)
        .values_list("round_id", "place_id", "channel")
        .annotate(Count("id"), Max("id"))
        .order_by("round_id", "place_id", "channel")
    )


def cache_key(survey, responses, place_slug, channel=None):
    state = (
        CACHE_VERSION,
        survey.pk,
        survey.last_published_at,
        survey.previous_round_id,
        place_slug,
        channel,
        responses,
    )
    return "survey-results:" + hashlib.sha256(repr(state).encode()).hexdigest()


def survey_results(survey, place_slug=None, channel=None):
    """The results of `survey`, for one of its places if `place_slug` names one (else everywhere),
    and from one channel if `channel` names one. A cache hit costs one query (two with earlier
    rounds); republishing the survey or any answer added or deleted misses."""
    channel = channel if channel in Channel.values else None
    responses = response_counts(survey)
    own_key, all_key = (
        cache_key(survey, responses, place_slug, channel),
        cache_key(survey, responses, None, channel),
    )
    cached = cache.get_many([own_key, all_key])
    if own_key in cached:
        return cached[own_key]
    everywhere = cached.get(all_key)
    if everywhere is not None and place_slug not in {place.slug for place in everywhere.places}:
        return everywhere  # an unknown place shows everything, without a cache entry per made-up slug
    own = [row for row in responses if row[0] == survey.pk]
    per_place = Counter()
    for _page, place_id, row_channel, n, _max in own:
        if channel in (None, row_channel):
            per_place[place_id] += n
    answered_earlier = {page_id for page_id, *_ in responses} - {survey.pk}
    earlier = (
        [page_id for page_id in round_chain(survey) if page_id in answered_earlier]
        if answered_earlier
        else []
    )
    results = compute_results(survey, place_slug, dict(per_place), earlier, channel)
    results.channels = channel_counts(own, results.selected_place)
    cache.set(own_key if results.selected_place else all_key, results)
    return results


def channel_counts(rows, place=None):
    """[(channel value, label, responses)] for the channels answers came through."""
    counts = Counter()
    for _page, place_id, channel, n, _max in rows:
        if place is None or place_id == place.pk:
            counts[channel] += n
    return [(value, label, counts[value]) for value, label in Channel.choices if counts[value]]


# Computing ------------------------------------------------------------------------------------


def compute_results(survey, place_slug, per_place, earlier=(), channel=None):
    """Results from the tallies; `per_place` is {place_id: responses}; `earlier` the ids of the
    earlier rounds to compare with (newest first), those the public may see."""
    questions = survey.questions
    place_ids = {place_id for place_id in per_place if place_id} | {p.pk for p in survey.places.all()}
    # Only places the public may see are named; answers from any other count in the totals alone.
    places = PlacePage.objects.visible().filter(pk__in=place_ids)
    places = list(places.order_by("title").only("pk", "title", "slug"))
    places_by_slug = {place.slug: place for place in places}
    selected = places_by_slug.get(place_slug) if place_slug else None

    public = [q for q in questions if not q.is_personal]
    tallies = answer_tallies(
        survey, counted_names(public + themed_ratings(questions)), place=selected, channel=channel
    )
    counts = combined(tallies.values())
    results = SurveyResults(
        total=per_place.get(selected.pk, 0) if selected else sum(per_place.values()),
        questions=[question_result(q, counts, places_by_slug) for q in public],
        places=places,
        selected_place=selected,
        compasses=[],
        selected_channel=channel,
    )
    if survey.is_place_standard:
        rounds = earlier_round_tallies(survey, earlier, selected, channel)
        results.rounds = [item.page for item in rounds]
        results.previous_round = results.rounds[0] if rounds else None
        add_compasses(results, survey, tallies, per_place, rounds)
    return results


@dataclass
class Round:
    page: object
    rated: list
    tallies: dict  # {place_id: Counts}


def earlier_round_tallies(survey, page_ids, place=None, channel=None):
    """[Round] for the earlier rounds, newest first, in three queries however many there are: their
    pages, their themed rating questions and one pass over their answers."""
    if not page_ids:
        return []
    pages = type(survey).objects.filter(pk__in=page_ids).only("pk", "title", "preset")
    pages = {page.pk: page for page in pages}
    rated = defaultdict(list)
    fields = SurveyField.objects.filter(
        page_id__in=page_ids, field_type=SurveyFieldType.RATING, theme__isnull=False
    ).select_related("theme")
    for question in fields.order_by("sort_order", "pk"):
        rated[question.page_id].append(question)
    names = [q.clean_name for questions in rated.values() for q in questions]
    tallies = tallies_by_page(page_ids, names, place=place, channel=channel)
    return [Round(pages[pk], rated[pk], tallies.get(pk, {})) for pk in page_ids if pk in pages]


def add_compasses(results, survey, tallies, per_place, rounds):
    """A compass per place with answers (or the chosen place), overlaid with the earlier rounds;
    past MAX_COMPASSES places, one compass for all places and links to each place's results."""
    rated = themed_ratings(survey.questions)

    def compass(where, now, earlier):
        current = theme_medians(rated, now)
        history = [theme_medians(item.rated, counts) for item, counts in zip(rounds, earlier, strict=True)]
        return Compass(
            where=where,
            axes=[
                CompassAxis(
                    q.theme.name,
                    current.get(q.theme_id),
                    history[0].get(q.theme_id) if history else None,
                    older=tuple(medians.get(q.theme_id) for medians in history[1:]),
                )
                for q in rated
            ],
            scale_max=survey.scale_max,
            current_label=survey.title,
            previous_label=rounds[0].page.title if rounds else "",
            older_labels=[item.page.title for item in rounds[1:]],
        )

    selected = results.selected_place
    shown = [selected] if selected else [place for place in results.places if place.pk in per_place]
    if len(shown) > MAX_COMPASSES:
        earlier = [combined(item.tallies.values()) for item in rounds]
        results.all_places_compass = {
            "responses": results.total,
            "compass": compass(_("all places"), combined(tallies.values()), earlier),
        }
        results.place_links = [{"place": place, "responses": per_place[place.pk]} for place in shown]
        return
    results.compasses = [
        {
            "place": place,
            "responses": per_place.get(place.pk, 0),
            "compass": compass(
                place.title,
                tallies.get(place.pk, Counts()),
                [item.tallies.get(place.pk, Counts()) for item in rounds],
            ),
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
