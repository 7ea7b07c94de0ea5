"""Reading an instrument version into what the scoring needs, and choosing the variants for a firm."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from interfirm.geo.models import CountryGroup
from interfirm.readiness.models import Dimension, InstrumentVersion, Item, Variant, VariantKind
from interfirm.readiness.scoring import BandSpec, DimensionSpec, ItemSpec, VersionSpec


def item_spec(item: Item) -> ItemSpec:
    return ItemSpec(
        code=item.code,
        dimension=item.dimension.code,
        kind=item.kind,
        weight=Decimal(item.weight) if item.weight is not None else Decimal(0),
        scale_max=item.scale_max,
        target=Decimal(item.target) if item.target is not None else None,
        choices=tuple(
            (str(choice.get("value", "")), Decimal(str(choice.get("points", 0))))
            for choice in (item.choices or [])
            if isinstance(choice, dict)
        ),
    )


@dataclass
class VersionContent:
    """A version's rows, read once."""

    version: InstrumentVersion
    dimensions: list[Dimension]
    items: list[Item]
    variants: list[Variant]
    bands: list[Any]

    def spec(self, variant_codes: list[str] | None = None) -> VersionSpec:
        """Return the plain spec of the version (core items, or the items asked with ``variant_codes``)."""
        items = self.asked(variant_codes) if variant_codes is not None else self.core_items()
        return VersionSpec(
            dimensions=tuple(
                DimensionSpec(d.code, Decimal(d.weight or 0), d.position) for d in self.dimensions
            ),
            items=tuple(item_spec(item) for item in items),
            bands=tuple(
                BandSpec(band.level, Decimal(band.min_score), Decimal(band.max_score)) for band in self.bands
            ),
            gap_below=self.version.gap_below,
            variant_items=tuple(item_spec(item) for item in self.items if item.variant_id is not None),
        )

    def core_items(self) -> list[Item]:
        return [item for item in self.items if item.variant_id is None]

    def asked(self, variant_codes: list[str]) -> list[Item]:
        """Return the items asked of a firm to which ``variant_codes`` apply, in dimension order:
        every core item, less those a variant item replaces, plus the variants' items."""
        chosen = [
            item for item in self.items if item.variant is not None and item.variant.code in variant_codes
        ]
        replaced = {item.replaces_id for item in chosen if item.replaces_id}
        asked = [item for item in self.core_items() if item.pk not in replaced] + chosen
        order = {d.pk: d.position for d in self.dimensions}
        return sorted(
            asked, key=lambda i: (order.get(i.dimension_id, 0), i.variant_id is not None, i.position)
        )

    def dimension(self, code: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.code == code), None)


# Published versions never change: their content is read once per process. The key carries the
# publication time, so a version id reused (after a rollback, in tests) is not mistaken for another.
_FROZEN_CONTENT: dict[tuple[int, str, Any], VersionContent] = {}
_FROZEN_CONTENT_MAX = 16


def version_content(version: InstrumentVersion) -> VersionContent:
    """Return the rows of ``version`` (dimensions with their services, items, variants, bands); a
    published version's from the process cache."""
    if not version.is_frozen:
        return _read_content(version)
    key = (version.pk, version.status, version.published_at)
    content = _FROZEN_CONTENT.get(key)
    if content is None:
        if len(_FROZEN_CONTENT) >= _FROZEN_CONTENT_MAX:
            _FROZEN_CONTENT.clear()
        content = _FROZEN_CONTENT[key] = _read_content(version)
    return content


def _read_content(version: InstrumentVersion) -> VersionContent:
    dimensions = list(version.dimensions.prefetch_related("services").order_by("position", "code"))
    by_pk = {d.pk: d for d in dimensions}
    variants = list(version.variants.all())
    variant_by_pk = {v.pk: v for v in variants}
    items = list(version.items.order_by("position", "code"))
    for item in items:
        item.dimension = by_pk[item.dimension_id]
        if item.variant_id:
            item.variant = variant_by_pk[item.variant_id]
    bands = list(version.bands.all())
    return VersionContent(version, dimensions, items, variants, bands)


def variant_applies(
    variant: Variant, *, country_ldc: bool, sector_codes: list[str], sections: list[str]
) -> bool:
    """Return whether a variant applies to a firm in an LDC or not, with these ISIC codes/sections."""
    if variant.kind == VariantKind.LDC:
        return country_ldc
    prefix = variant.isic_prefix.strip().upper()
    if not prefix:
        return False
    if prefix.isalpha():
        return prefix in sections
    return any(code.startswith(prefix) for code in sector_codes)


def variants_for_firm(version: InstrumentVersion, firm: object, on: datetime.date | None = None) -> list[str]:
    """Return the codes of the variants of ``version`` that apply to ``firm`` on ``on`` (LDC
    membership is dated: a country that has graduated no longer gets the LDC variant)."""
    country = firm.country  # type: ignore[attr-defined]
    sectors = list(firm.sectors.all())  # type: ignore[attr-defined]
    ldc = country.in_group(CountryGroup.LDC, on)
    codes = [s.code for s in sectors]
    sections = [s.section for s in sectors]
    variants = sorted(version_content(version).variants, key=lambda v: v.code)
    return [
        v.code for v in variants if variant_applies(v, country_ldc=ldc, sector_codes=codes, sections=sections)
    ]
