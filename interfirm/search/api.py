"""API of the opportunity search: public and anonymised, like the page.

No login is needed. A token or a session is still honoured: when the caller acts for a firm, the
corridor filter and facet are relative to that firm's country.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError
from ninja.params import P, QueryEx

from interfirm.accounts.api_auth import TokenAuth
from interfirm.firms.models import Firm
from interfirm.lib.paging import MAX_PAGE
from interfirm.opportunities.selectors import AnonymousOpportunity, Choice
from interfirm.search.forms import OpportunitySearchForm
from interfirm.search.selectors import NO, YES, Facet, opportunity_search, search_viewer_firm

router = Router(tags=["search"])

_LDC_VALUES = {"true": YES, "1": YES, YES: YES, "false": NO, "0": NO, NO: NO}


class ChoiceOut(Schema):
    code: str
    label: str


class OwnerOut(Schema):
    country: str
    country_name: str
    region: str
    economy_group: str
    size_class: str
    organisation_type: str
    sectors: list[ChoiceOut]


class OpportunityCardOut(Schema):
    reference: str
    url: str
    kind: str
    kind_label: str
    title: str
    summary: str
    domains: list[ChoiceOut]
    arrangement_types: list[ChoiceOut]
    sectors: list[ChoiceOut]
    keywords: list[str]
    deadline: datetime.date
    published_at: datetime.datetime | None
    owner: OwnerOut


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    param: str
    label: str
    values: list[FacetValueOut]


class SearchPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    sort: str
    results: list[OpportunityCardOut]
    facets: dict[str, FacetOut]


def _choices(choices: tuple[Choice, ...]) -> list[dict[str, str]]:
    return [{"code": c.code, "label": c.label} for c in choices]


def _card(opportunity: AnonymousOpportunity) -> dict[str, Any]:
    owner = opportunity.owner
    return {
        "reference": opportunity.reference,
        "url": opportunity.url,
        "kind": opportunity.kind,
        "kind_label": opportunity.kind_label,
        "title": opportunity.title,
        "summary": opportunity.summary,
        "domains": _choices(opportunity.domains),
        "arrangement_types": _choices(opportunity.arrangement_types),
        "sectors": _choices(opportunity.sectors),
        "keywords": list(opportunity.keywords),
        "deadline": opportunity.deadline,
        "published_at": opportunity.published_at,
        "owner": {
            "country": owner.country_iso3,
            "country_name": owner.country_name,
            "region": owner.region,
            "economy_group": owner.economy_group,
            "size_class": owner.size_class,
            "organisation_type": owner.organisation_type,
            "sectors": _choices(owner.sectors),
        },
    }


def _facet(facet: Facet) -> dict[str, Any]:
    return {
        "param": facet.param,
        "label": facet.label,
        "values": [
            {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
            for v in facet.values
        ],
    }


def _viewer_firm(request: HttpRequest) -> Firm | None:
    """Return the firm the caller acts for, through a token or the session; None for anyone else."""
    if request.headers.get("Authorization"):
        TokenAuth()(request)  # on a valid token, sets request.user and request.membership
    return search_viewer_firm(getattr(request, "membership", None))


@router.get("/opportunities", response=SearchPage, auth=None, summary="Search published opportunities")
def search_opportunities(
    request: HttpRequest,
    q: QueryEx[str, P(description="words to find in the title, description or keywords")] = "",
    kind: QueryEx[str, P(description="offer or request")] = "",
    domain: QueryEx[str, P(description="technology, production, marketing or investment")] = "",
    arrangement: QueryEx[str, P(description="arrangement type sought (licensing, subcontracting, …)")] = "",
    sector: QueryEx[str, P(description="ISIC Rev.4 code at any level; a division matches its classes")] = "",
    country: QueryEx[str, P(description="ISO 3166 alpha-3 of the owner's country")] = "",
    region: QueryEx[str, P(description="M49 code of the owner's region (002 Africa, 019 Americas, …)")] = "",
    economy_group: QueryEx[str, P(description="developed, developing or transition")] = "",
    ldc: QueryEx[
        str, P(description="true: only owners in a least developed country; false: only others")
    ] = "",
    size: QueryEx[str, P(description="size class of the owner: micro, small, medium, large")] = "",
    corridor: QueryEx[
        str, P(description="corridor from the caller's firm (north_south, …); needs a firm")
    ] = "",
    deadline_before: QueryEx[str, P(description="deadline on or before this date (YYYY-MM-DD)")] = "",
    deadline_within: QueryEx[str, P(description="deadline within this many days")] = "",
    readiness: QueryEx[
        str, P(description="minimum readiness of the owner: not_ready, emerging, ready, experienced")
    ] = "",
    sort: QueryEx[str, P(description="relevance (default with q), newest (default without), deadline")] = "",
    page: QueryEx[int, P(ge=1, le=MAX_PAGE)] = 1,
) -> dict[str, Any]:
    """Return a page of the published opportunities (anonymised), 20 a page, with the facet counts of the
    current filters. An unknown filter value answers 422 naming the field."""
    viewer_firm = _viewer_firm(request)
    data = {
        "q": q,
        "kind": kind,
        "domain": domain,
        "arrangement": arrangement,
        "sector": sector,
        "country": country,
        "region": region,
        "economy_group": economy_group,
        "ldc": _LDC_VALUES.get(ldc.strip().lower(), ldc),
        "size": size,
        "corridor": corridor,
        "deadline_before": deadline_before,
        "deadline_within": deadline_within,
        "readiness": readiness,
        "sort": sort,
    }
    form = OpportunitySearchForm({k: v for k, v in data.items() if v}, viewer_firm=viewer_firm)
    if not form.is_valid():
        raise ValidationError(
            [
                {"loc": ["query", name], "msg": error["message"], "type": error["code"] or "invalid"}
                for name, errors in form.errors.get_json_data().items()
                for error in errors
            ]
        )
    result = opportunity_search(
        q=form.search_words(),
        filters=form.filters(),
        viewer_firm=viewer_firm,
        sort=form.chosen_sort(),
        page=page,
    )
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "per_page": result.per_page,
        "sort": result.sort,
        "results": [_card(o) for o in result.opportunities],
        "facets": {name: _facet(facet) for name, facet in result.facets.items()},
    }
