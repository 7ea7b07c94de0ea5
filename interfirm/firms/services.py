"""Writes to firm profiles. Every function here runs in one transaction and records an audit entry."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db import transaction

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from interfirm.audit.services import audit_record, snapshot
from interfirm.firms.models import Firm
from interfirm.firms.sizing import size_class_for

_LEGAL_SUFFIXES = re.compile(
    r"\b(ltd|limited|llc|inc|corp|corporation|co|company|gmbh|ag|sa|sarl|sas|srl|spa|bv|nv|plc|pvt|private|pty|"
    r"oy|ab|as|kg|ohg|sl|slu|ltda|cia|e\.?k|sdn bhd|bhd|jsc|ooo|pjsc|llp)\b\.?"
)


def name_key_for(name: str) -> str:
    """Return the form of a firm's name used to spot duplicates: accents, case, punctuation and legal
    suffixes removed ("Amani Fresh Foods Ltd." and "AMANI FRESH FOODS" give the same key)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _LEGAL_SUFFIXES.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


@transaction.atomic
def firm_create(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    legal_name: str,
    country_id: str,
    manager: User | None = None,
    sectors: list[str] | None = None,
    **fields: Any,
) -> Firm:
    """Create a firm with its organisation; make ``manager`` (if given) its manager. Return the firm.

    ``fields`` are other ``Firm`` fields (not many-to-many). The size class is derived.
    """
    organisation = Organisation.objects.create(kind=OrganisationKind.FIRM, name=legal_name, country_id=country_id)
    firm = Firm(organisation=organisation, legal_name=legal_name, country_id=country_id, created_by=actor, **fields)
    firm.name_key = name_key_for(legal_name)
    firm.size_class = size_class_for(employees=firm.employees, turnover_band=firm.turnover_band)
    firm.save()
    if sectors:
        firm.sectors.set(sectors)
    if manager is not None:
        Membership.objects.create(user=manager, organisation=organisation, role=Role.MANAGER)
    audit_record(
        actor=actor,
        acting_for=acting_for or organisation,
        action="firm.create",
        obj=firm,
        changes=snapshot(firm),
    )
    return firm
