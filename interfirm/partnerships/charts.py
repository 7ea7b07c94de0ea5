"""The charts of a partnership: trust (three lines per party) and progress over time, drawn as inline
SVG on the server. Pure functions over plain values; the template draws the shapes and the table."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 560, 220, 40, 12, 12, 28
# One hue per party, a dash per kind of trust, so the lines are told apart without colour alone.
COLOURS = ("#1f5fa8", "#b5461f", "#2a7f3e", "#7b3fa0")
DASHES = {"contractual": "", "goodwill": "6 3", "competence": "2 3", "progress": ""}


@dataclass(frozen=True)
class Sample:
    on: datetime.date
    value: float


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: str
    points: str  # the SVG polyline "x,y x,y …"
    dots: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Axis:
    ticks_y: tuple[tuple[float, str], ...]
    ticks_x: tuple[tuple[float, str], ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: tuple[Line, ...]
    axis: Axis
    left: int
    right: int
    top: int
    bottom: int


def chart(
    series: Sequence[tuple[str, str, str, Sequence[Sample]]], *, low: float, high: float, step: float
) -> Chart | None:
    """Return the chart of ``series`` (label, colour, dash, samples) on a y-axis from ``low`` to ``high``;
    None when there is nothing to draw."""
    dates = sorted({s.on for _label, _c, _d, samples in series for s in samples})
    if not dates:
        return None
    first, last = dates[0], dates[-1]
    span = max((last - first).days, 1)
    left, right, top, bottom = PAD_LEFT, WIDTH - PAD_RIGHT, PAD_TOP, HEIGHT - PAD_BOTTOM

    def x(day: datetime.date) -> float:
        if first == last:
            return round((left + right) / 2, 1)
        return round(left + (right - left) * (day - first).days / span, 1)

    def y(value: float) -> float:
        return round(bottom - (bottom - top) * (value - low) / (high - low), 1)

    lines = []
    for label, colour, dash, samples in series:
        dots = tuple((x(s.on), y(s.value)) for s in sorted(samples, key=lambda s: s.on))
        if dots:
            lines.append(Line(label, colour, dash, " ".join(f"{a},{b}" for a, b in dots), dots))
    ticks_y = []
    value = low
    while value <= high + 1e-9:
        ticks_y.append((y(value), f"{value:g}"))
        value += step
    picked = dates if len(dates) <= 6 else [dates[round(i * (len(dates) - 1) / 5)] for i in range(6)]
    ticks_x = tuple((x(d), d.strftime("%Y-%m")) for d in dict.fromkeys(picked))
    return Chart(WIDTH, HEIGHT, tuple(lines), Axis(tuple(ticks_y), ticks_x), left, right, top, bottom)
