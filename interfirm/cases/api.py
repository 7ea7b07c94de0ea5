"""API of best-practice cases: the published cases with the filters of the list page, and one case.

Public reads (``auth=None``). A party of an anonymised case carries no name.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from interfirm.cases import selectors
from interfirm.cases.models import Case, CaseStatus
from interfirm.firms.models import SizeClass
from interfirm.geo.corridors import CorridorKind
from interfirm.opportunities.models import ArrangementType

router = Router(tags=["cases"])


class PartyOut(Schema):
    label: str = Field(..., description="The name when the case names its parties; a description otherwise")
    named: bool
    country: str
    size_class: str
    organisation_type: str
    sectors: list[str]
    brought: str


class CaseSummaryOut(Schema):
    reference: str
    title: str
    summary: str
    origin: str
    anonymised: bool
    corridor: str
    corridors: list[str]
    involves_ldc: bool
    involves_transition: bool
    domestic: bool
    arrangement_types: list[str]
    countries: list[str]
    period_start: int | None
    period_end: int | None
    published_at: datetime.datetime | None
    url: str


class CaseOut(CaseSummaryOut):
    parties: list[PartyOut]
    unfolded: str
    outcomes: str
    success_factors: list[str]
    lessons: list[str]
    source_citation: str
    source_paragraphs: list[int]


class CaseFiltersIn(Schema):
    q: str = Field("", max_length=200)
    corridor: CorridorKind | None = None
    arrangement: ArrangementType | None = None
    section: str = Field("", max_length=1, pattern=r"^[A-Ua-u]?$")
    country: str = Field("", max_length=3, pattern=r"^[A-Za-z]{0,3}$")
    size: SizeClass | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class CaseListOut(Schema):
    count: int
    results: list[CaseSummaryOut]


def _summary(case: Case) -> dict[str, object]:
    return {
        "reference": case.reference,
        "title": case.title,
        "summary": case.summary,
        "origin": case.origin,
        "anonymised": case.anonymised,
        "corridor": case.corridor,
        "corridors": list(case.corridors),
        "involves_ldc": case.involves_ldc,
        "involves_transition": case.involves_transition,
        "domestic": case.domestic,
        "arrangement_types": list(case.arrangement_types),
        "countries": sorted({p.country_id for p in case.parties.all() if p.country_id}),
        "period_start": case.period_start,
        "period_end": case.period_end,
        "published_at": case.published_at,
        "url": case.get_absolute_url(),
    }


@router.get("/", response=CaseListOut, auth=None, summary="Published best-practice cases")
def case_list(request: HttpRequest, filters: Query[CaseFiltersIn]) -> dict[str, object]:
    cases = selectors.cases_published(
        selectors.CaseFilters(
            q=filters.q,
            corridor=filters.corridor or "",
            arrangement=filters.arrangement or "",
            section=filters.section,
            country=filters.country,
            size=filters.size or "",
        )
    )
    page = list(cases[filters.offset : filters.offset + filters.limit])
    return {"count": cases.count(), "results": [_summary(c) for c in page]}


@router.get("/{reference}", response=CaseOut, auth=None, summary="One published case")
def case_detail(request: HttpRequest, reference: str) -> dict[str, object]:
    case = selectors.cases_published().filter(reference=reference).first()
    if case is None or case.status != CaseStatus.PUBLISHED:
        raise HttpError(404, "no published case with this reference")
    data = _summary(case)
    data.update(
        parties=[
            {
                "label": p.label,
                "named": p.named,
                "country": p.country_iso3,
                "size_class": p.size_class,
                "organisation_type": p.organisation_type,
                "sectors": [code for code, _title in p.sectors],
                "brought": p.brought,
            }
            for p in selectors.case_parties(case)
        ],
        unfolded=case.unfolded,
        outcomes=case.outcomes,
        success_factors=list(case.success_factors),
        lessons=list(case.lessons),
        source_citation=case.source_citation,
        source_paragraphs=list(case.source_paragraphs),
    )
    return data
