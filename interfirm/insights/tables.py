"""The shape of every figure: a table of cells, and the small-cell suppression of the public view.

A ``Table`` has rows (each a label and one cell per column). A cell is a *count* (firms, opportunities,
expressions, partnerships) or a *measure* (a median, a mean, a rate) computed over ``n`` units.

Suppression rule of the public view (``suppress``), so that no firm can be recognised:

1. **Primary**: a count from 1 to 4 is shown as "<5". A measure computed over fewer than 5 units is
   shown as "<5" too (a rate is also suppressed when its numerator is under 5).
2. **Complementary**: in a table whose rows partition a total that is shown (``partition=True``: each
   unit in exactly one row, the total row last), a column with exactly one suppressed cell would give
   it away (total minus the others). The smallest other non-zero cell of that column is then hidden
   as well, shown as "x" (not "<5": it is not small); when there is none, the total is hidden instead.
3. Zero is shown as 0: an empty cell names no one, and zeros are known structure.

Operators and analysts get the same tables unsuppressed (``full=True``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.formats import number_format

THRESHOLD = 5
SUPPRESSED = "<5"
PROTECTED = "x"  # a complementary suppression: not small, hidden so that a small cell stays hidden
COUNT = "count"
MEASURE = "measure"


@dataclass(frozen=True)
class Cell:
    value: float | int | None
    kind: str = COUNT
    n: int | None = None  # units behind a measure; its numerator for a rate (``numerator``)
    numerator: int | None = None
    suppressed: bool = False
    complementary: bool = False
    decimals: int = 0

    @property
    def hidden(self) -> bool:
        return self.suppressed or self.complementary

    @property
    def shown(self) -> str:
        """Return the cell as displayed: "<5" when suppressed, "–" when there is no value."""
        if self.suppressed:
            return SUPPRESSED
        if self.complementary:
            return PROTECTED
        if self.value is None:
            return "–"
        if self.kind == COUNT:
            return number_format(int(self.value), force_grouping=True)
        return number_format(self.value, decimal_pos=self.decimals, force_grouping=True)

    @property
    def export_value(self) -> Any:
        """Return the value written to CSV and JSON: the number, or "<5", or None."""
        if self.suppressed:
            return SUPPRESSED
        if self.complementary:
            return PROTECTED
        if self.value is None:
            return None
        return int(self.value) if self.kind == COUNT else round(float(self.value), self.decimals)


def count(value: int) -> Cell:
    return Cell(value=value)


def measure(value: float | None, *, n: int, decimals: int = 1, numerator: int | None = None) -> Cell:
    return Cell(value=value, kind=MEASURE, n=n, decimals=decimals, numerator=numerator)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    topic: str
    partition: bool = False
    chart: str = "bar"  # "bar", "line" or ""
    note: str = ""
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def body_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.is_total)

    @property
    def total_row(self) -> Row | None:
        return next((r for r in self.rows if r.is_total), None)


def _primary(cell: Cell) -> Cell:
    if cell.value is None:
        return cell
    if cell.kind == COUNT:
        small = 0 < int(cell.value) < THRESHOLD
    else:
        small = (cell.n or 0) < THRESHOLD or (cell.numerator is not None and 0 < cell.numerator < THRESHOLD)
    return replace(cell, suppressed=True, value=None) if small else cell


def suppress(table: Table) -> Table:
    """Return ``table`` as the public may see it (the rule in the module docstring)."""
    rows = [replace(row, cells=tuple(_primary(c) for c in row.cells)) for row in table.rows]
    if table.partition:
        body = [i for i, r in enumerate(rows) if not r.is_total]
        total = next((i for i, r in enumerate(rows) if r.is_total), None)
        for column in range(len(table.columns)):
            if not body or table.rows[body[0]].cells[column].kind != COUNT:
                continue
            hidden = [i for i in body if rows[i].cells[column].suppressed]
            if len(hidden) != 1 or total is None or rows[total].cells[column].hidden:
                continue
            candidates = [
                i for i in body if not rows[i].cells[column].hidden and (rows[i].cells[column].value or 0) > 0
            ]
            target = (
                min(candidates, key=lambda i: (rows[i].cells[column].value or 0, i)) if candidates else total
            )
            cells = list(rows[target].cells)
            cells[column] = replace(cells[column], complementary=True, value=None)
            rows[target] = replace(rows[target], cells=tuple(cells))
    return replace(table, rows=tuple(rows))


def present(tables: list[Table], *, full: bool) -> list[Table]:
    """Return the tables as shown to a viewer: unchanged for operators and analysts, suppressed else."""
    return tables if full else [suppress(t) for t in tables]
