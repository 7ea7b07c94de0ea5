"""Checking the lines of a file of firms."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from interfirm.firms.models import ConsentMethod, Firm, Ownership, Representation, TurnoverBand
from interfirm.transfer.parsers import SourceRow
from interfirm.transfer.validation.base import (
    EARLIEST_FOUNDING_YEAR,
    MAX_EMPLOYEES,
    Cells,
    Consent,
    Outcome,
    PlanContext,
    RowPlan,
    differs,
    imported_firm,
    manages_firm_id,
    max_length_of,
    may_manage,
)

# Firms -------------------------------------------------------------------------------------------

_FIRM_TEXT_COLUMNS: tuple[str, ...] = (
    "trade_name",
    "city",
    "address",
    "phone",
    "description",
    "technologies",
    "processes",
    "equipment_capacity",
    "needs",
)
_FIRM_M2M: tuple[str, ...] = ("sectors", "certifications", "markets", "languages")


def _import_note(context: PlanContext) -> str:
    if not context.file_name:
        return ""
    return (_("Imported from %(file)s") % {"file": context.file_name})[:500]


def _plan_consent(cells: Cells, plan: RowPlan) -> None:
    """Set the consent of a firm an intermediary creates: the row's consent columns, else the
    consent given on the upload form; an error when there is neither."""
    context = cells.context
    method_text = cells.raw("consent_method") if cells.has("consent_method") else ""
    if not method_text:
        if context.consent is None:
            plan.error(
                "consent_method",
                _(
                    "No consent on file: give consent_method and consent_date in the file, or the "
                    "consent on file on the upload form."
                ),
            )
        else:
            plan.consent = Consent(
                method=context.consent.method,
                given_on=context.consent.given_on,
                given_by=context.consent.given_by,
                note=_import_note(context),
            )
        return
    ok, method = cells.choice("consent_method", ConsentMethod)
    date_ok, given_on = cells.date("consent_date")
    given_by = cells.text("consent_given_by", max_length=max_length_of(Representation, "consent_given_by"))
    if date_ok and given_on is None:
        plan.error("consent_date", _("Give the date the firm consented (YYYY-MM-DD)."))
        date_ok = False
    if given_on is not None and given_on > timezone.localdate():
        plan.error("consent_date", _("The date of consent cannot be in the future."))
        date_ok = False
    if ok and date_ok and given_on is not None and given_by is not None:
        plan.consent = Consent(
            method=method,
            given_on=given_on,
            given_by=given_by
            or (context.consent.given_by if context.consent else "")
            or _("Recorded in the source database"),
            note=_import_note(context),
        )


def _plan_contact(cells: Cells, plan: RowPlan) -> None:
    from interfirm.firms.models import ContactPerson

    if not any(cells.has(c) for c in ("contact_name", "contact_email", "contact_phone", "contact_position")):
        return
    name = cells.text("contact_name", max_length=max_length_of(ContactPerson, "name"))
    position = cells.text("contact_position", max_length=max_length_of(ContactPerson, "position"))
    email = cells.text("contact_email", max_length=max_length_of(ContactPerson, "email"))
    phone = cells.text("contact_phone", max_length=max_length_of(ContactPerson, "phone"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            plan.error("contact_email", _("“%(value)s” is not an e-mail address.") % {"value": email})
            email = None
    if name is None or position is None or email is None or phone is None:
        return
    if not name:
        if position or email or phone:
            plan.error("contact_name", _("Give the contact person's name."))
        return
    plan.contact = {"name": name, "position": position, "email": email, "phone": phone}


def plan_firm(row: SourceRow, plan: RowPlan, context: PlanContext) -> None:
    cells = Cells(row, plan, context)
    existing = imported_firm(context, plan.source_ref) if plan.source_ref else None
    if existing is not None and not may_manage(context, existing):
        plan.error("source_ref", _("You no longer act for the firm imported with this reference."))
        return
    plan.target = existing
    data: dict[str, Any] = {}
    legal_name = cells.text("legal_name", max_length=max_length_of(Firm, "legal_name"), required=True)
    if legal_name:
        data["legal_name"] = legal_name
    country_text = cells.raw("country")
    if not country_text:
        plan.error("country", _("This column must not be empty."))
    else:
        country = context.lookups.country(country_text, by_name=True)
        if country is None:
            plan.error("country", _("Unknown country: %(value)s.") % {"value": country_text})
        else:
            data["country"] = country
    for name in _FIRM_TEXT_COLUMNS:
        if cells.has(name):
            value = cells.text(name, max_length=max_length_of(Firm, name))
            if value is not None:
                data[name] = value
    if cells.has("website"):
        website = cells.text("website", max_length=max_length_of(Firm, "website"))
        if website and "://" not in website:
            website = "https://" + website
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                plan.error(
                    "website", _("“%(value)s” is not a web address.") % {"value": cells.raw("website")}
                )
                website = None
        if website is not None:
            data["website"] = website
    if cells.has("email"):
        email = cells.text("email", max_length=max_length_of(Firm, "email"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                plan.error("email", _("“%(value)s” is not an e-mail address.") % {"value": email})
                email = None
        if email is not None:
            data["email"] = email
    if cells.has("year_founded"):
        ok, year = cells.integer("year_founded", low=EARLIEST_FOUNDING_YEAR, high=timezone.localdate().year)
        if ok:
            data["year_founded"] = year
    if cells.has("employees"):
        ok, employees = cells.integer("employees", low=0, high=MAX_EMPLOYEES)
        if ok:
            data["employees"] = employees
    for name, choices in (("turnover_band", TurnoverBand), ("ownership", Ownership)):
        if cells.has(name):
            ok, code = cells.choice(name, choices)
            if ok:
                data[name] = code
    if cells.has("sectors"):
        ok, codes = cells.isic_classes("sectors", required=False)
        if ok:
            data["sectors"] = codes
    if cells.has("certifications"):
        ok, codes = cells.coded_list(
            "certifications", context.lookups.certification, _("Unknown certifications: %(values)s.")
        )
        if ok:
            data["certifications"] = codes
    if cells.has("markets"):
        ok, codes = cells.countries("markets")
        if ok:
            data["markets"] = codes
    if cells.has("languages"):
        ok, codes = cells.coded_list(
            "languages", context.lookups.language, _("Unknown languages: %(values)s."), loose=True
        )
        if ok:
            data["languages"] = codes
    _plan_contact(cells, plan)
    if existing is None and context.importer.intermediary is not None:
        _plan_consent(cells, plan)
    plan.data = data
    if not plan.ok:
        return
    if existing is None:
        plan.outcome = Outcome.CREATE
        _warn_duplicates(plan, context)
    elif differs(existing, data, _FIRM_M2M) or _contact_differs(existing, plan.contact):
        plan.outcome = Outcome.UPDATE
    else:
        plan.outcome = Outcome.UNCHANGED


def _contact_differs(firm: Firm, contact: dict[str, str] | None) -> bool:
    if contact is None:
        return False
    for person in firm.contacts.all():
        if person.name.casefold() == contact["name"].casefold():
            return any(getattr(person, key) != value for key, value in contact.items())
    return True


def _warn_duplicates(plan: RowPlan, context: PlanContext) -> None:
    """Warn of registered firms with the same name in the same country (the import still creates
    the firm: merging duplicates is a decision for a person). Only those the importer manages are
    named; the others are only mentioned, as on the registration page."""
    from interfirm.firms.services import name_key_for

    key = (name_key_for(plan.data["legal_name"]), plan.data["country"])
    duplicates = context.same_names.get(key, [])
    if not duplicates:
        return
    visible = [reference for pk, reference in duplicates if manages_firm_id(context, pk)]
    if visible:
        plan.warnings.append(
            _("A firm with the same name in the same country is already registered: %(references)s.")
            % {"references": ", ".join(visible)}
        )
    else:
        plan.warnings.append(_("A firm with the same name in the same country is already registered."))
