"""Writes to firm profiles. Every function here runs in one transaction and records an audit entry."""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from interfirm.audit.services import audit_record, diff, snapshot
from interfirm.firms.models import ContactPerson, Firm, Representation
from interfirm.firms.sizing import size_class_for

if TYPE_CHECKING:
    from interfirm.intermediaries.models import Intermediary

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
    organisation = Organisation.objects.create(
        kind=OrganisationKind.FIRM, name=legal_name, country_id=country_id
    )
    firm = Firm(
        organisation=organisation, legal_name=legal_name, country_id=country_id, created_by=actor, **fields
    )
    firm.name_key = name_key_for(legal_name)
    firm.size_class = size_class_for(employees=firm.employees, turnover_band=firm.turnover_band)
    firm.save()
    if sectors:
        firm.sectors.set(sectors)  # type: ignore[arg-type]  # ISIC codes are the primary keys
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


# The scalar fields of a profile ``firm_update`` may change, and its many-to-many fields.
FIRM_SCALAR_FIELDS: tuple[str, ...] = (
    "legal_name",
    "trade_name",
    "city",
    "address",
    "website",
    "email",
    "phone",
    "country",
    "year_founded",
    "employees",
    "turnover_band",
    "ownership",
    "description",
    "technologies",
    "processes",
    "equipment_capacity",
    "declares_no_certifications",
    "needs",
)
FIRM_M2M_FIELDS: tuple[str, ...] = ("sectors", "certifications", "markets", "languages")
_AUDITED_FIELDS: tuple[str, ...] = (*FIRM_SCALAR_FIELDS, "size_class", *FIRM_M2M_FIELDS)


def _firm_state(firm: Firm) -> dict[str, Any]:
    return snapshot(firm, _AUDITED_FIELDS)


def _derive(firm: Firm) -> None:
    firm.name_key = name_key_for(firm.legal_name)
    firm.size_class = size_class_for(employees=firm.employees, turnover_band=firm.turnover_band)


@transaction.atomic
def firm_update(
    *, actor: User | None, acting_for: Organisation | None, firm: Firm, data: dict[str, Any]
) -> Firm:
    """Change a firm's profile; return the firm.

    ``data`` maps field names of ``FIRM_SCALAR_FIELDS`` and ``FIRM_M2M_FIELDS`` to new values (absent
    keys are left alone; ``country`` may be a ``Country`` or its ISO alpha-3 code; many-to-many values
    are lists of objects or primary keys). The size class and the duplicate key are derived again; the
    organisation keeps the firm's legal name and country. The audit entry holds the difference.
    """
    unknown = set(data) - set(FIRM_SCALAR_FIELDS) - set(FIRM_M2M_FIELDS)
    if unknown:
        raise ValueError(f"firm_update: not profile fields: {sorted(unknown)}")
    before = _firm_state(firm)
    for name in FIRM_SCALAR_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "country" and isinstance(value, str):
            firm.country_id = value
        else:
            setattr(firm, name, value)
    _derive(firm)
    firm.save()
    for name in FIRM_M2M_FIELDS:
        if name in data:
            getattr(firm, name).set(data[name])
    if firm.declares_no_certifications and firm.certifications.exists():
        # Holding a certification contradicts declaring none; the certifications win.
        firm.declares_no_certifications = False
        firm.save(update_fields=["declares_no_certifications"])
    Organisation.objects.filter(pk=firm.organisation_id).update(
        name=firm.legal_name, country_id=firm.country_id
    )
    changes = diff(before, _firm_state(firm))
    audit_record(actor=actor, acting_for=acting_for, action="firm.update", obj=firm, changes=changes)
    return firm


# Contact persons --------------------------------------------------------------------------------

CONTACT_FIELDS: tuple[str, ...] = ("name", "position", "email", "phone", "is_primary")


def _only_primary(contact: ContactPerson) -> None:
    """Keep one primary contact per firm: the one just marked."""
    if contact.is_primary:
        ContactPerson.objects.filter(firm_id=contact.firm_id, is_primary=True).exclude(pk=contact.pk).update(
            is_primary=False
        )


@transaction.atomic
def contact_person_add(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    firm: Firm,
    name: str,
    position: str = "",
    email: str = "",
    phone: str = "",
    is_primary: bool = False,
) -> ContactPerson:
    """Add a contact person to a firm (the first one becomes the primary contact); return it."""
    if not firm.contacts.exists():
        is_primary = True
    contact = ContactPerson.objects.create(
        firm=firm, name=name, position=position, email=email, phone=phone, is_primary=is_primary
    )
    _only_primary(contact)
    audit_record(
        actor=actor, acting_for=acting_for, action="firm.contact_add", obj=contact, changes=snapshot(contact)
    )
    return contact


@transaction.atomic
def contact_person_update(
    *, actor: User | None, acting_for: Organisation | None, contact: ContactPerson, data: dict[str, Any]
) -> ContactPerson:
    """Change a contact person (keys of ``CONTACT_FIELDS``); return it."""
    unknown = set(data) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"contact_person_update: not contact fields: {sorted(unknown)}")
    before = snapshot(contact)
    for name, value in data.items():
        setattr(contact, name, value)
    contact.save()
    _only_primary(contact)
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="firm.contact_update",
        obj=contact,
        changes=diff(before, snapshot(contact)),
    )
    return contact


@transaction.atomic
def contact_person_remove(
    *, actor: User | None, acting_for: Organisation | None, contact: ContactPerson
) -> None:
    """Delete a contact person; if it was the primary contact, the next one becomes primary."""
    firm_id, was_primary = contact.firm_id, contact.is_primary
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="firm.contact_remove",
        obj=contact,
        changes=snapshot(contact),
    )
    contact.delete()
    if was_primary:
        successor = ContactPerson.objects.filter(firm_id=firm_id).order_by("name", "pk").first()
        if successor is not None:
            successor.is_primary = True
            successor.save(update_fields=["is_primary"])


# Intermediaries acting for firms ----------------------------------------------------------------


@transaction.atomic
def representation_create(
    *,
    actor: User | None,
    intermediary: Intermediary,
    firm: Firm,
    consent_method: str,
    consent_given_on: datetime.date,
    consent_given_by: str,
    consent_note: str = "",
    is_contact_channel: bool = True,
) -> Representation:
    """Record that ``intermediary`` acts for ``firm`` with the firm's consent; return the representation.

    The caller makes sure the intermediary does not already represent the firm.
    """
    representation = Representation.objects.create(
        firm=firm,
        intermediary=intermediary,
        consent_method=consent_method,
        consent_given_on=consent_given_on,
        consent_given_by=consent_given_by,
        consent_note=consent_note,
        is_contact_channel=is_contact_channel,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        acting_for=intermediary.organisation,
        action="firm.representation_create",
        obj=representation,
        changes=snapshot(representation),
    )
    return representation


@transaction.atomic
def representation_end(
    *, actor: User | None, acting_for: Organisation | None, representation: Representation
) -> Representation:
    """End an intermediary's acting for a firm (consent withdrawn or service ended); return it."""
    representation.ended_at = timezone.now()
    representation.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="firm.representation_end",
        obj=representation,
        changes={"ended_at": representation.ended_at},
    )
    return representation


@transaction.atomic
def firm_register_by_intermediary(
    *,
    actor: User | None,
    intermediary: Intermediary,
    legal_name: str,
    country_id: str,
    consent_method: str,
    consent_given_on: datetime.date,
    consent_given_by: str,
    consent_note: str = "",
    is_contact_channel: bool = True,
    sectors: list[Any] | None = None,
    certifications: list[Any] | None = None,
    markets: list[Any] | None = None,
    languages: list[Any] | None = None,
    **fields: Any,
) -> Firm:
    """Register a firm on behalf of an intermediary, with the firm's consent; return the firm.

    The firm gets no users: the intermediary is its contact channel (para 29 of the report: many
    SMEs have no modern IT) and keeps its profile until the firm's staff join.
    """
    firm = firm_create(
        actor=actor,
        acting_for=intermediary.organisation,
        legal_name=legal_name,
        country_id=country_id,
        sectors=[getattr(code, "pk", code) for code in sectors or []],
        **fields,
    )
    if certifications:
        firm.certifications.set(certifications)
    if markets:
        firm.markets.set(markets)
    if languages:
        firm.languages.set(languages)
    representation_create(
        actor=actor,
        intermediary=intermediary,
        firm=firm,
        consent_method=consent_method,
        consent_given_on=consent_given_on,
        consent_given_by=consent_given_by,
        consent_note=consent_note,
        is_contact_channel=is_contact_channel,
    )
    audit_record(
        actor=actor,
        acting_for=intermediary.organisation,
        action="firm.register_by_intermediary",
        obj=firm,
        changes={
            "intermediary": intermediary.pk,
            **{
                name: sorted(str(pk) for pk in getattr(firm, name).values_list("pk", flat=True))
                for name in FIRM_M2M_FIELDS
            },
        },
    )
    return firm


# Merging duplicates -----------------------------------------------------------------------------


@transaction.atomic
def firm_merge(*, actor: User | None, acting_for: Organisation | None, source: Firm, target: Firm) -> Firm:
    """Merge the duplicate ``source`` into ``target``; return the target.

    Moves representations (an intermediary already acting for the target keeps its own, the
    duplicate's is ended), contact persons, memberships, sectors, certifications, markets and
    languages; fills the target's empty profile fields from the source; marks the source
    ``merged_into`` the target. Both firms get an audit entry. The caller checks who may merge.
    """
    if source.pk == target.pk or source.merged_into_id is not None or target.merged_into_id is not None:
        raise ValueError("firm_merge: both firms must be distinct and not merged already")
    before = _firm_state(target)
    now = timezone.now()
    moved: dict[str, list[Any]] = {"representations": [], "contacts": [], "memberships": []}

    target_intermediaries = set(
        target.representations.filter(ended_at__isnull=True).values_list("intermediary_id", flat=True)
    )
    for representation in source.representations.all():
        if representation.ended_at is None and representation.intermediary_id in target_intermediaries:
            representation.ended_at = now
            representation.save(update_fields=["ended_at"])
            continue
        representation.firm = target
        representation.save(update_fields=["firm"])
        moved["representations"].append(representation.pk)

    target_has_primary = target.contacts.filter(is_primary=True).exists()
    for contact in source.contacts.all():
        contact.firm = target
        if target_has_primary:
            contact.is_primary = False
        contact.save(update_fields=["firm", "is_primary"])
        moved["contacts"].append(contact.pk)

    target_users = set(
        Membership.objects.filter(organisation=target.organisation).values_list("user_id", flat=True)
    )
    for membership in Membership.objects.filter(organisation=source.organisation):
        if membership.user_id in target_users:
            # The person already belongs to the surviving firm; the duplicate's membership goes.
            membership.delete()
            continue
        membership.organisation = target.organisation
        membership.save(update_fields=["organisation"])
        moved["memberships"].append(membership.user_id)

    for name in FIRM_M2M_FIELDS:
        getattr(target, name).add(*getattr(source, name).all())
    for name in FIRM_SCALAR_FIELDS:
        if name in ("legal_name", "country"):
            continue
        if getattr(target, name) in ("", None, False) and getattr(source, name) not in ("", None, False):
            setattr(target, name, getattr(source, name))
    if target.certifications.exists():
        target.declares_no_certifications = False
    _derive(target)
    target.save()

    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="firm.merge_into",
        obj=source,
        changes={"merged_into": target.pk},
    )
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="firm.merge_from",
        obj=target,
        changes={"merged_from": source.pk, **moved, **diff(before, _firm_state(target))},
    )
    return target
