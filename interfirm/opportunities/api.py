"""API of opportunities: the public (anonymised) detail, one's own, and the whole life cycle.

A published opportunity is public and anonymous (``AnonymousOpportunity``); its owner side (the firm,
its representing intermediaries, operators) also gets the status, identity flags and reviews. An
opportunity the caller may not see answers 404; an action its status does not allow, 409 with
``detail`` saying why; bad input, 422 with ``errors`` naming each field.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.forms import Form
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from interfirm.accounts.api_auth import api_auth
from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.opportunities import services
from interfirm.opportunities.forms import OpportunityForm, RenewForm, ReviewForm, opportunity_form_data
from interfirm.opportunities.models import Opportunity
from interfirm.opportunities.selectors import (
    AnonymousOpportunity,
    Choice,
    identity_flags_display,
    opportunities_for_membership,
    opportunities_for_review,
    opportunity_anonymous,
    opportunity_get_for_owner,
    opportunity_get_for_review,
    opportunity_get_for_viewer,
    opportunity_reviews,
    organisation_can_review,
)
from interfirm.opportunities.services import TransitionNotAllowed

router = Router(tags=["opportunities"])


def _anyone(request: HttpRequest) -> bool:
    """Let anonymous callers through (after a token, if any, was tried): the operation decides."""
    return True


PUBLIC_OR_SIGNED_IN = [*api_auth, _anyone]


class ChoiceOut(Schema):
    code: str
    label: str


class OwnerOut(Schema):
    country: str
    country_name: str
    region: str
    economy_group: str
    size_class: str
    size_class_label: str
    organisation_type: str
    sectors: list[ChoiceOut]


class FlagOut(Schema):
    field: str
    label: str
    found: str


class ReviewOut(Schema):
    created_at: datetime.datetime
    decision: str
    clarity: int
    innovation: int
    cooperation: int
    language: int
    comments: str
    reviewer_organisation: str


class FirmRefOut(Schema):
    reference: str
    legal_name: str


class OpportunityOut(Schema):
    reference: str
    uid: str
    installation: str
    kind: str
    kind_label: str
    domains: list[ChoiceOut]
    title: str
    summary: str
    description: str
    advantages: str
    stage: str
    ip_status: str
    arrangement_types: list[ChoiceOut]
    partner_role: str
    partner_sizes: list[ChoiceOut]
    partner_types: list[ChoiceOut]
    partner_countries: list[ChoiceOut]
    partner_regions: list[ChoiceOut]
    partner_economy_groups: list[ChoiceOut]
    partner_corridors: list[ChoiceOut]
    required_certifications: list[ChoiceOut]
    required_capacity: str
    required_languages: list[ChoiceOut]
    sectors: list[ChoiceOut]
    keywords: list[str]
    deadline: datetime.date
    published_at: datetime.datetime | None
    owner: OwnerOut
    url: str
    owner_side: bool = Field(
        False, description="Whether the caller is on the owner side (the fields below are set)"
    )
    status: str | None = None
    firm: FirmRefOut | None = None
    identity_flags: list[FlagOut] | None = None
    submitted_at: datetime.datetime | None = None
    closed_at: datetime.datetime | None = None
    reviews: list[ReviewOut] | None = None
    actions: list[str] | None = Field(None, description="The actions the status allows")


class OpportunityIn(Schema):
    """The fields of an opportunity. On create, what the form requires must be given; on PATCH, the
    fields left out keep their value."""

    firm: str | None = Field(
        None, description="Public reference of the firm (an intermediary creating for it)"
    )
    kind: str | None = Field(None, description="offer or request")
    domains: list[str] | None = None
    title: str | None = None
    summary: str | None = None
    description: str | None = None
    advantages: str | None = None
    stage: str | None = None
    ip_status: str | None = None
    arrangement_types: list[str] | None = None
    partner_role: str | None = None
    partner_sizes: list[str] | None = None
    partner_types: list[str] | None = None
    partner_countries: list[str] | None = Field(None, description="ISO 3166 alpha-3 codes")
    partner_regions: list[str] | None = Field(None, description="M49 region or sub-region codes")
    partner_economy_groups: list[str] | None = None
    partner_corridors: list[str] | None = None
    required_certifications: list[str] | None = None
    required_capacity: str | None = None
    required_languages: list[str] | None = Field(None, description="ISO 639-1 codes")
    sectors: list[str] | None = Field(None, description="ISIC Rev.4 class codes")
    keywords: str | None = None
    deadline: datetime.date | None = None


class ReviewIn(Schema):
    clarity: int
    innovation: int
    cooperation: int
    language: int
    decision: str | None = Field(None, description="hold or reject to be stricter than the scores")
    comments: str = ""


class RenewIn(Schema):
    deadline: datetime.date


def _choices(items: tuple[Choice, ...]) -> list[dict[str, str]]:
    return [{"code": item.code, "label": item.label} for item in items]


def _public(view: AnonymousOpportunity) -> dict[str, Any]:
    return {
        "reference": view.reference,
        "uid": view.uid,
        "installation": view.installation,
        "kind": view.kind,
        "kind_label": view.kind_label,
        "domains": _choices(view.domains),
        "title": view.title,
        "summary": view.summary,
        "description": view.description,
        "advantages": view.advantages,
        "stage": view.stage,
        "ip_status": view.ip_status,
        "arrangement_types": _choices(view.arrangement_types),
        "partner_role": view.partner_role,
        "partner_sizes": _choices(view.partner_sizes),
        "partner_types": _choices(view.partner_types),
        "partner_countries": _choices(view.partner_countries),
        "partner_regions": _choices(view.partner_regions),
        "partner_economy_groups": _choices(view.partner_economy_groups),
        "partner_corridors": _choices(view.partner_corridors),
        "required_certifications": _choices(view.required_certifications),
        "required_capacity": view.required_capacity,
        "required_languages": _choices(view.required_languages),
        "sectors": _choices(view.sectors),
        "keywords": list(view.keywords),
        "deadline": view.deadline,
        "published_at": view.published_at,
        "owner": {
            "country": view.owner.country_iso3,
            "country_name": view.owner.country_name,
            "region": view.owner.region,
            "economy_group": view.owner.economy_group,
            "size_class": view.owner.size_class,
            "size_class_label": view.owner.size_class_label,
            "organisation_type": view.owner.organisation_type,
            "sectors": _choices(view.owner.sectors),
        },
        "url": view.url,
        "owner_side": False,
    }


def _full(opportunity: Opportunity) -> dict[str, Any]:
    return {
        **_public(opportunity_anonymous(opportunity)),
        "owner_side": True,
        "status": opportunity.status,
        "firm": {"reference": opportunity.firm.reference, "legal_name": opportunity.firm.legal_name},
        "identity_flags": identity_flags_display(opportunity),
        "submitted_at": opportunity.submitted_at,
        "closed_at": opportunity.closed_at,
        "reviews": [
            {
                "created_at": review.created_at,
                "decision": review.decision,
                "clarity": review.clarity,
                "innovation": review.innovation,
                "cooperation": review.cooperation,
                "language": review.language,
                "comments": review.comments,
                "reviewer_organisation": review.reviewer_organisation.name
                if review.reviewer_organisation
                else "",
            }
            for review in opportunity_reviews(opportunity)
        ],
        "actions": sorted(services.allowed_actions(opportunity)),
    }


def _raise_form_errors(form: Form) -> None:
    """Raise a 422 whose errors name the form's fields."""
    errors = [
        {"loc": ["body", field], "msg": error["message"], "type": error["code"] or "invalid"}
        for field, field_errors in form.errors.get_json_data().items()
        for error in field_errors
    ]
    raise ValidationError(errors)


def _membership(request: HttpRequest) -> Membership | None:
    return getattr(request, "membership", None)


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership is not None else None


def _form_input(payload: OpportunityIn, base: dict[str, Any] | None = None) -> dict[str, Any]:
    data = dict(base or {})
    for key, value in payload.dict(exclude_unset=True).items():
        if key == "firm":
            continue
        if key == "sectors":
            value = ", ".join(value or [])
        elif key in ("partner_countries", "required_languages"):
            value = [code.upper() if key == "partner_countries" else code.lower() for code in value or []]
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[key] = "" if value is None else value
    return data


def _conflict(refusal: TransitionNotAllowed) -> HttpError:
    return HttpError(409, refusal.message)


@router.get("/mine", response=list[OpportunityOut], summary="Your opportunities")
def list_mine(request: HttpRequest) -> list[dict[str, Any]]:
    """Return the acting firm's opportunities (for an intermediary: its portfolio firms'), newest first."""
    membership = _membership(request)
    if membership is None or membership.organisation.kind not in (
        OrganisationKind.FIRM,
        OrganisationKind.INTERMEDIARY,
    ):
        raise Http404
    return [_full(o) for o in opportunities_for_membership(membership=membership)]


@router.get("/for-review", response=list[OpportunityOut], summary="Opportunities waiting for your review")
def list_for_review(request: HttpRequest) -> list[dict[str, Any]]:
    """Return the submitted opportunities the acting intermediary (or an operator) may review; 404 for others.

    Reviewers see the content and the identity flags, not the owner's identity.
    """
    membership = _membership(request)
    if not organisation_can_review(user=request.user, membership=membership):
        raise Http404
    results = []
    for opportunity in opportunities_for_review(user=request.user, membership=membership):
        results.append(
            {
                **_public(opportunity_anonymous(opportunity)),
                "status": opportunity.status,
                "identity_flags": identity_flags_display(opportunity),
            }
        )
    return results


@router.get("/{reference}", response=OpportunityOut, auth=PUBLIC_OR_SIGNED_IN, summary="One opportunity")
def get_opportunity(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Return a published opportunity, anonymised; its owner side gets everything (any status).

    404 for an unknown reference and for an unpublished opportunity of someone else.
    """
    opportunity, owner_side = opportunity_get_for_viewer(
        user=request.user, membership=_membership(request), reference=reference
    )
    return _full(opportunity) if owner_side else _public(opportunity_anonymous(opportunity))


@router.post("/", response={201: OpportunityOut}, summary="Create a draft opportunity")
def create_opportunity(request: HttpRequest, payload: OpportunityIn) -> Status[dict[str, Any]]:
    """Create a draft for the acting firm, or (an intermediary) for the firm named by ``firm``."""
    from interfirm.firms.selectors import firm_for_membership, firms_in_portfolio, intermediary_for_membership

    membership = _membership(request)
    if membership is None or membership.organisation.kind not in (
        OrganisationKind.FIRM,
        OrganisationKind.INTERMEDIARY,
    ):
        raise Http404
    if membership.organisation.kind == OrganisationKind.FIRM:
        firm, portfolio = firm_for_membership(membership), None
    else:
        firm = None
        portfolio = [
            entry.firm for entry in firms_in_portfolio(intermediary=intermediary_for_membership(membership))
        ]
    data = _form_input(payload)
    if portfolio is not None:
        chosen = next((f for f in portfolio if f.reference == payload.firm), None)
        data["firm"] = chosen.pk if chosen else ("" if not payload.firm else -1)
    form = OpportunityForm(data, firms=portfolio)
    if not form.is_valid():
        _raise_form_errors(form)
    owner = firm or form.cleaned_data["firm"]
    opportunity = services.opportunity_create(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation,
        firm=owner,
        data=form.opportunity_data(),
    )
    return Status(
        201,
        _full(
            opportunity_get_for_owner(
                user=request.user, membership=membership, reference=opportunity.reference
            )
        ),
    )


def _owner_opportunity(request: HttpRequest, reference: str) -> Opportunity:
    return opportunity_get_for_owner(user=request.user, membership=_membership(request), reference=reference)


def _reloaded(request: HttpRequest, opportunity: Opportunity) -> dict[str, Any]:
    return _full(_owner_opportunity(request, opportunity.reference))


@router.patch("/{reference}", response=OpportunityOut, summary="Edit an opportunity")
def patch_opportunity(request: HttpRequest, reference: str, payload: OpportunityIn) -> dict[str, Any]:
    """Change a draft, on-hold or published opportunity; 409 in any other status."""
    opportunity = _owner_opportunity(request, reference)
    if not services.transition_allowed(opportunity, "update"):
        raise HttpError(409, services.transition_refusal(opportunity, "update"))
    if payload.firm is not None and payload.firm != opportunity.firm.reference:
        # The owner of an opportunity never changes: say so rather than ignore the field.
        raise ValidationError(
            [
                {
                    "loc": ["body", "payload", "firm"],
                    "msg": "The firm of an opportunity cannot change; leave firm out of a PATCH.",
                    "type": "value_error",
                }
            ]
        )
    form = OpportunityForm(_form_input(payload, opportunity_form_data(opportunity)))
    if not form.is_valid():
        _raise_form_errors(form)
    try:
        services.opportunity_update(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            opportunity=opportunity,
            data=form.opportunity_data(),
        )
    except TransitionNotAllowed as refusal:
        raise _conflict(refusal) from refusal
    return _reloaded(request, opportunity)


def _owner_transition(request: HttpRequest, reference: str, action: str) -> dict[str, Any]:
    opportunity = _owner_opportunity(request, reference)
    service = {
        "submit": services.opportunity_submit,
        "resubmit": services.opportunity_resubmit,
        "withdraw": services.opportunity_withdraw,
        "close": services.opportunity_close,
    }[action]
    try:
        service(actor=request.user, acting_for=_acting_for(request), opportunity=opportunity)  # type: ignore[arg-type]
    except TransitionNotAllowed as refusal:
        raise _conflict(refusal) from refusal
    return _reloaded(request, opportunity)


@router.post("/{reference}/submit", response=OpportunityOut, summary="Submit a draft for review")
def submit_opportunity(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Send a draft for review; the identity found in its text is flagged."""
    return _owner_transition(request, reference, "submit")


@router.post(
    "/{reference}/resubmit", response=OpportunityOut, summary="Send an opportunity on hold back for review"
)
def resubmit_opportunity(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Send an opportunity put on hold back for review."""
    return _owner_transition(request, reference, "resubmit")


@router.post("/{reference}/withdraw", response=OpportunityOut, summary="Withdraw an opportunity")
def withdraw_opportunity(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Withdraw an opportunity that has not ended."""
    return _owner_transition(request, reference, "withdraw")


@router.post("/{reference}/close", response=OpportunityOut, summary="Close an opportunity: partner found")
def close_opportunity(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Close a published or expired opportunity because a partner was found."""
    return _owner_transition(request, reference, "close")


@router.post("/{reference}/renew", response=OpportunityOut, summary="Renew an opportunity")
def renew_opportunity(request: HttpRequest, reference: str, payload: RenewIn) -> dict[str, Any]:
    """Give a published or expired opportunity a new deadline (an expired one is published again)."""
    opportunity = _owner_opportunity(request, reference)
    form = RenewForm({"deadline": payload.deadline.isoformat()})
    if not form.is_valid():
        _raise_form_errors(form)
    try:
        services.opportunity_renew(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            opportunity=opportunity,
            deadline=form.cleaned_data["deadline"],
        )
    except TransitionNotAllowed as refusal:
        raise _conflict(refusal) from refusal
    return _reloaded(request, opportunity)


class ReviewResultOut(Schema):
    reference: str
    decision: str
    status: str


@router.post("/{reference}/review", response=ReviewResultOut, summary="Review a submitted opportunity")
def review_opportunity(request: HttpRequest, reference: str, payload: ReviewIn) -> dict[str, Any]:
    """Score the four criteria 0–5; the thresholds decide (``decision`` may only be stricter).

    404 unless the caller may review this opportunity; 409 unless it waits for review; 422 for bad
    scores, missing comments (hold or reject), or publishing while identity flags remain.
    """
    membership = _membership(request)
    opportunity = opportunity_get_for_review(user=request.user, membership=membership, reference=reference)
    if not services.transition_allowed(opportunity, "review"):
        raise HttpError(409, services.transition_refusal(opportunity, "review"))
    form = ReviewForm(
        {key: ("" if value is None else value) for key, value in payload.dict().items()},
        opportunity=opportunity,
    )
    if not form.is_valid():
        _raise_form_errors(form)
    try:
        review = services.opportunity_review(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            opportunity=opportunity,
            **form.review_data(),
        )
    except TransitionNotAllowed as refusal:
        raise _conflict(refusal) from refusal
    opportunity.refresh_from_db(fields=["status"])
    return {"reference": opportunity.reference, "decision": review.decision, "status": opportunity.status}
