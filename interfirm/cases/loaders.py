"""Loading the source report's own best-practice cases from ``data/cases/report_cases.json``.

Idempotent: a case is found by its ``key``; a second load reports 0 created, 0 updated. The seeded
cases are published at once: the report names them publicly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from interfirm.cases.facets import case_refresh_facets
from interfirm.cases.models import Case, CaseOrigin, CaseParty, CaseStatus
from interfirm.geo.loaders import LoadReport, data_dir
from interfirm.sectors.models import IsicCode

CASE_FIELDS = (
    "title",
    "summary",
    "arrangement_types",
    "unfolded",
    "outcomes",
    "success_factors",
    "lessons",
    "period_start",
    "period_end",
    "anonymised",
)


def cases_file() -> Path:
    return data_dir() / "cases" / "report_cases.json"


def _case_values(row: dict[str, Any], source: str) -> dict[str, Any]:
    values = {name: row.get(name) for name in CASE_FIELDS}
    values["unfolded"] = values["unfolded"] or ""
    values["outcomes"] = values["outcomes"] or ""
    values["success_factors"] = values["success_factors"] or []
    values["lessons"] = values["lessons"] or []
    values["arrangement_types"] = values["arrangement_types"] or []
    values["anonymised"] = bool(values["anonymised"])
    values["source_citation"] = source
    values["source_paragraphs"] = list(row["paragraphs"])
    return values


def _party_rows(row: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Return the parties of a seed row as comparable tuples."""
    return [
        (
            position,
            party.get("name", ""),
            party.get("description", ""),
            party.get("country") or None,
            party.get("economy_group", ""),
            party.get("size_class", ""),
            party["organisation_type"],
            tuple(sorted(party.get("sectors", []))),
            party.get("brought", ""),
        )
        for position, party in enumerate(row["parties"])
    ]


def _stored_party_rows(case: Case) -> list[tuple[Any, ...]]:
    return [
        (
            p.position,
            p.name,
            p.description,
            p.country_id,
            p.economy_group,
            p.size_class,
            p.organisation_type,
            tuple(sorted(s.code for s in p.sectors.all())),
            p.brought,
        )
        for p in case.parties.prefetch_related("sectors").order_by("position", "id")
    ]


def _write_parties(case: Case, rows: list[tuple[Any, ...]]) -> None:
    case.parties.all().delete()
    for position, name, description, country, group, size, kind, sectors, brought in rows:
        party = CaseParty.objects.create(
            case=case,
            position=position,
            name=name,
            description=description,
            country_id=country,
            economy_group=group,
            size_class=size,
            organisation_type=kind,
            brought=brought,
        )
        party.sectors.set(IsicCode.objects.filter(code__in=sectors))


@transaction.atomic
def cases_load(*, path: Path | None = None) -> LoadReport:
    """Load the report's cases; return what was created, updated and left unchanged."""
    data = json.loads((path or cases_file()).read_text(encoding="utf-8"))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in data["cases"]:
        values = _case_values(row, data["source"])
        parties = _party_rows(row)
        case = Case.objects.filter(seed_key=row["key"]).first()
        if case is None:
            case = Case.objects.create(
                seed_key=row["key"],
                origin=CaseOrigin.SEEDED,
                status=CaseStatus.PUBLISHED,
                published_at=timezone.now(),
                **values,
            )
            _write_parties(case, parties)
            counts["created"] += 1
            changed = True
        else:
            fields = [name for name, value in values.items() if getattr(case, name) != value]
            for name in fields:
                setattr(case, name, values[name])
            if _stored_party_rows(case) != parties:
                _write_parties(case, parties)
                fields.append("parties")
            changed = bool(fields)
            counts["updated" if changed else "unchanged"] += 1
        if changed:
            case_refresh_facets(case)
            case.save()
    return LoadReport(**counts)
