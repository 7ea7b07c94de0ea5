"""Reads of support instruments: the public list of open instruments (no firm data in it), and which
instruments a firm — or the partners of a partnership — may qualify for, rule by rule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Firm, SizeClass
from interfirm.geo.models import CountryGroup, EconomyGroup, label_sort_key
from interfirm.instruments.eligibility import Outcome, Party, Rules, check
from interfirm.instruments.models import SupportInstrument

if TYPE_CHECKING:
    from interfirm.intermediaries.models import Intermediary


def open_instruments(today: datetime.date | None = None) -> QuerySet[SupportInstrument]:
    """Return the instruments open to applications (active, deadline not passed)."""
    day = today or timezone.localdate()
    return (
        SupportInstrument.objects.filter(is_active=True)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=day))
        .select_related("provider", "provider__country")
        .prefetch_related("countries")
        .order_by("kind", "name")
    )


def instrument_get_public(*, slug: str) -> SupportInstrument:
    """Return the open instrument ``slug``; ``Http404`` for an unknown or closed one."""
    instrument = open_instruments().filter(slug=slug).first()
    if instrument is None:
        raise Http404
    return instrument


def rules_of(instrument: SupportInstrument) -> Rules:
    return Rules(
        countries=frozenset(c.pk for c in instrument.countries.all()),
        economy_groups=frozenset(instrument.economy_groups or []),
        ldc_only=instrument.ldc_only,
        size_classes=frozenset(instrument.size_classes or []),
        isic_prefixes=tuple(instrument.isic_prefixes or []),
        arrangement_types=frozenset(instrument.arrangement_types or []),
        min_readiness=instrument.min_readiness,
        cofinancing_required=instrument.cofinancing_required,
    )


def _labels(instruments: list[SupportInstrument]) -> dict[str, dict[str, str]]:
    from interfirm.opportunities.models import ArrangementType
    from interfirm.readiness.models import ReadinessLevel

    countries = {c.pk: c.label for i in instruments for c in i.countries.all()}
    return {
        "country": countries,
        "economy_group": {k: str(v) for k, v in EconomyGroup.choices},
        "size": {k: str(v) for k, v in SizeClass.choices},
        "arrangement": {k: str(v) for k, v in ArrangementType.choices},
        "level": {k: str(v) for k, v in ReadinessLevel.choices},
    }


def parties_of(firms: list[Firm], today: datetime.date | None = None) -> list[Party]:
    """Return the plain facts the rules read of ``firms`` (readiness and sought arrangements included)."""
    from interfirm.opportunities.models import Opportunity, Status
    from interfirm.readiness.selectors import readiness_levels_for_firms

    day = today or timezone.localdate()
    levels = readiness_levels_for_firms([f.pk for f in firms])
    sought: dict[int, set[str]] = {}
    for firm_id, types in Opportunity.objects.filter(
        firm__in=firms, status__in=(Status.DRAFT, Status.SUBMITTED, Status.ON_HOLD, Status.PUBLISHED)
    ).values_list("firm_id", "arrangement_types"):
        sought.setdefault(firm_id, set()).update(types or [])
    parties = []
    for firm in firms:
        sectors = list(firm.sectors.all())
        parties.append(
            Party(
                reference=firm.reference,
                country=firm.country_id,
                economy_group=firm.country.economy_group,
                ldc=firm.country.in_group(CountryGroup.LDC, day),
                size_class=firm.size_class,
                sectors=tuple(s.code for s in sectors),
                sections=tuple(sorted({s.section for s in sectors})),
                readiness=levels.get(firm.pk, ("", False))[0],
                arrangement_types=tuple(sorted(sought.get(firm.pk, set()))),
            )
        )
    return parties


@dataclass(frozen=True)
class Eligibility:
    """One instrument and how the firm (or partnership) fares against each of its rules."""

    instrument: SupportInstrument
    outcome: Outcome

    @property
    def may_qualify(self) -> bool:
        return self.outcome.may_qualify


def _eligibility(
    parties: list[Party],
    *,
    arrangement_types: list[str] | None,
    cofinancing_committed: set[str] | None,
    today: datetime.date | None,
) -> list[Eligibility]:
    instruments = list(open_instruments(today))
    labels = _labels(instruments)
    found = [
        Eligibility(
            instrument,
            check(
                rules_of(instrument),
                parties,
                arrangement_types=arrangement_types,
                cofinancing_committed=cofinancing_committed,
                labels=labels,
            ),
        )
        for instrument in instruments
    ]
    return sorted(found, key=lambda e: (not e.may_qualify, len(e.outcome.not_met), e.instrument.name))


def eligibility_for_firm(firm: Firm, today: datetime.date | None = None) -> list[Eligibility]:
    """Return every open instrument with the rules ``firm`` meets and does not: those it may qualify
    for first. Arrangement types are read from the firm's own opportunities."""
    return _eligibility(
        parties_of([firm], today), arrangement_types=None, cofinancing_committed=None, today=today
    )


def eligibility_for_partnership(
    firms: list[Firm],
    arrangement_types: list[str],
    *,
    cofinancing_committed: list[Firm] | None = None,
    today: datetime.date | None = None,
) -> list[Eligibility]:
    """Return every open instrument with the rules the partnership of ``firms`` meets and does not.

    A rule about the firm is met when one partner meets it; ``arrangement_types`` are those of the
    partnership; co-financing is met when every partner is in ``cofinancing_committed`` (to be
    confirmed when that is not given)."""
    committed = {f.reference for f in cofinancing_committed} if cofinancing_committed is not None else None
    return _eligibility(
        parties_of(firms, today),
        arrangement_types=list(arrangement_types),
        cofinancing_committed=committed,
        today=today,
    )


# Managing instruments -----------------------------------------------------------------------------


def managing_intermediary(user: Any, membership: Membership | None) -> Intermediary | None:
    """Return the intermediary the acting user manages instruments for (None for an operator)."""
    from interfirm.firms.selectors import intermediary_for_membership

    if membership and membership.organisation.kind == OrganisationKind.INTERMEDIARY:
        return intermediary_for_membership(membership)
    if is_operator(user):
        return None
    raise Http404


def instruments_managed(*, user: Any, membership: Membership | None) -> QuerySet[SupportInstrument]:
    """Return the instruments the acting organisation manages: an intermediary its own as provider;
    an operator every one. ``Http404`` for anyone else."""
    intermediary = managing_intermediary(user, membership)
    instruments = SupportInstrument.objects.select_related("provider").order_by("name")
    return instruments.filter(provider=intermediary) if intermediary is not None else instruments


def instrument_get_for_editing(*, user: Any, membership: Membership | None, slug: str) -> SupportInstrument:
    instrument = instruments_managed(user=user, membership=membership).filter(slug=slug).first()
    if instrument is None:
        raise Http404
    return instrument


def rule_lines(instrument: SupportInstrument) -> list[str]:
    """Return the instrument's eligibility rules as sentences, codes named ("Open to every firm." when
    it sets none)."""
    from django.utils.translation import gettext as _

    labels = _labels([instrument])
    rules = rules_of(instrument)

    def named(kind: str, codes: Any) -> str:
        return ", ".join(sorted((labels[kind].get(code, code) for code in codes), key=label_sort_key))

    lines = []
    if rules.countries:
        lines.append(_("Firms based in: %(countries)s.") % {"countries": named("country", rules.countries)})
    if rules.economy_groups:
        lines.append(
            _("Economy groups: %(groups)s.") % {"groups": named("economy_group", rules.economy_groups)}
        )
    if rules.ldc_only:
        lines.append(_("Only firms in least developed countries."))
    if rules.size_classes:
        lines.append(_("Firm sizes: %(sizes)s.") % {"sizes": named("size", rules.size_classes)})
    if rules.isic_prefixes:
        lines.append(_("Sectors (ISIC): %(sectors)s.") % {"sectors": ", ".join(rules.isic_prefixes)})
    if rules.arrangement_types:
        lines.append(_("Arrangements: %(types)s.") % {"types": named("arrangement", rules.arrangement_types)})
    if rules.min_readiness:
        lines.append(
            _("Partnership readiness of at least “%(level)s”.")
            % {"level": labels["level"].get(rules.min_readiness, rules.min_readiness)}
        )
    if rules.cofinancing_required:
        lines.append(_("Both partners contribute funds at the start of the project (para 41)."))
    return lines or [_("Open to every firm.")]
