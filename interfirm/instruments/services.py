"""Writes of support instruments: create and update, with an audit entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify

from interfirm.audit.services import audit_record, diff, snapshot
from interfirm.instruments.models import SupportInstrument

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User

FIELDS = (
    "name",
    "kind",
    "provider",
    "description",
    "amount_min",
    "amount_max",
    "currency",
    "deadline",
    "is_active",
    "economy_groups",
    "ldc_only",
    "size_classes",
    "isic_prefixes",
    "arrangement_types",
    "min_readiness",
    "cofinancing_required",
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "instrument"
    slug, n = base, 1
    while SupportInstrument.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def support_instrument_create(
    *, actor: User | None, acting_for: Organisation | None, countries: list[Any] | None = None, **values: Any
) -> SupportInstrument:
    """Create a support instrument (values already validated)."""
    slug = values.pop("slug", None) or _unique_slug(values["name"])
    instrument = SupportInstrument.objects.create(
        slug=slug, created_by=actor if actor is not None and actor.is_authenticated else None, **values
    )
    instrument.countries.set(countries or [])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="instruments.create",
        obj=instrument,
        changes=snapshot(instrument),
    )
    return instrument


@transaction.atomic
def support_instrument_update(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    instrument: SupportInstrument,
    countries: list[Any] | None = None,
    **values: Any,
) -> SupportInstrument:
    """Change a support instrument (values already validated)."""
    before = snapshot(instrument, [*FIELDS, "countries"])
    for name, value in values.items():
        setattr(instrument, name, value)
    instrument.save()
    if countries is not None:
        instrument.countries.set(countries)
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="instruments.update",
        obj=instrument,
        changes=diff(before, snapshot(instrument, [*FIELDS, "countries"])),
    )
    return instrument
