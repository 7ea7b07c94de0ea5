"""Reads of the intermediary directory. An intermediary's own details are public once it is listed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from interfirm.geo.models import Country
from interfirm.intermediaries.models import Intermediary, Network, Service
from interfirm.sectors.selectors import isic_related_codes

MAX_SEARCH_TERMS = 8


@dataclass(frozen=True)
class DirectoryFilters:
    """What a directory search asks for; empty values do not filter."""

    q: str = ""
    type: str = ""
    country: str = ""  # ISO alpha-3 of a country covered (or the home country)
    region: str = ""  # M49 region name of a country covered (or the home country)
    sector: str = ""  # ISIC code at any level
    service: str = ""  # Service code
    language: str = ""  # ISO 639-1 code
    network: str = ""  # Network code


def intermediary_public_counts() -> dict[str, int]:
    """Return aggregate counts of the public directory."""
    listed = Intermediary.objects.filter(is_listed=True)
    return {"intermediaries": listed.count(), "countries": listed.values("country").distinct().count()}


def _with_related(intermediaries: QuerySet[Intermediary]) -> QuerySet[Intermediary]:
    return intermediaries.select_related("country").prefetch_related(
        "countries_covered", "sectors_covered", "services", "languages", "networks"
    )


def intermediary_search(filters: DirectoryFilters) -> QuerySet[Intermediary]:
    """Return the listed intermediaries matching ``filters``, by name.

    Text matches name, acronym, description and city (every word somewhere). A country or region
    matches the countries covered and the home country. A sector matches intermediaries covering the
    code, a broader code above it, or a narrower one below it.
    """
    found = Intermediary.objects.filter(is_listed=True)
    for word in filters.q.split()[:MAX_SEARCH_TERMS]:
        found = found.filter(
            Q(name__icontains=word)
            | Q(acronym__icontains=word)
            | Q(description__icontains=word)
            | Q(city__icontains=word)
        )
    if filters.type:
        found = found.filter(type=filters.type)
    if filters.country:
        covering = Intermediary.countries_covered.through.objects.filter(country_id=filters.country.upper())
        found = found.filter(
            Q(country_id=filters.country.upper()) | Q(pk__in=covering.values("intermediary_id"))
        )
    if filters.region:
        in_region = Country.objects.filter(region=filters.region).values("iso3")
        covering_region = Intermediary.countries_covered.through.objects.filter(country_id__in=in_region)
        found = found.filter(
            Q(country__region=filters.region) | Q(pk__in=covering_region.values("intermediary_id"))
        )
    if filters.sector:
        in_sector = Intermediary.sectors_covered.through.objects.filter(
            isiccode_id__in=isic_related_codes(filters.sector)
        )
        found = found.filter(pk__in=in_sector.values("intermediary_id"))
    if filters.service:
        offering = Intermediary.services.through.objects.filter(service_id=filters.service)
        found = found.filter(pk__in=offering.values("intermediary_id"))
    if filters.language:
        speaking = Intermediary.languages.through.objects.filter(language_id=filters.language)
        found = found.filter(pk__in=speaking.values("intermediary_id"))
    if filters.network:
        members = Intermediary.networks.through.objects.filter(network__code=filters.network)
        found = found.filter(pk__in=members.values("intermediary_id"))
    return _with_related(found).order_by("name", "pk")


def intermediary_get_public(slug: str) -> Intermediary:
    """Return the listed intermediary with ``slug``, its coverage loaded; Http404 if unknown or unlisted."""
    found = _with_related(Intermediary.objects.filter(slug=slug, is_listed=True)).first()
    if found is None:
        raise Http404("no such intermediary")
    return found


def intermediary_of_organisation(organisation_id: int) -> Intermediary:
    """Return the directory entry of an intermediary organisation (listed or not); Http404 if it has none.

    For the organisation's own staff: callers must have checked the user's membership.
    """
    found = _with_related(Intermediary.objects.filter(organisation_id=organisation_id)).first()
    if found is None:
        raise Http404("no directory entry")
    return found


def services_all() -> QuerySet[Service]:
    """Return every service an intermediary can offer, in their display order."""
    return Service.objects.order_by("position", "code")


def networks_all() -> QuerySet[Network]:
    """Return every network, by acronym."""
    return Network.objects.order_by("acronym", "name")
