"""Pages of bulk import and export under /transfer/.

- ``import``: intermediaries and the operator upload a CSV or XLSX file, get a report line by line (a
  dry run by default), and import the same file after a clean dry run without uploading it again.
- ``templates``: the column sets, documented, and a CSV template of each to download (public).
- ``export_firm``: a firm's members download everything the platform holds about the firm (JSON).
- ``export_opportunities``: the opportunities the acting organisation manages, as CSV in the columns
  of the import (an intermediary: its portfolio firms' opportunities).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership, OrganisationKind, User
from interfirm.lib.access import public, role_required
from interfirm.transfer import exports, selectors, services
from interfirm.transfer.columns import columns_for, template_csv_rows
from interfirm.transfer.forms import ImportForm, consent_from_options, consent_to_options
from interfirm.transfer.models import ImportKind
from interfirm.transfer.parsers import ParseError, parse_file
from interfirm.transfer.services import ImportReport
from interfirm.transfer.validation import Outcome, column_title

IMPORTERS = selectors.IMPORTING_KINDS
MANAGERS_OF_OPPORTUNITIES = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY)
# The most good lines listed on the report page (bad lines are all listed).
REPORT_GOOD_LINES_SHOWN = 500


def _membership(request: HttpRequest) -> Membership | None:
    return getattr(request, "membership", None) or None


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _column_sets() -> list[dict[str, Any]]:
    return [
        {
            "kind": kind,
            "label": label,
            "columns": [column for column in columns_for(kind) if not column.export_only],
        }
        for kind, label in ImportKind.choices
    ]


def _report_context(report: ImportReport) -> dict[str, Any]:
    outcome_labels = {
        Outcome.CREATE: _("would be created") if report.dry_run else _("created"),
        Outcome.UPDATE: _("would be updated") if report.dry_run else _("updated"),
        Outcome.UNCHANGED: _("unchanged"),
        Outcome.ERROR: _("bad line") if not report.skip_bad or report.dry_run else _("skipped"),
    }
    errors = [
        {
            "line": line.line,
            "source_ref": line.source_ref,
            "column": column_title(report.kind, error.column) if error.column else "",
            "message": error.message,
        }
        for line in report.bad_lines
        for error in line.errors
    ]
    good = report.good_lines
    return {
        "report": report,
        "counts": [(outcome_labels[Outcome(key)], value) for key, value in report.counts.items()],
        "errors": errors,
        "bad_line_numbers": ", ".join(str(line.line) for line in report.bad_lines[:50]),
        "good_lines": [
            {"line": line, "outcome": outcome_labels[Outcome(line.outcome)]}
            for line in good[:REPORT_GOOD_LINES_SHOWN]
        ],
        "good_lines_hidden": max(len(good) - REPORT_GOOD_LINES_SHOWN, 0),
        "warnings": [(line.line, warning) for line in report.lines for warning in line.warnings],
    }


def _render_import(
    request: HttpRequest,
    form: ImportForm,
    *,
    report: ImportReport | None = None,
    upload_id: int | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "column_sets": _column_sets(), "upload_id": upload_id}
    if report is not None:
        context.update(_report_context(report))
    return render(request, "transfer/import.html", context)


@role_required(kinds=IMPORTERS)
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file of firms, opportunities or European partnering profiles; check it or import it."""
    membership = selectors.importing_membership(_membership(request))
    is_intermediary = membership.organisation.kind == OrganisationKind.INTERMEDIARY
    form = ImportForm(request.POST or None, request.FILES or None, intermediary=is_intermediary)
    if request.method != "POST" or not form.is_valid():
        return _render_import(request, form)
    upload = form.cleaned_data["file"]
    content = upload.read()
    file_name = upload.name or "upload"
    try:
        table = parse_file(file_name, content)
    except ParseError as error:
        form.add_error("file", error.message)
        return _render_import(request, form)
    kind = form.cleaned_data["kind"]
    dry_run = form.cleaned_data["dry_run"]
    submit = bool(form.cleaned_data.get("submit"))
    consent = form.consent() if is_intermediary else None
    report = services.import_run(
        actor=_user(request),
        acting_for=membership.organisation,
        kind=kind,
        table=table,
        dry_run=dry_run,
        skip_bad=form.cleaned_data["skip_bad"],
        submit=submit,
        consent=consent,
        file_name=file_name,
    )
    upload_id = None
    if dry_run and not report.header_errors and report.good_lines:
        upload_id = services.pending_upload_create(
            user=_user(request),
            organisation=membership.organisation,
            kind=kind,
            file_name=file_name,
            content=content,
            options={"submit": submit, "consent": consent_to_options(consent)},
        ).pk
    return _render_import(request, form, report=report, upload_id=upload_id)


@role_required(kinds=IMPORTERS)
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a file kept from the user's dry run (all of it, or only its good lines)."""
    membership = selectors.importing_membership(_membership(request))
    upload = selectors.pending_upload_get(user=request.user, membership=membership, pk=pk)
    is_intermediary = membership.organisation.kind == OrganisationKind.INTERMEDIARY
    form = ImportForm(initial={"kind": upload.kind, "dry_run": True}, intermediary=is_intermediary)
    try:
        table = parse_file(upload.file_name, bytes(upload.content))
    except ParseError as error:
        form.add_error(None, error.message)
        return _render_import(request, form)
    report = services.import_run(
        actor=_user(request),
        acting_for=membership.organisation,
        kind=upload.kind,
        table=table,
        dry_run=False,
        skip_bad=request.POST.get("skip_bad") == "1",
        submit=bool(upload.options.get("submit")) and is_intermediary,
        consent=consent_from_options(upload.options.get("consent") or {}),
        file_name=upload.file_name,
    )
    if report.imported:
        services.pending_upload_delete(upload=upload)
        return _render_import(request, form, report=report)
    return _render_import(request, form, report=report, upload_id=upload.pk)


@public
def templates(request: HttpRequest) -> HttpResponse:
    """The column sets of the import files, documented, with a CSV template of each."""
    return render(request, "transfer/templates.html", {"column_sets": _column_sets()})


def _csv_response(rows: list[list[str]], file_name: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheets open the file as UTF-8
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@public
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    """A CSV template: the header of the column set and an example line."""
    if kind not in ImportKind.values:
        raise Http404
    return _csv_response(template_csv_rows(kind), f"interfirm-{kind}-template.csv")


@role_required(kinds=(OrganisationKind.FIRM,))
def export_firm(request: HttpRequest) -> HttpResponse:
    """Everything the platform holds about the acting firm, as a JSON file (data portability)."""
    from interfirm.firms.selectors import firm_for_membership

    firm = firm_for_membership(_membership(request))
    data = exports.firm_export(firm=firm)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="interfirm-firm-{firm.reference}.json"'
    return response


@role_required(kinds=MANAGERS_OF_OPPORTUNITIES)
def export_opportunities(request: HttpRequest) -> HttpResponse:
    """The opportunities the acting organisation manages, as CSV in the columns of the import."""
    from interfirm.opportunities.selectors import opportunities_for_membership

    membership = _membership(request)
    if membership is None:
        raise Http404
    rows = exports.opportunities_csv_rows(
        organisation=membership.organisation,
        opportunities=opportunities_for_membership(membership=membership),
    )
    day = timezone.localdate().isoformat()
    return _csv_response([exports.opportunities_csv_header(), *rows], f"interfirm-opportunities-{day}.csv")
