"""Loading the reference data files under ``data/`` into the database, idempotently."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction

from interfirm.geo.models import (
    NAME_LANGUAGES,
    Country,
    CountryGroup,
    CountryGroupMembership,
    IncomeGroup,
    Language,
)

M = TypeVar("M", bound=models.Model)

INCOME_GROUPS = {
    "High income": IncomeGroup.HIGH,
    "Upper middle income": IncomeGroup.UPPER_MIDDLE,
    "Lower middle income": IncomeGroup.LOWER_MIDDLE,
    "Low income": IncomeGroup.LOW,
}
SNAPSHOT_SOURCE = "UNSD M49 snapshot, September 2024"


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def data_dir() -> Path:
    return Path(settings.BASE_DIR) / "data"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _existing(model: type[M], key_fields: tuple[str, ...]) -> dict[tuple[Any, ...], M]:
    """Return every row of ``model`` by its key: one query instead of one a row."""
    return {tuple(getattr(obj, f) for f in key_fields): obj for obj in model._default_manager.all()}


def _upsert(
    model: type[M],
    key: dict[str, Any],
    values: dict[str, Any],
    counts: list[int],
    existing: dict[tuple[Any, ...], M] | None = None,
) -> M:
    """Create or update the row of ``model`` with ``key``; count it as created, updated or unchanged.

    ``existing`` (from ``_existing`` with the key's fields in the same order) saves a query a row.
    """
    if existing is not None:
        obj = existing.get(tuple(key.values()))
    else:
        obj = model._default_manager.filter(**key).first()
    if obj is None:
        obj = model._default_manager.create(**key, **values)
        if existing is not None:
            existing[tuple(key.values())] = obj
        counts[0] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        counts[1] += 1
    else:
        counts[2] += 1
    return obj


@transaction.atomic
def countries_load(*, directory: Path | None = None) -> LoadReport:
    """Load countries, their dated group memberships, and languages. Return what changed."""
    folder = directory or data_dir()
    counts = [0, 0, 0]
    memberships: dict[tuple[str, str, datetime.date | None], dict[str, object]] = {}
    countries = _existing(Country, ("iso3",))
    names = _country_names(folder / "geo" / "country_names.csv")
    for row in _read(folder / "countries.csv"):
        country = _upsert(
            Country,
            {"iso3": row["iso3"]},
            {
                "iso2": row["iso2"],
                "m49": row["m49"],
                "name": row["name_m49"],
                "region_code": row["region_code"],
                "region": row["region"],
                "subregion_code": row["subregion_code"],
                "subregion": row["subregion"],
                "intermediate_region_code": row["intermediate_region_code"],
                "intermediate_region": row["intermediate_region"],
                "economy_group": row["un_economy_group"],
                "income_group": INCOME_GROUPS.get(row["wb_income_fy2026"], IncomeGroup.UNCLASSIFIED),
                "wb_region": row["wb_region_fy2026"],
                "in_official_m49": row["not_in_official_m49"] != "1",
                "note": row["note"],
                **names.get(row["iso3"], dict.fromkeys(_NAME_FIELDS, "")),
            },
            counts,
            countries,
        )
        for group, column in (
            (CountryGroup.LDC, "ldc"),
            (CountryGroup.LLDC, "lldc"),
            (CountryGroup.SIDS, "sids"),
        ):
            if row[column] == "1":
                memberships[(country.pk, group, None)] = {"until": None, "source": SNAPSHOT_SOURCE}
    # Dated changes close (or add) memberships: a later row for the same key wins over the snapshot.
    for row in _read(folder / "group_changes.csv"):
        memberships[(row["iso3"], row["group"], _date(row["since"]))] = {
            "until": _date(row["until"]),
            "source": row["source"],
        }
    existing = _existing(CountryGroupMembership, ("country_id", "group", "since"))
    for (iso3, group_code, since), values in memberships.items():
        key = {"country_id": iso3, "group": group_code, "since": since}
        _upsert(CountryGroupMembership, key, values, counts, existing)
    languages = _existing(Language, ("code",))
    for row in _read(folder / "languages.csv"):
        _upsert(Language, {"code": row["code"]}, {"name": row["name"]}, counts, languages)
    return LoadReport(*counts)


_NAME_FIELDS = tuple(f"name_{language}" for language in NAME_LANGUAGES)


def _country_names(path: Path) -> dict[str, dict[str, str]]:
    """Return the French, Spanish and Arabic names of each country by ISO alpha-3 (CLDR, generated).

    A country missing from the file, or a blank name, is shown in English (``Country.label``).
    """
    if not path.exists():
        return {}
    return {row["iso3"]: {field: row[field].strip() for field in _NAME_FIELDS} for row in _read(path)}


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
