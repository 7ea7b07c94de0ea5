"""Every loader of reference and taxonomy data, in order. Used by ``load_reference`` and the tests."""

from __future__ import annotations

from collections.abc import Callable

from interfirm.geo.loaders import LoadReport, countries_load
from interfirm.sectors.loaders import isic_load


def loaders() -> list[tuple[str, Callable[[], LoadReport]]]:
    """Return (label, loader) pairs; each loader is idempotent."""
    from interfirm.cases.loaders import cases_load
    from interfirm.firms.loaders import certifications_load
    from interfirm.intermediaries.loaders import networks_load, services_load
    from interfirm.readiness.loaders import default_instrument_load

    return [
        ("countries, groups, languages", countries_load),
        ("ISIC Rev.4 and NACE Rev.2", isic_load),
        ("intermediary services", services_load),
        ("networks", networks_load),
        ("certifications", certifications_load),
        ("default readiness instrument", default_instrument_load),
        ("best-practice cases of the source report", cases_load),
    ]


def load_all_reference() -> dict[str, LoadReport]:
    """Load every kind of reference data; return a report per kind."""
    return {label: load() for label, load in loaders()}
