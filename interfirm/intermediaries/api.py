"""API of the intermediary directory: public search and detail, taxonomies, and one's own entry."""

from __future__ import annotations

import math
from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.params import P, QueryEx

from interfirm.accounts.api_auth import api_auth_where
from interfirm.accounts.models import OrganisationKind, Role
from interfirm.intermediaries.forms import DirectorySearchForm, IntermediaryForm, form_data_of
from interfirm.intermediaries.models import Intermediary, Network, Service
from interfirm.intermediaries.selectors import (
    intermediary_get_public,
    intermediary_of_organisation,
    intermediary_search,
    networks_all,
    services_all,
)
from interfirm.intermediaries.services import intermediary_update
from interfirm.lib.paging import MAX_PAGE

router = Router(tags=["directory"])
PER_PAGE = 20


class ServiceOut(Schema):
    code: str
    name: str


class NetworkOut(Schema):
    code: str
    acronym: str
    name: str
    website: str


class LanguageOut(Schema):
    code: str
    name: str


class SectorOut(Schema):
    code: str
    level: str
    title: str


class IntermediaryOut(Schema):
    slug: str
    name: str
    acronym: str
    type: str
    type_label: str
    country: str
    country_name: str
    city: str
    services: list[str]
    url: str


class IntermediaryDetailOut(IntermediaryOut):
    description: str
    address: str
    website: str
    email: str
    phone: str
    listed: bool
    countries_covered: list[str]
    sectors_covered: list[SectorOut]
    service_details: list[ServiceOut]
    languages: list[LanguageOut]
    networks: list[NetworkOut]


class DirectoryPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    results: list[IntermediaryOut]


class IntermediaryPatch(Schema):
    """The fields of one's own entry to change; those left out keep their value."""

    name: str | None = None
    acronym: str | None = None
    type: str | None = None
    description: str | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    city: str | None = None
    address: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    countries_covered: list[str] | None = Field(None, description="ISO 3166 alpha-3 codes")
    sectors_covered: list[str] | None = Field(None, description="ISIC Rev.4 codes at any level")
    services: list[str] | None = Field(None, description="service codes (GET /services)")
    languages: list[str] | None = Field(None, description="ISO 639-1 codes")
    networks: list[str] | None = Field(None, description="network codes (GET /networks)")


def _summary(intermediary: Intermediary) -> dict[str, Any]:
    return {
        "slug": intermediary.slug,
        "name": intermediary.name,
        "acronym": intermediary.acronym,
        "type": intermediary.type,
        "type_label": str(intermediary.get_type_display()),
        "country": intermediary.country_id,
        "country_name": intermediary.country.name,
        "city": intermediary.city,
        "services": [s.code for s in intermediary.services.all()],
        "url": intermediary.get_absolute_url(),
    }


def _detail(intermediary: Intermediary) -> dict[str, Any]:
    return {
        **_summary(intermediary),
        "description": intermediary.description,
        "address": intermediary.address,
        "website": intermediary.website,
        "email": intermediary.email,
        "phone": intermediary.phone,
        "listed": intermediary.is_listed,
        "countries_covered": sorted(c.iso3 for c in intermediary.countries_covered.all()),
        "sectors_covered": sorted(intermediary.sectors_covered.all(), key=lambda s: s.code),
        "service_details": list(intermediary.services.all()),
        "languages": list(intermediary.languages.all()),
        "networks": list(intermediary.networks.all()),
    }


def _raise_form_errors(form: BaseForm, location: str) -> None:
    """Raise a 422 whose errors name the form's fields."""
    errors = [
        {"loc": [location, field], "msg": error["message"], "type": error["code"] or "invalid"}
        for field, field_errors in form.errors.get_json_data().items()
        for error in field_errors
    ]
    raise ValidationError(errors)


@router.get("/intermediaries", response=DirectoryPage, auth=None, summary="Search the directory")
def list_intermediaries(
    request: HttpRequest,
    q: str = "",
    type: str = "",
    country: QueryEx[str, P(description="ISO 3166 alpha-3 of a country covered")] = "",
    region: QueryEx[str, P(description="M49 region name (Africa, Americas, Asia, Europe, Oceania)")] = "",
    sector: QueryEx[str, P(description="ISIC Rev.4 code at any level")] = "",
    service: str = "",
    language: QueryEx[str, P(description="ISO 639-1 code")] = "",
    network: str = "",
    page: QueryEx[int, P(ge=1, le=MAX_PAGE)] = 1,
) -> dict[str, Any]:
    """Return the listed intermediaries matching the filters, 20 a page; unknown filter values answer 422."""
    query = {
        "q": q,
        "type": type,
        "country": country.upper(),
        "region": region,
        "sector": sector,
        "service": service,
        "language": language,
        "network": network,
    }
    form = DirectorySearchForm({key: value for key, value in query.items() if value})
    if not form.is_valid():
        _raise_form_errors(form, "query")
    found = intermediary_search(form.filters())
    count = found.count()
    start = (page - 1) * PER_PAGE
    return {
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / PER_PAGE)),
        "per_page": PER_PAGE,
        "results": [_summary(i) for i in found[start : start + PER_PAGE]],
    }


def _manages_an_intermediary(request: HttpRequest) -> bool:
    membership = getattr(request, "membership", None)
    return bool(
        membership
        and membership.organisation.kind == OrganisationKind.INTERMEDIARY
        and membership.role == Role.MANAGER
    )


# Decided before the body is read: anyone but an intermediary's manager gets 404 whatever they send.
_manager_auth = api_auth_where(_manages_an_intermediary)


def _own_entry(request: HttpRequest) -> Intermediary:
    """Return the entry of the intermediary the user manages (``_manager_auth`` let the user in)."""
    return intermediary_of_organisation(request.membership.organisation_id)  # type: ignore[attr-defined]


@router.get(
    "/intermediaries/mine", response=IntermediaryDetailOut, auth=_manager_auth, summary="Your own entry"
)
def get_own_intermediary(request: HttpRequest) -> dict[str, Any]:
    """Return the directory entry of the intermediary you manage (listed or not); 404 if you manage none."""
    return _detail(_own_entry(request))


@router.patch(
    "/intermediaries/mine", response=IntermediaryDetailOut, auth=_manager_auth, summary="Edit your own entry"
)
def patch_own_intermediary(request: HttpRequest, payload: IntermediaryPatch) -> dict[str, Any]:
    """Change the directory entry of the intermediary you manage; 422 naming each invalid field."""
    intermediary = _own_entry(request)
    data = form_data_of(intermediary)
    changes = payload.dict(exclude_unset=True)
    if "sectors_covered" in changes:
        changes["sectors_covered"] = " ".join(changes["sectors_covered"] or [])
    for key in ("country", "countries_covered"):
        if isinstance(changes.get(key), str):
            changes[key] = changes[key].upper()
        elif isinstance(changes.get(key), list):
            changes[key] = [code.upper() for code in changes[key]]
    data.update({key: ("" if value is None else value) for key, value in changes.items()})
    form = IntermediaryForm(data, instance=intermediary)
    if not form.is_valid():
        _raise_form_errors(form, "body")
    saved = intermediary_update(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=request.membership.organisation,  # type: ignore[attr-defined]
        intermediary=intermediary,
        **form.changes(),
    )
    return _detail(intermediary_of_organisation(saved.organisation_id))


@router.get("/intermediaries/{slug}", response=IntermediaryDetailOut, auth=None, summary="One intermediary")
def get_intermediary(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Return everything public about one listed intermediary; 404 if unknown or unlisted."""
    return _detail(intermediary_get_public(slug))


@router.get("/services", response=list[ServiceOut], auth=None, summary="Services intermediaries offer")
def list_services(request: HttpRequest) -> list[Service]:
    """Return the services an intermediary can offer."""
    return list(services_all())


@router.get("/networks", response=list[NetworkOut], auth=None, summary="Networks of intermediaries")
def list_networks(request: HttpRequest) -> list[Network]:
    """Return the networks intermediaries belong to."""
    return list(networks_all())
