"""Every word a template shows goes through Django's translation machinery.

Reads each template with Django's own lexer and fails on text outside `{% translate %}` /
`{% blocktranslate %}`: words between tags, in the attributes people read (alt, title, aria-label,
placeholder), and quoted phrases handed to a tag or filter (`with label="Your name"`) that are not
wrapped in `_("…")`. Names and symbols that are the same in every language are listed below.
"""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# Words that are the same in every language: product and standard names, units, format hints.
SAME_IN_EVERY_LANGUAGE = {"GOV.UK", "RSS", "PDF", "CSV", "Wagtail", "OK", "km", "QR", "iCal", "ics"}

SKIPPED_BLOCKS = {
    "blocktrans": "endblocktrans",
    "blocktranslate": "endblocktranslate",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
CLASS_BLOCK = re.compile(r"^block \w*class$")  # {% block bodyclass %}: CSS classes, not words
HIDDEN_ELEMENTS = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
READ_ATTRIBUTE = re.compile(r"""\b(?:alt|title|aria-label|placeholder)\s*=\s*["']([^"']*)["']""", re.I)
ENTITY = re.compile(r"&#?\w+;|\x00")
WORD = re.compile(r"[^\W\d_][\w.’'-]*[^\W\d_]|[^\W\d_]")
# A quoted phrase (two words or more) given to a tag or filter, not as a template name or a path.
TAG_PHRASE = re.compile(r"""(?<!_\()(?<![\w])(["'])([^"'{}]*[^\W\d_][^"'{}]*\s[^"'{}]*)\1""")
DATE_FORMAT = re.compile(r"^[a-zA-Z](\W+[a-zA-Z])*$")  # "j F Y": Django's date filter translates it
TRANSLATE_TAGS = ("trans ", "translate ")
MARK = "\x00"


def words(text):
    return [w for w in WORD.findall(ENTITY.sub(" ", text)) if w not in SAME_IN_EVERY_LANGUAGE]


def untranslated(source):
    """(line, text) for each piece of text a reader would see that is not marked for translation."""
    found = []
    shown = []  # the template with every tag replaced by a mark that is not a word
    closing = None
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        kept_lines = "\n" * token.contents.count("\n")
        if closing:
            if token.token_type == TokenType.BLOCK and contents.split()[:1] == [closing]:
                closing = None
            shown.append(MARK + kept_lines)
            continue
        if token.token_type == TokenType.TEXT:
            shown.append(token.contents)
            continue
        shown.append(MARK + kept_lines)
        name = contents.split()[0] if contents else ""
        if token.token_type == TokenType.BLOCK and name in SKIPPED_BLOCKS:
            closing = SKIPPED_BLOCKS[name]
        elif token.token_type == TokenType.BLOCK and CLASS_BLOCK.match(contents):
            closing = "endblock"
        elif token.token_type in (TokenType.BLOCK, TokenType.VAR) and not contents.startswith(TRANSLATE_TAGS):
            for _quote, phrase in TAG_PHRASE.findall(contents):
                if not (phrase.endswith((".html", ".txt")) or "/" in phrase or DATE_FORMAT.match(phrase)):
                    found.append((token.lineno, phrase))
    text = "".join(shown)
    text = HIDDEN_ELEMENTS.sub(blank_out, HTML_COMMENT.sub(blank_out, text))
    for attribute in READ_ATTRIBUTE.finditer(text):
        if words(attribute.group(1)):
            found.append((line_of(text, attribute.start()), attribute.group(1)))
    outside_tags = TAG.sub(blank_out, text)
    for line_number, line in enumerate(outside_tags.splitlines(), start=1):
        if words(line):
            found.append((line_number, " ".join(line.replace(MARK, " ").split())[:80]))
    return sorted(found)


def blank_out(match):
    """Removes what a reader never sees, keeping the line count."""
    return " " + "\n" * match.group(0).count("\n")


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


TEMPLATE_FILES = sorted(
    path.relative_to(TEMPLATES).as_posix()
    for path in TEMPLATES.rglob("*")
    if path.suffix in {".html", ".txt"}
)


@pytest.mark.parametrize("name", TEMPLATE_FILES)
def test_every_shown_word_is_marked_for_translation(name):
    assert untranslated((TEMPLATES / name).read_text()) == []


def test_the_check_finds_unmarked_words_and_accepts_marked_ones():
    assert untranslated('<p class="govuk-body">Book a place</p>') == [(1, "Book a place")]
    assert untranslated('<img alt="A map of the area" src="x.png">') == [(1, "A map of the area")]
    assert untranslated('{% include "components/card.html" with heading="Latest stories" %}') == [
        (1, "Latest stories")
    ]
    assert (
        untranslated(
            '{% load i18n %}<p>{% translate "Book a place" %}</p><img alt="{% translate "A map" %}">'
            "{% blocktranslate %}{{ n }} places left{% endblocktranslate %}"
            '{% include "components/card.html" with heading=_("Latest stories") %}<!-- a note -->'
            "<script>const words = 'not shown';</script>{{ page.title }} – GOV.UK"
        )
        == []
    )
