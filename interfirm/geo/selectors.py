"""Reads of geographic reference data: countries, their groups on a date, corridors. All public."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from interfirm.geo.corridors import Corridor, corridor_of
from interfirm.geo.models import Country, CountryGroupMembership, Language


def countries_with_groups() -> QuerySet[Country]:
    """Return all countries with their group memberships prefetched (corridors need no more queries)."""
    return Country.objects.prefetch_related("memberships")


def memberships_in_force(on: datetime.date) -> Q:
    """Return the condition on ``CountryGroupMembership`` for memberships that hold on ``on``."""
    return (Q(since__isnull=True) | Q(since__lte=on)) & (Q(until__isnull=True) | Q(until__gt=on))


def country_list(
    *,
    region: str = "",
    economy_group: str = "",
    group: str = "",
    on: datetime.date | None = None,
) -> QuerySet[Country]:
    """Return the countries matching the filters; ``group`` (LDC, LLDC, SIDS) is read on the date ``on``."""
    countries = countries_with_groups()
    if region:
        countries = countries.filter(Q(region=region) | Q(region_code=region))
    if economy_group:
        countries = countries.filter(economy_group=economy_group)
    if group:
        day = on or datetime.date.today()
        members = CountryGroupMembership.objects.filter(memberships_in_force(day), group=group)
        countries = countries.filter(iso3__in=members.values("country_id"))
    return countries.order_by("name")


def country_get(iso3: str) -> Country:
    """Return the country with code ``iso3`` (any case), its memberships loaded; raise Http404 if unknown."""
    country = countries_with_groups().filter(iso3=iso3.upper()).first()
    if country is None:
        raise Http404("unknown country")
    return country


def regions() -> list[str]:
    """Return the M49 regions that have countries, by name."""
    return list(
        Country.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct()
    )


def region_choices_by_name() -> list[tuple[str, str]]:
    """Return (English name, name in the language of the page) of the M49 regions that have countries,
    sorted by the name shown: the choices of a filter whose value is the region's English name."""
    from interfirm.geo.models import label_sort_key
    from interfirm.geo.names import region_label

    return sorted(((name, region_label("", name)) for name in regions()), key=lambda c: label_sort_key(c[1]))


def groups_in_force(country: Country, on: datetime.date | None = None) -> list[str]:
    """Return the groups (LDC, LLDC, SIDS) ``country`` belongs to on ``on``, from prefetched memberships."""
    day = on or datetime.date.today()
    return sorted({m.group for m in country.memberships.all() if m.is_in_force(day)})


def corridor_between(a: str, b: str, *, on: datetime.date | None = None) -> tuple[Country, Country, Corridor]:
    """Return the countries with codes ``a`` and ``b`` and their corridor; Http404 for an unknown code."""
    found = {c.iso3: c for c in countries_with_groups().filter(iso3__in=[a.upper(), b.upper()])}
    try:
        first, second = found[a.upper()], found[b.upper()]
    except KeyError:
        raise Http404("unknown country") from None
    return first, second, corridor_of(first, second, on=on)


def languages() -> QuerySet[Language]:
    """Return every language, by name."""
    return Language.objects.order_by("name")
