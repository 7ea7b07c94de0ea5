"""The history chart: server-side inline SVG, one group of bars per dimension (one bar an assessment,
oldest first), with a title, for screen readers a description, and the numbers in a table beside it."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# Shades from light (oldest) to dark (latest).
SHADES = ("#b9d3ee", "#7fb0e0", "#3f86cf", "#0b5cad", "#083f78")
LABEL_WIDTH = 260
BAR_AREA = 300
BAR_HEIGHT = 9
GAP = 10


def history_chart(dimensions: list[Any], points: list[Any]) -> SafeString:
    """Return the SVG of the scores by dimension across ``points`` (history points, oldest first)."""
    shown = points[-len(SHADES) :]
    group_height = BAR_HEIGHT * len(shown) + GAP
    height = group_height * len(dimensions) + 40
    width = LABEL_WIDTH + BAR_AREA + 50
    parts: list[SafeString] = []
    for row, dimension in enumerate(dimensions):
        top = 10 + row * group_height
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>',
                LABEL_WIDTH - 6,
                top + BAR_HEIGHT * len(shown) / 2 + 4,
                dimension.name[:42],
            )
        )
        for index, point in enumerate(shown):
            value = point.scores.get(dimension.code)
            if value is None:
                continue
            shade = SHADES[len(SHADES) - len(shown) + index]
            y = top + index * BAR_HEIGHT
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    LABEL_WIDTH,
                    y,
                    round(BAR_AREA * value / 100, 1),
                    BAR_HEIGHT - 1,
                    shade,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="10">{}</text>',
                LABEL_WIDTH + BAR_AREA + 4,
                top + BAR_HEIGHT * len(shown) - 1,
                shown[-1].scores.get(dimension.code, ""),
            )
        )
    axis_y = height - 24
    ticks = format_html_join(
        "",
        '<line x1="{0}" y1="4" x2="{0}" y2="{1}" stroke="#d7dce3"></line>'
        '<text x="{0}" y="{2}" font-size="10" text-anchor="middle">{3}</text>',
        ((LABEL_WIDTH + BAR_AREA * t / 100, axis_y, axis_y + 14, t) for t in (0, 25, 50, 75, 100)),
    )
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect><text x="{}" y="{}" font-size="10">{}</text>',
        (
            (
                LABEL_WIDTH + i * 90,
                height - 10,
                SHADES[len(SHADES) - len(shown) + i],
                LABEL_WIDTH + i * 90 + 14,
                height - 1,
                p.assessment.submitted_at.date().isoformat() if p.assessment.submitted_at else "",
            )
            for i, p in enumerate(shown)
        ),
    )
    title = _("Readiness score by dimension, %(count)d assessments, oldest lightest") % {"count": len(shown)}
    return format_html(
        '<svg role="img" aria-labelledby="history-chart-title" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" class="readiness-chart"><title id="history-chart-title">{}</title>'
        "{}{}{}</svg>",
        width,
        height + 6,
        title,
        ticks,
        SafeString("".join(parts)),
        legend,
    )
