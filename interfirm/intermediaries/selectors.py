"""Reads of the intermediary directory."""

from __future__ import annotations

from interfirm.intermediaries.models import Intermediary


def intermediary_public_counts() -> dict[str, int]:
    """Return aggregate counts of the public directory."""
    listed = Intermediary.objects.filter(is_listed=True)
    return {"intermediaries": listed.count(), "countries": listed.values("country").distinct().count()}
