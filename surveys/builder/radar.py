"""Geometry for the Place Standard compass: a radar diagram drawn server-side as SVG.

Each theme is a spoke, clockwise from the top. A score sits at `score / scale_max` of the radius, so
the highest score is on the outer ring and a low score (room for improvement) lies near the centre.

A compass is kept in the results cache, shared by every language: its words (title, description)
are made when the page is drawn, in the reader's language.
"""

import math
import textwrap
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# The SVG scales to its column, so sizes here are in its own units. It is drawn small with large
# type: on a 375 px phone the chart is about 345 px wide (0.75 of WIDTH), and labels of
# LABEL_FONT_SIZE units still read at 12 px or more there; they wrap at LABEL_CHARS characters to
# fit beside the rings.
WIDTH = 460
CENTRE = (WIDTH // 2, 195)  # the chart's height follows its labels (Compass.view_box)
RADIUS = 100
LABEL_GAP = 12
LABEL_FONT_SIZE = 17
LABEL_CHARS = 12
LINE_HEIGHT = 18
LABEL_SPACING = 4
MARGIN = 6
OLDER_DASHES = ("2 4", "12 4 2 4", "1 6")  # rounds before the previous one (dashed "8 5")


def angle(index, count):
    """Clockwise from twelve o'clock, in radians."""
    return -math.pi / 2 + 2 * math.pi * index / count


def point(index, count, score, scale_max=7, radius=RADIUS, centre=CENTRE):
    """Where `score` on spoke `index` of `count` lies; a missing score (None) sits at the centre."""
    distance = radius * (score or 0) / scale_max
    theta = angle(index, count)
    return (
        round(centre[0] + distance * math.cos(theta), 1),
        round(centre[1] + distance * math.sin(theta), 1),
    )


def points_attr(points):
    return " ".join(f"{x},{y}" for x, y in points)


@dataclass
class Label:
    x: float
    y: float
    anchor: str
    lines: list


@dataclass
class CompassAxis:
    label: str
    score: float | None
    previous: float | None = None
    older: tuple = ()  # the rounds before the previous one, newest first

    @property
    def change(self):
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass
class Compass:
    """Everything the template needs to draw one compass and its table."""

    where: str  # the place or places the compass is for ("all places")
    axes: list
    scale_max: int = 7
    current_label: str = _("This round")
    previous_label: str = ""
    older_labels: list = field(default_factory=list)

    @property
    def title(self):
        return gettext("Place Standard compass for %(where)s") % {"where": self.where}

    @property
    def count(self):
        return len(self.axes)

    @property
    def has_previous(self):
        return any(axis.previous is not None for axis in self.axes)

    @property
    def rings(self):
        """Every score's ring; only every other one is numbered, so the numbers keep a readable size."""
        return [
            {
                "score": score,
                "radius": round(RADIUS * score / self.scale_max, 1),
                "numbered": (self.scale_max - score) % 2 == 0,
                # just inside the ring, on the spoke to twelve o'clock
                "number_y": round(CENTRE[1] - RADIUS * score / self.scale_max + LABEL_FONT_SIZE * 0.85, 1),
            }
            for score in range(1, self.scale_max + 1)
        ]

    @property
    def geometry(self):
        return {
            "view_box": self.view_box,
            "cx": CENTRE[0],
            "cy": CENTRE[1],
            "font_size": LABEL_FONT_SIZE,
            "line_height": LINE_HEIGHT,
        }

    @property
    def spokes(self):
        return [point(i, self.count, self.scale_max, self.scale_max) for i in range(self.count)]

    @property
    def current_points(self):
        return [point(i, self.count, axis.score, self.scale_max) for i, axis in enumerate(self.axes)]

    @property
    def previous_points(self):
        return [point(i, self.count, axis.previous, self.scale_max) for i, axis in enumerate(self.axes)]

    @property
    def older_rounds(self):
        """The rounds before the previous one that have scores: label, polygon, dashes and scores."""
        rounds = []
        for n, label in enumerate(self.older_labels):
            scores = [axis.older[n] if n < len(axis.older) else None for axis in self.axes]
            if any(score is not None for score in scores):
                points = [point(i, self.count, score, self.scale_max) for i, score in enumerate(scores)]
                rounds.append(
                    {
                        "label": label,
                        "polygon": points_attr(points),
                        "dashes": OLDER_DASHES[n % len(OLDER_DASHES)],
                    }
                )
        return rounds

    @property
    def history_columns(self):
        """Table columns for the earlier rounds, newest first: (label, [score per axis])."""
        columns = [(self.previous_label, [axis.previous for axis in self.axes])] if self.has_previous else []
        for n, label in enumerate(self.older_labels):
            scores = [axis.older[n] if n < len(axis.older) else None for axis in self.axes]
            if any(score is not None for score in scores):
                columns.append((label, scores))
        return columns

    @property
    def table_rows(self):
        """[(axis, [its score in each of history_columns])] for the table beside the chart."""
        columns = [scores for _label, scores in self.history_columns]
        return [(axis, [scores[i] for scores in columns]) for i, axis in enumerate(self.axes)]

    @property
    def current_polygon(self):
        return points_attr(self.current_points)

    @property
    def previous_polygon(self):
        return points_attr(self.previous_points)

    @property
    def labels(self):
        """Spoke labels, each next to its spoke's end, moved down where it would run into the one
        before it (going round from twelve o'clock on each side), so wrapped labels never overlap."""
        ascent, descent = LABEL_FONT_SIZE * 0.8, LABEL_FONT_SIZE * 0.25
        placed = []
        for index, axis in enumerate(self.axes):
            x, y = point(index, self.count, self.scale_max, self.scale_max, radius=RADIUS + LABEL_GAP)
            lines = textwrap.wrap(axis.label, LABEL_CHARS) or [""]
            height = ascent + (len(lines) - 1) * LINE_HEIGHT + descent
            anchor = "middle" if abs(x - CENTRE[0]) < 5 else ("start" if x > CENTRE[0] else "end")
            # Above the centre a label ends at its spoke, below it starts there, beside it is centred.
            if y < CENTRE[1] - 5:
                top = y - height
            elif y > CENTRE[1] + 5:
                top = y
            else:
                top = y - height / 2
            placed.append([index, x, top, height, anchor, lines])

        def push_down(labels, above):
            for label in labels:
                label[2] = max(label[2], above + LABEL_SPACING)
                above = label[2] + label[3]
            return above

        middle = [label for label in placed if label[4] == "middle"]
        top_label = next((label for label in middle if label[2] < CENTRE[1]), None)
        bottom_label = next((label for label in middle if label[2] > CENTRE[1]), None)
        above = top_label[2] + top_label[3] if top_label else -math.inf
        right = push_down([label for label in placed if label[4] == "start"], above)
        # The left side, from twelve o'clock anticlockwise, is the end of the list backwards.
        left = push_down([label for label in reversed(placed) if label[4] == "end"], above)
        if bottom_label:
            bottom_label[2] = max(bottom_label[2], right + LABEL_SPACING, left + LABEL_SPACING)
        return [
            Label(x=x, y=round(top + ascent, 1), anchor=anchor, lines=lines)
            for _, x, top, _, anchor, lines in placed
        ]

    @property
    def view_box(self):
        """The chart's rings and every label, with a margin: "min-x min-y width height"."""
        labels = self.labels
        top = min([CENTRE[1] - RADIUS] + [label.y - LABEL_FONT_SIZE for label in labels]) - MARGIN
        bottom = (
            max(
                [CENTRE[1] + RADIUS]
                + [label.y + (len(label.lines) - 1) * LINE_HEIGHT + LABEL_FONT_SIZE * 0.3 for label in labels]
            )
            + MARGIN
        )
        return {"x": 0, "y": round(top, 1), "width": WIDTH, "height": round(bottom - top, 1)}

    @property
    def description(self):
        parts = []
        for axis in self.axes:
            text = f"{axis.label}: {format_score(axis.score)}"
            earlier = [score for score in (axis.previous, *axis.older) if score is not None]
            if earlier:
                scores = ", ".join(format_score(score) for score in earlier)
                rounds = ngettext(
                    "(earlier round %(scores)s)", "(earlier rounds, newest first, %(scores)s)", len(earlier)
                )
                text += " " + rounds % {"scores": scores}
            parts.append(text)
        heading = gettext("Median scores out of %(top)s, higher is better.") % {"top": self.scale_max}
        return f"{heading} " + "; ".join(parts) + "."


def format_score(value):
    if value is None:
        return gettext("no answers")
    return f"{value:g}"
