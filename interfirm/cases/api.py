"""API of best-practice cases: the published cases with the filters of the list page, and one case;
the operator's workflow — record a case, list and read the drafts, edit one, publish it.

The published cases are public reads (``auth=None``). A party of an anonymised case carries no name.

The workflow follows the pages exactly: recording a case and the list of drafts are for operators
(``selectors.case_user_may_record``, as ``role_required(operator=True)`` on ``cases:new``); one draft,
its edit and its publication are for whoever may edit and publish it on the pages
(``selectors.case_user_may_publish``: operators, and the intermediaries of the partnership a case was
drafted from). Anyone else gets 404, as on the pages; a caller without credentials 401, as everywhere
in the API. Input is validated by the pages' own forms (``CaseRecordForm`` with its ``CasePartyForm``
blocks, ``CaseEditForm``), so the rules and their messages are the same; a bad input answers 422 with
``errors: [{field, message}]`` (a party's field as ``parties.<index>.<field>``) and stores nothing; a
change the rules refuse (``CaseError``) answers 409 with its message.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.forms import BaseForm
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from pydantic import ConfigDict

from interfirm.accounts.api_auth import api_auth_where
from interfirm.accounts.models import Membership
from interfirm.cases import selectors, services
from interfirm.cases.forms import (
    MIN_PARTIES,
    PARTY_BLOCKS,
    CaseEditForm,
    CasePartyForm,
    CaseRecordForm,
    party_initial,
)
from interfirm.cases.models import Case, CaseOrigin, CaseStatus, OrganisationType
from interfirm.cases.services import EDITABLE_FIELDS, RECORDED_FIELDS, CaseError
from interfirm.firms.models import SizeClass
from interfirm.geo.corridors import CorridorKind
from interfirm.geo.models import EconomyGroup
from interfirm.lib.paging import MAX_OFFSET
from interfirm.opportunities.models import ArrangementType

router = Router(tags=["cases"])


class PartyOut(Schema):
    label: str = Field(..., description="The name when the case names its parties; a description otherwise")
    named: bool
    country: str
    size_class: str
    organisation_type: str
    sectors: list[str]
    brought: str


class CaseSummaryOut(Schema):
    reference: str
    title: str
    summary: str
    origin: str
    anonymised: bool
    corridor: str
    corridors: list[str]
    involves_ldc: bool
    involves_transition: bool
    domestic: bool
    arrangement_types: list[str]
    countries: list[str]
    period_start: int | None
    period_end: int | None
    published_at: datetime.datetime | None
    url: str


class CaseOut(CaseSummaryOut):
    parties: list[PartyOut]
    unfolded: str
    outcomes: str
    success_factors: list[str]
    lessons: list[str]
    source_citation: str
    source_paragraphs: list[int]


class CaseFiltersIn(Schema):
    q: str = Field("", max_length=200)
    corridor: CorridorKind | None = None
    arrangement: ArrangementType | None = None
    section: str = Field("", max_length=1, pattern=r"^[A-Ua-u]?$")
    country: str = Field("", max_length=3, pattern=r"^[A-Za-z]{0,3}$")
    size: SizeClass | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class CaseListOut(Schema):
    count: int
    results: list[CaseSummaryOut]


def _summary(case: Case) -> dict[str, object]:
    return {
        "reference": case.reference,
        "title": case.title,
        "summary": case.summary,
        "origin": case.origin,
        "anonymised": case.anonymised,
        "corridor": case.corridor,
        "corridors": list(case.corridors),
        "involves_ldc": case.involves_ldc,
        "involves_transition": case.involves_transition,
        "domestic": case.domestic,
        "arrangement_types": list(case.arrangement_types),
        "countries": sorted({p.country_id for p in case.parties.all() if p.country_id}),
        "period_start": case.period_start,
        "period_end": case.period_end,
        "published_at": case.published_at,
        "url": case.get_absolute_url(),
    }


@router.get("/", response=CaseListOut, auth=None, summary="Published best-practice cases")
def case_list(request: HttpRequest, filters: Query[CaseFiltersIn]) -> dict[str, object]:
    cases = selectors.cases_published(
        selectors.CaseFilters(
            q=filters.q,
            corridor=filters.corridor or "",
            arrangement=filters.arrangement or "",
            section=filters.section,
            country=filters.country,
            size=filters.size or "",
        )
    )
    page = list(cases[filters.offset : filters.offset + filters.limit])
    return {"count": cases.count(), "results": [_summary(c) for c in page]}


# The operator's workflow ------------------------------------------------------------------------------
# Declared before ``/{reference}``: the first path that matches answers, and "drafts" or "record" would
# otherwise be taken for the reference of a published case.


def _choices(values: list[str]) -> str:
    return "one of: " + ", ".join(values)


class PartyIn(Schema):
    """A party of a recorded case, as one block of the record page."""

    model_config = ConfigDict(extra="forbid")

    organisation_type: str = Field(..., description=_choices(OrganisationType.values))
    country: str = Field(
        "", description="ISO 3166 alpha-3 code; leave empty when only economy_group is known"
    )
    economy_group: str = Field(
        "", description="When only the group of countries is known: " + _choices(EconomyGroup.values)
    )
    name: str = Field("", description="Only when the case names its parties (anonymised is false)")
    description: str = Field("", description="How the party is described when it is not named")
    size_class: str = Field("", description="Empty, or " + _choices(SizeClass.values))
    sectors: list[str] = Field([], description="ISIC Rev.4 class codes (four digits)")
    brought: str = Field("", description="What the party brought to the partnership")
    screen_names: list[str] = Field(
        [],
        description="Only when the case is anonymised: the party's names, which the case's texts must "
        "not contain before it is published; only a fingerprint of each is kept",
    )


class RecordIn(Schema):
    """A case recorded by an operator: the fields of the record page, with two to six parties."""

    model_config = ConfigDict(extra="forbid")

    title: str
    summary: str
    arrangement_types: list[str] = Field(
        ..., description="At least one, each " + _choices(ArrangementType.values)
    )
    period_start: int | None = Field(None, description="First year")
    period_end: int | None = Field(None, description="Last year; empty if the partnership goes on")
    source_citation: str = Field(..., description="Where the case is told")
    anonymised: bool = Field(True, description="The parties are described, never named")
    parties: list[PartyIn] = Field(..., description=f"{MIN_PARTIES} to {PARTY_BLOCKS} parties, in order")


class PartyPatchIn(Schema):
    """A party of the draft: what it brought, in any case; in a case an operator recorded, its other
    facts too (the name only in a case that names its parties). Fields not given stay as they are."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(..., description="The id of a party of the case (``parties[].id`` of the draft)")
    brought: str | None = None
    organisation_type: str | None = None
    country: str | None = None
    economy_group: str | None = None
    name: str | None = None
    description: str | None = None
    size_class: str | None = None
    sectors: list[str] | None = None
    screen_names: list[str] | None = Field(
        None, description="Anonymised case: names to check the texts for; they replace those kept"
    )


class DraftPatchIn(Schema):
    """The texts of a draft that change; the period, arrangement and source only in a case an operator
    recorded. Lists replace the whole list."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    summary: str | None = None
    unfolded: str | None = None
    outcomes: str | None = None
    success_factors: list[str] | None = None
    lessons: list[str] | None = None
    arrangement_types: list[str] | None = None
    period_start: int | None = None
    period_end: int | None = None
    source_citation: str | None = None
    parties: list[PartyPatchIn] | None = Field(None, description="The parties that change, by id")
    add_parties: list[PartyIn] | None = Field(
        None, description="Parties to add after the others (a case an operator recorded; six at most in all)"
    )
    remove_parties: list[int] | None = Field(
        None, description="Ids of parties to remove (a case an operator recorded; two stay at least)"
    )


class DraftPartyOut(Schema):
    id: int
    position: int
    label: str = Field(..., description="The name when the case names its parties; a description otherwise")
    named: bool
    description: str
    country: str
    economy_group: str
    size_class: str
    organisation_type: str
    sectors: list[str]
    brought: str
    names_checked: int = Field(..., description="How many names of the party the texts are checked for")


class IdentityFlagOut(Schema):
    field: str
    found: str


class DraftOut(Schema):
    reference: str
    status: str
    origin: str
    anonymised: bool
    title: str
    summary: str
    unfolded: str
    outcomes: str
    success_factors: list[str]
    lessons: list[str]
    arrangement_types: list[str]
    period_start: int | None
    period_end: int | None
    source_citation: str
    source_paragraphs: list[int]
    corridor: str
    corridors: list[str]
    involves_ldc: bool
    involves_transition: bool
    domestic: bool
    partnership: str | None = Field(..., description="Reference of the partnership it was drafted from")
    editable_fields: list[str] = Field(..., description="The fields of the case a PATCH may change")
    editable_party_fields: list[str] = Field(..., description="The fields of a party a PATCH may change")
    identity_flags: list[IdentityFlagOut] = Field(
        ..., description="What still identifies a party's firm in an anonymised case (publication is refused)"
    )
    parties: list[DraftPartyOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    published_at: datetime.datetime | None
    url: str


class DraftSummaryOut(Schema):
    reference: str
    status: str
    origin: str
    anonymised: bool
    title: str
    period_start: int | None
    period_end: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class DraftListOut(Schema):
    count: int
    results: list[DraftSummaryOut]


def _membership(request: HttpRequest) -> Membership | None:
    # Session requests carry a lazy object that may wrap None; token requests a Membership.
    return getattr(request, "membership", None) or None


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership else None


# Access decided before the body is read: anyone the record page turns away (it is
# ``role_required(operator=True)``) gets 404 whatever they post, anonymous callers 401.
_operator_auth = api_auth_where(lambda request: selectors.case_user_may_record(request.user))


def _case_to_publish(request: HttpRequest, reference: str) -> Case:
    """Return the case the user may edit and publish, as ``views._case_to_publish`` does; else 404."""
    membership = _membership(request)
    case = selectors.case_get_for_user(user=request.user, membership=membership, reference=reference)
    if not selectors.case_user_may_publish(user=request.user, membership=membership, case=case):
        raise Http404
    return case


def _refusal(error: CaseError) -> HttpError:
    return HttpError(error.status, error.message)


def _error(loc: list[str | int], message: Any, code: str | None = None) -> dict[str, Any]:
    return {"loc": loc, "msg": str(message), "type": code or "invalid"}


def _form_errors(
    form: BaseForm, prefix: list[str | int], *, non_field: list[str | int]
) -> list[dict[str, Any]]:
    """Return the errors of ``form`` located under ``prefix`` (its non-field errors at ``non_field``)."""
    return [
        _error(non_field if field == "__all__" else [*prefix, field], error["message"], error["code"])
        for field, field_errors in form.errors.get_json_data().items()
        for error in field_errors
    ]


def _year(value: int | None) -> str:
    return "" if value is None else str(value)


def _record_form_data(payload: RecordIn) -> dict[str, Any]:
    """Return the payload as the record page would post it (party ``i`` in block ``party-i``)."""
    data: dict[str, Any] = {
        "title": payload.title,
        "summary": payload.summary,
        "arrangement_types": list(dict.fromkeys(payload.arrangement_types)),
        "period_start": _year(payload.period_start),
        "period_end": _year(payload.period_end),
        "source_citation": payload.source_citation,
        "anonymised": "anonymised" if payload.anonymised else "named",
    }
    for i, party in enumerate(payload.parties):
        data.update(_party_block(f"party-{i}-", party))
    return data


def _party_block(prefix: str, party: PartyIn) -> dict[str, Any]:
    """Return ``party`` as its block of the record or edit page posts it."""
    return {
        prefix + "organisation_type": party.organisation_type,
        prefix + "country": party.country.strip().upper(),
        prefix + "economy_group": party.economy_group,
        prefix + "name": party.name,
        prefix + "description": party.description,
        prefix + "size_class": party.size_class,
        prefix + "sectors": ", ".join(party.sectors),
        prefix + "brought": party.brought,
        prefix + "screen_names": "\n".join(party.screen_names),
    }


def _party_out(party: Any, *, anonymised: bool) -> dict[str, Any]:
    view = selectors.party_view(party, anonymised=anonymised)
    return {
        "id": party.pk,
        "position": party.position,
        "label": view.label,
        "named": view.named,
        "description": party.description,
        "country": view.country_iso3,
        "economy_group": party.economy_group,
        "size_class": party.size_class,
        "organisation_type": party.organisation_type,
        "sectors": [code for code, _title in view.sectors],
        "brought": party.brought,
        "names_checked": party.names_checked,
    }


def _editable_fields(case: Case) -> list[str]:
    return [*EDITABLE_FIELDS, *(RECORDED_FIELDS if case.origin == CaseOrigin.OPERATOR else ())]


def _editable_party_fields(case: Case) -> list[str]:
    """Return what a PATCH may change of a party: its block of the edit page (no name in an anonymised
    case), or only what it brought in a case drafted from a partnership or seeded from a report."""
    if case.origin != CaseOrigin.OPERATOR:
        return ["brought"]
    hidden = "name" if case.anonymised else "screen_names"
    return [name for name in CasePartyForm.base_fields if name != hidden]


def _draft_out(case: Case) -> dict[str, Any]:
    """Return what an operator sees of a draft on its page and its edit page. A party carries its name
    only when the case names its parties (``selectors.party_view``); its firm never appears."""
    return {
        "reference": case.reference,
        "status": case.status,
        "origin": case.origin,
        "anonymised": case.anonymised,
        "title": case.title,
        "summary": case.summary,
        "unfolded": case.unfolded,
        "outcomes": case.outcomes,
        "success_factors": list(case.success_factors),
        "lessons": list(case.lessons),
        "arrangement_types": list(case.arrangement_types),
        "period_start": case.period_start,
        "period_end": case.period_end,
        "source_citation": case.source_citation,
        "source_paragraphs": list(case.source_paragraphs),
        "corridor": case.corridor,
        "corridors": list(case.corridors),
        "involves_ldc": case.involves_ldc,
        "involves_transition": case.involves_transition,
        "domestic": case.domestic,
        "partnership": case.partnership.reference if case.partnership is not None else None,
        "editable_fields": _editable_fields(case),
        "editable_party_fields": _editable_party_fields(case),
        "identity_flags": services.identity_flags_of_case(case),
        "parties": [_party_out(p, anonymised=case.anonymised) for p in case.parties.all()],
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "published_at": case.published_at,
        "url": case.get_absolute_url(),
    }


def _fresh(request: HttpRequest, case: Case) -> Case:
    """Return ``case`` read again (with its parties) after a write."""
    return _case_to_publish(request, case.reference)


@router.post(
    "/record", response={201: DraftOut}, auth=_operator_auth, summary="Record a case by hand (operators)"
)
def case_record(request: HttpRequest, payload: RecordIn) -> Status[dict[str, Any]]:
    """Record a case the programme knows from its files or a report, as the page ``cases:new`` does;
    answer the draft. 422 naming each invalid field, with nothing stored."""
    count = len(payload.parties)
    errors: list[dict[str, Any]] = []
    if not MIN_PARTIES <= count <= PARTY_BLOCKS:
        errors.append(
            _error(
                ["parties"],
                services.party_count_message(),
                "parties",
            )
        )
    form: CaseRecordForm | None = None
    if count <= PARTY_BLOCKS:
        form = CaseRecordForm(_record_form_data(payload))
        # The page ignores a block left blank; a party given here is validated like a filled block.
        for party_form in form.parties[:count]:
            party_form.empty_permitted = False
        if not form.is_valid():
            # The record form's own non-field error is its count of parties.
            counted = bool(errors)
            case_errors = _form_errors(form, [], non_field=["parties"])
            errors += [e for e in case_errors if not (counted and e["loc"] == ["parties"])]
            for i, party_form in enumerate(form.parties[:count]):
                errors += _form_errors(party_form, ["parties", i], non_field=["parties", i])
    if errors or form is None:
        raise ValidationError(errors)
    try:
        case = services.case_record(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            **form.case_data(),
        )
    except CaseError as error:
        raise _refusal(error) from None
    return Status(201, _draft_out(_fresh(request, case)))


@router.get("/drafts", response=DraftListOut, auth=_operator_auth, summary="The draft cases (operators)")
def draft_list(request: HttpRequest, paging: Query[PageIn]) -> dict[str, Any]:
    """List every draft case, the most recently changed first."""
    drafts = Case.objects.filter(status=CaseStatus.DRAFT).order_by("-updated_at", "reference")
    page = drafts[paging.offset : paging.offset + paging.limit]
    return {
        "count": drafts.count(),
        "results": [
            {
                "reference": c.reference,
                "status": c.status,
                "origin": c.origin,
                "anonymised": c.anonymised,
                "title": c.title,
                "period_start": c.period_start,
                "period_end": c.period_end,
                "created_at": c.created_at,
                "updated_at": c.updated_at,
                "url": c.get_absolute_url(),
            }
            for c in page
        ],
    }


@router.get("/drafts/{reference}", response=DraftOut, summary="One draft case, as on its edit page")
def draft_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Return a case the user may edit and publish (a published one too, with its status)."""
    return _draft_out(_case_to_publish(request, reference))


def _edit_form_data(case: Case) -> dict[str, Any]:
    """Return the case's current texts as its edit page would post them (the parties apart)."""
    data: dict[str, Any] = {
        "title": case.title,
        "summary": case.summary,
        "unfolded": case.unfolded,
        "outcomes": case.outcomes,
        "success_factors": "\n".join(case.success_factors),
        "lessons": "\n".join(case.lessons),
    }
    if case.origin == CaseOrigin.OPERATOR:
        data.update(
            {
                "arrangement_types": list(case.arrangement_types),
                "period_start": _year(case.period_start),
                "period_end": _year(case.period_end),
                "source_citation": case.source_citation,
            }
        )
    else:
        for party in case.parties.all():
            data[f"brought_{party.pk}"] = party.brought
    return data


def _form_value(name: str, value: Any) -> Any:
    """Return a value of the JSON body as a form posts it."""
    if value is None:
        return ""
    if name in ("success_factors", "lessons", "screen_names"):
        return "\n".join(value)
    if name == "arrangement_types":
        return list(dict.fromkeys(value))
    if name == "sectors":
        return ", ".join(value)
    if name == "country":
        return str(value).strip().upper()
    if isinstance(value, int):
        return str(value)
    return value


@router.patch("/drafts/{reference}", response=DraftOut, summary="Edit a draft case")
def draft_update(request: HttpRequest, reference: str, payload: DraftPatchIn) -> dict[str, Any]:
    """Change the texts of a draft (``editable_fields``) and its parties (``editable_party_fields``:
    what each brought; the other facts of a party in a case an operator recorded), as its edit page
    does. 422 naming each invalid field, with nothing changed; 409 once the case is published."""
    case = _case_to_publish(request, reference)
    if case.status != CaseStatus.DRAFT:
        raise HttpError(409, _("A published case cannot be edited here."))
    recorded = case.origin == CaseOrigin.OPERATOR
    changes = payload.dict(exclude_unset=True)
    party_changes: list[dict[str, Any]] = changes.pop("parties", None) or []
    changes.pop("add_parties", None)
    changes.pop("remove_parties", None)
    errors: list[dict[str, Any]] = []
    data = _edit_form_data(case)
    for name, value in changes.items():
        if name in RECORDED_FIELDS and not recorded:
            # The edit page has no such field for this case: say so rather than drop the value.
            message = _(
                "The period, arrangement and source of this case come from its partnership or report."
            )
            errors.append(_error([name], message, "not_editable"))
        else:
            data[name] = _form_value(name, value)
    parties = {p.pk: p for p in case.parties.all()}
    index_of: dict[int, int] = {}
    for i, given in enumerate(party_changes):
        pk = given.pop("id")
        if pk not in parties:
            errors.append(_error(["parties", i, "id"], _("Not a party of this case."), "unknown"))
            continue
        if pk in index_of:
            errors.append(_error(["parties", i, "id"], _("This party is given twice."), "duplicate"))
            continue
        index_of[pk] = i
        if not recorded:
            for name in given:
                if name != "brought":
                    message = _("The parties of this case come from its partnership or report.")
                    errors.append(_error(["parties", i, name], message, "not_editable"))
            if "brought" in given:
                data[f"brought_{pk}"] = _form_value("brought", given["brought"])
            continue
        if case.anonymised and given.get("name"):
            message = _("The case is anonymised: its parties are described, never named.")
            errors.append(_error(["parties", i, "name"], message, "not_editable"))
        if not case.anonymised and given.get("screen_names"):
            message = _("The case names its parties: give the name above; this is for anonymised cases.")
            errors.append(_error(["parties", i, "screen_names"], message, "not_editable"))
        block = party_initial(parties[pk])
        block.update({name: _form_value(name, value) for name, value in given.items()})
        data.update({f"party-{pk}-{name}": value for name, value in block.items()})
    added = payload.add_parties or []
    removed = payload.remove_parties or []
    if (added or removed) and not recorded:
        message = _("The parties of this case come from its partnership or report.")
        errors += [
            _error([name], message, "not_editable")
            for name in ("add_parties", "remove_parties")
            if getattr(payload, name)
        ]
    elif recorded:
        free = max(0, PARTY_BLOCKS - len(parties))
        if len(added) > free:  # the page has no block for them: say so rather than drop them
            errors.append(_error(["add_parties"], services.party_count_message(), "too_many"))
        for i, party in enumerate(added[:free]):
            data.update(_party_block(f"new-{i}-", party))
            if not party.organisation_type:  # a blank block is ignored on the page; here it was asked for
                errors.append(
                    _error(
                        ["add_parties", i, "organisation_type"],
                        _("Choose the type of organisation."),
                        "required",
                    )
                )
            if case.anonymised and party.name:
                message = _("The case is anonymised: its parties are described, never named.")
                errors.append(_error(["add_parties", i, "name"], message, "not_editable"))
            if not case.anonymised and party.screen_names:
                message = _("The case names its parties: give the name above; this is for anonymised cases.")
                errors.append(_error(["add_parties", i, "screen_names"], message, "not_editable"))
        for j, pk in enumerate(removed):
            if pk not in parties:
                errors.append(_error(["remove_parties", j], _("Not a party of this case."), "unknown"))
            else:
                data[f"party-{pk}-remove"] = "on"
    form = CaseEditForm(data, case=case)
    if not form.is_valid():
        for field, field_errors in form.errors.get_json_data().items():
            loc: list[str | int] = [] if field == "__all__" else [field]
            if field.startswith("brought_"):
                pk = int(field.removeprefix("brought_"))
                loc = ["parties", index_of[pk], "brought"] if pk in index_of else ["parties"]
            # Too few parties left: the list that made it so is the field.
            count_field: list[str | int] = ["remove_parties"] if removed else ["add_parties"]
            for e in field_errors:
                errors.append(
                    _error(count_field if e["code"] == "party_count" else loc, e["message"], e["code"])
                )
        # A recorded case's parties are blocks of their own (``party_forms``); the others have none.
        for case_party, party_form in zip(form.parties, form.party_forms, strict=False):
            if party_form.is_bound and case_party.pk in index_of and not party_form.removed():
                place: list[str | int] = ["parties", index_of[case_party.pk]]
                errors += _form_errors(party_form, place, non_field=place)
        for i, new_form in enumerate(form.added_parties()):
            errors += _form_errors(new_form, ["add_parties", i], non_field=["add_parties", i])
    if errors:
        raise ValidationError(errors)
    try:
        services.case_update(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            case=case,
            **form.update_data(),
        )
    except CaseError as error:
        raise _refusal(error) from None
    return _draft_out(_fresh(request, case))


@router.post("/drafts/{reference}/publish", response=DraftOut, summary="Publish a draft case")
def draft_publish(request: HttpRequest, reference: str) -> dict[str, Any]:
    """Publish the draft, as its page does. 409 with the reason when the rules refuse: a partnership's
    case without every party's consent, an anonymised case whose text still identifies a party, a case
    already published."""
    case = _case_to_publish(request, reference)
    try:
        services.case_publish(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            case=case,
        )
    except CaseError as error:
        raise _refusal(error) from None
    return _draft_out(_fresh(request, case))


@router.get("/{reference}", response=CaseOut, auth=None, summary="One published case")
def case_detail(request: HttpRequest, reference: str) -> dict[str, object]:
    case = selectors.cases_published().filter(reference=reference).first()
    if case is None or case.status != CaseStatus.PUBLISHED:
        raise HttpError(404, "no published case with this reference")
    data = _summary(case)
    data.update(
        parties=[
            {
                "label": p.label,
                "named": p.named,
                "country": p.country_iso3,
                "size_class": p.size_class,
                "organisation_type": p.organisation_type,
                "sectors": [code for code, _title in p.sectors],
                "brought": p.brought,
            }
            for p in selectors.case_parties(case)
        ],
        unfolded=case.unfolded,
        outcomes=case.outcomes,
        success_factors=list(case.success_factors),
        lessons=list(case.lessons),
        source_citation=case.source_citation,
        source_paragraphs=list(case.source_paragraphs),
    )
    return data
