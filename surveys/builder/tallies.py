"""Survey answers counted where they are stored, place by place.

Loading every answer to count it in Python takes seconds at 50,000 answers. On PostgreSQL one
`jsonb_each_text` pass reads each answer once and returns a few thousand counts. Other databases
(SQLite in development and tests) count in Python. Both paths produce the same raw rows,
(page_id, place_id, question, answer as text, how many), and share `tally`, so they agree by construction.

An answer is empty when it is missing, JSON null, "" or []. A list answer (checkboxes, multiselect)
arrives as JSON text, as `jsonb_each_text` gives it, and counts once for each option chosen.
"""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction

from site_home.languages import in_every_language
from surveys.builder.models.fields import SurveySubmission

EMPTY = ("", "[]")  # with JSON null (NULL in SQL, None in Python)

TALLY_SQL = """
SELECT s.page_id, s.place_id, e.key, CASE WHEN e.key = ANY(%(counted)s) THEN e.value END, count(*)
FROM {table} AS s CROSS JOIN LATERAL jsonb_each_text(s.form_data) AS e
WHERE s.page_id = ANY(%(pages)s) {place_filter} {channel_filter} AND e.value NOT IN ('', '[]')
GROUP BY 1, 2, 3, 4
"""


@dataclass
class Counts:
    """Answers from one place, or several: per question, how many answered and chose each option."""

    answered: Counter = field(default_factory=Counter)
    chosen: defaultdict = field(default_factory=lambda: defaultdict(Counter))


def combined(counts):
    """One Counts adding up several (places)."""
    total = Counts()
    for part in counts:
        total.answered.update(part.answered)
        for name, options in part.chosen.items():
            total.chosen[name].update(options)
    return total


def answer_tallies(survey, counted, place=None, channel=None):
    """{place_id: Counts} for the answers to `survey` (from `place` only, and through `channel`
    only, if given). Only the questions named in `counted` have their options counted: written
    answers need only a count of answers, and grouping by their text would return one row per answer."""
    # Answers given on any language version of the survey count together.
    versions = list(in_every_language(survey).values_list("pk", flat=True)) or [survey.pk]
    by_version = tallies_by_page(versions, counted, place, channel)
    if len(by_version) < 2:
        return by_version.get(survey.pk) or next(iter(by_version.values()), {})
    places = {place_id for tallies in by_version.values() for place_id in tallies}
    return {
        place_id: combined(t[place_id] for t in by_version.values() if place_id in t) for place_id in places
    }


def tallies_by_page(page_ids, counted, place=None, channel=None):
    """{page_id: {place_id: Counts}} for several surveys (the rounds of one) in one pass."""
    rows = sql_rows if connection.vendor == "postgresql" else python_rows
    by_page = defaultdict(list)
    for page_id, *row in rows(list(page_ids), counted, place, channel):
        by_page[page_id].append(row)
    return {page_id: tally(page_rows) for page_id, page_rows in by_page.items()}


def sql_rows(page_ids, counted, place=None, channel=None):
    sql = TALLY_SQL.format(
        table=connection.ops.quote_name(SurveySubmission._meta.db_table),
        place_filter="AND s.place_id = %(place)s" if place else "",
        channel_filter="AND s.channel = %(channel)s" if channel else "",
    )
    params = {
        "counted": list(counted),
        "pages": page_ids,
        "place": place.pk if place else None,
        "channel": channel,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner guesses 100 keys per answer, so past ~60,000 answers it would JIT-compile
        # this query, which costs more than the pass itself.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        return cursor.fetchall()


def python_rows(page_ids, counted, place=None, channel=None):
    submissions = SurveySubmission.objects.filter(page_id__in=page_ids)
    if place:
        submissions = submissions.filter(place=place)
    if channel:
        submissions = submissions.filter(channel=channel)
    rows = Counter()
    for page_id, place_id, data in submissions.values_list("page_id", "place_id", "form_data").iterator():
        for name, value in data.items():
            text = as_text(value)
            if text is not None and text not in EMPTY:
                rows[page_id, place_id, name, text if name in counted else None] += 1
    return [(*key, count) for key, count in rows.items()]


def as_text(value):
    """A JSON value as `jsonb_each_text` gives it: strings as they are, null as None, the rest as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def options_in(text):
    """The options one answer chose: each item of a list answer, or the answer itself."""
    if text.startswith("["):
        try:
            return [as_text(item) for item in json.loads(text) if item is not None]
        except ValueError:
            pass
    return [text]


def tally(rows):
    by_place = defaultdict(Counts)
    for place_id, name, text, count in rows:
        counts = by_place[place_id]
        counts.answered[name] += count
        if text is not None:
            for option in options_in(text):
                counts.chosen[name][option] += count
    return dict(by_place)
