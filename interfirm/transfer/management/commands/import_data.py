"""``manage.py import_data``: import a CSV or XLSX file of firms, opportunities or EEN profiles.

    manage.py import_data --kind firms --file firms.csv --as 12 --dry-run
    manage.py import_data --kind firms --file firms.csv --as 12 --consent-method signed_form \\
        --consent-date 2024-11-05 --consent-by "Directors, on the membership form"
    manage.py import_data --kind opportunities --file opportunities.xlsx --as 12 --skip-bad

``--as`` is the id of the importing organisation: an intermediary (firms join its portfolio) or the
operator. The report lists every bad line; the command exits with status 1 when the file has a bad
line, or was refused.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interfirm.accounts.models import Organisation
from interfirm.firms.models import ConsentMethod
from interfirm.transfer.models import ImportKind
from interfirm.transfer.parsers import ParseError, parse_file
from interfirm.transfer.selectors import IMPORTING_KINDS
from interfirm.transfer.services import ImportReport, import_run
from interfirm.transfer.validation import Consent, column_title


class Command(BaseCommand):
    help = "Import firms, opportunities or European partnering (EEN) profiles from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=ImportKind.values)
        parser.add_argument("--file", required=True, type=Path)
        parser.add_argument(
            "--as", dest="organisation", required=True, type=int, help="importing organisation id"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report; change nothing")
        parser.add_argument("--skip-bad", action="store_true", help="import the good lines, skip the bad")
        parser.add_argument("--submit", action="store_true", help="send imported opportunities for review")
        parser.add_argument("--consent-method", choices=ConsentMethod.values)
        parser.add_argument("--consent-date", type=datetime.date.fromisoformat)
        parser.add_argument("--consent-by", default="Recorded in the source database")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None or organisation.kind not in IMPORTING_KINDS:
            raise CommandError("--as must be the id of an intermediary's or the operator's organisation")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        consent = None
        if options["consent_method"]:
            if options["consent_date"] is None:
                raise CommandError("--consent-method needs --consent-date")
            consent = Consent(
                method=options["consent_method"],
                given_on=options["consent_date"],
                given_by=options["consent_by"],
            )
        try:
            table = parse_file(path.name, content)
        except ParseError as error:
            raise CommandError(error.message) from error
        report = import_run(
            actor=None,
            acting_for=organisation,
            kind=options["kind"],
            table=table,
            dry_run=options["dry_run"],
            skip_bad=options["skip_bad"],
            submit=options["submit"],
            consent=consent,
            file_name=path.name,
        )
        self._print(report)
        if report.header_errors or report.refused:
            raise CommandError("nothing was imported")
        if not report.ok:
            raise CommandError(f"{len(report.bad_lines)} bad lines")

    def _print(self, report: ImportReport) -> None:
        mode = "dry run" if report.dry_run else "import"
        self.stdout.write(f"{mode} of {report.file_name} ({report.kind}): {len(report.lines)} lines")
        for message in report.header_errors:
            self.stdout.write(f"  file: {message}")
        if report.ignored_columns:
            self.stdout.write(f"  ignored columns: {', '.join(report.ignored_columns)}")
        for line in report.lines:
            for error in line.errors:
                column = column_title(report.kind, error.column) if error.column else "-"
                self.stdout.write(f"  line {line.line} [{line.source_ref}] column {column}: {error.message}")
            for warning in line.warnings:
                self.stdout.write(f"  line {line.line} [{line.source_ref}] warning: {warning}")
        if not report.header_errors:
            counts = ", ".join(f"{key} {value}" for key, value in report.counts.items())
            self.stdout.write(f"  {counts}")
        if report.refused:
            self.stdout.write("  refused: fix the bad lines, or use --skip-bad to import the good ones")
