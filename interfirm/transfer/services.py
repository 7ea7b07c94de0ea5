"""Bulk import: a dry run that reports every bad line, and an import that is all or nothing.

``import_run`` checks every line of a file (``validation.plan_rows``) and then, unless it is a dry run:

- refuses the whole file when any line is bad (nothing is half-imported; the report names the lines
  to fix), or with ``skip_bad`` imports only the good lines, each line whole;
- writes through the services of the firms and opportunities apps (``firm_create``/``firm_update``,
  ``firm_register_by_intermediary``, ``opportunity_create``/``opportunity_update``), which audit each
  change, in one transaction, and records the import itself (``ImportBatch``) in the audit trail;
- is idempotent by the source's reference: a reference the organisation imported before updates the
  object it became (``ImportedRecord``), and a line that would change nothing is left alone.

Imported opportunities are drafts, or submitted for review when an intermediary asks for it: an
import never publishes anything.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interfirm.accounts.models import Organisation, User
from interfirm.audit.services import audit_record
from interfirm.firms.models import Firm
from interfirm.opportunities.models import Opportunity, Status
from interfirm.transfer.models import ImportBatch, ImportedRecord, ImportKind, PendingUpload
from interfirm.transfer.parsers import Table
from interfirm.transfer.validation import (
    CellError,
    Consent,
    Importer,
    Outcome,
    RowPlan,
    header_problems,
    plan_rows,
)

__all__ = [
    "ImportReport",
    "LineReport",
    "import_run",
    "importer_for",
    "pending_upload_create",
    "pending_upload_delete",
    "pending_uploads_expired_before",
]


@dataclass(frozen=True)
class LineReport:
    """What happened (or, in a dry run, would happen) to one line."""

    line: int
    source_ref: str
    outcome: str
    errors: tuple[CellError, ...] = ()
    warnings: tuple[str, ...] = ()
    object_reference: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    """The report of an import or dry run: problems of the file as a whole, then line by line."""

    kind: str
    dry_run: bool
    skip_bad: bool = False
    file_name: str = ""
    header_errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    lines: list[LineReport] = field(default_factory=list)
    # True when a real import was refused because of bad lines: nothing was written.
    refused: bool = False
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        """Return whether the file has no problem at all."""
        return not self.header_errors and all(line.ok for line in self.lines)

    @property
    def imported(self) -> bool:
        """Return whether anything was written."""
        return self.batch_id is not None

    @property
    def bad_lines(self) -> list[LineReport]:
        return [line for line in self.lines if not line.ok]

    @property
    def good_lines(self) -> list[LineReport]:
        return [line for line in self.lines if line.ok]

    @property
    def counts(self) -> dict[str, int]:
        """Return the number of lines by outcome (create, update, unchanged, error)."""
        counter = Counter(line.outcome for line in self.lines)
        return {outcome.value: counter.get(outcome.value, 0) for outcome in Outcome}


# Applying one line --------------------------------------------------------------------------------


class _LineFailed(Exception):
    def __init__(self, plan: RowPlan, message: str) -> None:
        super().__init__(message)
        self.plan = plan
        self.message = message


def _remember(
    *, kind: str, importer: Importer, source_ref: str, obj: models.Model, batch: ImportBatch
) -> None:
    """Record (or move) the object ``source_ref`` became, for the next import of the same file."""
    now = timezone.now()
    ImportedRecord.objects.update_or_create(
        kind=kind,
        source=importer.organisation,
        source_ref=source_ref,
        defaults={
            "content_type": ContentType.objects.get_for_model(type(obj)),
            "object_id": obj.pk,
            "batch": batch,
            "updated_at": now,
        },
        create_defaults={
            "content_type": ContentType.objects.get_for_model(type(obj)),
            "object_id": obj.pk,
            "batch": batch,
            "created_at": now,
            "updated_at": now,
        },
    )


def _firm_new(
    *,
    actor: User | None,
    importer: Importer,
    legal_name: str,
    country_id: str,
    consent: Consent | None,
    data: dict[str, Any],
) -> Firm:
    """Create a firm: registered for the importing intermediary with the consent on file, or created
    by the operator."""
    from interfirm.firms.services import (
        FIRM_M2M_FIELDS,
        firm_create,
        firm_register_by_intermediary,
        firm_update,
    )

    m2m = {name: data.pop(name) for name in FIRM_M2M_FIELDS if name in data}
    if importer.intermediary is not None:
        assert consent is not None  # checked by validation
        return firm_register_by_intermediary(
            actor=actor,
            intermediary=importer.intermediary,
            legal_name=legal_name,
            country_id=country_id,
            consent_method=consent.method,
            consent_given_on=consent.given_on,
            consent_given_by=consent.given_by,
            consent_note=consent.note,
            **m2m,
            **data,
        )
    firm = firm_create(
        actor=actor,
        acting_for=importer.organisation,
        legal_name=legal_name,
        country_id=country_id,
        sectors=m2m.pop("sectors", None),
        **data,
    )
    if any(m2m.values()):
        firm_update(actor=actor, acting_for=importer.organisation, firm=firm, data=m2m)
    return firm


def _apply_contact(*, actor: User | None, importer: Importer, firm: Firm, contact: dict[str, str]) -> None:
    from interfirm.firms.services import contact_person_add, contact_person_update

    for person in firm.contacts.all():
        if person.name.casefold() == contact["name"].casefold():
            if any(getattr(person, key) != value for key, value in contact.items()):
                contact_person_update(
                    actor=actor, acting_for=importer.organisation, contact=person, data=contact
                )
            return
    contact_person_add(
        actor=actor,
        acting_for=importer.organisation,
        firm=firm,
        name=contact["name"],
        position=contact["position"],
        email=contact["email"],
        phone=contact["phone"],
    )


def _apply_firm(plan: RowPlan, *, actor: User | None, importer: Importer) -> Firm:
    from interfirm.firms.services import firm_update

    data = dict(plan.data)
    if plan.target is None:
        firm = _firm_new(
            actor=actor,
            importer=importer,
            legal_name=data.pop("legal_name"),
            country_id=data.pop("country"),
            consent=plan.consent,
            data=data,
        )
    else:
        firm = firm_update(actor=actor, acting_for=importer.organisation, firm=plan.target, data=data)
    if plan.contact is not None:
        _apply_contact(actor=actor, importer=importer, firm=firm, contact=plan.contact)
    return firm


def _apply_opportunity(plan: RowPlan, *, actor: User | None, importer: Importer, submit: bool) -> Opportunity:
    from interfirm.opportunities.services import opportunity_create, opportunity_submit, opportunity_update

    if plan.target is None:
        assert plan.firm is not None  # checked by validation
        opportunity = opportunity_create(
            actor=actor, acting_for=importer.organisation, firm=plan.firm, data=dict(plan.data)
        )
    else:
        opportunity = opportunity_update(
            actor=actor, acting_for=importer.organisation, opportunity=plan.target, data=dict(plan.data)
        )
    if submit and importer.intermediary is not None and opportunity.status == Status.DRAFT:
        opportunity = opportunity_submit(
            actor=actor, acting_for=importer.organisation, opportunity=opportunity
        )
    return opportunity


def _apply_een(plan: RowPlan, *, actor: User | None, importer: Importer, submit: bool) -> Opportunity:
    """Create or update a European partnering profile and the placeholder firm it belongs to.

    The database gives no firm identity, so each profile gets its own firm, named after the profile
    ("EEN profile <Reference>"), in the profile's country and size band, kept by the importing
    intermediary (with the consent recorded as given through the EEN partner that published it).
    """
    from interfirm.firms.services import firm_update
    from interfirm.transfer.validation import differs

    firm_data = dict(plan.firm_data)
    if plan.target is None:
        # Stored data, not interface text: the same name whatever the importer's language.
        legal_name = f"EEN profile {plan.source_ref}"[:200]
        plan.firm = _firm_new(
            actor=actor,
            importer=importer,
            legal_name=legal_name,
            country_id=firm_data.pop("country"),
            consent=plan.consent,
            data=firm_data,
        )
    elif differs(plan.target.firm, firm_data, ("sectors",)):
        firm_update(actor=actor, acting_for=importer.organisation, firm=plan.target.firm, data=firm_data)
    return _apply_opportunity(plan, actor=actor, importer=importer, submit=submit)


def _apply(plan: RowPlan, *, kind: str, actor: User | None, importer: Importer, submit: bool) -> models.Model:
    if kind == ImportKind.FIRMS:
        return _apply_firm(plan, actor=actor, importer=importer)
    if kind == ImportKind.OPPORTUNITIES:
        return _apply_opportunity(plan, actor=actor, importer=importer, submit=submit)
    return _apply_een(plan, actor=actor, importer=importer, submit=submit)


def _public_reference(obj: Any) -> str:
    return str(getattr(obj, "reference", "") or "")


# The import -------------------------------------------------------------------------------------


def importer_for(organisation: Organisation) -> Importer:
    """Return the importer for an intermediary's or the operator's organisation."""
    from interfirm.intermediaries.models import Intermediary

    return Importer(
        organisation=organisation,
        intermediary=Intermediary.objects.filter(organisation=organisation).first(),
    )


def import_run(
    *,
    actor: User | None,
    acting_for: Organisation,
    kind: str,
    table: Table,
    dry_run: bool,
    skip_bad: bool = False,
    submit: bool = False,
    consent: Consent | None = None,
    file_name: str = "",
) -> ImportReport:
    """Check every line of ``table`` (a file of ``kind``) and, unless ``dry_run``, import it for
    ``acting_for`` (an intermediary or the operator); return the report.

    A file with a bad header imports nothing. A real import with a bad line is refused whole, unless
    ``skip_bad``: then the good lines are imported, each whole, and the bad ones reported. ``submit``
    sends imported draft opportunities for review (intermediaries only). ``consent`` is the consent on
    file for firms an intermediary imports whose line has no consent columns.
    """
    report = ImportReport(kind=kind, dry_run=dry_run, skip_bad=skip_bad, file_name=file_name)
    report.header_errors, report.ignored_columns = header_problems(kind, table)
    if report.header_errors:
        return report
    if not table.rows:
        report.header_errors.append(_("The file has no rows under its first line."))
        return report
    importer = importer_for(acting_for)
    if not importer.is_operator and importer.intermediary is None:
        # Firms join an intermediary's portfolio through its directory entry; without one they would
        # be created and then out of its reach.
        report.header_errors.append(_("Your organisation has no entry in the directory of intermediaries."))
        return report
    plans = plan_rows(importer=importer, kind=kind, table=table, consent=consent, file_name=file_name)
    has_errors = any(not plan.ok for plan in plans)
    if dry_run or (has_errors and not skip_bad):
        report.refused = not dry_run
        report.lines = [_line(plan) for plan in plans]
        return report
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                organisation=acting_for,
                actor=actor if actor is not None and actor.is_authenticated else None,
                kind=kind,
                file_name=file_name[:255],
            )
            for plan in plans:
                if not plan.ok or plan.outcome == Outcome.UNCHANGED:
                    continue
                _import_line(
                    plan,
                    kind=kind,
                    actor=actor,
                    importer=importer,
                    submit=submit,
                    batch=batch,
                    skip_bad=skip_bad,
                )
            report.lines = [_line(plan) for plan in plans]
            batch.counts = report.counts
            batch.save(update_fields=["counts"])
            audit_record(
                actor=actor,
                acting_for=acting_for,
                action="transfer.import",
                obj=batch,
                changes={"kind": kind, "file_name": file_name, "skip_bad": skip_bad, "counts": batch.counts},
            )
            report.batch_id = batch.pk
    except _LineFailed as failure:
        failure.plan.error("", failure.message)
        failure.plan.outcome = Outcome.ERROR
        report.refused = True
        report.lines = [_line(plan) for plan in plans]
    return report


def _import_line(
    plan: RowPlan,
    *,
    kind: str,
    actor: User | None,
    importer: Importer,
    submit: bool,
    batch: ImportBatch,
    skip_bad: bool,
) -> None:
    """Import one line whole; a line that fails after validation (a race with another user, say) is
    reported, and refuses the whole import unless bad lines are skipped."""
    from interfirm.opportunities.services import TransitionNotAllowed

    try:
        with transaction.atomic():
            obj = _apply(plan, kind=kind, actor=actor, importer=importer, submit=submit)
            _remember(kind=kind, importer=importer, source_ref=plan.source_ref, obj=obj, batch=batch)
            plan.object_reference = _public_reference(obj)
    except (TransitionNotAllowed, ValidationError, DatabaseError, ValueError) as error:
        message = _("The line could not be imported: %(reason)s") % {
            "reason": getattr(error, "message", None) or str(error)
        }
        if not skip_bad:
            raise _LineFailed(plan, message) from error
        plan.error("", message)
        plan.outcome = Outcome.ERROR


def _line(plan: RowPlan) -> LineReport:
    reference = plan.object_reference
    if not reference and plan.target is not None:
        reference = _public_reference(plan.target)
    return LineReport(
        line=plan.line,
        source_ref=plan.source_ref,
        outcome=plan.outcome or Outcome.ERROR,
        errors=tuple(plan.errors),
        warnings=tuple(plan.warnings),
        object_reference=reference,
    )


# Uploads kept between the dry run and the import ---------------------------------------------------


def pending_uploads_expired_before() -> datetime.datetime:
    """Return the moment before which kept uploads are dropped."""
    return timezone.now() - datetime.timedelta(hours=settings.TRANSFER_UPLOAD_KEEP_HOURS)


@transaction.atomic
def pending_upload_create(
    *,
    user: User,
    organisation: Organisation,
    kind: str,
    file_name: str,
    content: bytes,
    options: dict[str, Any],
) -> PendingUpload:
    """Keep a file checked by a dry run for its import; drop the uploads past their time.

    Not audited: the kept file is the user's own upload, not a change to the exchange's data; the
    import that uses it is.
    """
    PendingUpload.objects.filter(created_at__lt=pending_uploads_expired_before()).delete()
    return PendingUpload.objects.create(
        user=user,
        organisation=organisation,
        kind=kind,
        file_name=file_name[:255],
        content=content,
        options=options,
    )


@transaction.atomic
def pending_upload_delete(*, upload: PendingUpload) -> None:
    """Drop a kept upload (once it has been imported)."""
    upload.delete()
