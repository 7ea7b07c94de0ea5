"""Helpers for the transfer tests: files built in memory, and the import as each persona runs it."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from openpyxl import Workbook

from interfirm.accounts.models import Organisation
from interfirm.transfer.parsers import Table, parse_file
from interfirm.transfer.services import ImportReport, import_run
from interfirm.transfer.validation import Consent

CONSENT = Consent(method="signed_form", given_on=datetime.date(2024, 11, 5), given_by="The directors")

FIRM_HEADER = ["source_ref", "legal_name", "country", "city", "employees", "sectors", "certifications"]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_of(rows: list[list[str]]) -> Table:
    return parse_file("file.csv", csv_bytes(rows))


def firm_row(ref: str, name: str, **overrides: str) -> list[str]:
    values = {
        "source_ref": ref,
        "legal_name": name,
        "country": "KEN",
        "city": "Mombasa",
        "employees": "12",
        "sectors": "1030; 1079",
        "certifications": "haccp",
    }
    values.update(overrides)
    return [values[column] for column in FIRM_HEADER]


def in_days(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


def run(
    organisation: Organisation,
    kind: str,
    rows: list[list[str]],
    *,
    dry_run: bool = False,
    actor: Any = None,
    **options: Any,
) -> ImportReport:
    options.setdefault("consent", CONSENT)
    return import_run(
        actor=actor,
        acting_for=organisation,
        kind=kind,
        table=table_of(rows),
        dry_run=dry_run,
        file_name="test.csv",
        **options,
    )


def errors_of(report: ImportReport) -> list[tuple[int, str, str]]:
    """Return every line error as (line, column, message)."""
    return [(line.line, error.column, error.message) for line in report.lines for error in line.errors]
