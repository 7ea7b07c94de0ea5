"""Loading the reference data files under ``data/`` into the database, idempotently."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from interfirm.geo.models import Country, CountryGroup, CountryGroupMembership, IncomeGroup, Language

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


def _upsert(model: type, key: dict, values: dict, counts: list[int]) -> object:
    obj = model.objects.filter(**key).first()
    if obj is None:
        obj = model.objects.create(**key, **values)
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
            },
            counts,
        )
        for group, column in ((CountryGroup.LDC, "ldc"), (CountryGroup.LLDC, "lldc"), (CountryGroup.SIDS, "sids")):
            if row[column] == "1":
                memberships[(country.pk, group, None)] = {"until": None, "source": SNAPSHOT_SOURCE}
    # Dated changes close (or add) memberships: a later row for the same key wins over the snapshot.
    for row in _read(folder / "group_changes.csv"):
        memberships[(row["iso3"], row["group"], _date(row["since"]))] = {
            "until": _date(row["until"]),
            "source": row["source"],
        }
    for (iso3, group, since), values in memberships.items():
        _upsert(CountryGroupMembership, {"country_id": iso3, "group": group, "since": since}, values, counts)
    for row in _read(folder / "languages.csv"):
        _upsert(Language, {"code": row["code"]}, {"name": row["name"]}, counts)
    return LoadReport(*counts)


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
