"""API of partnerships: list one's own, read one, open one from an accepted expression of interest,
record one made elsewhere, change its stage, its milestones, check-ins and outcomes.

The same rules as the pages: a partnership the acting organisation does not take part in or follow
answers 404; a change the stage machine or the rules refuse answers 409 with ``detail``; bad input
answers 422 naming the fields. Parties appear by name only where ``user_can_see_identity`` allows.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.firms.models import Firm
from interfirm.opportunities.models import ArrangementType
from interfirm.opportunities.selectors import keyword_list
from interfirm.partnerships import selectors, services
from interfirm.partnerships.models import FailureReason, Milestone, Partnership, PartnershipStage
from interfirm.partnerships.services import CheckInAnswer, PartnershipError, PartyInput, party_role

router = Router(tags=["partnerships"])


class PartyOut(Schema):
    id: int
    reference: str
    role: str
    yours: bool
    revealed: bool
    label: str = Field(
        ..., description="The firm's name where you may see it; its anonymous description otherwise"
    )
    country: str
    size_class: str


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    changed_on: datetime.date
    reason: str


class MilestoneOut(Schema):
    id: int
    title: str
    target: str
    owner: int
    due_on: datetime.date
    done_on: datetime.date | None
    confirmed_by: list[int] = Field(..., description="Ids of the parties that confirmed it")


class PartnershipOut(Schema):
    reference: str
    uid: str
    title: str
    stage: str
    stage_label: str
    arrangement_types: list[str]
    agreement_types: list[str]
    keywords: list[str] = Field(..., description="The fields it works in (matching counts it there)")
    started_on: datetime.date
    agreement_signed_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str
    failure_reason: str
    next_stages: list[str]
    active_at_12_months: bool | None
    active_at_24_months: bool | None
    parties: list[PartyOut]
    stage_changes: list[StageChangeOut]
    url: str


class PartnershipBrief(Schema):
    reference: str
    title: str
    stage: str
    started_on: datetime.date
    agreement_signed_on: datetime.date | None
    url: str


class OpenIn(Schema):
    expression: int = Field(..., description="Id of an accepted expression of interest")
    title: str = Field("", max_length=200)


class RecordIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    firms: list[str] = Field(..., description="Public references of the firms (two or more)")
    consent: str = Field(
        ..., min_length=1, max_length=500, description="How the parties consented to the record"
    )
    arrangement_types: list[ArrangementType] = Field(..., min_length=1)
    stage: PartnershipStage = PartnershipStage.CONTACT
    started_on: datetime.date
    agreement_signed_on: datetime.date | None = None
    keywords: str = Field("", max_length=500, description="The fields it works in, separated by commas")
    lead: str | None = Field(
        None,
        max_length=40,
        description=(
            "Public reference of the party that led it and chose the partners (one of `firms`), if one did"
        ),
    )


class StageIn(Schema):
    stage: PartnershipStage
    changed_on: datetime.date | None = None
    reason: str = Field("", max_length=2000)
    failure_reason: FailureReason | None = None
    agreement_types: list[ArrangementType] = []


class MilestoneIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    target: str = Field("", max_length=500)
    owner: int = Field(..., description="Id of the party that owns the milestone")
    due_on: datetime.date | None = Field(None, description="Required: a milestone without a date is refused")


class CheckInIn(Schema):
    party: int | None = Field(None, description="Id of the party you report for, when you act for several")
    progress: int = Field(..., ge=0, le=100)
    satisfaction: int = Field(..., ge=1, le=5)
    trust_contractual: int = Field(..., ge=1, le=5)
    trust_goodwill: int = Field(..., ge=1, le=5)
    trust_competence: int = Field(..., ge=1, le=5)
    progress_note: str = Field("", max_length=2000)
    view_of_other: str = Field("", max_length=2000)
    knowledge_transferred: str = Field("", max_length=2000)
    staff_exchanged: int = Field(0, ge=0, le=10000)
    training: str = Field("", max_length=2000)
    problems: str = Field("", max_length=2000)


class CheckInOut(Schema):
    id: int
    party: int
    due_on: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    submitted_at: datetime.datetime | None
    progress: int | None
    satisfaction: int | None
    trust_contractual: int | None
    trust_goodwill: int | None
    trust_competence: int | None


class OutcomeIn(Schema):
    reported_on: datetime.date | None = None
    jobs_created: int = Field(0, ge=0, le=10_000_000)
    export_sales: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    currency: str = Field("USD", pattern=r"^[A-Za-z]{3}$")
    new_products: int = Field(0, ge=0, le=100_000)
    new_processes: int = Field(0, ge=0, le=100_000)
    local_suppliers: int = Field(0, ge=0, le=100_000)
    certifications_obtained: int = Field(0, ge=0, le=1000)
    note: str = Field("", max_length=2000)


class OutcomeOut(Schema):
    id: int
    reported_on: datetime.date
    jobs_created: int
    export_sales: Decimal
    currency: str
    new_products: int
    new_processes: int
    local_suppliers: int
    certifications_obtained: int
    note: str


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"loc": (field,), "msg": message, "type": "value_error"}])


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _get(request: HttpRequest, reference: str) -> tuple[Partnership, selectors.Viewer]:
    membership = _membership(request)
    partnership = selectors.partnership_get_for_user(
        user=request.user, membership=membership, reference=reference
    )
    return partnership, selectors.partnership_viewer(
        user=request.user, membership=membership, partnership=partnership
    )


def _domain(error: PartnershipError) -> Exception:
    if error.status == 404:
        return Http404()
    if error.status == 422 and error.field:
        return _invalid(error.field, error.message)
    return HttpError(error.status, error.message)


def _not_future(field: str, value: datetime.date) -> None:
    if value > timezone.localdate():
        raise _invalid(field, _("This date is in the future."))


def _out(request: HttpRequest, partnership: Partnership, viewer: selectors.Viewer) -> dict[str, Any]:
    parties = selectors.party_views(user=request.user, viewer=viewer, partnership=partnership)
    return {
        "reference": partnership.reference,
        "uid": str(partnership.uid),
        "title": partnership.title,
        "stage": partnership.stage,
        "stage_label": str(partnership.get_stage_display()),
        "arrangement_types": list(partnership.arrangement_types),
        "agreement_types": list(partnership.agreement_types),
        "keywords": list(keyword_list(partnership.keywords)),
        "started_on": partnership.started_on,
        "agreement_signed_on": partnership.agreement_signed_on,
        "ended_on": partnership.ended_on,
        "end_reason": partnership.end_reason,
        "failure_reason": partnership.failure_reason,
        "next_stages": services.allowed_next_stages(partnership.stage),
        "active_at_12_months": selectors.survival(partnership, 12),
        "active_at_24_months": selectors.survival(partnership, 24),
        "parties": [
            {
                "id": view.party.pk,
                "reference": view.party.firm.reference,
                "role": view.party.role,
                "yours": view.yours,
                "revealed": view.revealed,
                "label": view.label,
                "country": view.profile.country_iso3,
                "size_class": view.party.firm.size_class,
            }
            for view in parties
        ],
        "stage_changes": [
            {
                "from_stage": c.from_stage,
                "to_stage": c.to_stage,
                "changed_on": c.changed_on,
                "reason": c.reason,
            }
            for c in partnership.stage_changes.all()
        ],
        "url": partnership.get_absolute_url(),
    }


def _brief(partnership: Partnership) -> dict[str, Any]:
    return {
        "reference": partnership.reference,
        "title": partnership.title,
        "stage": partnership.stage,
        "started_on": partnership.started_on,
        "agreement_signed_on": partnership.agreement_signed_on,
        "url": partnership.get_absolute_url(),
    }


@router.get("/", response=list[PartnershipBrief], summary="My partnerships")
def partnership_list(request: HttpRequest, stage: PartnershipStage | None = None) -> list[dict[str, Any]]:
    queryset = selectors.partnerships_for_membership(user=request.user, membership=_membership(request))
    if stage is not None:
        queryset = queryset.filter(stage=stage)
    return [_brief(p) for p in queryset[:500]]


@router.post(
    "/", response={201: PartnershipOut}, summary="Open the partnership of an accepted expression of interest"
)
def partnership_open(request: HttpRequest, payload: OpenIn) -> Status[dict[str, Any]]:
    from interfirm.introductions.selectors import eoi_get_for_user

    membership = _membership(request)
    eoi = eoi_get_for_user(user=request.user, membership=membership, pk=payload.expression)
    try:
        partnership = services.partnership_open_from_eoi(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation if membership else None,
            eoi=eoi,
            title=payload.title,
        )
    except PartnershipError as error:
        raise _domain(error) from None
    viewer = selectors.partnership_viewer(user=request.user, membership=membership, partnership=partnership)
    return Status(201, _out(request, partnership, viewer))


@router.post(
    "/record", response={201: PartnershipOut}, summary="Record a partnership made elsewhere (intermediaries)"
)
def partnership_record(request: HttpRequest, payload: RecordIn) -> Status[dict[str, Any]]:
    from interfirm.firms.selectors import intermediary_for_membership

    membership = _membership(request)
    if not membership or membership.organisation.kind != OrganisationKind.INTERMEDIARY:
        raise HttpError(404, _("Only intermediaries record partnerships made elsewhere."))
    intermediary = intermediary_for_membership(membership)
    references = [r.strip().upper() for r in payload.firms]
    firms = {f.reference: f for f in Firm.objects.filter(reference__in=references, merged_into__isnull=True)}
    missing = sorted(set(references) - set(firms))
    if missing:
        raise _invalid("firms", _("No firm with the reference: %(refs)s.") % {"refs": ", ".join(missing)})
    if len(firms) < 2:
        raise _invalid("firms", _("A partnership has two or more firms."))
    lead = (payload.lead or "").strip().upper()
    if lead and lead not in firms:
        raise _invalid(
            "lead", _("The lead party must be one of the parties: %(ref)s is not.") % {"ref": lead}
        )
    if payload.stage not in services.RECORDABLE_STAGES:
        raise _invalid("stage", _("This stage cannot be recorded directly."))
    _not_future("started_on", payload.started_on)
    recorded_signed = (PartnershipStage.AGREEMENT, PartnershipStage.IMPLEMENTATION)
    if payload.stage in recorded_signed and payload.agreement_signed_on is None:
        raise _invalid("agreement_signed_on", _("Give the date the agreement was signed."))
    if payload.agreement_signed_on is not None:
        _not_future("agreement_signed_on", payload.agreement_signed_on)
        if payload.agreement_signed_on < payload.started_on:
            raise _invalid(
                "agreement_signed_on", _("The agreement cannot be signed before the first contact.")
            )
    partnership = services.partnership_record(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation,
        intermediary=intermediary,
        title=payload.title,
        parties=[
            PartyInput(
                firm=firms[r], consent_note=payload.consent, role=party_role(firms[r], firms.get(lead))
            )
            for r in dict.fromkeys(references)
        ],
        arrangement_types=[str(a) for a in payload.arrangement_types],
        stage=payload.stage,
        started_on=payload.started_on,
        agreement_signed_on=payload.agreement_signed_on,
        keywords=payload.keywords,
    )
    viewer = selectors.partnership_viewer(user=request.user, membership=membership, partnership=partnership)
    return Status(201, _out(request, partnership, viewer))


@router.get("/{reference}", response=PartnershipOut, summary="One partnership")
def partnership_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    partnership, viewer = _get(request, reference)
    return _out(request, partnership, viewer)


@router.post(
    "/{reference}/stage", response=PartnershipOut, summary="Change the stage (409 when the rules refuse)"
)
def partnership_stage(request: HttpRequest, reference: str, payload: StageIn) -> dict[str, Any]:
    partnership, viewer = _get(request, reference)
    changed_on = payload.changed_on or timezone.localdate()
    _not_future("changed_on", changed_on)
    try:
        services.partnership_stage_change(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_membership(request).organisation,  # type: ignore[union-attr]
            partnership=partnership,
            to_stage=payload.stage,
            changed_on=changed_on,
            reason=payload.reason,
            failure_reason=payload.failure_reason or "",
            agreement_types=[str(a) for a in payload.agreement_types],
        )
    except PartnershipError as error:
        raise _domain(error) from None
    partnership.refresh_from_db()
    return _out(request, partnership, viewer)


def _milestone_out(milestone: Milestone) -> dict[str, Any]:
    return {
        "id": milestone.pk,
        "title": milestone.title,
        "target": milestone.target,
        "owner": milestone.owner_id,
        "due_on": milestone.due_on,
        "done_on": milestone.done_on,
        "confirmed_by": sorted(c.party_id for c in milestone.confirmations.all()),
    }


@router.get(
    "/{reference}/milestones", response=list[MilestoneOut], summary="Milestones and who confirmed them"
)
def milestone_list(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    partnership, _viewer = _get(request, reference)
    return [_milestone_out(m) for m in partnership.milestones.prefetch_related("confirmations")]


@router.post(
    "/{reference}/milestones",
    response={201: MilestoneOut},
    summary="Add a milestone (a due date is required)",
)
def milestone_create(request: HttpRequest, reference: str, payload: MilestoneIn) -> Status[dict[str, Any]]:
    partnership, _viewer = _get(request, reference)
    if payload.due_on is None:
        raise _invalid("due_on", _("A milestone needs a due date: targets need timetables."))
    owner = partnership.parties.filter(pk=payload.owner).first()
    if owner is None:
        raise _invalid("owner", _("Not a party of this partnership."))
    try:
        milestone = services.milestone_add(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_membership(request).organisation,  # type: ignore[union-attr]
            partnership=partnership,
            title=payload.title,
            target=payload.target,
            owner=owner,
            due_on=payload.due_on,
        )
    except PartnershipError as error:
        raise _domain(error) from None
    return Status(201, _milestone_out(milestone))


@router.post(
    "/{reference}/milestones/{int:milestone_id}/confirm", response=MilestoneOut, summary="Confirm a milestone"
)
def milestone_confirm(
    request: HttpRequest, reference: str, milestone_id: int, party: int | None = None
) -> dict[str, Any]:
    partnership, viewer = _get(request, reference)
    milestone = get_object_or_404(Milestone, pk=milestone_id, partnership=partnership)
    yours = [pk for pk in sorted(viewer.party_ids) if party is None or pk == party]
    if not yours:
        raise Http404
    try:
        services.milestone_confirm(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_membership(request).organisation,  # type: ignore[union-attr]
            milestone=milestone,
            party=partnership.parties.get(pk=yours[0]),
        )
    except PartnershipError as error:
        raise _domain(error) from None
    return _milestone_out(milestone)


def _checkin_out(check_in: Any) -> dict[str, Any]:
    fields = [
        "due_on",
        "period_start",
        "period_end",
        "submitted_at",
        "progress",
        "satisfaction",
        "trust_contractual",
        "trust_goodwill",
        "trust_competence",
    ]
    return {
        "id": check_in.pk,
        "party": check_in.party_id,
        **{name: getattr(check_in, name) for name in fields},
    }


@router.get("/{reference}/check-ins", response=list[CheckInOut], summary="Check-ins, due and answered")
def checkin_list(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    partnership, _viewer = _get(request, reference)
    return [_checkin_out(c) for c in partnership.check_ins.all()]


@router.post("/{reference}/check-ins", response={201: CheckInOut}, summary="Answer a check-in (parties only)")
def checkin_create(request: HttpRequest, reference: str, payload: CheckInIn) -> Status[dict[str, Any]]:
    partnership, viewer = _get(request, reference)
    yours = [pk for pk in sorted(viewer.party_ids) if payload.party is None or pk == payload.party]
    if not yours:
        raise Http404
    data = payload.dict()
    answer = CheckInAnswer(**{name: data[name] for name in CheckInAnswer.__dataclass_fields__})
    try:
        check_in = services.checkin_submit(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_membership(request).organisation,  # type: ignore[union-attr]
            party=partnership.parties.get(pk=yours[0]),
            answer=answer,
        )
    except PartnershipError as error:
        raise _domain(error) from None
    return Status(201, _checkin_out(check_in))


@router.get("/{reference}/outcomes", response=list[OutcomeOut], summary="Outcomes reported over time")
def outcome_list(request: HttpRequest, reference: str) -> list[Any]:
    partnership, _viewer = _get(request, reference)
    return list(partnership.outcomes.all())


@router.post("/{reference}/outcomes", response={201: OutcomeOut}, summary="Report outcomes")
def outcome_create(request: HttpRequest, reference: str, payload: OutcomeIn) -> Status[Any]:
    partnership, _viewer = _get(request, reference)
    data = payload.dict()
    data["reported_on"] = data["reported_on"] or timezone.localdate()
    _not_future("reported_on", data["reported_on"])
    outcome = services.outcome_report(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=_membership(request).organisation,  # type: ignore[union-attr]
        partnership=partnership,
        **data,
    )
    return Status(201, outcome)
