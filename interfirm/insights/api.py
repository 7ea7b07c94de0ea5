"""API of the statistics: the same tables as the pages, as JSON.

``GET /api/insights/`` is public and suppressed like the public page; ``GET /api/insights/full``
answers operators and analysts (token or session) with the full figures, and 404 to anyone else.
Both take the period: ``start``, ``end`` (ISO dates) and ``series`` (quarter or year).
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from interfirm.accounts.models import OrganisationKind, Role
from interfirm.insights import exports, selectors
from interfirm.insights.tables import present

router = Router(tags=["insights"])


class PeriodIn(Schema):
    start: datetime.date | None = None
    end: datetime.date | None = None
    series: Literal["quarter", "year"] = "quarter"
    topic: Literal["exchange", "partnerships", "performance", "trends"] | None = Field(
        None, description="Only the tables of one topic"
    )


class RowOut(Schema):
    key: str
    label: str
    total: bool
    values: list[Any] = Field(
        ..., description='Numbers; "<5" for a suppressed cell, "x" for a protecting one'
    )


class TableOut(Schema):
    key: str
    title: str
    topic: str
    columns: list[str]
    rows: list[RowOut]
    note: str


class FiguresOut(Schema):
    period: dict[str, Any]
    full: bool
    tables: list[TableOut]


def _figures(params: PeriodIn, *, full: bool) -> dict[str, Any]:
    errors = selectors.period_errors(params.start, params.end)
    if errors:
        raise ValidationError(
            [{"loc": ["query", name], "msg": msg, "type": "value_error"} for name, msg in errors.items()]
        )
    period = selectors.Period(start=params.start, end=params.end, series=params.series)
    tables = present(selectors.all_tables(period), full=full)
    if params.topic:
        tables = [t for t in tables if t.topic == params.topic]
    return {
        "period": exports.period_json(period),
        "full": full,
        "tables": [exports.table_json(t) for t in tables],
    }


@router.get("/", response=FiguresOut, auth=None, summary="Public statistics (cells under 5 suppressed)")
def figures_public(request: HttpRequest, params: Query[PeriodIn]) -> dict[str, Any]:
    return _figures(params, full=False)


@router.get("/full", response=FiguresOut, summary="Full statistics, for operators and analysts")
def figures_full(request: HttpRequest, params: Query[PeriodIn]) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    if not (
        membership
        and membership.organisation.kind in (OrganisationKind.OPERATOR, OrganisationKind.PUBLIC_AUTHORITY)
        and membership.role in (Role.OPERATOR, Role.ANALYST)
    ):
        raise HttpError(404, "not found")
    return _figures(params, full=True)
