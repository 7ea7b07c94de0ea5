"""Checking import rows: every cell of every line, before anything is written.

``plan_rows`` turns the rows of a file into ``RowPlan`` objects: for a good line, the cleaned values the
services take and whether the line creates, updates or leaves unchanged an object; for a bad line, each
problem with its column and reason. The rules mirror the forms of the firms and opportunities apps
(same lengths, codes, ranges and deadline rules), so a file that passes here is valid input for their
services. Reads only: nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from interfirm.transfer.columns import Column, columns_for
from interfirm.transfer.models import ImportKind
from interfirm.transfer.parsers import SourceRow, Table
from interfirm.transfer.validation.base import (
    EEN_CONSENT_GIVEN_BY,
    SOURCE_REF_MAX,
    CellError,
    Consent,
    Importer,
    Outcome,
    PlanContext,
    RowPlan,
    differs,
    header_problems,
)
from interfirm.transfer.validation.een import een_employees, plan_een
from interfirm.transfer.validation.firms import plan_firm
from interfirm.transfer.validation.opportunities import plan_opportunity

__all__ = [
    "EEN_CONSENT_GIVEN_BY",
    "CellError",
    "Consent",
    "Importer",
    "Outcome",
    "RowPlan",
    "column_title",
    "differs",
    "een_employees",
    "header_problems",
    "plan_rows",
    "source_ref_column",
]


# All rows ----------------------------------------------------------------------------------------

_PLANNERS: dict[str, Callable[[SourceRow, RowPlan, PlanContext], None]] = {
    ImportKind.FIRMS: plan_firm,
    ImportKind.OPPORTUNITIES: plan_opportunity,
    ImportKind.EEN: plan_een,
}
_SOURCE_REF_COLUMN: dict[str, str] = {
    ImportKind.FIRMS: "source_ref",
    ImportKind.OPPORTUNITIES: "source_ref",
    ImportKind.EEN: "reference",
}


def source_ref_column(kind: str) -> str:
    return _SOURCE_REF_COLUMN[kind]


def _columns_by_key(kind: str) -> dict[str, Column]:
    return {column.key: column for column in columns_for(kind)}


def plan_rows(
    *, importer: Importer, kind: str, table: Table, consent: Consent | None = None, file_name: str = ""
) -> list[RowPlan]:
    """Return the plan of every row of ``table`` (a file of ``kind`` whose header is complete)."""
    legal_names = [row.values.get("legal_name", "") for row in table.rows] if kind == ImportKind.FIRMS else []
    context = PlanContext.load(
        importer=importer,
        kind=kind,
        present=frozenset(table.keys),
        consent=consent,
        file_name=file_name,
        legal_names=legal_names,
    )
    ref_column = _SOURCE_REF_COLUMN[kind]
    lines_by_ref: dict[str, list[int]] = {}
    for row in table.rows:
        ref = row.values.get(ref_column, "").strip()
        if ref:
            lines_by_ref.setdefault(ref.casefold(), []).append(row.line)
    plans: list[RowPlan] = []
    planner = _PLANNERS[kind]
    for row in table.rows:
        plan = RowPlan(line=row.line, source_ref=row.values.get(ref_column, "").strip())
        for problem in row.problems:
            plan.error("", problem)
        if not plan.source_ref:
            plan.error(ref_column, _("This column must not be empty."))
        elif len(plan.source_ref) > SOURCE_REF_MAX:
            plan.error(
                ref_column,
                _("The text is too long: %(length)d characters, at most %(limit)d.")
                % {"length": len(plan.source_ref), "limit": SOURCE_REF_MAX},
            )
        else:
            lines = lines_by_ref[plan.source_ref.casefold()]
            if len(lines) > 1:
                plan.error(
                    ref_column,
                    _("The reference “%(ref)s” is on several lines (%(lines)s): keep one.")
                    % {"ref": plan.source_ref, "lines": ", ".join(str(n) for n in lines)},
                )
        # The row is checked whole even when its reference is bad: the report lists every problem.
        planner(row, plan, context)
        if plan.errors:
            plan.outcome = Outcome.ERROR
        plans.append(plan)
    return plans


def column_title(kind: str, key: str) -> str:
    """Return the header a column key is written as in the template (for reports)."""
    column = _columns_by_key(kind).get(key)
    return column.title if column is not None else key
