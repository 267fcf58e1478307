"""Codes suggested for uncoded responses, computed here in plain Python: TF-IDF vectors of the
response and of each code (its label and description, and the responses already given it), compared
by cosine similarity. Each suggestion keeps the words that weighed most in the match, so the person
deciding can see why it was made. Nothing is applied until a person accepts it (frame.decide).
"""

import math
import re
from collections import Counter

from .frame import frame_codes, frame_responses
from .models import Suggestion

MIN_SCORE = 0.12
PER_RESPONSE = 2
REASON_WORDS = 4
LABEL_WEIGHT = 3  # a code's own words count more than any one example's
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no nor not
    now of off on once only or other our ours out over own same she should so some such than that the
    their theirs them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours people think really get got
    like much many lot lots make made need needs want wants one ones every would should could thing things
    it's i'm don't we're there's they're isn't can't won't"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def stem(word):
    """A light suffix strip, enough for "parks"/"park" and "cycling"/"cycle" to meet."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def terms(text):
    """{stem: (count, the first word seen for it)} for a text's content words."""
    found = {}
    for word in WORD.findall(text.lower()):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        key = stem(word)
        count, shown = found.get(key, (0, word))
        found[key] = (count + 1, shown)
    return found


def _vector(counts, idf):
    vector = {term: (1 + math.log(count)) * idf.get(term, 0.0) for term, count in counts.items()}
    norm = math.sqrt(sum(weight * weight for weight in vector.values()))
    return {term: weight / norm for term, weight in vector.items()} if norm else {}


def rank(responses, codes, examples):
    """Yield (response, code, score, words) for each response and its best-matching codes.

    `examples` is {code id: [texts already given the code]}."""
    response_terms = [terms(response.text) for response in responses]
    documents = len(responses) + 1
    frequency = Counter(term for found in response_terms for term in found)
    code_counts = {}
    for code in codes:
        counts = Counter()
        for term, (count, _) in terms(f"{code.label} {code.label} {code.description}").items():
            counts[term] += count * LABEL_WEIGHT
        for text in examples.get(code.pk, []):
            for term, (count, _) in terms(text).items():
                counts[term] += count
        code_counts[code.pk] = counts
    idf = {
        term: math.log(documents / (1 + frequency.get(term, 0))) + 1
        for term in {*frequency, *(term for counts in code_counts.values() for term in counts)}
    }
    code_vectors = {code.pk: _vector(code_counts[code.pk], idf) for code in codes}
    for response, found in zip(responses, response_terms, strict=True):
        vector = _vector({term: count for term, (count, _) in found.items()}, idf)
        scored = []
        for code in codes:
            contributions = {
                term: weight * code_vectors[code.pk][term]
                for term, weight in vector.items()
                if term in code_vectors[code.pk]
            }
            score = sum(contributions.values())
            if score >= MIN_SCORE:
                top = sorted(contributions, key=contributions.get, reverse=True)[:REASON_WORDS]
                scored.append((score, code, [found[term][1] for term in top]))
        scored.sort(key=lambda item: item[0], reverse=True)
        for score, code, words in scored[:PER_RESPONSE]:
            yield response, code, round(score, 3), words


def make_suggestions(page):
    """Store suggestions for the frame's uncoded responses; a code already suggested for a response
    (whatever the answer was) is not suggested again. Returns how many are new."""
    codes = frame_codes(page)
    if not codes:
        return 0
    responses = frame_responses(page)
    examples = {}
    for response in responses:
        for coding in response.codings:
            examples.setdefault(coding.code_id, []).append(response.text)
    uncoded = [response for response in responses if not response.codings]
    asked = {
        (suggestion.code_id, suggestion.response_key)
        for suggestion in Suggestion.objects.filter(code__page=page).only(
            "code_id", "comment_id", "submission_id", "question_key"
        )
    }
    new = [
        Suggestion(
            code=code,
            comment=response.comment,
            submission_id=response.submission_id,
            question_key=response.question_key,
            score=score,
            words=words,
        )
        for response, code, score, words in rank(uncoded, codes, examples)
        if (code.pk, response.key) not in asked
    ]
    Suggestion.objects.bulk_create(new)
    return len(new)
