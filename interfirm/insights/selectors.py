"""The statistics of the exchange (para 6): every figure as a ``tables.Table``, for a period.

Which date puts a unit in the period: an opportunity its creation, an expression of interest its
sending (an accepted one, for "partners located", its acceptance), a partnership its first contact
(``started_on``), a check-in the end of the period it reports on. Series are by quarter or by year.

Counts are aggregate ORM queries (``values().annotate(Count())``) that run the same on SQLite and
PostgreSQL; what needs a JSON list, a corridor or a date bucket is aggregated in Python over
``values_list`` — one query a figure, fast at the scale of an installation.

The corridor of a partnership is the corridor between its first party and the first party in another
country (``geo.corridors.corridor_of``) with the LDC membership in force on the day of first contact;
a partnership whose parties are all in one country is *domestic*.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interfirm.geo.corridors import CorridorKind, corridor_of
from interfirm.geo.models import Country
from interfirm.insights.tables import Row, Table, count, measure
from interfirm.introductions.models import EoiStatus, ExpressionOfInterest
from interfirm.opportunities.models import ArrangementType, Domain, Kind, Opportunity, Status
from interfirm.partnerships.models import (
    CheckIn,
    FailureReason,
    Partnership,
    PartnershipParty,
    PartnershipStage,
)
from interfirm.sectors.models import IsicCode

QUARTER = "quarter"
YEAR = "year"
DOMESTIC = "domestic"

TOPICS: dict[str, object] = {
    "exchange": gettext_lazy("Opportunities and expressions of interest"),
    "partnerships": gettext_lazy("Partnerships"),
    "performance": gettext_lazy("Time to agreement, survival, failures and trust"),
    "trends": gettext_lazy("Over time"),
}


@dataclass(frozen=True)
class Period:
    start: datetime.date | None = None
    end: datetime.date | None = None
    series: str = QUARTER

    def date_q(self, name: str) -> Q:
        """Return the condition that the date field ``name`` falls in the period (both ends included)."""
        q = Q()
        if self.start:
            q &= Q(**{f"{name}__gte": self.start})
        if self.end:
            q &= Q(**{f"{name}__lte": self.end})
        return q

    def datetime_q(self, name: str) -> Q:
        """Return the condition for a datetime field (the end day included whole)."""
        q = Q()
        if self.start:
            q &= Q(**{f"{name}__date__gte": self.start})
        if self.end:
            q &= Q(**{f"{name}__date__lte": self.end})
        return q

    def bucket(self, day: datetime.date) -> str:
        """Return the label of the series bucket of ``day``: "2025 Q3" or "2025"."""
        if self.series == YEAR:
            return str(day.year)
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"

    def buckets(self, days: Iterable[datetime.date]) -> list[str]:
        """Return every bucket from the first to the last of ``days`` (or of the period), in order."""
        known = sorted(days)
        first = self.start or (known[0] if known else None)
        last = self.end or (known[-1] if known else None)
        if first is None or last is None or first > last:
            return []
        labels: dict[str, None] = {}  # ordered, each label once
        year, month = first.year, first.month
        step = 12 if self.series == YEAR else 3
        month = 1 if self.series == YEAR else month - (month - 1) % 3  # the bucket's first month
        while (year, month) <= (last.year, last.month):
            labels[self.bucket(datetime.date(year, month, 1))] = None
            month += step
            if month > 12:
                year, month = year + 1, month - 12
        return list(labels)


# The dates a period may take. Partnerships recorded from a programme's files may go back decades;
# a period reaching further, or years into the future, is a mistake (and a series of thousands of
# empty buckets).
EARLIEST_YEAR = 1900
YEARS_AHEAD = 10


def period_errors(start: datetime.date | None, end: datetime.date | None) -> dict[str, str]:
    """Return {field: message} for what is wrong with a period (empty when it is fine)."""
    latest_year = timezone.localdate().year + YEARS_AHEAD
    errors: dict[str, str] = {}
    for name, day in (("start", start), ("end", end)):
        if day is not None and not EARLIEST_YEAR <= day.year <= latest_year:
            errors[name] = _("Give a date from %(first)d to %(last)d.") % {
                "first": EARLIEST_YEAR,
                "last": latest_year,
            }
    if not errors and start and end and start > end:
        errors["end"] = _("The start of the period must come before its end.")
    return errors


def _local_date(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _table(
    key: str,
    title: str,
    topic: str,
    counts: dict[str, int],
    labels: Mapping[str, object],
    *,
    total: int | None = None,
    partition: bool = False,
    keep_empty: bool = True,
    note: str = "",
    column: str = "",
) -> Table:
    """Return a one-column count table with a row per label (in the order of ``labels``)."""
    rows = [
        Row(key=k, label=str(label), cells=(count(counts.get(k, 0)),))
        for k, label in labels.items()
        if keep_empty or counts.get(k)
    ]
    rows += [Row(key=k, label=k, cells=(count(v),)) for k, v in counts.items() if k not in labels and v]
    if total is not None:
        rows.append(Row(key="total", label=_("Total"), cells=(count(total),), is_total=True))
    return Table(
        key=key,
        title=title,
        columns=(column or _("Number"),),
        rows=tuple(rows),
        topic=topic,
        partition=partition,
        note=note,
    )


def _grouped(queryset: QuerySet, field: str) -> dict[str, int]:
    return {row[field]: row["n"] for row in queryset.values(field).annotate(n=Count("pk")).order_by(field)}


# Opportunities and expressions of interest ------------------------------------------------------------


def _opportunities(period: Period) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(period.datetime_q("created_at"))


def _expressions(period: Period) -> QuerySet[ExpressionOfInterest]:
    return ExpressionOfInterest.objects.filter(period.datetime_q("created_at"))


def exchange_tables(period: Period) -> list[Table]:
    """Return opportunities by kind, domain and status; expressions of interest by status and their
    acceptance rate; partners located."""
    opportunities = _opportunities(period)
    total = opportunities.count()
    domains: Counter[str] = Counter()
    for values in opportunities.values_list("domains", flat=True):
        domains.update(set(values or []))
    expressions = _expressions(period)
    eoi_total = expressions.count()
    by_status = _grouped(expressions, "status")
    accepted = by_status.get(EoiStatus.ACCEPTED, 0)
    closed = accepted + by_status.get(EoiStatus.DECLINED, 0) + by_status.get(EoiStatus.EXPIRED, 0)
    rate = measure(100.0 * accepted / closed if closed else None, n=closed, numerator=accepted)
    located = ExpressionOfInterest.objects.filter(period.datetime_q("decided_at"), status=EoiStatus.ACCEPTED)
    opened = Partnership.objects.filter(period.date_q("started_on")).count()
    return [
        _table(
            "opportunities_by_kind",
            _("Opportunities by kind"),
            "exchange",
            _grouped(opportunities, "kind"),
            dict(Kind.choices),
            total=total,
            partition=True,
        ),
        _table(
            "opportunities_by_domain",
            _("Opportunities by domain"),
            "exchange",
            dict(domains),
            dict(Domain.choices),
            note=_("An opportunity can be in several domains."),
        ),
        _table(
            "opportunities_by_status",
            _("Opportunities by status"),
            "exchange",
            _grouped(opportunities, "status"),
            dict(Status.choices),
            total=total,
            partition=True,
        ),
        _table(
            "expressions_by_status",
            _("Expressions of interest by status"),
            "exchange",
            by_status,
            dict(EoiStatus.choices),
            total=eoi_total,
            partition=True,
        ),
        Table(
            key="acceptance",
            title=_("Acceptance of expressions of interest"),
            columns=(_("Value"),),
            rows=(
                Row("closed", _("Answered or expired"), (count(closed),)),
                Row("accepted", _("Accepted"), (count(accepted),)),
                Row("rate", _("Acceptance rate (%)"), (rate,)),
            ),
            topic="exchange",
            chart="",
            note=_("Accepted ÷ (accepted + declined + expired); open and withdrawn ones are left out."),
        ),
        _table(
            "partners_located",
            _("Partners located"),
            "exchange",
            {"accepted": located.count(), "opened": opened},
            {
                "accepted": _("Expressions of interest accepted (identities exchanged)"),
                "opened": _("Partnerships opened"),
            },
        ),
    ]


# Partnerships ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnershipFacts:
    """What the statistics need of one partnership, read once."""

    pk: int
    stage: str
    started_on: datetime.date
    agreement_signed_on: datetime.date | None
    ended_on: datetime.date | None
    failure_reason: str
    arrangement_types: tuple[str, ...]
    countries: tuple[str, ...]  # ISO alpha-3 of the parties, in party order
    sections: frozenset[str]
    corridor: str  # a CorridorKind value, or "domestic", or "" (fewer than two parties)
    involves_ldc: bool
    involves_transition: bool


def _partnerships(period: Period) -> QuerySet[Partnership]:
    return Partnership.objects.filter(period.date_q("started_on"))


def partnership_facts(period: Period) -> list[PartnershipFacts]:
    """Return the facts of every partnership that started in ``period`` (four queries in all)."""
    rows = list(
        _partnerships(period).values_list(
            "pk",
            "stage",
            "started_on",
            "agreement_signed_on",
            "ended_on",
            "failure_reason",
            "arrangement_types",
            "agreement_types",
        )
    )
    ids = [row[0] for row in rows]
    parties: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for partnership_id, country, firm_id in (
        PartnershipParty.objects.filter(partnership_id__in=ids)
        .order_by("partnership_id", "pk")
        .values_list("partnership_id", "firm__country_id", "firm_id")
    ):
        parties[partnership_id].append((country, firm_id))
    firm_ids = {firm_id for members in parties.values() for _country, firm_id in members}
    sections_of: dict[int, set[str]] = defaultdict(set)
    from interfirm.firms.models import Firm

    for firm_id, section in Firm.sectors.through.objects.filter(firm_id__in=firm_ids).values_list(
        "firm_id", "isiccode__section"
    ):
        sections_of[firm_id].add(section)
    countries = {c.iso3: c for c in Country.objects.prefetch_related("memberships")}
    facts = []
    for pk, stage, started, signed, ended, reason, arrangements, agreements in rows:
        members = parties.get(pk, [])
        codes = tuple(country for country, _firm in members)
        corridor, ldc, transition = "", False, False
        if codes:
            first = countries[codes[0]]
            other_code = next((c for c in codes[1:] if c != codes[0]), None)
            if other_code is not None or len(codes) > 1:
                found = corridor_of(first, countries[other_code or codes[0]], on=started)
                corridor = str(found.kind) if other_code else DOMESTIC
                ldc = any(countries[c].in_group("LDC", started) for c in codes)
                transition = found.involves_transition or any(
                    countries[c].economy_group == "transition" for c in codes
                )
        facts.append(
            PartnershipFacts(
                pk=pk,
                stage=stage,
                started_on=started,
                agreement_signed_on=signed,
                ended_on=ended,
                failure_reason=reason,
                arrangement_types=tuple(agreements or arrangements or []),
                countries=codes,
                sections=frozenset(s for _c, firm in members for s in sections_of.get(firm, set())),
                corridor=corridor,
                involves_ldc=ldc,
                involves_transition=transition,
            )
        )
    return facts


def corridor_labels() -> dict[str, str]:
    labels = {str(k): str(v) for k, v in CorridorKind.choices}
    labels[DOMESTIC] = _("Domestic (one country)")
    return labels


def partnership_tables(period: Period, facts: list[PartnershipFacts] | None = None) -> list[Table]:
    """Return partnerships by stage, arrangement type, ISIC section, country and corridor, with the
    involvement of least developed countries and economies in transition."""
    facts = partnership_facts(period) if facts is None else facts
    total = len(facts)
    stages = Counter(f.stage for f in facts)
    arrangements = Counter(a for f in facts for a in set(f.arrangement_types))
    sections = Counter(s for f in facts for s in f.sections)
    countries = Counter(c for f in facts for c in set(f.countries))
    corridors = Counter(f.corridor for f in facts if f.corridor)
    section_titles = {
        s.code: f"{s.code} – {s.title}" for s in IsicCode.objects.filter(level="section").order_by("code")
    }
    # Named in the language of the page or export, as every other label (the key stays the ISO code).
    country_names = {c.iso3: c.lazy_label() for c in Country.objects.filter(iso3__in=list(countries))}
    country_labels = {
        code: country_names.get(code, code)
        for code, _n in sorted(countries.items(), key=lambda x: (-x[1], x[0]))
    }
    several = _("A partnership counts once for each of its values.")
    return [
        _table(
            "partnerships_by_stage",
            _("Partnerships by stage"),
            "partnerships",
            dict(stages),
            dict(PartnershipStage.choices),
            total=total,
            partition=True,
        ),
        _table(
            "partnerships_by_arrangement",
            _("Partnerships by arrangement type"),
            "partnerships",
            dict(arrangements),
            dict(ArrangementType.choices),
            keep_empty=False,
            note=several,
        ),
        _table(
            "partnerships_by_section",
            _("Partnerships by sector (ISIC section of a party)"),
            "partnerships",
            dict(sections),
            {k: v for k, v in section_titles.items() if sections.get(k)},
            note=several,
        ),
        _table(
            "partnerships_by_country",
            _("Partnerships by country of a party"),
            "partnerships",
            dict(countries),
            country_labels,
            note=several,
        ),
        _table(
            "partnerships_by_corridor",
            _("Partnerships by corridor"),
            "partnerships",
            dict(corridors),
            corridor_labels(),
            total=sum(corridors.values()),
            partition=True,
            note=_(
                "Corridor between the first party and the first party in another country (UN grouping of "
                "economies; North = developed, South = developing)."
            ),
        ),
        _table(
            "partnerships_special_groups",
            _("Partnerships involving least developed countries and economies in transition"),
            "partnerships",
            {
                "ldc": sum(1 for f in facts if f.involves_ldc),
                "transition": sum(1 for f in facts if f.involves_transition),
            },
            {
                "ldc": _(
                    "With a party in a least developed country (the LDC list in force at first contact)"
                ),
                "transition": _("With a party in an economy in transition"),
            },
        ),
    ]


# Performance ----------------------------------------------------------------------------------------


def _quartiles(values: list[int]) -> tuple[float | None, float | None, float | None]:
    if not values:
        return None, None, None
    if len(values) == 1:
        return float(values[0]), float(values[0]), float(values[0])
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def _survival(facts: PartnershipFacts, months: int, today: datetime.date) -> bool | None:
    from interfirm.partnerships.selectors import survival

    stand_in = Partnership(
        stage=facts.stage, agreement_signed_on=facts.agreement_signed_on, ended_on=facts.ended_on
    )
    return survival(stand_in, months, today=today)


def performance_tables(
    period: Period, facts: list[PartnershipFacts] | None = None, *, today: datetime.date | None = None
) -> list[Table]:
    """Return the time from first contact to agreement, survival at 12 and 24 months, failure reasons
    and the trust trend."""
    facts = partnership_facts(period) if facts is None else facts
    today = today or timezone.localdate()
    days = [(f.agreement_signed_on - f.started_on).days for f in facts if f.agreement_signed_on]
    q1, median, q3 = _quartiles(days)
    n = len(days)
    survival_rows = []
    for months in (12, 24):
        outcomes = Counter(_survival(f, months, today) for f in facts if f.agreement_signed_on)
        survival_rows.append((months, outcomes))
    failures = Counter(f.failure_reason or "other" for f in facts if f.stage == PartnershipStage.FAILED)
    return [
        Table(
            key="time_to_agreement",
            title=_("Days from first contact to agreement"),
            columns=(_("Days"),),
            rows=(
                Row("agreements", _("Agreements signed"), (count(n),)),
                Row("q1", _("First quartile"), (measure(q1, n=n, decimals=0),)),
                Row("median", _("Median"), (measure(median, n=n, decimals=0),)),
                Row("q3", _("Third quartile"), (measure(q3, n=n, decimals=0),)),
            ),
            topic="performance",
            chart="",
            note=_("Quartiles by the inclusive method over the partnerships that signed an agreement."),
        ),
        Table(
            key="survival",
            title=_("Still active after the agreement"),
            columns=(_("At 12 months"), _("At 24 months")),
            rows=(
                Row(
                    "active",
                    _("Still active, or completed"),
                    tuple(count(o.get(True, 0)) for _m, o in survival_rows),
                ),
                Row(
                    "ended",
                    _("Terminated or failed"),
                    tuple(count(o.get(False, 0)) for _m, o in survival_rows),
                ),
                Row(
                    "unknown",
                    _("Too recent to tell"),
                    tuple(count(o.get(None, 0)) for _m, o in survival_rows),
                ),
                Row(
                    "total",
                    _("Agreements signed"),
                    tuple(count(sum(o.values())) for _m, o in survival_rows),
                    is_total=True,
                ),
            ),
            topic="performance",
            partition=True,
            note=_("Months counted from the signature of the agreement."),
        ),
        _table(
            "failure_reasons",
            _("Failed partnerships by reason"),
            "performance",
            dict(failures),
            dict(FailureReason.choices),
            total=sum(failures.values()),
            partition=True,
            note=_("The reasons follow the causes of failure named in para 20 of the source report."),
        ),
        trust_table(period),
    ]


def trust_table(period: Period) -> Table:
    """Return the mean contractual, goodwill and competence trust (1–5) of the answered check-ins, by
    period of the series, with the mean of the three."""
    rows = CheckIn.objects.filter(period.date_q("period_end"), submitted_at__isnull=False).values_list(
        "period_end", "trust_contractual", "trust_goodwill", "trust_competence"
    )
    sums: dict[str, list[list[int]]] = defaultdict(lambda: [[], [], []])
    days = []
    for day, *trusts in rows:
        days.append(day)
        bucket = sums[period.bucket(day)]
        for i, value in enumerate(trusts):
            if value is not None:
                bucket[i].append(value)
    table_rows = []
    for label in period.buckets(days):
        values = sums.get(label, [[], [], []])
        means = [statistics.fmean(v) if v else None for v in values]
        every = [x for v in values for x in v]
        cells = tuple(measure(m, n=len(v), decimals=2) for m, v in zip(means, values, strict=True))
        answered = max(len(v) for v in values)
        table_rows.append(
            Row(
                label,
                label,
                (*cells, measure(statistics.fmean(every) if every else None, n=answered, decimals=2)),
            )
        )
    return Table(
        key="trust_trend",
        title=_("Trust between the partners (mean, 1–5)"),
        columns=(_("Contractual"), _("Goodwill"), _("Competence"), _("Mean of the three")),
        rows=tuple(table_rows),
        topic="performance",
        chart="line",
        note=_("From the answered check-ins, by the period they report on."),
        extra={"scale": (1, 5)},
    )


# Over time ------------------------------------------------------------------------------------------


def series_table(period: Period) -> Table:
    """Return opportunities, expressions of interest and partnerships begun in each quarter or year."""
    columns: list[list[datetime.date]] = [
        [_local_date(v) for v in _opportunities(period).values_list("created_at", flat=True)],
        [_local_date(v) for v in _expressions(period).values_list("created_at", flat=True)],
        list(_partnerships(period).values_list("started_on", flat=True)),
    ]
    counters = [Counter(period.bucket(d) for d in days) for days in columns]
    labels = period.buckets([d for days in columns for d in days])
    rows = [Row(label, label, tuple(count(c.get(label, 0)) for c in counters)) for label in labels]
    rows.append(Row("total", _("Total"), tuple(count(sum(c.values())) for c in counters), is_total=True))
    return Table(
        key="series",
        title=_("Begun in each quarter") if period.series == QUARTER else _("Begun in each year"),
        columns=(_("Opportunities"), _("Expressions of interest"), _("Partnerships")),
        rows=tuple(rows),
        topic="trends",
        partition=True,
        chart="line",
    )


def all_tables(period: Period, *, today: datetime.date | None = None) -> list[Table]:
    """Return every table of the dashboard, topic by topic."""
    facts = partnership_facts(period)
    return [
        *exchange_tables(period),
        *partnership_tables(period, facts),
        *performance_tables(period, facts, today=today),
        series_table(period),
    ]
