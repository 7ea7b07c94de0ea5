"""Checking the lines of a file of European partnering profiles (the EEN export format)."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from interfirm.firms.models import ConsentMethod
from interfirm.opportunities.models import ArrangementType, Domain, IpStatus, Kind, Opportunity, Stage
from interfirm.transfer.lookups import MAX_SECTORS
from interfirm.transfer.models import ImportKind
from interfirm.transfer.parsers import SourceRow
from interfirm.transfer.validation.base import (
    EEN_CONSENT_GIVEN_BY,
    Cells,
    Consent,
    Outcome,
    PlanContext,
    RowPlan,
    choice_code,
    differs,
    imported_opportunity,
    max_length_of,
    may_manage,
    split_list,
)
from interfirm.transfer.validation.opportunities import OPPORTUNITY_M2M, check_updatable, plan_deadline

# European partnering profiles ---------------------------------------------------------------------

# Profile type (its letters only, lower case) → kind and the domain it belongs to.
EEN_PROFILE_TYPES: dict[str, tuple[str, str]] = {
    "businessoffer": (Kind.OFFER, Domain.MARKETING),
    "bo": (Kind.OFFER, Domain.MARKETING),
    "businessrequest": (Kind.REQUEST, Domain.MARKETING),
    "br": (Kind.REQUEST, Domain.MARKETING),
    "technologyoffer": (Kind.OFFER, Domain.TECHNOLOGY),
    "to": (Kind.OFFER, Domain.TECHNOLOGY),
    "technologyrequest": (Kind.REQUEST, Domain.TECHNOLOGY),
    "tr": (Kind.REQUEST, Domain.TECHNOLOGY),
    "rdrequest": (Kind.REQUEST, Domain.TECHNOLOGY),
    "rdr": (Kind.REQUEST, Domain.TECHNOLOGY),
    "researchanddevelopmentrequest": (Kind.REQUEST, Domain.TECHNOLOGY),
}

# Type of partnership considered: the first rule whose words all occur in the value decides.
EEN_PARTNERSHIPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("technical", "assistance"), ArrangementType.TECHNICAL_COOPERATION),
    (("technical", "cooperation"), ArrangementType.TECHNICAL_COOPERATION),
    (("research",), ArrangementType.RD_COOPERATION),
    (("r&d",), ArrangementType.RD_COOPERATION),
    (("licen",), ArrangementType.LICENSING),
    (("franchis",), ArrangementType.FRANCHISING),
    (("joint", "venture"), ArrangementType.JOINT_VENTURE),
    (("subcontract",), ArrangementType.SUBCONTRACTING),
    (("outsourc",), ArrangementType.SERVICES_OUTSOURCING),
    (("services", "agreement"), ArrangementType.SERVICES_OUTSOURCING),
    (("manufactur",), ArrangementType.SUPPLY),
    (("supplier",), ArrangementType.SUPPLY),
    (("reciprocal", "production"), ArrangementType.SUPPLY),
    (("distribut",), ArrangementType.DISTRIBUTION),
    (("agency",), ArrangementType.DISTRIBUTION),
    (("commission",), ArrangementType.DISTRIBUTION),
    (("commercial",), ArrangementType.DISTRIBUTION),
    (("acquisition",), ArrangementType.EQUITY_INVESTMENT),
    (("financial",), ArrangementType.EQUITY_INVESTMENT),
    (("investment",), ArrangementType.EQUITY_INVESTMENT),
    (("strategic",), ArrangementType.STRATEGIC_ALLIANCE),
)

# The arrangement type to assume when a profile names no partnership type.
EEN_DEFAULT_ARRANGEMENT: dict[str, str] = {
    "technology": ArrangementType.TECHNICAL_COOPERATION,
    "marketing": ArrangementType.DISTRIBUTION,
    "rd": ArrangementType.RD_COOPERATION,
}

# Domains an arrangement type brings in besides the profile type's own.
ARRANGEMENT_DOMAINS: dict[str, str] = {
    ArrangementType.SUBCONTRACTING: Domain.PRODUCTION,
    ArrangementType.SUPPLY: Domain.PRODUCTION,
    ArrangementType.SERVICES_OUTSOURCING: Domain.PRODUCTION,
    ArrangementType.DISTRIBUTION: Domain.MARKETING,
    ArrangementType.FRANCHISING: Domain.MARKETING,
    ArrangementType.EQUITY_INVESTMENT: Domain.INVESTMENT,
    ArrangementType.LICENSING: Domain.TECHNOLOGY,
    ArrangementType.RD_COOPERATION: Domain.TECHNOLOGY,
}

EEN_STAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("market",), Stage.MARKET),
    (("field",), Stage.TESTED),
    (("evaluated",), Stage.TESTED),
    (("validated",), Stage.TESTED),
    (("prototype",), Stage.PROTOTYPE),
    (("demonstration",), Stage.PROTOTYPE),
    (("development",), Stage.DEVELOPMENT),
    (("lab",), Stage.DEVELOPMENT),
    (("concept",), Stage.CONCEPT),
    (("idea",), Stage.CONCEPT),
    (("proposal",), Stage.CONCEPT),
    (("project",), Stage.CONCEPT),
    (("not applicable",), Stage.NOT_APPLICABLE),
)

EEN_IPR: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no ipr",), IpStatus.NONE),
    (("none",), IpStatus.NONE),
    (("granted",), IpStatus.PATENT_GRANTED),
    (("applied",), IpStatus.PATENT_APPLIED),
    (("know",), IpStatus.SECRET_KNOW_HOW),
    (("copyright",), IpStatus.COPYRIGHT),
    (("trade mark",), IpStatus.TRADEMARK),
    (("trademark",), IpStatus.TRADEMARK),
    (("design",), IpStatus.TRADEMARK),
    (("not applicable",), IpStatus.NOT_APPLICABLE),
)


def _by_rules(value: str, rules: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    folded = " ".join(value.split()).casefold()
    for words, code in rules:
        if all(word in folded for word in words):
            return code
    return None


def een_employees(text: str) -> tuple[bool, int | None]:
    """Return (valid, employees) for an EEN company size band: the band's lower bound, so that the
    size class derived from it is the band's (``<10`` → 1, ``11-49`` → 11, ``>500`` → 501)."""
    folded = " ".join(text.split()).casefold()
    if not folded:
        return True, None
    numbers = [int(n) for n in re.findall(r"\d+", folded.replace(",", "").replace(".", ""))]
    if not numbers:
        return False, None
    if re.search(r"(<|less|up to|fewer|under|≤)", folded):
        return True, 1
    if re.search(r"(>|more|over|above|≥|\+)", folded):
        return True, numbers[0] + (0 if "=" in folded or "+" in folded else 1)
    return True, max(numbers[0], 1)


def _nace_sectors(cells: Cells, plan: RowPlan, column: str) -> list[str]:
    """Return the ISIC classes of the NACE codes in the cell; report unknown and unmapped codes."""
    lookups = cells.context.lookups
    codes: list[str] = []
    for part in split_list(cells.raw(column)):
        match = re.match(r"^\s*([A-Ua-u]?\.?\s*\d[\d.]*)\s*(?:[-–:].*)?$", part)
        if match:
            codes.append(lookups.nace_code(match[1]))
        else:
            codes.extend(lookups.nace_code(item) for item in part.split(",") if item.strip())
    codes = list(dict.fromkeys(codes))
    if not codes:
        plan.error(column, _("Give at least one NACE Rev.2 code."))
        return []
    unknown = [code for code in codes if code not in lookups.nace_levels]
    if unknown:
        plan.error(column, _("Unknown NACE Rev.2 codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    sectors: list[str] = []
    unmapped: list[str] = []
    for code in codes:
        if code in unknown:
            continue
        classes = lookups.isic_classes_for_nace(code)
        if not classes:
            unmapped.append(code)
        for isic in sorted(classes):
            if isic not in sectors:
                sectors.append(isic)
    if unmapped:
        plan.error(
            column,
            _("No ISIC Rev.4 class corresponds to the NACE Rev.2 codes %(codes)s.")
            % {"codes": ", ".join(unmapped)},
        )
    if len(sectors) > MAX_SECTORS:
        plan.error(
            column,
            _("These NACE codes cover %(count)d ISIC classes, more than %(limit)d: give narrower codes.")
            % {"count": len(sectors), "limit": MAX_SECTORS},
        )
    return sectors if plan.ok else []


def _een_consent(context: PlanContext, reference: str) -> Consent:
    """Return the consent recorded for the placeholder firm of an EEN profile: given through the
    Enterprise Europe Network partner that published the profile, on the date (and by the method) of
    the consent on file given on the upload form, else online on the day of the import."""
    on_file = context.consent
    note = f"{context.file_name}: EEN {reference}" if context.file_name else f"EEN {reference}"
    return Consent(
        method=on_file.method if on_file else ConsentMethod.ONLINE,
        given_on=on_file.given_on if on_file else timezone.localdate(),
        given_by=EEN_CONSENT_GIVEN_BY,
        note=note[:500],
    )


def plan_een(row: SourceRow, plan: RowPlan, context: PlanContext) -> None:
    cells = Cells(row, plan, context)
    existing = imported_opportunity(context, ImportKind.EEN, plan.source_ref) if plan.source_ref else None
    if existing is not None:
        if not may_manage(context, existing.firm):
            plan.error(
                "reference", _("You no longer act for the firm of the profile imported with this reference.")
            )
            return
        if not check_updatable(plan, existing, "reference"):
            return
        plan.target, plan.firm = existing, existing.firm
    data: dict[str, Any] = {}
    firm_data: dict[str, Any] = {}
    profile_text = cells.raw("profile_type")
    profile = EEN_PROFILE_TYPES.get(re.sub(r"[^a-z]", "", profile_text.casefold()))
    if profile is None:
        plan.error(
            "profile_type",
            _(
                "“%(value)s” is not a profile type (Business Offer, Business Request, Technology Offer, "
                "Technology Request, R&D Request)."
            )
            % {"value": profile_text},
        )
    arrangements: list[str] = []
    unknown: list[str] = []
    for item in split_list(cells.raw("type_of_partnership_considered"), loose=True):
        code = _by_rules(item, EEN_PARTNERSHIPS)
        if code is None:
            unknown.append(item)
        elif code not in arrangements:
            arrangements.append(code)
    if unknown:
        plan.error(
            "type_of_partnership_considered",
            _("Unknown types of partnership: %(values)s.") % {"values": ", ".join(unknown)},
        )
    if profile is not None:
        kind, domain = profile
        if not arrangements:
            is_rd = re.sub(r"[^a-z]", "", profile_text.casefold()).startswith(("rd", "research"))
            arrangements = [EEN_DEFAULT_ARRANGEMENT["rd" if is_rd else str(domain)]]
        domains = [str(domain)]
        for arrangement in arrangements:
            extra = ARRANGEMENT_DOMAINS.get(arrangement)
            if extra and extra not in domains:
                domains.append(str(extra))
        data.update(kind=str(kind), domains=domains, arrangement_types=arrangements)
    for column, name, required in (
        ("title", "title", True),
        ("summary", "summary", True),
        ("advantages_and_innovations", "advantages", False),
        ("type_and_role_of_partner_sought", "partner_role", False),
    ):
        value = cells.text(column, max_length=max_length_of(Opportunity, name), required=required)
        if value is not None:
            data[name] = value
    description = cells.raw("description") or cells.raw("summary")
    if len(description) > (max_length_of(Opportunity, "description") or 8000):
        cells.text("description", max_length=max_length_of(Opportunity, "description"))
    elif description:
        data["description"] = description
    for column, name, rules, choices in (
        ("stage_of_development", "stage", EEN_STAGES, Stage),
        ("ipr_status", "ip_status", EEN_IPR, IpStatus),
    ):
        text = cells.raw(column)
        if not text:
            data[name] = choices.NOT_APPLICABLE
            continue
        code = _by_rules(text, rules) or choice_code(text, choices)
        if code is None:
            plan.error(column, _("“%(value)s” cannot be read as a known value.") % {"value": text})
        else:
            data[name] = code
    sectors = _nace_sectors(cells, plan, "nace_keywords")
    if sectors:
        data["sectors"] = sectors
        firm_data["sectors"] = sectors
    country_text = cells.raw("country_of_origin")
    country = context.lookups.country(country_text, by_name=True) if country_text else None
    if not country_text:
        plan.error("country_of_origin", _("This column must not be empty."))
    elif country is None:
        plan.error("country_of_origin", _("Unknown country: %(value)s.") % {"value": country_text})
    else:
        firm_data["country"] = country
    if cells.has("company_size"):
        ok, employees = een_employees(cells.raw("company_size"))
        if not ok:
            plan.error(
                "company_size",
                _("“%(value)s” is not a company size (for example 11-49).")
                % {"value": cells.raw("company_size")},
            )
        else:
            firm_data["employees"] = employees
    plan_deadline(cells, plan, data, existing, "deadline", day_first=True)
    plan.data, plan.firm_data = data, firm_data
    if existing is None and context.importer.intermediary is not None:
        plan.consent = _een_consent(context, plan.source_ref)
    if not plan.ok:
        return
    if existing is None:
        plan.outcome = Outcome.CREATE
    elif differs(existing, data, OPPORTUNITY_M2M) or differs(existing.firm, firm_data, ("sectors",)):
        plan.outcome = Outcome.UPDATE
    else:
        plan.outcome = Outcome.UNCHANGED
