"""Forms of readiness: the rows of the answer page (one input per item, by kind), validation, and
the "minimum readiness level" field the search form uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interfirm.readiness.content import VersionContent
from interfirm.readiness.models import Dimension, Item, ReadinessLevel


class ValidateForm(forms.Form):
    note = forms.CharField(
        label=_("What you checked during the visit"),
        required=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class AnswerRow:
    item: Item
    name: str
    value: Any
    error: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class AnswerGroup:
    dimension: Dimension
    rows: tuple[AnswerRow, ...]


def _options(item: Item, value: Any) -> tuple[Option, ...]:
    current = "" if value is None else str(value)
    if item.kind == "yes_no":
        pairs = [("yes", str(_("Yes"))), ("no", str(_("No")))]
    elif item.kind == "scale":
        pairs = [(str(n), str(n)) for n in range(item.scale_max + 1)]
    elif item.kind == "choice":
        pairs = [(str(c.get("value")), str(c.get("label", c.get("value")))) for c in item.choices or []]
    else:
        return ()
    return tuple(Option(v, label, v == current) for v, label in pairs)


def answer_rows(
    content: VersionContent, items: list[Item], values: dict[str, Any], errors: dict[str, str]
) -> list[AnswerGroup]:
    """Return the items to answer grouped by dimension, each with its current value and error."""
    groups = []
    for dimension in content.dimensions:
        rows = tuple(
            AnswerRow(
                item=item,
                name=f"item-{item.code}",
                value=values.get(item.code, ""),
                error=errors.get(item.code, ""),
                options=_options(item, values.get(item.code)),
            )
            for item in items
            if item.dimension_id == dimension.pk
        )
        if rows:
            groups.append(AnswerGroup(dimension, rows))
    return groups


def minimum_level_field() -> forms.ChoiceField:
    """Return the search filter field: the lowest readiness level of the owner firm."""
    return forms.ChoiceField(
        label=_("Minimum readiness of the owner"),
        required=False,
        choices=[("", _("Any")), *ReadinessLevel.choices],
        help_text=_("From the firm's latest partnership-readiness diagnostic."),
    )
