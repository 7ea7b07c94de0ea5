"""Reads of best-practice cases: the public list with its filters, one case, similar cases, and the
state of a partnership's way to becoming a case.

Published cases are public. A draft is seen only by operators and, for a case drawn from a
partnership, by the partnership's parties and intermediaries (``partnerships.selectors``). A party of
an anonymised case is only ever described (size, type, country), never named: the view objects below
carry no name for it, so no template can show one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from interfirm.accounts.models import Membership
from interfirm.accounts.selectors import is_operator
from interfirm.cases.facets import facet_token
from interfirm.cases.models import Case, CaseConsent, CaseOrigin, CaseParty, CaseStatus
from interfirm.geo.corridors import CorridorKind, bloc_of, corridor_of
from interfirm.geo.models import Country, EconomyGroup
from interfirm.opportunities.models import ArrangementType
from interfirm.sectors.models import IsicCode


def _queryset() -> QuerySet[Case]:
    return Case.objects.prefetch_related("parties__country", "parties__sectors")


# The public list -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    corridor: str = ""
    arrangement: str = ""
    section: str = ""
    country: str = ""
    size: str = ""


def cases_published(filters: CaseFilters | None = None) -> QuerySet[Case]:
    """Return the published cases matching ``filters`` (text, corridor, arrangement type, ISIC
    section, country, size class of a party)."""
    filters = filters or CaseFilters()
    cases = _queryset().filter(status=CaseStatus.PUBLISHED)
    if filters.q:
        text = (
            Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(unfolded__icontains=filters.q)
            | Q(outcomes__icontains=filters.q)
            # Names are searched only where they are shown: never in an anonymised case.
            | Q(anonymised=False, parties__name__icontains=filters.q)
        )
        cases = cases.filter(pk__in=Case.objects.filter(text).values("pk"))
    for kind, value in (
        ("cor", filters.corridor),
        ("arr", filters.arrangement),
        ("sec", filters.section.upper()),
        ("cty", filters.country.upper()),
        ("size", filters.size),
    ):
        if value:
            cases = cases.filter(facets__contains=facet_token(kind, value))
    return cases.order_by("-published_at", "title")


def case_get_for_user(*, user: Any, membership: Membership | None, reference: str) -> Case:
    """Return the case with ``reference`` if the user may see it (published: anyone); else 404."""
    case = _queryset().filter(reference=reference).first()
    if case is None:
        raise Http404
    if case.status == CaseStatus.PUBLISHED or case_user_may_publish(
        user=user, membership=membership, case=case
    ):
        return case
    if case.partnership is not None and _is_party(user=user, membership=membership, case=case):
        return case
    raise Http404


def _viewer(*, user: Any, membership: Membership | None, case: Case) -> Any:
    from interfirm.partnerships.selectors import partnership_viewer

    assert case.partnership is not None
    return partnership_viewer(user=user, membership=membership, partnership=case.partnership)


def _is_party(*, user: Any, membership: Membership | None, case: Case) -> bool:
    return _viewer(user=user, membership=membership, case=case).is_party


def case_user_may_record(user: Any) -> bool:
    """Return whether the user may record a case by hand: operators only."""
    return user is not None and user.is_authenticated and is_operator(user)


def case_user_may_publish(*, user: Any, membership: Membership | None, case: Case) -> bool:
    """Return whether the user may edit and publish ``case``: operators, and for a case drawn from a
    partnership the partnership's intermediaries."""
    if user is not None and user.is_authenticated and is_operator(user):
        return True
    if case.origin != CaseOrigin.PARTNERSHIP or case.partnership is None:
        return False
    return _viewer(user=user, membership=membership, case=case).is_intermediary


# What anyone may see of a case -----------------------------------------------------------------------


@dataclass(frozen=True)
class PartyView:
    """A party as shown: its label is its name only when the case names its parties."""

    label: str
    named: bool
    country_iso3: str
    country_name: str  # English, as the API gives it
    country_label: str  # in the language of the page
    size_class: str
    size_label: str
    organisation_type: str
    organisation_type_label: str
    sectors: tuple[tuple[str, str], ...]
    brought: str


def describe_party(party: CaseParty) -> str:
    """Return the anonymous description of a party: "Large multinational corporation, Canada"."""
    if party.description:
        return party.description
    kind = str(party.get_organisation_type_display())
    if party.size_class:
        kind = _("%(size)s: %(kind)s") % {"size": party.get_size_class_display(), "kind": kind}
    if party.country is not None:
        where = party.country.label
    elif party.economy_group:
        where = str(EconomyGroup(party.economy_group).label)
    else:
        return kind
    return _("%(kind)s, %(where)s") % {"kind": kind, "where": where}


def party_view(party: CaseParty, *, anonymised: bool) -> PartyView:
    named = bool(party.name) and not anonymised
    return PartyView(
        label=party.name if named else describe_party(party),
        named=named,
        country_iso3=party.country_id or "",
        country_name=party.country.name if party.country is not None else "",
        country_label=party.country.label if party.country is not None else "",
        size_class=party.size_class,
        size_label=str(party.get_size_class_display()) if party.size_class else "",
        organisation_type=party.organisation_type,
        organisation_type_label=str(party.get_organisation_type_display()),
        sectors=tuple((s.code, s.title) for s in sorted(party.sectors.all(), key=lambda s: s.code)),
        brought=party.brought,
    )


def case_parties(case: Case) -> list[PartyView]:
    """Return the parties of ``case`` as they may be shown to anyone."""
    return [party_view(p, anonymised=case.anonymised) for p in case.parties.all()]


def arrangement_labels(codes: list[str]) -> list[str]:
    labels = dict(ArrangementType.choices)
    return [str(labels.get(code, code)) for code in codes]


def corridor_labels(codes: list[str]) -> list[str]:
    labels = dict(CorridorKind.choices)
    return [str(labels.get(code, code)) for code in codes]


# Similar cases ---------------------------------------------------------------------------------------

SECTOR_POINTS = {"class": 3.0, "group": 2.0, "division": 1.5, "section": 1.0}
ARRANGEMENT_POINTS = 2.0
CORRIDOR_POINTS = 2.0
BLOC_POINTS = 1.0


@dataclass(frozen=True)
class SimilarCase:
    case: Case
    score: float
    reasons: tuple[str, ...]


def _sector_keys(codes: list[str]) -> dict[str, set[str]]:
    """Return, per ISIC level, the codes at that level covering ``codes`` (a class covers its group…)."""
    keys: dict[str, set[str]] = {"class": set(), "group": set(), "division": set(), "section": set()}
    for node in IsicCode.objects.filter(code__in=codes):
        if node.level == "section":
            keys["section"].add(node.code)
            continue
        digits = node.code
        keys["section"].add(node.section)
        keys["division"].add(digits[:2])
        if len(digits) >= 3:
            keys["group"].add(digits[:3])
        if len(digits) == 4:
            keys["class"].add(digits)
    return keys


def _sector_score(wanted: dict[str, set[str]], case_codes: list[tuple[str, str]]) -> tuple[float, str]:
    best, reason = 0.0, ""
    for code, section in case_codes:
        for level, points, key in (
            ("class", SECTOR_POINTS["class"], code if len(code) == 4 else ""),
            ("group", SECTOR_POINTS["group"], code[:3] if len(code) >= 3 and code.isdigit() else ""),
            ("division", SECTOR_POINTS["division"], code[:2] if code.isdigit() else ""),
            ("section", SECTOR_POINTS["section"], section),
        ):
            if key and key in wanted[level] and points > best:
                best = points
                reason = _("same ISIC %(level)s (%(code)s)") % {"level": level, "code": key}
    return best, reason


def _wanted_corridors(countries: list[Country]) -> tuple[set[str], set[str]]:
    """Return the corridor kinds between the given countries, and (for one country) the kinds its
    bloc can take part in."""
    kinds: set[str] = set()
    for i, first in enumerate(countries):
        for second in countries[i + 1 :]:
            if first.iso3 != second.iso3:
                kinds.add(str(corridor_of(first, second).kind))
    near: set[str] = set()
    if not kinds and countries:
        bloc = bloc_of(countries[0]).name.lower()
        near = {str(kind) for kind in CorridorKind if bloc in str(kind).split("_")}
    return kinds, near


def similar_cases(
    *, sectors: list[str], arrangement_types: list[str], countries: list[str], limit: int = 3
) -> list[SimilarCase]:
    """Return the published cases most like a partnership or an opportunity, best first.

    Points: the closest ISIC match of any party (same class 3, group 2, division 1.5, section 1);
    2 for each arrangement type in common; 2 when a corridor between the given countries is one of the
    case's corridors (with a single country: 1 when the case has a corridor that country's bloc takes
    part in). Cases scoring 0 are left out; ties go to the newer publication, then the title.
    """
    wanted_sectors = _sector_keys(sectors)
    found = list(Country.objects.prefetch_related("memberships").filter(iso3__in=countries))
    by_code = {c.iso3: c for c in found}
    ordered = [by_code[code] for code in countries if code in by_code]
    corridors, near = _wanted_corridors(ordered)
    arrangement_names = dict(ArrangementType.choices)
    results: list[SimilarCase] = []
    for case in cases_published():
        score, reasons = 0.0, []
        codes = [(s.code, s.section) for p in case.parties.all() for s in p.sectors.all()]
        points, reason = _sector_score(wanted_sectors, codes)
        if points:
            score += points
            reasons.append(reason)
        shared = [a for a in case.arrangement_types if a in arrangement_types]
        if shared:
            score += ARRANGEMENT_POINTS * len(shared)
            reasons.append(
                _("same arrangement: %(types)s")
                % {"types": ", ".join(str(arrangement_names.get(a, a)) for a in shared)}
            )
        common = corridors & set(case.corridors)
        if common:
            score += CORRIDOR_POINTS
            reasons.append(
                _("same corridor: %(corridor)s") % {"corridor": ", ".join(corridor_labels(sorted(common)))}
            )
        elif near & set(case.corridors):
            score += BLOC_POINTS
            reasons.append(_("a corridor of the same bloc"))
        if score > 0:
            results.append(SimilarCase(case=case, score=score, reasons=tuple(reasons)))
    results.sort(
        key=lambda r: (
            -r.score,
            -(r.case.published_at.timestamp() if r.case.published_at else 0),
            r.case.title,
        )
    )
    return results[:limit]


# From a partnership to a case ------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentState:
    """Where a partnership stands on its way to becoming a case."""

    partnership: Any
    parties: list[Any]  # partnerships.selectors.PartyView
    consents: dict[int, CaseConsent]
    own_party_ids: frozenset[int]
    may_publish: bool
    case: Case | None

    @property
    def all_consented(self) -> bool:
        return bool(self.parties) and all(p.party.pk in self.consents for p in self.parties)

    @property
    def rows(self) -> list[tuple[Any, CaseConsent | None]]:
        return [(p, self.consents.get(p.party.pk)) for p in self.parties]

    @property
    def missing(self) -> int:
        return sum(1 for p in self.parties if p.party.pk not in self.consents)

    @property
    def named(self) -> bool:
        return self.all_consented and all(c.named for c in self.consents.values())


def partnership_case_state(*, user: Any, membership: Membership | None, reference: str) -> ConsentState:
    """Return the consent state of the partnership ``reference``; 404 unless the user may see it."""
    from interfirm.partnerships.selectors import partnership_get_for_user, partnership_viewer, party_views

    partnership = partnership_get_for_user(user=user, membership=membership, reference=reference)
    viewer = partnership_viewer(user=user, membership=membership, partnership=partnership)
    consents = {c.party_id: c for c in CaseConsent.objects.filter(partnership=partnership)}
    return ConsentState(
        partnership=partnership,
        parties=party_views(user=user, viewer=viewer, partnership=partnership),
        consents=consents,
        own_party_ids=viewer.party_ids,
        may_publish=viewer.operator or viewer.is_intermediary,
        case=Case.objects.filter(partnership=partnership).first(),
    )
