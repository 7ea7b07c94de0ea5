"""Reads of firm profiles across the permission boundary."""

from __future__ import annotations

from django.db.models import Count

from interfirm.firms.models import Firm


def firm_public_counts() -> dict[str, int]:
    """Return aggregate counts safe to show anyone: firms and countries represented."""
    firms = Firm.objects.filter(merged_into__isnull=True)
    return {
        "firms": firms.count(),
        "countries": firms.values("country").distinct().count(),
    }


def firm_counts_by_size() -> dict[str, int]:
    """Return the number of active firms per size class."""
    rows = Firm.objects.filter(merged_into__isnull=True).values("size_class").annotate(n=Count("id"))
    return {row["size_class"]: row["n"] for row in rows}


def firm_possible_duplicates(*, legal_name: str, country_id: str, exclude_pk: int | None = None) -> list[Firm]:
    """Return active firms in the same country whose name matches ``legal_name`` once normalised."""
    from interfirm.firms.services import name_key_for

    firms = Firm.objects.filter(
        country_id=country_id, name_key=name_key_for(legal_name), merged_into__isnull=True
    ).order_by("pk")
    if exclude_pk is not None:
        firms = firms.exclude(pk=exclude_pk)
    return list(firms)
