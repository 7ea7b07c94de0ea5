"""Form fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# Keys no integer column holds: Django's multiple choice asks the database for them in an ``IN``, which
# SQLite answers with an OverflowError and PostgreSQL with a DataError (a 500, and on PostgreSQL an
# aborted transaction). The single choice already answers "not one of the available choices".
_KEY_RANGE = range(-(2**63), 2**63)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, answering a value no integer key can hold as "not one of the available
    choices" (the message of any other unknown value) instead of failing in the database."""

    def _check_values(self, value: Any) -> Any:
        key = self.to_field_name or "pk"
        assert self.queryset is not None
        model = self.queryset.model
        field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        if isinstance(field, models.IntegerField):
            for item in value:
                try:
                    number = int(str(item).strip())
                except (TypeError, ValueError):
                    continue  # Django answers it ("… is not a valid value")
                if number not in _KEY_RANGE:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)  # type: ignore[misc]  # Django's, not in its stubs
