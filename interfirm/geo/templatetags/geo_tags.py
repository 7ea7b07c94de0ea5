"""Template filters of geography: countries in the order of their names in the page's language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from interfirm.geo.models import label_sort_key

register = template.Library()


@register.filter
def by_label(countries: Iterable[Any]) -> list[Any]:
    """Return ``countries`` (anything with a ``label``) sorted by ``label``, accents folded, case ignored."""
    return sorted(countries, key=lambda country: label_sort_key(str(country.label)))


@register.filter
def language_label(code: str, english: str = "") -> str:
    """Return the name of the language ``code`` for a list in the page's language (``english`` if unknown)."""
    from interfirm.geo.names import language_label as label

    return label(code, english)
