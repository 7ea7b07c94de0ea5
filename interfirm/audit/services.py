"""Writing the audit trail. Every service that changes data calls ``audit_record`` in its transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models

from interfirm.audit.models import AuditEntry

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User


def _plain(value: Any) -> Any:
    """Return a JSON-friendly form of a field value."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Return the concrete field values of ``instance`` (many-to-many fields as sorted id lists)."""
    opts = instance._meta
    names = list(fields) if fields is not None else [f.name for f in opts.concrete_fields]
    data: dict[str, Any] = {}
    for name in names:
        field = opts.get_field(name)
        if field.many_to_many:
            data[name] = (
                sorted(str(pk) for pk in getattr(instance, name).values_list("pk", flat=True))
                if instance.pk
                else []
            )
        elif field.is_relation:
            data[name] = getattr(instance, field.attname)  # type: ignore[union-attr]
        else:
            data[name] = _plain(getattr(instance, name))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return ``{field: [old, new]}`` for every field whose value differs."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) | set(after))
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def audit_record(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` (acting for ``acting_for``) did ``action`` to ``obj``."""
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor=user,
        actor_email=getattr(user, "email", "") or "",
        acting_for=acting_for,
        acting_for_name=str(acting_for) if acting_for is not None else "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes={k: _plain(v) for k, v in (changes or {}).items()},
    )
