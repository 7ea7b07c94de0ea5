"""CSV and JSON of a table, exactly as the page shows it (suppressed cells as "<5" and "x")."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from interfirm.insights.selectors import Period
from interfirm.insights.tables import Table


def table_json(table: Table) -> dict[str, Any]:
    """Return ``table`` as a JSON-friendly dict: columns, and each row's key, label and values."""
    return {
        "key": table.key,
        "title": str(table.title),
        "topic": table.topic,
        "columns": [str(c) for c in table.columns],
        "rows": [
            {
                "key": row.key,
                "label": str(row.label),
                "total": row.is_total,
                "values": [cell.export_value for cell in row.cells],
            }
            for row in table.rows
        ],
        "note": str(table.note),
    }


def period_json(period: Period) -> dict[str, Any]:
    return {
        "from": period.start.isoformat() if period.start else None,
        "to": period.end.isoformat() if period.end else None,
        "series": period.series,
    }


def table_csv(table: Table) -> str:
    """Return ``table`` as CSV text: a header (key, label, the columns), then a line a row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("key"), _("label"), *[str(c) for c in table.columns]])
    for row in table.rows:
        writer.writerow(
            [row.key, str(row.label), *["" if v is None else v for v in (c.export_value for c in row.cells)]]
        )
    return out.getvalue()
