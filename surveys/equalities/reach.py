"""Who we heard from: responses by SIMD quintile and by each "about you" question, for a
consultation, a survey or a place, beside the population of the places they came from, with the
groups we under-heard marked. Counts only, all suppressed (suppression.py); a fixed number of
queries, whatever the number of responses."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import Count as CountOf
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from site_home.models import PlacePage, PlacePopulation, PopulationMeasure
from surveys.builder.models import SurveyPage, SurveySubmission

from .models import AboutYou, AboutYouAnswer
from .questions import MEASURE_OPTIONS, PREFER_NOT_TO_SAY, measure_label, standard_option_label
from .suppression import THRESHOLD, percentage, suppress, suppress_all

# A group is marked as under-heard when its share of responses is this many points below its share
# of residents (for a suppressed group: even if it had the most a suppressed count can hide).
GAP_POINTS = 5
NOT_KNOWN = "not_known"


@dataclass
class Scope:
    title: str
    pages: list | None = None  # page ids; None: every page
    place: PlacePage | None = None

    def submissions(self):
        rows = SurveySubmission.objects.all()
        if self.pages is not None:
            rows = rows.filter(page_id__in=self.pages)
        return rows.filter(place=self.place) if self.place else rows

    def about_you(self):
        return AboutYou.objects.in_scope(self.pages, self.place)


def page_links(model):
    """The names of a page model's own foreign keys to pages (a consultation's survey, for one)."""
    return [
        f.name
        for f in model._meta.local_concrete_fields
        if isinstance(f, models.ForeignKey)
        and not isinstance(f, models.OneToOneField)
        and issubclass(f.related_model, Page)
    ]


def linking_models():
    return [m for m in apps.get_models() if issubclass(m, Page) and m is not SurveyPage and page_links(m)]


def page_scope(page, place=None):
    """A survey, or a consultation: the page, the pages under it and the surveys it links to."""
    page = page.specific
    pages = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    if not isinstance(page, SurveyPage):
        linked = [getattr(page, f"{name}_id") for name in page_links(type(page))]
        pages += list(
            SurveyPage.objects.filter(pk__in=[pk for pk in linked if pk]).values_list("pk", flat=True)
        )
    title = f"{page.title} – {place.title}" if place else page.title
    return Scope(title=title, pages=pages, place=place)


def scope_pages():
    """What can be chosen: surveys, and pages that link to a survey (consultations), A to Z. One
    query per kind of page that links to pages."""
    surveys = SurveyPage.objects.values("pk")
    ids = set(surveys.values_list("pk", flat=True))
    for model in linking_models():
        linked = Q()
        for name in page_links(model):
            linked |= Q(**{f"{name}__in": surveys})
        ids |= set(model.objects.filter(linked).values_list("pk", flat=True))
    return Page.objects.filter(pk__in=ids).order_by("title").only("pk", "title")


@dataclass
class Row:
    group: str
    label: str
    count: object  # suppression.Count
    response_share: int | None
    resident_share: Decimal | None
    gap: bool = False


@dataclass
class Measure:
    key: str
    label: str
    answered: object  # suppression.Count
    rows: list = field(default_factory=list)

    @property
    def gaps(self):
        return [row for row in self.rows if row.gap]


@dataclass
class Report:
    scope: Scope
    responses: object  # suppression.Count
    measures: list
    population_places: list

    @property
    def gaps(self):
        return [(measure, row) for measure in self.measures for row in measure.gaps]


def resident_shares(scope):
    """{measure: {group: share}} for the place, or weighted by population over the places the
    responses came from. Two queries."""
    if scope.place:
        places = [scope.place]
    else:
        ids = scope.submissions().exclude(place=None).values_list("place_id", flat=True).distinct()
        places = list(
            PlacePage.objects.filter(pk__in=ids).order_by("title").only("pk", "title", "population")
        )
    rows = PlacePopulation.objects.filter(place__in=places).values_list(
        "place_id", "measure", "group", "share"
    )
    weight = {place.pk: (place.population or 1) for place in places}
    totals, weights = {}, {}
    for place_id, measure, group, share in rows:
        key = (measure, group)
        totals[key] = totals.get(key, 0) + share * weight[place_id]
        weights.setdefault(measure, {})[place_id] = weight[place_id]
    shares = {}
    for (measure, group), total in totals.items():
        shares.setdefault(measure, {})[group] = round(total / sum(weights[measure].values()), 1)
    covered = {place_id for measure in weights.values() for place_id in measure}
    return shares, [place for place in places if place.pk in covered]


def group_label(measure, group):
    if measure == PopulationMeasure.SIMD_QUINTILE:
        if group == NOT_KNOWN:
            return str(_("No postcode, or not found"))
        ends = {"1": _(" (most deprived)"), "5": _(" (least deprived)")}
        return str(_("Quintile %(n)s") % {"n": group}) + str(ends.get(group, ""))
    return str(standard_option_label(group))


def build_measure(key, label, counts, answered, shares):
    """One table: every option (those not chosen too, so a gap shows), then any other answers."""
    options = list(MEASURE_OPTIONS.get(key, []))
    options += sorted(
        group for group in counts if group not in options and group not in (PREFER_NOT_TO_SAY, NOT_KNOWN)
    )
    if PREFER_NOT_TO_SAY in counts or key in MEASURE_OPTIONS and key != PopulationMeasure.SIMD_QUINTILE:
        options.append(PREFER_NOT_TO_SAY)
    if NOT_KNOWN in counts:
        options.append(NOT_KNOWN)
    shown = suppress_all({group: counts.get(group, 0) for group in options})
    answered_shown = suppress(answered)
    measure = Measure(key=key, label=label, answered=answered_shown)
    for group in options:
        count = shown[group]
        share = percentage(count, answered_shown)
        resident = shares.get(group)
        gap = False
        if resident is not None and answered_shown.value:
            # A suppressed group had at most THRESHOLD - 1 responses: a gap only if even that is short.
            most = share if share is not None else 100 * (THRESHOLD - 1) / answered_shown.value
            gap = float(resident) - most >= GAP_POINTS
        measure.rows.append(Row(group, group_label(key, group), count, share, resident, gap))
    return measure


def who_we_heard(scope):
    """The report for a scope, in seven queries."""
    about_you = scope.about_you()
    responses = scope.submissions().count() + about_you.filter(submission=None).count()
    answers = (
        AboutYouAnswer.objects.filter(about_you__in=about_you)
        .values("question", "answer")
        .annotate(n=CountOf("about_you", distinct=True), label=Max("label"))
    )
    answered = dict(
        AboutYouAnswer.objects.filter(about_you__in=about_you)
        .values("question")
        .annotate(n=CountOf("about_you", distinct=True))
        .values_list("question", "n")
    )
    simd = dict(
        about_you.exclude(simd_quintile=None)
        .values("simd_quintile")
        .annotate(n=CountOf("pk"))
        .values_list("simd_quintile", "n")
    )
    shares, population_places = resident_shares(scope)

    by_question, labels = {}, {}
    for row in answers:
        by_question.setdefault(row["question"], {})[row["answer"]] = row["n"]
        labels[row["question"]] = row["label"]

    simd_counts = {str(q): n for q, n in simd.items() if q}
    simd_counts[NOT_KNOWN] = responses - sum(simd_counts.values())
    measures = [
        build_measure(
            PopulationMeasure.SIMD_QUINTILE,
            measure_label(PopulationMeasure.SIMD_QUINTILE),
            simd_counts,
            responses,
            shares.get(PopulationMeasure.SIMD_QUINTILE, {}),
        )
    ]
    standard = [key for key in MEASURE_OPTIONS if key in by_question]
    own = sorted((key for key in by_question if key not in MEASURE_OPTIONS), key=lambda k: labels[k])
    for key in standard + own:
        label = measure_label(key) if key in MEASURE_OPTIONS else labels[key]
        measures.append(build_measure(key, label, by_question[key], answered[key], shares.get(key, {})))
    return Report(
        scope=scope, responses=suppress(responses), measures=measures, population_places=population_places
    )
