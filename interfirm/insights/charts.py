"""Charts drawn on the server as inline SVG: horizontal bars for a table's first column, lines for a
series. Each SVG has ``role="img"``, a ``<title>`` and a ``<desc>`` that says what it shows; the
numbers themselves are in the table printed beside it. A hidden cell ("<5", "x") draws no bar and
no point: the chart never shows more than the table.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from interfirm.insights.tables import Table

BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 220
PLOT_WIDTH = 300
VALUE_WIDTH = 60
LINE_WIDTH, LINE_HEIGHT = 560, 220
MARGIN = 36
COLOURS = ("#1f5fa8", "#c0504d", "#4f8a3c", "#7f5ea8")


def _shorten(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def bar_chart(table: Table, *, chart_id: str) -> SafeString:
    """Return a horizontal bar chart of the first column of ``table`` (the total row left out)."""
    rows = table.body_rows
    values = [row.cells[0].value for row in rows]
    top = max([float(v) for v in values if v is not None] or [0.0]) or 1.0
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    bars = []
    for i, row in enumerate(rows):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        cell = row.cells[0]
        length = 0.0 if cell.value is None else PLOT_WIDTH * float(cell.value) / top
        bars.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                LABEL_WIDTH - 6,
                y + BAR_HEIGHT - 5,
                _shorten(row.label),
                LABEL_WIDTH,
                y,
                f"{length:.1f}",
                BAR_HEIGHT,
                f"{LABEL_WIDTH + length + 4:.1f}",
                y + BAR_HEIGHT - 5,
                cell.shown,
            )
        )
    description = _("%(title)s: a bar for each row of the table that follows.") % {"title": table.title}
    return format_html(
        '<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'class="chart" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{bars}</svg>',
        id=chart_id,
        w=width,
        h=max(height, BAR_HEIGHT + 2 * BAR_GAP),
        title=table.title,
        desc=description,
        bars=mark_safe("".join(bars)),  # noqa: S308 — each piece built by format_html
    )


def line_chart(table: Table, *, chart_id: str) -> SafeString:
    """Return a line chart with one line per column of ``table`` over its rows (periods)."""
    rows = table.body_rows
    scale = table.extra.get("scale")
    values = [c.value for row in rows for c in row.cells if c.value is not None]
    low, high = scale if scale else (0.0, max([float(v) for v in values] or [1.0]) or 1.0)
    plot_w, plot_h = LINE_WIDTH - 2 * MARGIN, LINE_HEIGHT - 2 * MARGIN
    step = plot_w / max(len(rows) - 1, 1)

    def point(i: int, value: float) -> tuple[float, float]:
        y = MARGIN + plot_h - plot_h * (float(value) - low) / ((high - low) or 1.0)
        return MARGIN + i * step, y

    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>'
            '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
            '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>',
            MARGIN,
            MARGIN + plot_h,
            MARGIN + plot_w,
            MARGIN + plot_h,
            MARGIN - 4,
            MARGIN + plot_h,
            f"{low:g}",
            MARGIN - 4,
            MARGIN + 4,
            f"{high:g}",
        )
    ]
    for i, row in enumerate(rows):
        if len(rows) <= 12 or i % max(len(rows) // 8, 1) == 0:
            x, _y = point(i, low)
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text>',
                    f"{x:.1f}",
                    MARGIN + plot_h + 16,
                    row.label,
                )
            )
    for column, name in enumerate(table.columns):
        colour = COLOURS[column % len(COLOURS)]
        points = [
            point(i, float(row.cells[column].value or 0))
            for i, row in enumerate(rows)
            if row.cells[column].value is not None
        ]
        if len(points) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>',
                    " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                    colour,
                )
            )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="3" fill="{}"></circle>',
                ((f"{x:.1f}", f"{y:.1f}", colour) for x, y in points),
            )
        )
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect><text x="{}" y="{}" class="chart-label">{}</text>',
                MARGIN + column * 130,
                8,
                colour,
                MARGIN + column * 130 + 14,
                17,
                _shorten(str(name), 18),
            )
        )
    description = _("%(title)s: one line for each column of the table that follows, by period.") % {
        "title": table.title
    }
    return format_html(
        '<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'class="chart" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{parts}</svg>',
        id=chart_id,
        w=LINE_WIDTH,
        h=LINE_HEIGHT,
        title=table.title,
        desc=description,
        parts=mark_safe("".join(parts)),  # noqa: S308 — each piece built by format_html
    )


def chart_for(table: Table) -> SafeString:
    """Return the chart of ``table`` (empty when the table has none or no rows)."""
    chart_id = f"chart-{table.key}"
    if not table.body_rows or not table.chart:
        return mark_safe("")
    if table.chart == "line":
        return line_chart(table, chart_id=chart_id)
    return bar_chart(table, chart_id=chart_id)
