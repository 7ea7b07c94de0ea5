"""Public API of geographic reference data: countries, their groups on a date, corridors."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError

from interfirm.geo.corridors import corridor_of
from interfirm.geo.models import Country
from interfirm.geo.selectors import countries_with_groups, country_get, country_list, groups_in_force

router = Router(tags=["reference"])


class CountryOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str
    region: str
    subregion: str
    intermediate_region: str
    economy_group: str
    income_group: str
    groups: list[str]


class MembershipOut(Schema):
    group: str
    since: datetime.date | None
    until: datetime.date | None
    source: str


class CountryDetailOut(CountryOut):
    memberships: list[MembershipOut]


class CorridorCountryOut(Schema):
    iso3: str
    name: str
    economy_group: str
    income_group: str
    groups: list[str]


class CorridorOut(Schema):
    a: CorridorCountryOut
    b: CorridorCountryOut
    on: datetime.date
    kind: str
    label: str
    involves_ldc: bool
    involves_lldc: bool
    involves_sids: bool
    involves_transition: bool


def _country_out(country: Country, day: datetime.date) -> dict[str, object]:
    return {
        "iso3": country.iso3,
        "iso2": country.iso2,
        "m49": country.m49,
        "name": country.name,
        "region": country.region,
        "subregion": country.subregion,
        "intermediate_region": country.intermediate_region,
        "economy_group": country.economy_group,
        "income_group": country.income_group,
        "groups": groups_in_force(country, day),
    }


@router.get("/countries", response=list[CountryOut], auth=None, summary="List countries")
def list_countries(
    request: HttpRequest,
    region: str = "",
    economy_group: Literal["developed", "developing", "transition"] | None = None,
    group: Literal["LDC", "LLDC", "SIDS"] | None = None,
    on: datetime.date | None = None,
) -> list[dict[str, object]]:
    """Return countries, filtered by M49 region (name or code), UN economy group and group on a date.

    ``groups`` lists the LDC/LLDC/SIDS memberships in force on ``on`` (today by default).
    """
    day = on or datetime.date.today()
    countries = country_list(region=region, economy_group=economy_group or "", group=group or "", on=day)
    return [_country_out(country, day) for country in countries]


@router.get("/countries/{iso3}", response=CountryDetailOut, auth=None, summary="One country")
def get_country(request: HttpRequest, iso3: str, on: datetime.date | None = None) -> dict[str, object]:
    """Return one country with all its dated group memberships; 404 for an unknown code."""
    country = country_get(iso3)
    data = _country_out(country, on or datetime.date.today())
    data["memberships"] = list(country.memberships.all())
    return data


@router.get("/corridor", response=CorridorOut, auth=None, summary="Corridor of two countries")
def get_corridor(request: HttpRequest, a: str, b: str, on: datetime.date | None = None) -> dict[str, object]:
    """Return the corridor between countries ``a`` and ``b`` (ISO alpha-3) on ``on`` (today by default).

    An unknown code answers 422 naming the parameter.
    """
    day = on or datetime.date.today()
    found = {c.iso3: c for c in countries_with_groups().filter(iso3__in=[a.upper(), b.upper()])}
    errors = [
        {"loc": ["query", name], "msg": f"unknown country code {code!r}", "type": "unknown_code"}
        for name, code in (("a", a), ("b", b))
        if code.upper() not in found
    ]
    if errors:
        raise ValidationError(errors)
    first, second = found[a.upper()], found[b.upper()]
    corridor = corridor_of(first, second, on=day)

    def side(country: Country) -> dict[str, object]:
        return {
            "iso3": country.iso3,
            "name": country.name,
            "economy_group": country.economy_group,
            "income_group": country.income_group,
            "groups": groups_in_force(country, day),
        }

    return {
        "a": side(first),
        "b": side(second),
        "on": day,
        "kind": corridor.kind.value,
        "label": str(corridor.label),
        "involves_ldc": corridor.involves_ldc,
        "involves_lldc": corridor.involves_lldc,
        "involves_sids": corridor.involves_sids,
        "involves_transition": corridor.involves_transition,
    }
