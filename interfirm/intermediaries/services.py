"""Writes to the intermediary directory. Each function runs in one transaction and records an audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from interfirm.audit.services import audit_record, diff, snapshot
from interfirm.intermediaries.models import Intermediary

M2M_FIELDS = ("countries_covered", "sectors_covered", "services", "languages", "networks")
EDITABLE_FIELDS = (
    "name",
    "acronym",
    "type",
    "description",
    "country",
    "city",
    "address",
    "website",
    "email",
    "phone",
    *M2M_FIELDS,
)
# Paths under /directory/ and /api/directory/intermediaries/ that a slug must not take.
RESERVED_SLUGS = frozenset({"mine", "edit"})
SLUG_MAX_LENGTH = 120


def intermediary_slug_for(name: str) -> str:
    """Return a slug for ``name`` that no intermediary has ("kenya-chamber", then "kenya-chamber-2")."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 6].strip("-") or "intermediary"
    taken = set(Intermediary.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken or candidate in RESERVED_SLUGS:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _set_m2m(intermediary: Intermediary, values: dict[str, Iterable[Any] | None]) -> None:
    for name, ids in values.items():
        if ids is not None:
            getattr(intermediary, name).set(list(ids))


@transaction.atomic
def intermediary_create(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    name: str,
    type: str,
    country_id: str,
    manager: User | None = None,
    slug: str | None = None,
    countries_covered: Iterable[str] | None = None,
    sectors_covered: Iterable[str] | None = None,
    services: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    networks: Iterable[int] | None = None,
    **fields: Any,
) -> Intermediary:
    """Create an intermediary organisation and its directory entry; return the entry.

    ``fields`` are other ``Intermediary`` fields (acronym, description, city, …). The slug is made
    unique from the name unless given. Countries covered default to the home country. ``networks``
    are Network ids. ``manager`` (if given) becomes the organisation's manager.
    """
    organisation = Organisation.objects.create(
        kind=OrganisationKind.INTERMEDIARY, name=name, country_id=country_id
    )
    intermediary = Intermediary.objects.create(
        organisation=organisation,
        name=name,
        slug=slug or intermediary_slug_for(name),
        type=type,
        country_id=country_id,
        **fields,
    )
    _set_m2m(
        intermediary,
        {
            "countries_covered": [country_id] if countries_covered is None else countries_covered,
            "sectors_covered": sectors_covered,
            "services": services,
            "languages": languages,
            "networks": networks,
        },
    )
    if manager is not None:
        Membership.objects.create(user=manager, organisation=organisation, role=Role.MANAGER)
    audit_record(
        actor=actor,
        acting_for=acting_for or organisation,
        action="intermediary.create",
        obj=intermediary,
        changes=snapshot(
            intermediary, [f.name for f in Intermediary._meta.concrete_fields] + list(M2M_FIELDS)
        ),
    )
    return intermediary


@transaction.atomic
def intermediary_update(
    *, actor: User | None, acting_for: Organisation | None, intermediary: Intermediary, **changes: Any
) -> Intermediary:
    """Apply ``changes`` to the directory entry of ``intermediary``; return the entry as saved.

    Keys are the editable fields (``country`` given as ``country_id``); many-to-many fields take lists
    of ids (networks: Network ids). The organisation's name and country follow the entry's. The audit
    entry records what changed, field by field.
    """
    entry = Intermediary.objects.select_for_update().get(pk=intermediary.pk)
    audited = [*(f for f in EDITABLE_FIELDS if f not in M2M_FIELDS), *M2M_FIELDS]
    before = snapshot(entry, audited)
    m2m = {name: changes.pop(name) for name in M2M_FIELDS if name in changes}
    for name, value in changes.items():
        setattr(entry, name, value)
    entry.save()
    _set_m2m(entry, m2m)
    Organisation.objects.filter(pk=entry.organisation_id).update(name=entry.name, country_id=entry.country_id)
    after = snapshot(entry, audited)
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="intermediary.update",
        obj=entry,
        changes=diff(before, after),
    )
    return entry
