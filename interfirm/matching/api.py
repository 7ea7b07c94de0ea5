"""API of matching: suggestions (for the acting firm, a firm it represents, or an opportunity of its owner
side) with the same reasons and gaps as the pages; feedback; saved searches.

Everything needs a signed-in user acting for a firm or an intermediary (operators may read). A firm or
an opportunity the acting organisation does not act for answers 404; bad input answers 422 naming
fields. Candidates are anonymous: their name is given only to a user who may see it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.matching import selectors, services
from interfirm.matching.models import DismissReason, Frequency, SavedSearch
from interfirm.matching.selectors import SuggestionView

router = Router(tags=["matching"])


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _acting(request: HttpRequest) -> Membership:
    membership = _membership(request)
    if membership is None or membership.organisation.kind not in (
        OrganisationKind.FIRM,
        OrganisationKind.INTERMEDIARY,
        OrganisationKind.OPERATOR,
    ):
        raise HttpError(404, "Act for a firm or an intermediary to use matching.")
    return membership


class ReasonOut(Schema):
    feature: str
    label: str
    text: str
    score: float
    contribution: float


class IntermediaryOut(Schema):
    name: str
    url: str
    country: str


class GapOut(Schema):
    side: str = Field(..., description="candidate: the partner lacks it; query: you lack it")
    kind: str
    text: str
    intermediaries: list[IntermediaryOut]


class CandidateOut(Schema):
    reference: str
    country: str
    country_name: str
    size_class: str
    sectors: list[str]
    name: str = Field("", description="Only when you may see the partner's identity")


class OpportunityRef(Schema):
    reference: str
    title: str
    kind: str
    url: str
    deadline: datetime.date


class SuggestionOut(Schema):
    id: int
    rank: int
    score: float
    algorithm: str
    candidate: CandidateOut
    opportunity: OpportunityRef | None
    reasons: list[ReasonOut]
    gaps: list[GapOut]
    saved: bool


class SuggestionsOut(Schema):
    firm: str
    opportunity: str | None
    suggestions: list[SuggestionOut]
    empty_reason: str


def _out(view: SuggestionView) -> dict[str, Any]:
    profile = view.profile
    return {
        "id": view.pk,
        "rank": view.rank,
        "score": view.score,
        "algorithm": view.algorithm,
        "candidate": {
            "reference": profile.reference,
            "country": profile.country_iso3,
            "country_name": profile.country_name,
            "size_class": profile.size_class,
            "sectors": [s.code for s in profile.sectors],
            "name": view.identity,
        },
        "opportunity": {
            "reference": view.opportunity.reference,
            "title": view.opportunity.title,
            "kind": view.opportunity.kind,
            "url": view.opportunity.url,
            "deadline": view.opportunity.deadline,
        }
        if view.opportunity
        else None,
        "reasons": [vars(r) for r in (*view.reasons, *view.more_reasons)],
        "gaps": [
            {
                "side": g.side,
                "kind": g.kind,
                "text": g.text,
                "intermediaries": [vars(i) for i in g.intermediaries],
            }
            for g in view.gaps
        ],
        "saved": view.saved,
    }


@router.get("/suggestions", response=SuggestionsOut)
def suggestions_mine(request: HttpRequest, firm: str | None = None) -> dict[str, Any]:
    """Suggestions for the acting firm, or (``firm``: a reference) a firm the organisation represents."""
    membership = _acting(request)
    viewer = selectors.viewer_firm_get(user=request.user, membership=membership, reference=firm)
    views, empty = selectors.suggestions_for_viewer(user=request.user, viewer_firm=viewer)
    return {
        "firm": viewer.reference,
        "opportunity": None,
        "suggestions": [_out(v) for v in views],
        "empty_reason": empty,
    }


@router.get("/opportunities/{reference}/suggestions", response=SuggestionsOut)
def suggestions_for_opportunity(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Suggested partners of an opportunity of the acting organisation's owner side (404 otherwise)."""
    from interfirm.opportunities.selectors import opportunity_get_for_owner

    membership = _acting(request)
    opportunity = opportunity_get_for_owner(user=request.user, membership=membership, reference=reference)
    views, empty = selectors.suggestions_for_viewer(
        user=request.user, viewer_firm=opportunity.firm, viewer_opportunity=opportunity
    )
    return {
        "firm": opportunity.firm.reference,
        "opportunity": opportunity.reference,
        "suggestions": [_out(v) for v in views],
        "empty_reason": empty,
    }


class FeedbackIn(Schema):
    action: str = Field(..., pattern="^(save|dismiss)$", description="save or dismiss")
    reason: DismissReason | None = Field(None, description="Required to dismiss")
    note: str = Field("", max_length=500)


class FeedbackOut(Schema):
    id: int
    kind: str
    suggestion: int | None


@router.post("/suggestions/{suggestion_id}/feedback", response={201: FeedbackOut})
def feedback(request: HttpRequest, suggestion_id: int, payload: FeedbackIn) -> Status[dict[str, Any]]:
    """Save or dismiss a suggestion (a dismissed one is never suggested again)."""
    membership = _acting(request)
    suggestion = selectors.suggestion_get_for_user(user=request.user, membership=membership, pk=suggestion_id)
    if payload.action == "dismiss":
        if payload.reason is None:
            from ninja.errors import ValidationError

            raise ValidationError([{"loc": ["body", "payload", "reason"], "msg": "Say why you dismiss it."}])
        record = services.suggestion_dismiss(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation,
            suggestion=suggestion,
            reason=payload.reason,
            note=payload.note,
        )
    else:
        record = services.suggestion_save(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation,
            suggestion=suggestion,
        )
    return Status(201, {"id": record.pk, "kind": record.kind, "suggestion": record.suggestion_id})


class SavedSearchIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    query: str = Field("", max_length=1000, description="The search page's query string")
    like: str | None = Field(None, max_length=12, description="Reference of a published opportunity")
    frequency: Frequency = Frequency.WEEKLY


class SavedSearchPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=120)
    frequency: Frequency | None = None
    is_active: bool | None = None


class SavedSearchOut(Schema):
    id: int
    name: str
    kind: str
    query: str
    like: str | None
    frequency: str
    is_active: bool
    last_sent_at: datetime.datetime | None


def _saved_out(saved: SavedSearch) -> dict[str, Any]:
    return {
        "id": saved.pk,
        "name": saved.name,
        "kind": saved.kind,
        "query": saved.query,
        "like": saved.like_opportunity.reference if saved.like_opportunity_id else None,  # type: ignore[union-attr]
        "frequency": saved.frequency,
        "is_active": saved.is_active,
        "last_sent_at": saved.last_sent_at,
    }


def _actor_membership(request: HttpRequest) -> Membership:
    membership = _membership(request)
    if membership is None or membership.organisation.kind not in (
        OrganisationKind.FIRM,
        OrganisationKind.INTERMEDIARY,
    ):
        raise HttpError(404, "Act for a firm or an intermediary to save searches.")
    return membership


@router.get("/saved-searches", response=list[SavedSearchOut])
def saved_search_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The acting organisation's saved searches."""
    membership = _actor_membership(request)
    return [_saved_out(s) for s in selectors.saved_searches_of(membership=membership)]


@router.post("/saved-searches", response={201: SavedSearchOut})
def saved_search_add(request: HttpRequest, payload: SavedSearchIn) -> Status[dict[str, Any]]:
    """Save a search (a query string of the search page) or "opportunities like" one opportunity."""
    membership = _actor_membership(request)
    like = None
    if payload.like:
        from interfirm.opportunities.selectors import opportunity_get_published

        try:
            like = opportunity_get_published(reference=payload.like)
        except Http404:
            from ninja.errors import ValidationError

            raise ValidationError(
                [{"loc": ["body", "payload", "like"], "msg": "No published opportunity has this reference."}]
            ) from None
    try:
        saved = services.saved_search_create(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation,
            name=payload.name,
            query=payload.query,
            like_opportunity=like,
            frequency=payload.frequency,
        )
    except services.InvalidQuery as error:
        from ninja.errors import ValidationError

        raise ValidationError(
            [
                {"loc": ["body", "payload", "query", name], "msg": message, "type": "value_error"}
                for name, message in error.errors.items()
            ]
        ) from None
    return Status(201, _saved_out(saved))


@router.get("/saved-searches/{saved_id}", response=SavedSearchOut)
def saved_search_read(request: HttpRequest, saved_id: int) -> dict[str, Any]:
    membership = _actor_membership(request)
    return _saved_out(selectors.saved_search_get(membership=membership, pk=saved_id))


@router.patch("/saved-searches/{saved_id}", response=SavedSearchOut)
def saved_search_change(request: HttpRequest, saved_id: int, payload: SavedSearchPatch) -> dict[str, Any]:
    """Rename, change the frequency, pause or resume a saved search."""
    membership = _actor_membership(request)
    saved = selectors.saved_search_get(membership=membership, pk=saved_id)
    saved = services.saved_search_update(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation,
        saved_search=saved,
        name=payload.name if payload.name is not None else saved.name,
        frequency=payload.frequency if payload.frequency is not None else saved.frequency,
        is_active=payload.is_active if payload.is_active is not None else saved.is_active,
    )
    return _saved_out(saved)


@router.delete("/saved-searches/{saved_id}", response={204: None})
def saved_search_remove(request: HttpRequest, saved_id: int) -> Status[None]:
    membership = _actor_membership(request)
    saved = selectors.saved_search_get(membership=membership, pk=saved_id)
    services.saved_search_delete(actor=request.user, acting_for=membership.organisation, saved_search=saved)  # type: ignore[arg-type]
    return Status(204, None)
