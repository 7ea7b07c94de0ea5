"""Reading CSV and XLSX files into rows with their line numbers; unreadable files raise ParseError."""

from __future__ import annotations

import datetime

import pytest

from interfirm.transfer.parsers import ParseError, parse_file
from interfirm.transfer.tests.helpers import csv_bytes, xlsx_bytes


def test_it_reads_a_utf8_csv_with_its_line_numbers():
    table = parse_file(
        "f.csv", csv_bytes([["source_ref", "legal_name"], ["A1", "Ñandú SA"], ["A2", "Żuraw"]])
    )
    assert table.headers == ["source_ref", "legal_name"]
    assert [(row.line, row.values) for row in table.rows] == [
        (2, {"source_ref": "A1", "legal_name": "Ñandú SA"}),
        (3, {"source_ref": "A2", "legal_name": "Żuraw"}),
    ]


def test_it_reads_a_csv_with_a_byte_order_mark():
    table = parse_file("f.csv", csv_bytes([["source_ref"], ["A1"]], bom=True))
    assert table.headers == ["source_ref"]
    assert table.rows[0].values == {"source_ref": "A1"}


def test_it_rejects_a_cp1252_file_with_a_clear_message():
    content = "source_ref,legal_name\nA1,Caf\u00e9 Süd\n".encode("cp1252")
    with pytest.raises(ParseError) as error:
        parse_file("f.csv", content)
    assert error.value.message == "The file is not UTF-8: save it as CSV UTF-8."


def test_it_rejects_a_utf16_file():
    with pytest.raises(ParseError) as error:
        parse_file("f.csv", "source_ref\nA1\n".encode("utf-16"))
    assert error.value.message == "The file is not UTF-8: save it as CSV UTF-8."


def test_it_reads_a_semicolon_separated_csv():
    table = parse_file("f.csv", b"source_ref;sectors\nA1;1030\n")
    assert table.rows[0].values == {"source_ref": "A1", "sectors": "1030"}


def test_it_matches_headers_without_regard_to_case_and_spaces():
    table = parse_file("f.csv", b"Source Ref,NACE keywords\nA1,10.39\n")
    assert table.keys == ["source_ref", "nace_keywords"]


def test_it_counts_lines_of_multiline_cells_and_skips_blank_lines():
    content = b'source_ref,description\nA1,"two\nlines"\n\nA2,one\n'
    table = parse_file("f.csv", content)
    assert [(row.line, row.values["source_ref"]) for row in table.rows] == [(2, "A1"), (5, "A2")]


def test_it_flags_a_line_with_more_values_than_columns():
    table = parse_file("f.csv", b"source_ref\nA1,extra\n")
    assert table.rows[0].problems == ("The line has 2 values but the file has 1 columns.",)


def test_it_takes_off_the_apostrophe_the_export_puts_before_formulas():
    table = parse_file("f.csv", b"source_ref,title\nA1,'=SUM(1)\n")
    assert table.rows[0].values["title"] == "=SUM(1)"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_it_rejects_an_empty_file(content: bytes):
    with pytest.raises(ParseError) as error:
        parse_file("f.csv", content)
    assert error.value.message == "The file is empty."


def test_it_rejects_a_header_naming_a_column_twice():
    with pytest.raises(ParseError) as error:
        parse_file("f.csv", b"source_ref,Source Ref\nA1,A2\n")
    assert error.value.message == "The column “Source Ref” appears twice in the first line."


def test_it_reads_the_first_sheet_of_an_xlsx_file():
    content = xlsx_bytes(
        [
            ["source_ref", "employees", "deadline"],
            ["A1", 12, datetime.datetime(2026, 3, 31)],
            [None, None, None],
        ]
    )
    table = parse_file("f.xlsx", content)
    assert [(row.line, row.values) for row in table.rows] == [
        (2, {"source_ref": "A1", "employees": "12", "deadline": "2026-03-31"})
    ]


def test_it_rejects_a_damaged_xlsx_file():
    with pytest.raises(ParseError) as error:
        parse_file("f.xlsx", b"PK\x03\x04not really a workbook")
    assert error.value.message == "The file is not a readable XLSX workbook."


def test_it_rejects_an_old_excel_file():
    with pytest.raises(ParseError) as error:
        parse_file("f.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest")
    assert "save the sheet as .xlsx or as CSV UTF-8" in error.value.message


def test_it_rejects_a_file_with_too_many_rows(settings):
    settings.TRANSFER_MAX_ROWS = 2
    with pytest.raises(ParseError) as error:
        parse_file("f.csv", b"source_ref\nA1\nA2\nA3\n")
    assert error.value.message == "The file has more than 2 rows: split it into smaller files."
