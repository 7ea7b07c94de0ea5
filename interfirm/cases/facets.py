"""The computed facets of a case: corridor(s), LDC and transition involvement, and the filter key.

The corridor of a case is the corridor between its first party (the one the case is about) and the
first party in another country; ``corridors`` lists every kind found between the first party and each
party in another country (the Turkish appliance maker works both North-South and South-South). A case
whose parties are all in one country is *domestic*; its corridor is that of the country with itself.
LDC membership is read on 1 January of the case's first year (the groups in force then), today when
the case has no period.

``facets`` is a space-separated string of ``kind:value`` tokens with a space at both ends, so that a
filter is ``facets__contains=" arr:licensing "`` — the same ``LIKE`` on SQLite and PostgreSQL (JSON
containment lookups are not available on SQLite).
"""

from __future__ import annotations

import datetime

from interfirm.cases.models import Case
from interfirm.geo.corridors import _KINDS, bloc_of, corridor_of
from interfirm.geo.models import Country, CountryGroup, EconomyGroup, IncomeGroup

# A party known only as "in developed countries" stands in the North under either grouping.
_INCOME_OF_GROUP: dict[str, str] = {EconomyGroup.DEVELOPED: IncomeGroup.HIGH}


def facet_token(kind: str, value: str) -> str:
    """Return the token searched for in ``Case.facets`` (spaces included)."""
    return f" {kind}:{value} "


def _group_kind(country: Country, economy_group: str) -> str:
    """Return the corridor kind between ``country`` and a party known only by its group of countries."""
    stand_in = Country(economy_group=economy_group, income_group=_INCOME_OF_GROUP.get(economy_group, ""))
    blocs = sorted((bloc_of(country), bloc_of(stand_in)), key=lambda bloc: bloc.value)
    return str(_KINDS[(blocs[0], blocs[1])])


def case_refresh_facets(case: Case) -> list[str]:
    """Recompute the corridor and facet fields of ``case`` from its parties (not saved); return the
    names of the fields set."""
    parties = list(case.parties.select_related("country").prefetch_related("sectors", "country__memberships"))
    day = datetime.date(case.period_start, 1, 1) if case.period_start else datetime.date.today()
    located = [p for p in parties if p.country is not None]
    countries: list[Country] = [p.country for p in located if p.country is not None]
    kinds: list[str] = []
    ldc = any(c.in_group(CountryGroup.LDC, day) for c in countries)
    transition = any(c.economy_group == EconomyGroup.TRANSITION for c in countries) or any(
        p.economy_group == EconomyGroup.TRANSITION for p in parties
    )
    if countries:
        first = countries[0]
        others = [c for c in countries[1:] if c.iso3 != first.iso3]
        grouped = [p.economy_group for p in parties if p.country is None and p.economy_group]
        for other in others or ([] if grouped else [first]):
            kind = str(corridor_of(first, other, on=day).kind)
            if kind not in kinds:
                kinds.append(kind)
        for group in grouped:
            kind = _group_kind(first, group)
            if kind not in kinds:
                kinds.append(kind)
    case.corridor = kinds[0] if kinds else ""
    case.corridors = kinds
    case.involves_ldc = ldc
    case.involves_transition = transition
    case.domestic = bool(countries) and len({c.iso3 for c in countries}) == 1 and len(located) == len(parties)
    tokens: list[str] = []
    tokens += [f"arr:{a}" for a in case.arrangement_types]
    tokens += [f"cor:{k}" for k in kinds]
    tokens += sorted({f"cty:{c.iso3}" for c in countries})
    tokens += sorted({f"size:{p.size_class}" for p in parties if p.size_class})
    sections = sorted({s.section for p in parties for s in p.sectors.all()})
    tokens += [f"sec:{s}" for s in sections]
    if ldc:
        tokens.append("grp:ldc")
    if transition:
        tokens.append("grp:transition")
    case.facets = " " + " ".join(tokens) + " "
    return ["corridor", "corridors", "involves_ldc", "involves_transition", "domestic", "facets"]
