"""The shared parts of row checking: the plan of a row, reading its cells, finding what a source
reference was imported as."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext as _

from interfirm.accounts.models import Organisation, OrganisationKind
from interfirm.firms.models import Firm, Representation
from interfirm.opportunities.models import Opportunity
from interfirm.transfer.columns import FIRM_LINK_COLUMNS, columns_for
from interfirm.transfer.lookups import MAX_SECTORS, Lookups
from interfirm.transfer.models import ImportedRecord, ImportKind
from interfirm.transfer.parsers import SourceRow, Table

if TYPE_CHECKING:
    from interfirm.intermediaries.models import Intermediary


EARLIEST_FOUNDING_YEAR = 1600
MAX_EMPLOYEES = 5_000_000
SOURCE_REF_MAX = 100
# What the consent of a firm imported from the European partnering database is recorded as: the
# Enterprise Europe Network partner that published the profile had the firm validate it.
EEN_CONSENT_GIVEN_BY = "Imported from the European partnering database"
_LIST_SPLIT = re.compile(r"[;\n]+")
_LOOSE_LIST_SPLIT = re.compile(r"[;,\n]+")


class Outcome(models.TextChoices):
    CREATE = "create", "create"
    UPDATE = "update", "update"
    UNCHANGED = "unchanged", "unchanged"
    ERROR = "error", "error"


@dataclass(frozen=True)
class Consent:
    """A firm's consent to the importing intermediary acting for it, as on file."""

    method: str
    given_on: datetime.date
    given_by: str
    note: str = ""


@dataclass(frozen=True)
class Importer:
    """The organisation an import is made for: an intermediary (with its directory entry) or the
    operator of the installation."""

    organisation: Organisation
    intermediary: Intermediary | None = None

    @property
    def is_operator(self) -> bool:
        return self.organisation.kind == OrganisationKind.OPERATOR


@dataclass(frozen=True)
class CellError:
    column: str
    message: str


@dataclass
class RowPlan:
    """What one line of the file will do, or why it cannot."""

    line: int
    source_ref: str = ""
    outcome: str = ""
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The object to update, for an update; the firm an opportunity belongs to.
    target: Any = None
    firm: Firm | None = None
    # Cleaned values for the services: profile fields (and many-to-many lists of keys).
    data: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] | None = None
    consent: Consent | None = None
    # EEN rows: the placeholder firm's values.
    firm_data: dict[str, Any] = field(default_factory=dict)
    # The public reference of the object the line became, once imported.
    object_reference: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, column: str, message: str) -> None:
        self.errors.append(CellError(column, message))


@dataclass(frozen=True)
class PlanContext:
    importer: Importer
    kind: str
    lookups: Lookups
    present: frozenset[str]
    consent: Consent | None
    file_name: str
    # Read once per import: what each source reference became ((kind, source_ref) → object id), and
    # the firms an intermediary actively represents (None for the operator, who manages every firm).
    records: dict[tuple[str, str], int] = field(default_factory=dict)
    managed_firm_ids: frozenset[int] | None = None
    # Active firms whose duplicate key matches a name in the file: (name key, country) → references.
    same_names: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        *,
        importer: Importer,
        kind: str,
        present: frozenset[str],
        consent: Consent | None,
        file_name: str,
        legal_names: Iterable[str] = (),
    ) -> PlanContext:
        """Return the context of an import, with the reference data and the importer's records read."""
        records = {
            (record_kind, source_ref): object_id
            for record_kind, source_ref, object_id in ImportedRecord.objects.filter(
                source=importer.organisation
            ).values_list("kind", "source_ref", "object_id")
        }
        managed = None
        if not importer.is_operator:
            managed = frozenset(
                Representation.objects.filter(
                    intermediary__organisation=importer.organisation, ended_at__isnull=True
                ).values_list("firm_id", flat=True)
            )
        from interfirm.firms.services import name_key_for

        same_names: dict[tuple[str, str], list[tuple[int, str]]] = {}
        keys = {name_key_for(name) for name in legal_names if name.strip()}
        if keys:
            for pk, key, country_id, reference in (
                Firm.objects.filter(name_key__in=keys, merged_into__isnull=True)
                .order_by("pk")
                .values_list("pk", "name_key", "country_id", "reference")
            ):
                same_names.setdefault((key, country_id), []).append((pk, reference))
        return cls(
            importer=importer,
            kind=kind,
            lookups=Lookups.load(),
            present=present,
            consent=consent,
            file_name=file_name,
            records=records,
            managed_firm_ids=managed,
            same_names=same_names,
        )


# Header ------------------------------------------------------------------------------------------


def header_problems(kind: str, table: Table) -> tuple[list[str], list[str]]:
    """Return the problems of the file's header (missing columns, in one message) and the columns
    that will be ignored (not part of the column set)."""
    columns = columns_for(kind)
    keys = set(table.keys)
    titles = dict(zip(table.keys, table.headers, strict=True))
    missing = [column.title for column in columns if column.required and column.key not in keys]
    problems: list[str] = []
    if missing:
        problems.append(
            _("Missing columns: %(columns)s. The first line of the file must name them.")
            % {"columns": ", ".join(missing)}
        )
    if kind == ImportKind.OPPORTUNITIES and not keys & set(FIRM_LINK_COLUMNS):
        problems.append(
            _("Missing column: firm_source_ref or firm_reference (which firm each opportunity is of).")
        )
    # Export-only columns (the status an export writes) are documented as ignored: no warning.
    known = {column.key for column in columns}
    ignored = [titles[key] for key in table.keys if key not in known]
    return problems, ignored


# Cells -------------------------------------------------------------------------------------------


def max_length_of(model: type[models.Model], name: str) -> int | None:
    return getattr(model._meta.get_field(name), "max_length", None)


class Cells:
    """Reads the cells of one row into a plan, recording each problem with its column."""

    def __init__(self, row: SourceRow, plan: RowPlan, context: PlanContext) -> None:
        self.row = row
        self.plan = plan
        self.context = context

    def has(self, column: str) -> bool:
        return column in self.context.present

    def raw(self, column: str) -> str:
        return self.row.values.get(column, "").strip()

    def text(self, column: str, *, max_length: int | None, required: bool = False) -> str | None:
        """Return the cell's text, or None when it is missing, too long, or empty but required."""
        value = self.raw(column)
        if required and not value:
            self.plan.error(column, _("This column must not be empty."))
            return None
        if max_length is not None and len(value) > max_length:
            self.plan.error(
                column,
                _("The text is too long: %(length)d characters, at most %(limit)d.")
                % {"length": len(value), "limit": max_length},
            )
            return None
        return value

    def integer(self, column: str, *, low: int, high: int) -> tuple[bool, int | None]:
        """Return (valid, value) for a whole number between ``low`` and ``high``; empty is None."""
        value = self.raw(column).replace("\u00a0", "").replace(" ", "")
        if not value:
            return True, None
        if not re.fullmatch(r"\d+(\.0+)?", value):
            self.plan.error(column, _("“%(value)s” is not a whole number.") % {"value": self.raw(column)})
            return False, None
        number = int(value.split(".")[0])
        if not low <= number <= high:
            self.plan.error(
                column,
                _("%(value)d is not between %(low)d and %(high)d.")
                % {"value": number, "low": low, "high": high},
            )
            return False, None
        return True, number

    def date(self, column: str, *, day_first: bool = False) -> tuple[bool, datetime.date | None]:
        """Return (valid, date) for a YYYY-MM-DD date (also DD/MM/YYYY and DD.MM.YYYY when
        ``day_first``); empty is None."""
        value = self.raw(column)
        if not value:
            return True, None
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
        parts: tuple[int, int, int] | None = None
        if match:
            parts = (int(match[1]), int(match[2]), int(match[3]))
        elif day_first and (match := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)):
            parts = (int(match[3]), int(match[2]), int(match[1]))
        try:
            if parts is None:
                raise ValueError
            return True, datetime.date(*parts)
        except ValueError:
            expected = "YYYY-MM-DD" + (", DD/MM/YYYY" if day_first else "")
            self.plan.error(
                column,
                _("“%(value)s” is not a date (%(expected)s).") % {"value": value, "expected": expected},
            )
            return False, None

    def choice(self, column: str, choices: type[models.TextChoices]) -> tuple[bool, str]:
        """Return (valid, code) for a value given by code or label; empty is ""."""
        value = self.raw(column)
        if not value:
            return True, ""
        code = choice_code(value, choices)
        if code is None:
            self.plan.error(
                column,
                _("“%(value)s” is not one of: %(codes)s.")
                % {"value": value, "codes": ", ".join(str(c) for c in choices.values if c)},
            )
            return False, ""
        return True, code

    def choices(self, column: str, choices: type[models.TextChoices]) -> tuple[bool, list[str]]:
        """Return (valid, codes) for a ;-separated list of codes or labels."""
        codes: list[str] = []
        unknown: list[str] = []
        for item in split_list(self.raw(column), loose=True):
            code = choice_code(item, choices)
            if code is None:
                unknown.append(item)
            elif code not in codes:
                codes.append(code)
        if unknown:
            self.plan.error(
                column,
                _("Not one of %(codes)s: %(values)s.")
                % {"codes": ", ".join(str(c) for c in choices.values), "values": ", ".join(unknown)},
            )
            return False, []
        return True, codes

    def coded_list(
        self, column: str, resolve: Callable[[str], str | None], unknown_message: str, *, loose: bool = False
    ) -> tuple[bool, list[str]]:
        """Return (valid, keys) for a ;-separated list resolved item by item."""
        keys: list[str] = []
        unknown: list[str] = []
        for item in split_list(self.raw(column), loose=loose):
            key = resolve(item)
            if key is None:
                unknown.append(item)
            elif key not in keys:
                keys.append(key)
        if unknown:
            self.plan.error(column, unknown_message % {"values": ", ".join(unknown)})
            return False, []
        return True, keys

    def countries(self, column: str) -> tuple[bool, list[str]]:
        return self.coded_list(
            column,
            lambda item: self.context.lookups.country(item, by_name=True),
            _("Unknown countries: %(values)s."),
        )

    def isic_classes(self, column: str, *, required: bool) -> tuple[bool, list[str]]:
        """Return (valid, codes) for ISIC Rev.4 classes separated by ; (or commas)."""
        codes: list[str] = []
        unknown: list[str] = []
        not_classes: list[str] = []
        for item in split_list(self.raw(column), loose=True):
            code, problem = self.context.lookups.isic_class(item)
            if problem == "unknown":
                unknown.append(item)
            elif problem == "not_class":
                not_classes.append(item)
            elif code not in codes:
                codes.append(str(code))
        if unknown:
            self.plan.error(column, _("Unknown ISIC Rev.4 codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        if not_classes:
            self.plan.error(
                column,
                _("Not ISIC classes (give the four-digit class codes): %(codes)s.")
                % {"codes": ", ".join(not_classes)},
            )
        if unknown or not_classes:
            return False, []
        if len(codes) > MAX_SECTORS:
            self.plan.error(column, _("Give at most %(limit)d sectors.") % {"limit": MAX_SECTORS})
            return False, []
        if required and not codes:
            self.plan.error(column, _("Give at least one ISIC Rev.4 class."))
            return False, []
        return True, codes


def split_list(value: str, *, loose: bool = False) -> list[str]:
    """Return the trimmed items of a ;-separated cell (also comma-separated when ``loose``)."""
    pattern = _LOOSE_LIST_SPLIT if loose else _LIST_SPLIT
    return [" ".join(item.split()) for item in pattern.split(value or "") if item.strip()]


def choice_code(value: str, choices: type[models.TextChoices]) -> str | None:
    folded = " ".join(value.split()).casefold()
    for code, label in choices.choices:
        if folded in (str(code).casefold(), str(label).casefold()):
            return str(code)
    return None


# Existing objects ---------------------------------------------------------------------------------


def _record(context: PlanContext, kind: str, source_ref: str) -> int | None:
    return context.records.get((kind, source_ref))


def surviving_firm(firm: Firm | None) -> Firm | None:
    """Return the firm, or the firm it was merged into (duplicates are merged, never deleted)."""
    seen: set[int] = set()
    while firm is not None and firm.merged_into_id is not None and firm.pk not in seen:
        seen.add(firm.pk)
        firm = Firm.objects.filter(pk=firm.merged_into_id).first()
    return firm


def may_manage(context: PlanContext, firm: Firm) -> bool:
    """Return whether the importer may change ``firm``: the operator any firm, an intermediary the
    firms it actively represents."""
    return manages_firm_id(context, firm.pk)


def manages_firm_id(context: PlanContext, firm_id: int) -> bool:
    return context.managed_firm_ids is None or firm_id in context.managed_firm_ids


def imported_firm(context: PlanContext, source_ref: str) -> Firm | None:
    """Return the firm the importer imported as ``source_ref`` (after merges), or None."""
    object_id = _record(context, ImportKind.FIRMS, source_ref)
    if object_id is None:
        return None
    return surviving_firm(Firm.objects.filter(pk=object_id).first())


def imported_opportunity(context: PlanContext, kind: str, source_ref: str) -> Opportunity | None:
    object_id = _record(context, kind, source_ref)
    if object_id is None:
        return None
    return Opportunity.objects.select_related("firm").filter(pk=object_id).first()


def differs(obj: models.Model, data: dict[str, Any], m2m: Iterable[str]) -> bool:
    """Return whether applying ``data`` would change ``obj``."""
    m2m = set(m2m)
    for name, value in data.items():
        if name in m2m:
            current = {str(pk) for pk in getattr(obj, name).values_list("pk", flat=True)}
            if current != {str(getattr(v, "pk", v)) for v in value}:
                return True
        elif name == "country":
            if getattr(obj, "country_id", None) != value:
                return True
        else:
            current_value = getattr(obj, name)
            if isinstance(current_value, list):
                value = list(value)
            if (current_value if current_value is not None else "") != (value if value is not None else ""):
                return True
    return False
