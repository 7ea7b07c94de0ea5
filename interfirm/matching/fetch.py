"""Read the database once into the engine's plain inputs (``engine.types``): profiles of the published
opportunities and of the firms, and the network of past partnerships.

Every read is a ``values_list`` over one table or one many-to-many table (no model instances, no
query per row), so reading 100 000 profiles costs a handful of queries. Reference data (ISIC, countries
with their regions, economy group and LDC status today) is read once per call.

What goes into the text the engine compares is only what the anonymous profile shows anyway: an
opportunity's public text (checked at submission for the owner's identity), and for a firm its
capability texts (technologies, processes, equipment and capacity) and the text of its published
opportunities. A firm's ``description`` and ``needs`` are left out: firms write their names and towns in
them, and a reason quoting a word of them could name the firm to a stranger.

The partnership record and the readiness levels come from other apps that may not be installed yet
(or may be older); they are read defensively and simply left out when absent.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from interfirm.firms.models import Firm
from interfirm.geo.models import Country, CountryGroup, CountryGroupMembership
from interfirm.matching.engine.types import Network, PastPartnership, Profile, Requirements
from interfirm.opportunities.models import Opportunity, Status

logger = logging.getLogger(__name__)

CHUNK = 5000

__all__ = [
    "CountryFacts",
    "countries",
    "fetch_all",
    "fetch_firm_profiles",
    "fetch_network",
    "fetch_opportunity_profiles",
    "firm_key",
    "opportunity_key",
]


def opportunity_key(opportunity_id: int) -> str:
    """Return the engine key of an opportunity."""
    return f"opp:{opportunity_id}"


def firm_key(firm_id: int) -> str:
    """Return the engine key of a firm's whole profile."""
    return f"firm:{firm_id}"


@dataclass(frozen=True)
class CountryFacts:
    iso3: str
    regions: frozenset[str]
    economy_group: str
    is_ldc: bool


def countries(today: datetime.date | None = None) -> dict[str, CountryFacts]:
    """Return each country's M49 regions (region, sub-region, intermediate region), economy group and
    whether it is a least developed country on ``today`` (two queries, no model instances: a page that
    asks the engine for one profile reads them too)."""
    day = today or timezone.localdate()
    ldc = set()
    for iso3, since, until in CountryGroupMembership.objects.filter(group=CountryGroup.LDC).values_list(
        "country_id", "since", "until"
    ):
        if (since is None or since <= day) and (until is None or day < until):
            ldc.add(iso3)
    facts = {}
    for iso3, region, subregion, intermediate, economy_group in Country.objects.values_list(
        "iso3", "region_code", "subregion_code", "intermediate_region_code", "economy_group"
    ):
        regions = frozenset(code for code in (region, subregion, intermediate) if code)
        facts[iso3] = CountryFacts(iso3, regions, economy_group, iso3 in ldc)
    return facts


def _many(through: Any, owner: str, target: str, ids: Iterable[int] | None) -> dict[int, list[str]]:
    """Return ``{owner id: [target ids]}`` of a many-to-many table, in one query."""
    rows = through.objects.all()
    if ids is not None:
        rows = rows.filter(**{f"{owner}__in": list(ids)})
    found: dict[int, list[str]] = defaultdict(list)
    for owner_id, target_id in rows.values_list(owner, target).iterator(chunk_size=CHUNK * 4):
        found[owner_id].append(str(target_id))
    return found


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _keywords(text: str) -> frozenset[str]:
    return frozenset(k.strip().casefold() for k in (text or "").split(",") if k.strip())


def _completed_partnerships(firm_ids: Iterable[int] | None) -> dict[int, int]:
    try:
        from interfirm.partnerships.models import PartnershipParty, PartnershipStage
    except ImportError:  # the partnerships app is not there yet
        return {}
    rows = PartnershipParty.objects.filter(partnership__stage=PartnershipStage.COMPLETED)
    if firm_ids is not None:
        rows = rows.filter(firm_id__in=list(firm_ids))
    counts: dict[int, int] = defaultdict(int)
    for firm_id in rows.values_list("firm_id", flat=True).iterator(chunk_size=CHUNK):
        counts[firm_id] += 1
    return counts


def _readiness(firm_ids: list[int]) -> dict[int, tuple[int | None, bool]]:
    """Return ``{firm id: (level 1–5 or None, validated)}`` from the readiness app, if it offers it."""
    try:
        from interfirm.readiness import selectors as readiness_selectors
    except ImportError:
        return {}
    reader = getattr(readiness_selectors, "readiness_levels_for_firms", None)
    if reader is None or not firm_ids:
        return {}
    try:
        levels = reader(firm_ids)
    except Exception:  # another app's bug must not stop matching; say so in the log
        logger.exception("readiness_levels_for_firms failed; matching goes on without readiness")
        return {}
    found: dict[int, tuple[int | None, bool]] = {}
    for firm_id, value in dict(levels).items():
        found[int(firm_id)] = _readiness_value(value)
    return found


def _readiness_value(value: Any) -> tuple[int | None, bool]:
    """Return (engine level 1–5, validated) of what the readiness app gives for one firm: a pair
    (level name, validated). The readiness app ranks its levels 1 (not yet ready) to 4 (experienced);
    the engine's scale is 1 to 5, so rank r becomes round(1 + (r − 1) × 4/3): 1, 2, 4, 5."""
    level, validated = (value[0], bool(value[1])) if isinstance(value, tuple | list) else (value, False)
    if isinstance(level, str):
        try:
            from interfirm.readiness.models import level_rank
        except ImportError:
            return None, validated
        level = level_rank(level)
    if isinstance(level, int) and level > 0:
        return max(1, min(5, round(1 + (level - 1) * 4 / 3))), validated
    return None, validated


_OPPORTUNITY_FIELDS = (
    "id",
    "firm_id",
    "kind",
    "domains",
    "arrangement_types",
    "title",
    "summary",
    "description",
    "advantages",
    "partner_role",
    "required_capacity",
    "keywords",
    "partner_sizes",
    "partner_types",
    "partner_regions",
    "partner_economy_groups",
    "partner_corridors",
    "published_at",
    "deadline",
    "status",
    "firm__country_id",
    "firm__size_class",
    "firm__equipment_capacity",
)


def fetch_opportunity_profiles(
    ids: Iterable[int] | None = None,
    *,
    today: datetime.date | None = None,
    country_facts: dict[str, CountryFacts] | None = None,
    readiness: dict[int, tuple[int | None, bool]] | None = None,
    completed: dict[int, int] | None = None,
    any_status: bool = False,
) -> list[Profile]:
    """Return the profiles of the published opportunities (of ``ids`` only, when given).

    ``any_status`` also returns unpublished ones (to ask for suggestions for a draft); their status is
    in the profile, so the engine never suggests them to anyone.
    """
    day = today or timezone.localdate()
    facts = country_facts if country_facts is not None else countries(day)
    rows = Opportunity.objects.all() if any_status else Opportunity.objects.filter(status=Status.PUBLISHED)
    rows = rows.order_by("pk")
    id_list = list(ids) if ids is not None else None
    if id_list is not None:
        rows = rows.filter(pk__in=id_list)
    values = list(rows.values_list(*_OPPORTUNITY_FIELDS).iterator(chunk_size=CHUNK))
    if not values:
        return []
    opp_ids = [row[0] for row in values] if id_list is not None else None
    firm_ids = sorted({row[1] for row in values})
    sectors = _many(Opportunity.sectors.through, "opportunity_id", "isiccode_id", opp_ids)
    partner_countries = _many(Opportunity.partner_countries.through, "opportunity_id", "country_id", opp_ids)
    certs_req = _many(
        Opportunity.required_certifications.through, "opportunity_id", "certification_id", opp_ids
    )
    langs_req = _many(Opportunity.required_languages.through, "opportunity_id", "language_id", opp_ids)
    firm_filter = firm_ids if id_list is not None else None
    firm_certs = _many(Firm.certifications.through, "firm_id", "certification_id", firm_filter)
    firm_langs = _many(Firm.languages.through, "firm_id", "language_id", firm_filter)
    if readiness is None:
        readiness = _readiness(firm_ids)
    if completed is None:
        completed = _completed_partnerships(firm_filter)
    profiles = []
    for row in values:
        (pk, firm_id, kind, domains, arrangements, title, summary, description, advantages, role,
         capacity, keywords, sizes, types, regions, groups, corridors, published_at, deadline, status,
         country, size_class, firm_capacity) = row  # fmt: skip
        country_facts_of = facts.get(country)
        level, validated = readiness.get(firm_id, (None, False))
        profiles.append(
            Profile(
                key=opportunity_key(pk),
                firm_id=firm_id,
                kind=kind,
                domains=frozenset(domains or ()),
                arrangement_types=frozenset(arrangements or ()),
                sectors=tuple(sorted(sectors.get(pk, ()))),
                text=_join(title, summary, description, advantages, keywords),
                seeks_text=_join(role, capacity),
                country=country,
                regions=country_facts_of.regions if country_facts_of else frozenset(),
                economy_group=country_facts_of.economy_group if country_facts_of else "",
                is_ldc=country_facts_of.is_ldc if country_facts_of else False,
                size_class=size_class or "",
                certifications=frozenset(firm_certs.get(firm_id, ())),
                languages=frozenset(firm_langs.get(firm_id, ())),
                capacity=firm_capacity or "",
                requires=Requirements(
                    certifications=frozenset(certs_req.get(pk, ())),
                    languages=frozenset(langs_req.get(pk, ())),
                    capacity=capacity or "",
                    partner_sizes=frozenset(sizes or ()),
                    partner_types=frozenset(types or ()),
                    countries=frozenset(partner_countries.get(pk, ())),
                    regions=frozenset(str(r) for r in regions or ()),
                    economy_groups=frozenset(groups or ()),
                    corridors=frozenset(corridors or ()),
                ),
                readiness_level=level,
                readiness_validated=validated,
                completed_partnerships=completed.get(firm_id, 0),
                keywords=_keywords(keywords),
                published_at=published_at.date() if published_at else None,
                deadline=deadline,
                status=status,
            )
        )
    return profiles


def fetch_firm_profiles(
    ids: Iterable[int] | None = None,
    *,
    today: datetime.date | None = None,
    country_facts: dict[str, CountryFacts] | None = None,
    readiness: dict[int, tuple[int | None, bool]] | None = None,
    completed: dict[int, int] | None = None,
) -> list[Profile]:
    """Return the whole-firm profiles of the active firms (of ``ids`` only, when given).

    A firm offers the domains of its published offers and seeks those of its published requests; its
    ``seeks_text`` is the text of its requests.
    """
    day = today or timezone.localdate()
    facts = country_facts if country_facts is not None else countries(day)
    rows = Firm.objects.filter(merged_into__isnull=True).order_by("pk")
    id_list = list(ids) if ids is not None else None
    if id_list is not None:
        rows = rows.filter(pk__in=id_list)
    values = list(
        rows.values_list(
            "id", "country_id", "size_class", "technologies", "processes", "equipment_capacity"
        ).iterator(chunk_size=CHUNK)
    )
    if not values:
        return []
    firm_filter = [row[0] for row in values] if id_list is not None else None
    sectors = _many(Firm.sectors.through, "firm_id", "isiccode_id", firm_filter)
    certs = _many(Firm.certifications.through, "firm_id", "certification_id", firm_filter)
    langs = _many(Firm.languages.through, "firm_id", "language_id", firm_filter)
    offers: dict[int, set[str]] = defaultdict(set)
    seeks: dict[int, set[str]] = defaultdict(set)
    arrangements: dict[int, set[str]] = defaultdict(set)
    seeks_text: dict[int, list[str]] = defaultdict(list)
    offer_text: dict[int, list[str]] = defaultdict(list)
    published = Opportunity.objects.filter(status=Status.PUBLISHED)
    if firm_filter is not None:
        published = published.filter(firm_id__in=firm_filter)
    for firm_id, kind, domains, arrangement_types, title, keywords in published.values_list(
        "firm_id", "kind", "domains", "arrangement_types", "title", "keywords"
    ).iterator(chunk_size=CHUNK):
        (offers if kind == "offer" else seeks)[firm_id].update(domains or ())
        arrangements[firm_id].update(arrangement_types or ())
        (offer_text if kind == "offer" else seeks_text)[firm_id].append(_join(title, keywords))
    if readiness is None:
        readiness = _readiness([row[0] for row in values])
    if completed is None:
        completed = _completed_partnerships(firm_filter)
    profiles = []
    for firm_id, country, size_class, technologies, processes, equipment in values:
        country_facts_of = facts.get(country)
        level, validated = readiness.get(firm_id, (None, False))
        profiles.append(
            Profile(
                key=firm_key(firm_id),
                firm_id=firm_id,
                kind="profile",
                offers=frozenset(offers.get(firm_id, ())),
                seeks=frozenset(seeks.get(firm_id, ())),
                arrangement_types=frozenset(arrangements.get(firm_id, ())),
                sectors=tuple(sorted(sectors.get(firm_id, ()))),
                text=_join(technologies, processes, equipment, *offer_text.get(firm_id, ())),
                seeks_text=_join(*seeks_text.get(firm_id, ())),
                country=country,
                regions=country_facts_of.regions if country_facts_of else frozenset(),
                economy_group=country_facts_of.economy_group if country_facts_of else "",
                is_ldc=country_facts_of.is_ldc if country_facts_of else False,
                size_class=size_class or "",
                certifications=frozenset(certs.get(firm_id, ())),
                languages=frozenset(langs.get(firm_id, ())),
                capacity=equipment or "",
                readiness_level=level,
                readiness_validated=validated,
                completed_partnerships=completed.get(firm_id, 0),
                status="active",
            )
        )
    return profiles


def fetch_network() -> Network:
    """Return the partnerships on record (completed and running; not failed or abandoned) and each
    party's country, for the track-record and network features. A partnership's fields are its
    keywords and its parties' sectors; its leads are the parties who chose the partners (the owner of
    the opportunity it came from, the lead party of a recorded one)."""
    try:
        from interfirm.partnerships.models import (
            LEAD_ROLES,
            Partnership,
            PartnershipParty,
            PartnershipStage,
        )
    except ImportError:
        return Network()
    excluded = {PartnershipStage.CONTACT, PartnershipStage.NEGOTIATION, PartnershipStage.FAILED}
    partnerships = {
        pk: (started_on, ended_on, arrangement_types, keywords)
        for pk, started_on, ended_on, arrangement_types, keywords in Partnership.objects.exclude(
            stage__in=excluded
        ).values_list("pk", "started_on", "ended_on", "arrangement_types", "keywords")
    }
    parties: dict[int, list[int]] = defaultdict(list)
    owners: dict[int, list[int]] = defaultdict(list)
    for partnership_id, firm_id, role in PartnershipParty.objects.filter(
        partnership_id__in=list(partnerships)
    ).values_list("partnership_id", "firm_id", "role"):
        parties[partnership_id].append(firm_id)
        if role in LEAD_ROLES:
            owners[partnership_id].append(firm_id)
    firm_ids = sorted({firm_id for ids in parties.values() for firm_id in ids})
    sectors = _many(Firm.sectors.through, "firm_id", "isiccode_id", firm_ids)
    firm_country = dict(Firm.objects.filter(pk__in=firm_ids).values_list("pk", "country_id"))
    past = []
    for pk, (started_on, ended_on, arrangement_types, keywords) in sorted(partnerships.items()):
        members = tuple(sorted(parties.get(pk, ())))
        if len(members) < 2:
            continue
        fields = _keywords(keywords) | {code for firm_id in members for code in sectors.get(firm_id, ())}
        past.append(
            PastPartnership(
                key=f"partnership:{pk}",
                firm_ids=members,
                started_on=started_on,
                ended_on=ended_on,
                fields=fields,
                arrangement_types=frozenset(arrangement_types or ()),
                lead_ids=tuple(sorted(owners.get(pk, ()))),
            )
        )
    return Network(
        partnerships=tuple(past),
        firm_country=firm_country,
        firm_org_type=dict.fromkeys(firm_ids, "firm"),
    )


@dataclass(frozen=True)
class Inputs:
    """Everything the engine needs to build an index."""

    opportunities: list[Profile]
    firms: list[Profile]
    network: Network


def fetch_all(*, today: datetime.date | None = None) -> Inputs:
    """Return every published opportunity's and active firm's profile, and the network."""
    day = today or timezone.localdate()
    facts = countries(day)
    firm_ids = list(Firm.objects.filter(merged_into__isnull=True).values_list("pk", flat=True))
    readiness = _readiness(firm_ids)
    completed = _completed_partnerships(None)
    return Inputs(
        opportunities=fetch_opportunity_profiles(
            today=day, country_facts=facts, readiness=readiness, completed=completed
        ),
        firms=fetch_firm_profiles(today=day, country_facts=facts, readiness=readiness, completed=completed),
        network=fetch_network(),
    )
