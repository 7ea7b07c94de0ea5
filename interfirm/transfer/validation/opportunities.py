"""Checking the lines of a file of opportunities."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from interfirm.firms.models import Firm
from interfirm.opportunities.models import ArrangementType, Domain, IpStatus, Kind, Opportunity, Stage
from interfirm.transfer.models import ImportKind
from interfirm.transfer.parsers import SourceRow
from interfirm.transfer.validation.base import (
    Cells,
    Outcome,
    PlanContext,
    RowPlan,
    differs,
    imported_firm,
    imported_opportunity,
    max_length_of,
    may_manage,
    surviving_firm,
)

# Opportunities -----------------------------------------------------------------------------------

_OPPORTUNITY_TEXT: tuple[tuple[str, bool], ...] = (
    ("title", True),
    ("summary", True),
    ("description", True),
    ("advantages", False),
    ("partner_role", False),
)
OPPORTUNITY_M2M: tuple[str, ...] = (
    "partner_countries",
    "required_certifications",
    "required_languages",
    "sectors",
)


def _clean_deadline(
    cells: Cells, column: str, *, day_first: bool = False
) -> tuple[bool, datetime.date | None]:
    from interfirm.opportunities.forms import clean_deadline_value

    ok, deadline = cells.date(column, day_first=day_first)
    if not ok or deadline is None:
        return ok, None
    try:
        return True, clean_deadline_value(deadline)
    except forms.ValidationError as error:
        cells.plan.error(column, " ".join(str(m) for m in error.messages))
        return False, None


def _keywords(value: str) -> str:
    from interfirm.opportunities.selectors import keyword_list

    return ", ".join(keyword_list(value.replace(";", ",")))


def _managed_opportunity(context: PlanContext, reference: str) -> Opportunity | None:
    opportunity = (
        Opportunity.objects.select_related("firm").filter(reference=reference.strip().upper()).first()
    )
    if opportunity is None or not may_manage(context, opportunity.firm):
        return None
    return opportunity


def _opportunity_firm(cells: Cells, plan: RowPlan, context: PlanContext) -> Firm | None:
    """Return the firm the row names (by firm_source_ref, else firm_reference) if the importer may
    manage it; record an error otherwise. An unknown firm and a firm of someone else read the same."""
    firm_source_ref = cells.raw("firm_source_ref") if cells.has("firm_source_ref") else ""
    firm_reference = cells.raw("firm_reference") if cells.has("firm_reference") else ""
    if firm_source_ref:
        firm = imported_firm(context, firm_source_ref)
        if firm is None or not may_manage(context, firm):
            plan.error(
                "firm_source_ref",
                _("No firm you act for was imported with the reference “%(value)s”: import the firms first.")
                % {"value": firm_source_ref},
            )
            return None
        return firm
    if firm_reference:
        firm = surviving_firm(Firm.objects.filter(reference=firm_reference.upper()).first())
        if firm is None or not may_manage(context, firm):
            plan.error(
                "firm_reference",
                _("No firm you act for has the reference “%(value)s”.") % {"value": firm_reference},
            )
            return None
        return firm
    plan.error("firm_source_ref", _("Give the firm: firm_source_ref or firm_reference."))
    return None


def check_updatable(plan: RowPlan, opportunity: Opportunity, column: str) -> bool:
    from interfirm.opportunities.services import transition_allowed, transition_refusal

    if not transition_allowed(opportunity, "update"):
        plan.error(column, f"{opportunity.reference}: {transition_refusal(opportunity, 'update')}")
        return False
    return True


def plan_opportunity(row: SourceRow, plan: RowPlan, context: PlanContext) -> None:
    cells = Cells(row, plan, context)
    existing = (
        imported_opportunity(context, ImportKind.OPPORTUNITIES, plan.source_ref) if plan.source_ref else None
    )
    if existing is not None and not may_manage(context, existing.firm):
        plan.error(
            "source_ref", _("You no longer act for the firm of the opportunity imported with this reference.")
        )
        return
    reference = cells.raw("reference") if cells.has("reference") else ""
    if reference:
        by_reference = _managed_opportunity(context, reference)
        if by_reference is None:
            plan.error(
                "reference",
                _("No opportunity you manage has the reference “%(value)s”.") % {"value": reference},
            )
            return
        if existing is not None and existing.pk != by_reference.pk:
            plan.error(
                "reference",
                _("This source reference was imported as %(imported)s, not %(given)s.")
                % {"imported": existing.reference, "given": by_reference.reference},
            )
            return
        existing = by_reference
    if existing is not None:
        firm: Firm | None = existing.firm
        if (cells.raw("firm_source_ref") or cells.raw("firm_reference")) and (
            _opportunity_firm(cells, plan, context) not in (None, existing.firm)
        ):
            plan.error(
                "firm_reference",
                _("The opportunity %(reference)s belongs to another firm.")
                % {"reference": existing.reference},
            )
        if not check_updatable(plan, existing, "reference" if reference else "source_ref"):
            return
    else:
        firm = _opportunity_firm(cells, plan, context)
    plan.target, plan.firm = existing, firm
    data: dict[str, Any] = {}
    ok, kind = cells.choice("kind", Kind)
    if ok and not kind:
        plan.error("kind", _("This column must not be empty."))
    elif ok:
        data["kind"] = kind
    ok, domains = cells.choices("domains", Domain)
    if ok and not domains:
        plan.error("domains", _("Give at least one domain."))
    elif ok:
        data["domains"] = domains
    for name, required in _OPPORTUNITY_TEXT:
        if required or cells.has(name):
            value = cells.text(name, max_length=max_length_of(Opportunity, name), required=required)
            if value is not None:
                data[name] = value
    for name, choices in (("stage", Stage), ("ip_status", IpStatus)):
        if cells.has(name):
            ok, code = cells.choice(name, choices)
            if ok:
                data[name] = code or choices.NOT_APPLICABLE
    ok, arrangements = cells.choices("arrangement_types", ArrangementType)
    if ok and not arrangements:
        plan.error("arrangement_types", _("Choose at least one arrangement type."))
    elif ok:
        data["arrangement_types"] = arrangements
    if cells.has("partner_countries"):
        ok, countries = cells.countries("partner_countries")
        if ok:
            data["partner_countries"] = countries
    ok, sectors = cells.isic_classes("sectors", required=True)
    if ok:
        data["sectors"] = sectors
    if cells.has("keywords"):
        keywords = _keywords(cells.raw("keywords"))
        if len(keywords) > (max_length_of(Opportunity, "keywords") or 500):
            cells.text("keywords", max_length=max_length_of(Opportunity, "keywords"))
        else:
            data["keywords"] = keywords
    plan_deadline(cells, plan, data, existing, "deadline")
    plan.data = data
    _conclude_opportunity(plan, existing)


def plan_deadline(
    cells: Cells,
    plan: RowPlan,
    data: dict[str, Any],
    existing: Opportunity | None,
    column: str,
    *,
    day_first: bool = False,
) -> None:
    from interfirm.opportunities.forms import default_deadline

    if cells.has(column) and cells.raw(column):
        ok, deadline = _clean_deadline(cells, column, day_first=day_first)
        if ok and deadline is not None:
            data["deadline"] = deadline
    elif existing is None:
        data["deadline"] = default_deadline()


def _conclude_opportunity(plan: RowPlan, existing: Opportunity | None) -> None:
    if not plan.ok:
        return
    if existing is None:
        plan.outcome = Outcome.CREATE
    elif differs(existing, plan.data, OPPORTUNITY_M2M):
        plan.outcome = Outcome.UPDATE
    else:
        plan.outcome = Outcome.UNCHANGED
