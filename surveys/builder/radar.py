"""Geometry for the Place Standard compass: a radar diagram drawn server-side as SVG.

Each theme is a spoke, clockwise from the top. A score sits at `score / scale_max` of the radius, so
the highest score is on the outer ring and a low score (room for improvement) lies near the centre.
"""

import math
import textwrap
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 620
CENTRE = (WIDTH / 2, HEIGHT / 2)
RADIUS = 190
LABEL_GAP = 22
LABEL_CHARS = 18
LINE_HEIGHT = 14


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

    @property
    def change(self):
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass
class Compass:
    """Everything the template needs to draw one compass and its table."""

    title: str
    axes: list
    scale_max: int = 7
    current_label: str = "This round"
    previous_label: str = ""

    @property
    def count(self):
        return len(self.axes)

    @property
    def has_previous(self):
        return any(axis.previous is not None for axis in self.axes)

    @property
    def rings(self):
        return [
            {"score": score, "radius": round(RADIUS * score / self.scale_max, 1)}
            for score in range(1, self.scale_max + 1)
        ]

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
    def current_polygon(self):
        return points_attr(self.current_points)

    @property
    def previous_polygon(self):
        return points_attr(self.previous_points)

    @property
    def labels(self):
        labels = []
        for index, axis in enumerate(self.axes):
            x, y = point(index, self.count, self.scale_max, self.scale_max, radius=RADIUS + LABEL_GAP)
            lines = textwrap.wrap(axis.label, LABEL_CHARS) or [""]
            anchor = "middle" if abs(x - CENTRE[0]) < 5 else ("start" if x > CENTRE[0] else "end")
            # Labels above the centre grow upwards, so their last line stays next to the ring.
            if y < CENTRE[1] - 5:
                y -= (len(lines) - 1) * LINE_HEIGHT
            elif y > CENTRE[1] + 5:
                y += 10
            labels.append(Label(x=x, y=round(y, 1), anchor=anchor, lines=lines))
        return labels

    @property
    def description(self):
        parts = []
        for axis in self.axes:
            text = f"{axis.label}: {format_score(axis.score)}"
            if axis.previous is not None:
                text += f" (earlier round {format_score(axis.previous)})"
            parts.append(text)
        return f"Median scores out of {self.scale_max}, higher is better. " + "; ".join(parts) + "."


def format_score(value):
    if value is None:
        return "no answers"
    return f"{value:g}"
