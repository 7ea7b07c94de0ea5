"""The default diagnostic instrument, written from the source report (``data/readiness_default_instrument.json``).

Loading is idempotent: the version published from a file keeps the file's digest; a second load of
the same file changes nothing. A changed file becomes the instrument's next version (published, the
previous one retired), so that assessments made with the old one keep it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from interfirm.geo.loaders import LoadReport, data_dir
from interfirm.intermediaries.models import Service
from interfirm.readiness.models import (
    Dimension,
    Instrument,
    InstrumentVersion,
    Item,
    LevelBand,
    Variant,
)

DEFAULT_FILE = "readiness_default_instrument.json"


def default_instrument_path() -> Path:
    return data_dir() / DEFAULT_FILE


def _item(
    version: InstrumentVersion, dimension: Dimension, data: dict[str, Any], position: int, **extra: Any
) -> Item:
    return Item.objects.create(
        version=version,
        dimension=dimension,
        code=data["code"],
        text=data["text"],
        help=data.get("help", ""),
        kind=data["kind"],
        weight=data.get("weight", 1),
        scale_max=data.get("scale_max", 4),
        target=data.get("target"),
        number_max=data.get("max"),
        choices=data.get("choices", []),
        paragraph=data.get("paragraph", ""),
        position=position,
        **extra,
    )


def instrument_from_data(data: dict[str, Any], digest: str = "") -> tuple[InstrumentVersion, int]:
    """Create a draft version of the instrument described by ``data``; return it and the rows made."""
    instrument, _created = Instrument.objects.get_or_create(
        slug=data["slug"], defaults={"name": data["name"], "description": data.get("description", "")}
    )
    last = instrument.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=last + 1,
        gap_below=data.get("gap_below", 60),
        notes=data.get("notes", ""),
        source_digest=digest,
    )
    rows = 1
    services = {service.code: service for service in Service.objects.all()}
    dimensions: dict[str, Dimension] = {}
    items: dict[str, Item] = {}
    for position, dim in enumerate(data["dimensions"]):
        dimension = Dimension.objects.create(
            version=version,
            code=dim["code"],
            name=dim["name"],
            position=position,
            weight=dim.get("weight", 1),
            action=dim.get("action", ""),
            paragraphs=dim.get("paragraphs", ""),
            intermediary_types=dim.get("intermediary_types", []),
        )
        dimension.services.set([services[code] for code in dim.get("services", []) if code in services])
        dimensions[dim["code"]] = dimension
        rows += 1
        for item_position, item_data in enumerate(dim["items"]):
            items[item_data["code"]] = _item(version, dimension, item_data, item_position)
            rows += 1
    for variant_data in data.get("variants", []):
        variant = Variant.objects.create(
            version=version,
            code=variant_data["code"],
            name=variant_data["name"],
            kind=variant_data["kind"],
            isic_prefix=variant_data.get("isic_prefix", ""),
        )
        rows += 1
        for item_position, item_data in enumerate(variant_data["items"]):
            replaced = items.get(item_data.get("replaces", ""))
            dimension = dimensions[item_data["dimension"]]
            position = replaced.position if replaced else 50 + item_position
            _item(version, dimension, item_data, position, variant=variant, replaces=replaced)
            rows += 1
    for band in data["bands"]:
        LevelBand.objects.create(
            version=version, level=band["level"], min_score=band["min"], max_score=band["max"]
        )
        rows += 1
    return version, rows


@transaction.atomic
def default_instrument_load(path: Path | None = None) -> LoadReport:
    """Create (and publish) the default instrument's version from the data file, unless the version
    published from this very file exists already."""
    from interfirm.readiness.services import instrument_version_publish

    raw = (path or default_instrument_path()).read_bytes()
    data = json.loads(raw)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    existing = InstrumentVersion.objects.filter(instrument__slug=data["slug"], source_digest=digest).first()
    if existing is not None:
        return LoadReport(0, 0, 1)
    version, rows = instrument_from_data(data, digest)
    instrument_version_publish(actor=None, acting_for=None, version=version, audited=False)
    return LoadReport(rows, 0, 0)
