"""API of expressions of interest: submit (idempotent), list one's own, read one, answer, message.

Every operation needs a signed-in user acting for a firm or an intermediary (an operator may read).
An expression the acting organisation is not party to answers 404; a change the rules do not allow
answers 409 (403 for the wrong side) with ``detail`` saying why; bad input answers 422 naming fields.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Firm, Representation
from interfirm.introductions import selectors, services
from interfirm.introductions.forms import (
    MESSAGE_MAX,
    MESSAGE_MIN,
    NOTE_MAX,
    identity_error,
    identity_found_in,
)
from interfirm.introductions.models import DeclineReason, EoiStatus, ExpressionOfInterest, Message, Side
from interfirm.introductions.services import IntroductionError

router = Router(tags=["introductions"])


class ContactOut(Schema):
    name: str
    position: str
    email: str
    phone: str


class IdentityOut(Schema):
    reference: str
    legal_name: str
    trade_name: str
    city: str
    address: str
    website: str
    email: str
    phone: str
    contacts: list[ContactOut]


class PartyOut(Schema):
    side: str
    yours: bool
    revealed: bool
    description: str = Field(..., description="Anonymous description, e.g. 'a small firm from Kenya (…)'")
    country: str
    size_class: str
    sectors: list[str]
    identity: IdentityOut | None = Field(None, description="Only after acceptance (or for one's own side)")


class OpportunityRef(Schema):
    reference: str
    title: str
    kind: str
    url: str


class EoiOut(Schema):
    id: int
    uid: str
    status: str
    status_label: str
    opportunity: OpportunityRef
    message: str
    your_sides: list[str]
    parties: list[PartyOut]
    created_at: datetime.datetime
    expires_at: datetime.datetime
    decided_at: datetime.datetime | None
    decline_reason: str
    decline_reason_label: str
    decline_note: str
    url: str


class EoiIn(Schema):
    opportunity: str = Field(..., description="Reference of a published opportunity", max_length=12)
    message: str = Field(
        ..., min_length=MESSAGE_MIN, max_length=MESSAGE_MAX, description="What the firm brings"
    )
    firm: str | None = Field(
        None, description="Reference of the firm to act for; required for an intermediary", max_length=12
    )
    idempotency_key: str | None = Field(
        None,
        max_length=100,
        description="Or the Idempotency-Key header; a retry with the same key makes nothing new",
    )


class DeclineIn(Schema):
    reason: DeclineReason
    note: str = Field("", max_length=NOTE_MAX)


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=MESSAGE_MAX)
    side: Side | None = Field(None, description="Only when your organisation represents both sides")


class MessageOut(Schema):
    id: int
    side: str
    yours: bool
    author: str | None
    body: str
    created_at: datetime.datetime


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"loc": (field,), "msg": message, "type": "value_error"}])


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _sides(request: HttpRequest, eoi: ExpressionOfInterest) -> frozenset[str]:
    membership = _membership(request)
    return selectors.eoi_sides_of_organisation(eoi, membership.organisation_id if membership else None)


def _party(eoi: ExpressionOfInterest, side: str, *, yours: bool, revealed: bool) -> dict[str, Any]:
    view = selectors.eoi_party_view(eoi, side, revealed=revealed)
    return {
        "side": side,
        "yours": yours,
        "revealed": view.revealed,
        "description": view.description,
        "country": view.profile.country_iso3,
        "size_class": view.profile.size_class,
        "sectors": [sector.code for sector in view.profile.sectors],
        "identity": None
        if view.identity is None
        else {
            **{
                name: getattr(view.identity, name)
                for name in (
                    "reference",
                    "legal_name",
                    "trade_name",
                    "city",
                    "address",
                    "website",
                    "email",
                    "phone",
                )
            },
            "contacts": [contact.__dict__ for contact in view.identity.contacts],
        },
    }


def _out(request: HttpRequest, eoi: ExpressionOfInterest) -> dict[str, Any]:
    sides = _sides(request, eoi)
    operator = not sides and is_operator(request.user)  # type: ignore[arg-type]
    accepted = eoi.status == EoiStatus.ACCEPTED
    opportunity = eoi.opportunity
    return {
        "id": eoi.pk,
        "uid": str(eoi.uid),
        "status": eoi.status,
        "status_label": str(eoi.get_status_display()),
        "opportunity": {
            "reference": opportunity.reference,
            "title": opportunity.title,
            "kind": opportunity.kind,
            "url": opportunity.get_absolute_url(),
        },
        "message": eoi.message,
        "your_sides": sorted(sides),
        "parties": [
            _party(eoi, side, yours=side in sides, revealed=operator or side in sides or accepted)
            for side in (Side.OWNER, Side.INTERESTED)
        ],
        "created_at": eoi.created_at,
        "expires_at": eoi.expires_at,
        "decided_at": eoi.decided_at,
        "decline_reason": eoi.decline_reason,
        "decline_reason_label": str(eoi.get_decline_reason_display()) if eoi.decline_reason else "",
        "decline_note": eoi.decline_note,
        "url": f"/introductions/{eoi.pk}/",
    }


def _get(request: HttpRequest, pk: int) -> ExpressionOfInterest:
    return selectors.eoi_get_for_user(user=request.user, membership=_membership(request), pk=pk)


def _acting_firm(membership: Membership | None, reference: str | None) -> Firm:
    """Return the firm the request acts for: the acting firm, or a firm the intermediary represents."""
    from interfirm.firms.selectors import firm_for_membership

    if not membership:
        raise Http404
    kind = membership.organisation.kind
    if kind == OrganisationKind.FIRM:
        firm = firm_for_membership(membership)
        if reference and reference != firm.reference:
            raise _invalid("firm", _("Not a firm your organisation represents."))
        return firm
    if kind != OrganisationKind.INTERMEDIARY:
        raise Http404
    if not reference:
        raise _invalid("firm", _("Say which firm you act for (its reference)."))
    representation = (
        Representation.objects.filter(
            firm__reference=reference,
            firm__merged_into__isnull=True,
            intermediary__organisation_id=membership.organisation_id,
            ended_at__isnull=True,
        )
        .select_related("firm")
        .first()
    )
    if representation is None:
        raise _invalid("firm", _("Not a firm your organisation represents."))
    return representation.firm


def _domain_error(error: IntroductionError) -> HttpError:
    return HttpError(error.status, error.message)


@router.post("/", response={200: EoiOut, 201: EoiOut}, summary="Express interest in a published opportunity")
def eoi_create(request: HttpRequest, payload: EoiIn) -> Status[dict[str, Any]]:
    """Express interest for the acting firm (or, as an intermediary, for ``firm``). Send an idempotency
    key (``Idempotency-Key`` header or ``idempotency_key``): a retry answers 200 with the same expression."""
    from interfirm.opportunities.selectors import opportunity_get_published

    membership = _membership(request)
    key = (request.headers.get("Idempotency-Key") or payload.idempotency_key or "").strip()
    if not key:
        raise _invalid(
            "idempotency_key", _("An idempotency key is required (Idempotency-Key header or field).")
        )
    if len(key) > 100:
        raise _invalid("idempotency_key", _("At most 100 characters."))
    firm = _acting_firm(membership, payload.firm)
    opportunity = opportunity_get_published(reference=payload.opportunity)
    found = identity_found_in(payload.message, firm)
    if found:
        raise _invalid("message", identity_error(found))
    assert membership is not None
    try:
        eoi, created = services.eoi_submit_or_replay(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation,
            firm=firm,
            opportunity=opportunity,
            message=payload.message,
            idempotency_key=key,
        )
    except IntroductionError as error:
        if error.status == 422:
            raise _invalid("idempotency_key", error.message) from None
        raise _domain_error(error) from None
    return Status(201 if created else 200, _out(request, _get(request, eoi.pk)))


@router.get("/", response=list[EoiOut], summary="My expressions of interest, sent and received")
def eoi_list(request: HttpRequest, status: EoiStatus | None = None) -> list[dict[str, Any]]:
    """List the acting organisation's cases, newest first: a firm's sent and received expressions; an
    intermediary's portfolio firms' cases on either side."""
    membership = _membership(request)
    if not membership:
        return []
    kind = membership.organisation.kind
    if kind == OrganisationKind.INTERMEDIARY:
        from interfirm.firms.selectors import intermediary_for_membership

        queryset = selectors.eois_for_intermediary(intermediary=intermediary_for_membership(membership))
    elif kind == OrganisationKind.FIRM:
        queryset = selectors.eois_sent(membership=membership) | selectors.eois_received(membership=membership)
    else:
        return []
    if status is not None:
        queryset = queryset.filter(status=status)
    return [_out(request, eoi) for eoi in queryset.distinct().order_by("-created_at", "-pk")[:200]]


@router.get("/{int:eoi_id}", response=EoiOut, summary="One expression of interest")
def eoi_detail(request: HttpRequest, eoi_id: int) -> dict[str, Any]:
    return _out(request, _get(request, eoi_id))


@router.post("/{int:eoi_id}/accept", response=EoiOut, summary="Accept (owner side): identities are exchanged")
def eoi_accept(request: HttpRequest, eoi_id: int) -> dict[str, Any]:
    eoi = _get(request, eoi_id)
    membership = _membership(request)
    try:
        services.eoi_accept(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation if membership else None,
            eoi=eoi,
        )
    except IntroductionError as error:
        raise _domain_error(error) from None
    return _out(request, _get(request, eoi_id))


@router.post("/{int:eoi_id}/decline", response=EoiOut, summary="Decline (owner side) with a reason")
def eoi_decline(request: HttpRequest, eoi_id: int, payload: DeclineIn) -> dict[str, Any]:
    eoi = _get(request, eoi_id)
    found = identity_found_in(payload.note, eoi.opportunity.firm) if payload.note else []
    if found:
        raise _invalid("note", identity_error(found))
    membership = _membership(request)
    try:
        services.eoi_decline(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation if membership else None,
            eoi=eoi,
            reason=payload.reason.value,
            note=payload.note,
        )
    except IntroductionError as error:
        raise _domain_error(error) from None
    return _out(request, _get(request, eoi_id))


@router.post("/{int:eoi_id}/withdraw", response=EoiOut, summary="Withdraw (interested side)")
def eoi_withdraw(request: HttpRequest, eoi_id: int) -> dict[str, Any]:
    eoi = _get(request, eoi_id)
    membership = _membership(request)
    try:
        services.eoi_withdraw(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation if membership else None,
            eoi=eoi,
        )
    except IntroductionError as error:
        raise _domain_error(error) from None
    return _out(request, _get(request, eoi_id))


def _message_out(message: Message, sides: frozenset[str], *, show_authors: bool) -> dict[str, Any]:
    yours = message.side in sides
    author = message.author if (yours or show_authors) else None
    return {
        "id": message.pk,
        "side": message.side,
        "yours": yours,
        "author": str(author) if author is not None else None,
        "body": message.body,
        "created_at": message.created_at,
    }


@router.get(
    "/{int:eoi_id}/messages", response=list[MessageOut], summary="The messages of a case, oldest first"
)
def eoi_messages(request: HttpRequest, eoi_id: int) -> list[dict[str, Any]]:
    eoi = _get(request, eoi_id)
    sides = _sides(request, eoi)
    show_authors = eoi.status == EoiStatus.ACCEPTED or (not sides and is_operator(request.user))  # type: ignore[arg-type]
    return [_message_out(m, sides, show_authors=show_authors) for m in eoi.messages.select_related("author")]


@router.post("/{int:eoi_id}/messages", response={201: MessageOut}, summary="Write to the other side")
def eoi_message_create(request: HttpRequest, eoi_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    eoi = _get(request, eoi_id)
    sides = _sides(request, eoi)
    side = payload.side.value if payload.side is not None else None
    if eoi.status != EoiStatus.ACCEPTED:
        writer_side = side or (next(iter(sides)) if len(sides) == 1 else None)
        if writer_side is not None:
            firm = eoi.opportunity.firm if writer_side == Side.OWNER else eoi.firm
            found = identity_found_in(payload.body, firm)
            if found:
                raise _invalid("body", identity_error(found))
    membership = _membership(request)
    try:
        message = services.eoi_message_send(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation if membership else None,
            eoi=eoi,
            body=payload.body,
            side=side,
        )
    except IntroductionError as error:
        if error.status == 422:
            raise _invalid("side", error.message) from None
        raise _domain_error(error) from None
    return Status(201, _message_out(message, sides, show_authors=True))
