"""``manage.py import_data``: the report on the console, the exit status."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from interfirm.firms.models import Firm
from interfirm.transfer.tests.helpers import FIRM_HEADER, csv_bytes, firm_row

pytestmark = pytest.mark.django_db


def _file(tmp_path: Path, *rows: list[str]) -> Path:
    path = tmp_path / "firms.csv"
    path.write_bytes(csv_bytes([FIRM_HEADER, *rows]))
    return path


def test_a_dry_run_prints_the_report_and_changes_nothing(personas, tmp_path):
    out = StringIO()
    path = _file(tmp_path, firm_row("K1", "Pwani Juices Ltd"))
    organisation = personas.chamber.organisation.pk
    call_command(
        "import_data",
        "--kind",
        "firms",
        "--file",
        str(path),
        "--as",
        str(organisation),
        "--dry-run",
        "--consent-method",
        "signed_form",
        "--consent-date",
        "2024-11-05",
        stdout=out,
    )
    assert out.getvalue().splitlines() == [
        "dry run of firms.csv (firms): 1 lines",
        "  create 1, update 0, unchanged 0, error 0",
    ]
    assert not Firm.objects.filter(legal_name="Pwani Juices Ltd").exists()


def test_an_import_with_bad_lines_prints_them_and_fails(personas, tmp_path):
    out = StringIO()
    path = _file(tmp_path, firm_row("K1", "Pwani Juices Ltd", country="XYZ"))
    operator = personas.operator_user.memberships.get().organisation.pk
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_data", "--kind", "firms", "--file", str(path), "--as", str(operator), stdout=out)
    assert "  line 2 [K1] column country: Unknown country: XYZ." in out.getvalue().splitlines()


def test_the_operator_imports_from_the_command_line(personas, tmp_path):
    path = _file(tmp_path, firm_row("K1", "Pwani Juices Ltd"))
    operator = personas.operator_user.memberships.get().organisation.pk
    call_command(
        "import_data", "--kind", "firms", "--file", str(path), "--as", str(operator), stdout=StringIO()
    )
    assert Firm.objects.filter(legal_name="Pwani Juices Ltd").count() == 1


def test_a_firm_cannot_be_the_importer(personas, tmp_path):
    path = _file(tmp_path, firm_row("K1", "Pwani Juices Ltd"))
    with pytest.raises(CommandError, match="--as must be"):
        call_command(
            "import_data",
            "--kind",
            "firms",
            "--file",
            str(path),
            "--as",
            str(personas.kenyan_sme.organisation_id),
        )
