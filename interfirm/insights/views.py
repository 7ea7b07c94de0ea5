"""Pages of the statistics: the dashboard and its topics, public (small cells suppressed) and full
(operators and analysts), each table with its chart and its CSV and JSON export."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from interfirm.accounts.models import OrganisationKind, Role
from interfirm.insights import charts, exports, selectors
from interfirm.insights.forms import PeriodForm
from interfirm.insights.tables import Table, present
from interfirm.lib.access import public, role_required

# Who reads the full figures: operators, and analysts of a public authority or of the operator.
analysts_only = role_required(
    kinds=(OrganisationKind.OPERATOR, OrganisationKind.PUBLIC_AUTHORITY), roles=(Role.OPERATOR, Role.ANALYST)
)
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _tables(request: HttpRequest, *, full: bool, topic: str = "") -> tuple[PeriodForm, list[Table]]:
    if topic and topic not in selectors.TOPICS:
        raise Http404
    form = PeriodForm(request.GET or None)
    tables = present(selectors.all_tables(form.period()), full=full)
    if topic:
        tables = [t for t in tables if t.topic == topic]
    return form, tables


def _page(request: HttpRequest, *, full: bool, topic: str = "") -> HttpResponse:
    form, tables = _tables(request, full=full, topic=topic)
    membership = getattr(request, "membership", None)
    may_see_full = bool(
        membership
        and membership.organisation.kind in (OrganisationKind.OPERATOR, OrganisationKind.PUBLIC_AUTHORITY)
        and membership.role in (Role.OPERATOR, Role.ANALYST)
    )
    sections: list[dict[str, Any]] = []
    for key, title in selectors.TOPICS.items():
        in_topic = [{"table": t, "chart": charts.chart_for(t)} for t in tables if t.topic == key]
        if in_topic:
            sections.append({"key": key, "title": title, "tables": in_topic})
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "sections": sections,
            "full": full,
            "topic": topic,
            "topics": selectors.TOPICS,
            "may_see_full": may_see_full,
            "query": request.GET.urlencode(),
        },
    )


def _export(request: HttpRequest, *, full: bool, table: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    form, tables = _tables(request, full=full)
    found = next((t for t in tables if t.key == table), None)
    if found is None:
        raise Http404
    if form.is_bound and not form.is_valid():
        # A file of the whole history under the name of the period asked for would mislead: say why.
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        if fmt == "json":
            return HttpResponse(
                json.dumps({"detail": "invalid period", "errors": errors}, ensure_ascii=False),
                content_type=FORMATS["json"],
                status=422,
            )
        lines = [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8", status=422)
    if fmt == "csv":
        body = exports.table_csv(found)
    else:
        body = json.dumps(
            {"period": exports.period_json(form.period()), "full": full, "table": exports.table_json(found)},
            ensure_ascii=False,
            indent=2,
        )
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{found.key}{"-full" if full else ""}.{fmt}"'
    return response


@public
def dashboard(request: HttpRequest) -> HttpResponse:
    """The public statistics: aggregated, every cell under 5 suppressed."""
    return _page(request, full=False)


@public
def topic(request: HttpRequest, topic: str) -> HttpResponse:
    """One topic of the public statistics."""
    return _page(request, full=False, topic=topic)


@public
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """A public table as CSV or JSON, suppressed like the page."""
    return _export(request, full=False, table=table, fmt=fmt)


@analysts_only
def full_dashboard(request: HttpRequest) -> HttpResponse:
    """The full statistics, for operators and analysts."""
    return _page(request, full=True)


@analysts_only
def full_topic(request: HttpRequest, topic: str) -> HttpResponse:
    """One topic of the full statistics."""
    return _page(request, full=True, topic=topic)


@analysts_only
def full_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """A full table as CSV or JSON."""
    return _export(request, full=True, table=table, fmt=fmt)
