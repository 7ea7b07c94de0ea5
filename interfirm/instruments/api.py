"""API of support instruments: the open instruments (public, no firm data) and what the acting firm may
qualify for, rule by rule."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from interfirm.accounts.models import OrganisationKind
from interfirm.firms.selectors import firm_for_membership
from interfirm.instruments import selectors
from interfirm.instruments.models import SupportInstrument

router = Router(tags=["instruments"])


class ProviderOut(Schema):
    slug: str
    name: str
    type: str
    country: str


class InstrumentOut(Schema):
    slug: str
    name: str
    kind: str
    provider: ProviderOut
    description: str
    amount_min: float | None
    amount_max: float | None
    currency: str
    deadline: datetime.date | None
    rules: list[str]


class RuleCheckOut(Schema):
    rule: str
    met: bool | None
    reason: str


class EligibilityOut(Schema):
    instrument: InstrumentOut
    may_qualify: bool
    checks: list[RuleCheckOut]


def _instrument(instrument: SupportInstrument) -> dict[str, Any]:
    provider = instrument.provider
    return {
        "slug": instrument.slug,
        "name": instrument.name,
        "kind": instrument.kind,
        "provider": {
            "slug": provider.slug,
            "name": provider.name,
            "type": provider.type,
            "country": provider.country_id,
        },
        "description": instrument.description,
        "amount_min": float(instrument.amount_min) if instrument.amount_min is not None else None,
        "amount_max": float(instrument.amount_max) if instrument.amount_max is not None else None,
        "currency": instrument.currency,
        "deadline": instrument.deadline,
        "rules": selectors.rule_lines(instrument),
    }


@router.get("/", response=list[InstrumentOut], auth=None, summary="Open support instruments")
def instruments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_instrument(i) for i in selectors.open_instruments()]


@router.get("/eligibility", response=list[EligibilityOut], summary="What the acting firm may qualify for")
def eligibility(request: HttpRequest) -> list[dict[str, Any]]:
    """Return every open instrument with the rules the acting firm meets, does not meet, or has to
    confirm (``met`` null); those it may qualify for first."""
    membership = getattr(request, "membership", None)
    if not membership or membership.organisation.kind != OrganisationKind.FIRM:
        raise HttpError(404, "act for a firm")
    firm = firm_for_membership(membership)
    return [
        {
            "instrument": _instrument(e.instrument),
            "may_qualify": e.may_qualify,
            "checks": [{"rule": c.rule, "met": c.met, "reason": c.reason} for c in e.outcome.checks],
        }
        for e in selectors.eligibility_for_firm(firm)
    ]


@router.get("/{slug}", response=InstrumentOut, auth=None, summary="One open support instrument")
def instrument_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _instrument(selectors.instrument_get_public(slug=slug))
