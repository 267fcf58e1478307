"""Template source rules that, broken, show raw template text to visitors."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_no_template_comment_spans_lines():
    # Django's {# #} comment ends at the line's end; one left open is printed to the page as text.
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for opening in re.finditer(r"\{#", line):
                if "#}" not in line[opening.end() :]:
                    offenders.append(f"{path.relative_to(TEMPLATES)}:{number}")
    assert offenders == []


def test_templates_count_with_blocktranslate_not_pluralize():
    # `pluralize` only knows English endings; counted phrases go through blocktranslate so that
    # "1 person agrees" and a translation's own plural forms both come out right.
    users = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "|pluralize" in path.read_text()
    ]
    assert users == []
