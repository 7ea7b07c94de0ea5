"""``{% similar_cases_for_opportunity opportunity %}`` and ``{% similar_cases_for_partnership partnership %}``:
the best-practice cases most like what the page shows, beside it (``selectors.similar_cases``)."""

from __future__ import annotations

from typing import Any

from django import template

from interfirm.cases.selectors import SimilarCase, case_parties, similar_cases

register = template.Library()
TEMPLATE = "cases/_similar.html"


def _context(found: list[SimilarCase]) -> dict[str, Any]:
    return {"similar": [{"item": s, "parties": case_parties(s.case)} for s in found]}


@register.inclusion_tag(TEMPLATE)
def similar_cases_for_opportunity(opportunity: Any) -> dict[str, Any]:
    """Render the cases similar to an opportunity: its sectors, arrangement types, and the owner's
    country with the partner countries sought."""
    countries = [opportunity.firm.country_id, *(c.pk for c in opportunity.partner_countries.all())]
    return _context(
        similar_cases(
            sectors=[s.code for s in opportunity.sectors.all()],
            arrangement_types=list(opportunity.arrangement_types or []),
            countries=countries,
        )
    )


@register.inclusion_tag("cases/_similar_partnership.html")
def similar_cases_for_partnership(partnership: Any) -> dict[str, Any]:
    """Render the cases similar to a partnership (its parties' sectors and countries, its arrangement)
    and, once it is completed, the way to share it as a case with the parties' consent."""
    parties = partnership.parties.select_related("firm").prefetch_related("firm__sectors")
    sectors: list[str] = []
    countries: list[str] = []
    for party in parties:
        countries.append(party.firm.country_id)
        sectors += [s.code for s in party.firm.sectors.all()]
    context = _context(
        similar_cases(
            sectors=sectors,
            arrangement_types=list(partnership.agreement_types or partnership.arrangement_types or []),
            countries=countries,
        )
    )
    context["partnership"] = partnership
    context["completed"] = partnership.stage == "completed"
    return context
