"""Reading import files: CSV (UTF-8, with or without a byte-order mark) and XLSX (the first sheet).

Both give a ``Table``: the header as written, and the rows as dictionaries keyed by ``header_key`` of
each header, with the line (CSV) or row number (XLSX) the user sees in their spreadsheet. Nothing here
knows what the columns mean. A file that cannot be read raises ``ParseError`` with a message for the
user; no other exception escapes, whatever the bytes.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from interfirm.transfer.columns import header_key

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Cells a spreadsheet would run as a formula; the export prefixes them with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ParseError(Exception):
    """The file cannot be read as a table; ``message`` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SourceRow:
    """One data row: its line in the file, its cells by header key, and any problem of its shape."""

    line: int
    values: dict[str, str]
    problems: tuple[str, ...] = ()


@dataclass
class Table:
    headers: list[str]
    rows: list[SourceRow] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [header_key(header) for header in self.headers]


def unescape_cell(value: str) -> str:
    """Return a cell without the apostrophe the export puts before formula-like text."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def _check_headers(headers: list[str]) -> list[str]:
    cleaned = [" ".join(str(h or "").split()) for h in headers]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if not any(cleaned):
        raise ParseError(_("The first line of the file must name the columns."))
    seen: dict[str, str] = {}
    for header in cleaned:
        if not header:
            raise ParseError(_("A column in the first line has no name."))
        key = header_key(header)
        if key in seen:
            raise ParseError(
                _("The column “%(header)s” appears twice in the first line.") % {"header": header}
            )
        seen[key] = header
    return cleaned


def _row(line: int, keys: list[str], cells: list[str]) -> SourceRow | None:
    cells = [unescape_cell(str(cell).replace("\x00", "").strip()) for cell in cells]
    if not any(cells):
        return None  # blank lines are not rows
    problems: tuple[str, ...] = ()
    if len(cells) > len(keys) and any(cells[len(keys) :]):
        problems = (
            _("The line has %(cells)d values but the file has %(columns)d columns.")
            % {"cells": len(cells), "columns": len(keys)},
        )
    values = {key: (cells[index] if index < len(cells) else "") for index, key in enumerate(keys)}
    return SourceRow(line=line, values=values, problems=problems)


def _limit_rows(count: int) -> None:
    if count > settings.TRANSFER_MAX_ROWS:
        raise ParseError(
            _("The file has more than %(limit)d rows: split it into smaller files.")
            % {"limit": settings.TRANSFER_MAX_ROWS}
        )


def parse_csv(content: bytes) -> Table:
    """Return the table in CSV ``content``; the delimiter (comma, semicolon or tab) is the one the
    header line uses most. Raise ``ParseError`` for a file that is not UTF-8 or not a table."""
    if content.startswith(_UTF16_BOMS):
        raise ParseError(_("The file is not UTF-8: save it as CSV UTF-8."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(_("The file is not UTF-8: save it as CSV UTF-8.")) from error
    if not text.strip():
        raise ParseError(_("The file is empty."))
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers: list[str] = []
        while not any(cell.strip() for cell in headers):
            headers = next(reader)
        table = Table(headers=_check_headers(headers))
        keys = table.keys
        start = reader.line_num + 1
        for cells in reader:
            row = _row(start, keys, cells)
            if row is not None:
                table.rows.append(row)
                _limit_rows(len(table.rows))
            start = reader.line_num + 1
    except StopIteration as error:
        raise ParseError(_("The file is empty.")) from error
    except csv.Error as error:
        raise ParseError(
            _("Line %(line)d cannot be read as CSV: %(reason)s") % {"line": reader.line_num, "reason": error}
        ) from error
    return table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_xlsx(content: bytes) -> Table:
    """Return the table in the first sheet of XLSX ``content`` (read-only, cell values not formulas).
    Raise ``ParseError`` for anything that is not a readable workbook."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise ParseError(_("The file is not a readable XLSX workbook.")) from error
    except Exception as error:  # openpyxl raises its own exception types for malformed parts
        raise ParseError(_("The file is not a readable XLSX workbook.")) from error
    try:
        if not workbook.worksheets:
            raise ParseError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        table: Table | None = None
        keys: list[str] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if table is None:
                if not any(cell.strip() for cell in cells):
                    continue
                table = Table(headers=_check_headers(cells))
                keys = table.keys
                continue
            row = _row(number, keys, cells)
            if row is not None:
                table.rows.append(row)
                _limit_rows(len(table.rows))
    except ParseError:
        raise
    except Exception as error:  # a damaged sheet: report it, never a server error
        raise ParseError(_("The file is not a readable XLSX workbook.")) from error
    finally:
        workbook.close()
    if table is None:
        raise ParseError(_("The file is empty."))
    return table


def parse_file(file_name: str, content: bytes) -> Table:
    """Return the table in an uploaded file, read as XLSX or CSV after its content (and name)."""
    if len(content) > settings.TRANSFER_MAX_UPLOAD_BYTES:
        raise ParseError(
            _("The file is larger than %(size)d MB: split it into smaller files.")
            % {"size": settings.TRANSFER_MAX_UPLOAD_BYTES // (1024 * 1024) or 1}
        )
    if not content:
        raise ParseError(_("The file is empty."))
    name = file_name.lower()
    if content.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        raise ParseError(_("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or as CSV UTF-8."))
    if content.startswith(_XLSX_MAGIC) or name.endswith(".xlsx"):
        return parse_xlsx(content)
    return parse_csv(content)
