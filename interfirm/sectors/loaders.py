"""Loading ISIC Rev.4 and the NACE Rev.2 correspondence from ``data/``, idempotently."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from interfirm.geo.loaders import LoadReport, _existing, _read, _upsert, data_dir
from interfirm.sectors.models import IsicCode, IsicLevel, NaceCode

LEVELS = {
    "SECTION": IsicLevel.SECTION,
    "DIVISION": IsicLevel.DIVISION,
    "GROUP": IsicLevel.GROUP,
    "CLASS": IsicLevel.CLASS,
}


@transaction.atomic
def isic_load(*, directory: Path | None = None) -> LoadReport:
    """Load the ISIC Rev.4 hierarchy and NACE Rev.2 with its ISIC correspondence."""
    folder = directory or data_dir()
    counts = [0, 0, 0]
    rows = _read(folder / "isic_rev4_structure.csv")
    # The file lists each section before its divisions, each division before its groups: walk it in
    # order, remembering the last section so that divisions (which carry no letter) find theirs.
    section = ""
    by_code = _existing(IsicCode, ("code",))
    for row in rows:
        level = LEVELS[row["level"]]
        code = row["code"]
        parent_id: str | None
        if level == IsicLevel.SECTION:
            section, parent_id = code, None
        elif level == IsicLevel.DIVISION:
            parent_id = section
        else:
            parent_id = code[:-1]
        _upsert(
            IsicCode,
            {"code": code},
            {"level": level, "title": row["title"], "parent_id": parent_id, "section": section},
            counts,
            by_code,
        )
    nace_codes = _existing(NaceCode, ("code",))
    for row in _read(folder / "nace_rev2_structure.csv"):
        _upsert(
            NaceCode,
            {"code": row["code"]},
            {"level": LEVELS[row["level"]], "title": row["title"]},
            counts,
            nace_codes,
        )
    wanted: dict[str, set[str]] = {}
    for row in _read(folder / "nace2_to_isic4.csv"):
        if (row["dst_code"],) in by_code:
            wanted.setdefault(row["src_code"], set()).add(row["dst_code"])
    through = NaceCode.isic.through
    existing: dict[str, set[str]] = {}
    for nace_id, isic_id in through.objects.values_list("nacecode_id", "isiccode_id"):
        existing.setdefault(nace_id, set()).add(isic_id)
    missing = [
        through(nacecode_id=nace, isiccode_id=isic)
        for nace, codes in wanted.items()
        for isic in codes - existing.get(nace, set())
    ]
    through.objects.bulk_create(missing)
    counts[0] += len(missing)
    return LoadReport(*counts)
