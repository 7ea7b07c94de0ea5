"""Firm profiles in the JSON API, under /api/firms/, with the same rules as the pages.

- ``GET /me``, ``PATCH /me``: the acting firm's full profile (firm members).
- ``GET /portfolio``, ``POST /portfolio``: an intermediary's represented firms; register one with consent.
- ``GET /{reference}``: public; the full profile for the firm's parties, the anonymous one otherwise.

Input is validated by the same forms as the pages: a rejected value answers 422 with
``errors: [{field, message}]`` naming the field (``sectors`` for an unknown ISIC code).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from interfirm.accounts.api_auth import TokenAuth
from interfirm.accounts.models import Membership
from interfirm.firms import selectors, services
from interfirm.firms.forms import FirmProfileForm, FirmRegisterForm, firm_form_data
from interfirm.firms.models import Firm

router = Router(tags=["firms"])


# Schemas ------------------------------------------------------------------------------------------


class CodeName(Schema):
    code: str
    name: str


class Sector(Schema):
    code: str
    title: str


class FirmPublicOut(Schema):
    """The anonymous profile: what anyone may know of the firm."""

    reference: str
    country: CodeName
    region: str
    subregion: str
    economy_group: str
    size_class: str
    ownership: str
    founded_decade: int | None
    sectors: list[Sector]
    technologies: str
    processes: str
    equipment_capacity: str
    certifications: list[CodeName]
    markets: list[CodeName]
    languages: list[CodeName]


class ContactOut(Schema):
    id: int
    name: str
    position: str
    email: str
    phone: str
    is_primary: bool


class CompletenessOut(Schema):
    percent: int
    missing: list[str]


class FirmPrivateOut(Schema):
    """What only the firm's parties see: identity, narrative, contact persons, completeness."""

    legal_name: str
    trade_name: str
    city: str
    address: str
    website: str
    email: str
    phone: str
    year_founded: int | None
    employees: int | None
    turnover_band: str
    description: str
    needs: str
    declares_no_certifications: bool
    contacts: list[ContactOut]
    completeness: CompletenessOut


class FirmOut(Schema):
    reference: str
    anonymous: bool
    profile: FirmPublicOut
    private: FirmPrivateOut | None = None


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


class FirmPatchIn(Schema):
    """A partial profile: only the fields given change. Lists replace the whole list."""

    model_config = ConfigDict(extra="forbid")

    legal_name: str | None = None
    trade_name: str | None = None
    city: str | None = None
    address: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    country: str | None = None
    year_founded: int | None = None
    employees: int | None = None
    turnover_band: str | None = None
    ownership: str | None = None
    description: str | None = None
    technologies: str | None = None
    processes: str | None = None
    equipment_capacity: str | None = None
    declares_no_certifications: bool | None = None
    needs: str | None = None
    sectors: list[str] | None = None
    markets: list[str] | None = None
    certifications: list[str] | None = None
    languages: list[str] | None = None


class FirmRegisterIn(FirmPatchIn):
    """A firm registered by an intermediary, with the firm's consent (required)."""

    consent_method: str | None = None
    consent_given_on: datetime.date | None = None
    consent_given_by: str | None = None
    consent_note: str | None = None
    is_contact_channel: bool = True
    confirm_not_duplicate: bool = False


class PortfolioItemOut(Schema):
    reference: str
    legal_name: str
    country: str
    size_class: str
    completeness: int
    consent_method: str
    consent_given_on: datetime.date
    is_contact_channel: bool


# Helpers ------------------------------------------------------------------------------------------


def _firm_out(firm: Firm, *, full: bool) -> dict[str, Any]:
    profile = selectors.firm_anonymous_profile(firm)
    out: dict[str, Any] = {
        "reference": firm.reference,
        "anonymous": not full,
        "profile": {
            "reference": profile.reference,
            "country": {"code": profile.country_iso3, "name": profile.country_name},
            "region": profile.region,
            "subregion": profile.subregion,
            "economy_group": profile.economy_group,
            "size_class": profile.size_class,
            "ownership": profile.ownership,
            "founded_decade": profile.founded_decade,
            "sectors": [{"code": s.code, "title": s.title} for s in profile.sectors],
            "technologies": profile.technologies,
            "processes": profile.processes,
            "equipment_capacity": profile.equipment_capacity,
            "certifications": [{"code": c.code, "name": c.name} for c in profile.certifications],
            "markets": [{"code": c.code, "name": c.name} for c in profile.markets],
            "languages": [{"code": c.code, "name": c.name} for c in profile.languages],
        },
        "private": None,
    }
    if full:
        completeness = selectors.firm_completeness(firm)
        out["private"] = {
            **{
                name: getattr(firm, name)
                for name in (
                    "legal_name",
                    "trade_name",
                    "city",
                    "address",
                    "website",
                    "email",
                    "phone",
                    "year_founded",
                    "employees",
                    "turnover_band",
                    "description",
                    "needs",
                    "declares_no_certifications",
                )
            },
            "contacts": [
                {
                    "id": c.pk,
                    "name": c.name,
                    "position": c.position,
                    "email": c.email,
                    "phone": c.phone,
                    "is_primary": c.is_primary,
                }
                for c in firm.contacts.all()
            ],
            "completeness": {"percent": completeness.percent, "missing": completeness.missing},
        }
    return out


def _as_form_data(values: dict[str, Any]) -> dict[str, Any]:
    """Return API values as the form expects them: lists of codes joined, nulls as empty."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("sectors", "markets"):
            data[name] = ", ".join(value or [])
        elif name in ("certifications", "languages"):
            data[name] = list(value or [])
        elif value is None:
            data[name] = ""
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = value
    return data


def _form_errors(form: BaseForm) -> dict[str, Any]:
    errors = [
        {"field": "" if field == "__all__" else field, "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]
    return {"detail": "invalid input", "errors": errors}


def _membership(request: HttpRequest) -> Membership | None:
    # Session requests carry a lazy object that may wrap None; token requests a Membership.
    return getattr(request, "membership", None) or None


def _optional_user(request: HttpRequest) -> Any:
    """Return the user of a bearer token if one is sent, else the session's user (maybe anonymous)."""
    if request.headers.get("Authorization"):
        user = TokenAuth()(request)
        if user is not None:
            return user
    return request.user


# Operations ---------------------------------------------------------------------------------------


@router.get("/me", response={200: FirmOut, 404: ErrorOut}, summary="The acting firm's full profile")
def me(request: HttpRequest) -> Any:
    firm = selectors.firm_for_membership(_membership(request))
    return _firm_out(firm, full=True)


@router.patch(
    "/me", response={200: FirmOut, 404: ErrorOut, 422: ErrorOut}, summary="Change the acting firm's profile"
)
def me_update(request: HttpRequest, payload: FirmPatchIn) -> Any:
    membership = _membership(request)
    firm = selectors.firm_for_membership(membership)
    data = firm_form_data(firm)
    data.update(_as_form_data(payload.model_dump(exclude_unset=True)))
    form = FirmProfileForm(data, instance=Firm.objects.get(pk=firm.pk))
    if not form.is_valid():
        return Status(422, _form_errors(form))
    services.firm_update(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation,  # type: ignore[union-attr]
        firm=firm,
        data=form.profile_data(),
    )
    firm = selectors.firm_for_membership(membership)
    return _firm_out(firm, full=True)


@router.get(
    "/portfolio",
    response={200: list[PortfolioItemOut], 404: ErrorOut},
    summary="The firms an intermediary acts for",
)
def portfolio(request: HttpRequest) -> Any:
    intermediary = selectors.intermediary_for_membership(_membership(request))
    return [
        {
            "reference": entry.firm.reference,
            "legal_name": entry.firm.legal_name,
            "country": entry.firm.country_id,
            "size_class": entry.firm.size_class,
            "completeness": entry.completeness.percent,
            "consent_method": entry.representation.consent_method,
            "consent_given_on": entry.representation.consent_given_on,
            "is_contact_channel": entry.representation.is_contact_channel,
        }
        for entry in selectors.firms_in_portfolio(intermediary=intermediary)
    ]


@router.post(
    "/portfolio",
    response={201: FirmOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Register a firm for the acting intermediary, with the firm's consent",
)
def portfolio_register(request: HttpRequest, payload: FirmRegisterIn) -> Any:
    intermediary = selectors.intermediary_for_membership(_membership(request))
    values = payload.model_dump()
    data = _as_form_data(values)
    data["is_contact_channel"] = values["is_contact_channel"]
    data["confirm_not_duplicate"] = values["confirm_not_duplicate"]
    form = FirmRegisterForm(data)
    if not form.is_valid():
        return Status(422, _form_errors(form))
    visible, hidden = selectors.firm_duplicates_for_user(
        user=request.user,
        legal_name=form.cleaned_data["legal_name"],
        country_id=form.cleaned_data["country"].pk,
    )
    if (visible or hidden) and not form.cleaned_data["confirm_not_duplicate"]:
        message = _(
            "A firm with this name is already registered in this country; "
            "send confirm_not_duplicate=true if it is another firm."
        )
        return Status(
            409, {"detail": "possible duplicate", "errors": [{"field": "legal_name", "message": message}]}
        )
    profile = form.profile_data()
    firm = services.firm_register_by_intermediary(
        actor=request.user,  # type: ignore[arg-type]
        intermediary=intermediary,
        legal_name=profile.pop("legal_name"),
        country_id=profile.pop("country").pk,
        **form.consent_data(),
        **profile,
    )
    firm, _visible = selectors.firm_get_for_user(user=request.user, reference=firm.reference)
    return Status(201, _firm_out(firm, full=True))


@router.get(
    "/{reference}",
    auth=None,
    response={200: FirmOut, 404: ErrorOut},
    summary="A firm's profile: full for its parties, anonymous for everyone else",
)
def firm_detail(request: HttpRequest, reference: str) -> Any:
    firm, can_see_identity = selectors.firm_get_for_user(user=_optional_user(request), reference=reference)
    return _firm_out(firm, full=can_see_identity)
