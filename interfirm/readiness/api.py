"""API of partnership readiness: published instrument versions (public), and assessments — list one's
own, read one, start a draft, save answers, submit, validate (an intermediary).

The same rules as the pages: an assessment the caller may not see answers 404; a bad answer answers 422
with ``errors: [{field: <item code>, message}]``; an action the state does not allow answers 409.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.firms.selectors import firm_for_membership, intermediary_for_membership
from interfirm.readiness import selectors, services
from interfirm.readiness.answers import clean_answers, cleared_answers
from interfirm.readiness.content import version_content
from interfirm.readiness.models import Assessment, InstrumentVersion

router = Router(tags=["readiness"])


class ChoiceOut(Schema):
    value: str
    label: str
    points: float


class ItemOut(Schema):
    code: str
    dimension: str
    variant: str | None
    replaces: str | None
    kind: str
    text: str
    help: str
    weight: float
    scale_max: int
    target: float | None
    number_max: float | None = Field(None, description="The largest answer a number item takes")
    choices: list[ChoiceOut]
    paragraph: str


class DimensionOut(Schema):
    code: str
    name: str
    weight: float
    action: str
    services: list[str]
    paragraphs: str


class BandOut(Schema):
    level: str
    min_score: float
    max_score: float


class VariantOut(Schema):
    code: str
    name: str
    kind: str
    isic_prefix: str


class VersionOut(Schema):
    id: int
    instrument: str
    name: str
    number: int
    status: str
    published_at: datetime.datetime | None
    gap_below: int


class VersionDetailOut(VersionOut):
    dimensions: list[DimensionOut]
    variants: list[VariantOut]
    bands: list[BandOut]
    items: list[ItemOut]


class AssessmentOut(Schema):
    id: int
    firm: str = Field(..., description="the firm's public reference")
    version: int
    status: str
    source: str
    variants: list[str]
    answers: dict[str, Any]
    level: str
    overall_score: float | None
    dimension_scores: dict[str, float]
    gaps: list[str]
    guided_by: str | None
    validated_by: str | None
    validated_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    created_at: datetime.datetime


class StartIn(Schema):
    firm: str | None = Field(None, description="public reference; for an intermediary guiding a diagnosis")


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(
        ..., description="by item code; null or an empty string takes back an answer saved before"
    )


class ValidateIn(Schema):
    note: str = Field(..., min_length=1, max_length=2000)


def _version(version: InstrumentVersion) -> dict[str, Any]:
    return {
        "id": version.pk,
        "instrument": version.instrument.slug,
        "name": version.instrument.name,
        "number": version.number,
        "status": version.status,
        "published_at": version.published_at,
        "gap_below": version.gap_below,
    }


def _assessment(assessment: Assessment) -> dict[str, Any]:
    result = assessment.result or {}
    return {
        "id": assessment.pk,
        "firm": assessment.firm.reference,
        "version": assessment.version_id,
        "status": assessment.status,
        "source": assessment.source,
        "variants": list(assessment.variants),
        "answers": dict(assessment.answers),
        "level": assessment.level,
        "overall_score": float(assessment.overall_score) if assessment.overall_score is not None else None,
        "dimension_scores": dict(result.get("dimensions", {})),
        "gaps": list(result.get("gaps", [])),
        "guided_by": assessment.guided_by.slug if assessment.guided_by else None,
        "validated_by": assessment.validated_by.slug if assessment.validated_by else None,
        "validated_at": assessment.validated_at,
        "submitted_at": assessment.submitted_at,
        "created_at": assessment.created_at,
    }


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _errors(errors: dict[str, str]) -> ValidationError:
    return ValidationError(
        [
            {"loc": ["body", "answers", code], "msg": message, "type": "invalid_answer"}
            for code, message in errors.items()
        ]
    )


@router.get("/versions", response=list[VersionOut], auth=None, summary="Published instrument versions")
def versions(request: HttpRequest) -> list[dict[str, Any]]:
    """Return the published (and retired) versions of the diagnostic instruments."""
    return [_version(v) for v in selectors.published_versions()]


@router.get("/versions/{version_id}", response=VersionDetailOut, auth=None, summary="One instrument version")
def version_detail(request: HttpRequest, version_id: int) -> dict[str, Any]:
    """Return a published version: its dimensions, variants, level bands and items (each citing the
    paragraph of the report it comes from)."""
    version = selectors.published_version_get(pk=version_id)
    content = version_content(version)
    return {
        **_version(version),
        "dimensions": [
            {
                "code": d.code,
                "name": d.name,
                "weight": float(d.weight),
                "action": d.action,
                "services": [s.code for s in d.services.all()],
                "paragraphs": d.paragraphs,
            }
            for d in content.dimensions
        ],
        "variants": [
            {"code": v.code, "name": v.name, "kind": v.kind, "isic_prefix": v.isic_prefix}
            for v in content.variants
        ],
        "bands": [
            {"level": b.level, "min_score": float(b.min_score), "max_score": float(b.max_score)}
            for b in version.bands.all()
        ],
        "items": [
            {
                "code": i.code,
                "dimension": i.dimension.code,
                "variant": i.variant.code if i.variant else None,
                "replaces": next((o.code for o in content.items if o.pk == i.replaces_id), None),
                "kind": i.kind,
                "text": i.text,
                "help": i.help,
                "weight": float(i.weight),
                "scale_max": i.scale_max,
                "target": float(i.target) if i.target is not None else None,
                "number_max": float(i.number_max) if i.number_max is not None else None,
                "choices": [
                    {
                        "value": str(c.get("value")),
                        "label": str(c.get("label", "")),
                        "points": float(c.get("points", 0)),
                    }
                    for c in i.choices or []
                ],
                "paragraph": i.paragraph,
            }
            for i in content.items
        ],
    }


@router.get("/assessments", response=list[AssessmentOut], summary="Assessments the caller may see")
def assessments(request: HttpRequest) -> list[dict[str, Any]]:
    """Return the acting firm's assessments (for an intermediary: those of the firms it represents and
    those it guided or validated), newest first."""
    found = selectors.assessments_for_user(user=request.user, membership=_membership(request))
    return [_assessment(a) for a in found.order_by("-created_at", "-pk")[:200]]


@router.get("/assessments/{assessment_id}", response=AssessmentOut, summary="One assessment")
def assessment_detail(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    return _assessment(selectors.assessment_get_for_user(user=request.user, pk=assessment_id))


@router.post("/assessments", response={201: AssessmentOut, 200: AssessmentOut}, summary="Start a draft")
def assessment_create(request: HttpRequest, payload: StartIn) -> Status[dict[str, Any]]:
    """Start a draft with the default instrument: a firm for itself; an intermediary for a firm it
    represents or whose country it covers (``firm``). An open draft is returned (200) instead."""
    membership = _membership(request)
    if not membership or membership.organisation.kind not in (
        OrganisationKind.FIRM,
        OrganisationKind.INTERMEDIARY,
    ):
        raise HttpError(404, "act for a firm or an intermediary")
    version = selectors.published_version()
    if version is None:
        raise HttpError(404, "no published instrument")
    guided_by = None
    if membership.organisation.kind == OrganisationKind.FIRM:
        firm = firm_for_membership(membership)
    else:
        if not payload.firm:
            raise ValidationError(
                [{"loc": ["body", "firm"], "msg": "the firm's public reference", "type": "missing"}]
            )
        guided_by = intermediary_for_membership(membership)
        firm = selectors.firm_for_assessment_by_intermediary(
            intermediary=guided_by, reference=payload.firm.upper()
        )
    draft = Assessment.objects.filter(firm=firm, status="draft", guided_by=guided_by).first()
    if draft is not None:
        return Status(200, _assessment(draft))
    created = services.assessment_start(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation,
        firm=firm,
        version=version,
        guided_by=guided_by,
    )
    return Status(201, _assessment(selectors.assessment_get_for_user(user=request.user, pk=created.pk)))


def _answerable(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = selectors.assessment_get_for_user(user=request.user, pk=assessment_id)
    if not assessment.is_draft:
        raise HttpError(409, "the assessment is submitted: start a new one to re-assess")
    if not selectors.membership_may_answer(_membership(request), assessment):
        raise HttpError(404, "Not Found")
    return assessment


@router.put("/assessments/{assessment_id}/answers", response=AssessmentOut, summary="Save answers")
def assessment_answers(request: HttpRequest, assessment_id: int, payload: AnswersIn) -> dict[str, Any]:
    """Save answers into a draft (partial answers are fine; an item given null or "" has its saved
    answer taken back). A bad answer answers 422 naming the item; nothing is saved then."""
    assessment = _answerable(request, assessment_id)
    items = list(version_content(assessment.version).asked(list(assessment.variants)))
    cleaned, errors = clean_answers(items, payload.answers)
    if errors:
        raise _errors(errors)
    membership = _membership(request)
    services.assessment_save_answers(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation if membership else None,
        assessment=assessment,
        answers=cleaned,
        cleared=cleared_answers(items, payload.answers),
    )
    return _assessment(selectors.assessment_get_for_user(user=request.user, pk=assessment.pk))


@router.post("/assessments/{assessment_id}/submit", response=AssessmentOut, summary="Submit for the result")
def assessment_submit(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    """Compute and store the result; 422 naming every item still unanswered."""
    assessment = _answerable(request, assessment_id)
    items = list(version_content(assessment.version).asked(list(assessment.variants)))
    _cleaned, errors = clean_answers(items, assessment.answers, complete=True)
    if errors:
        raise _errors(errors)
    membership = _membership(request)
    services.assessment_submit(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation if membership else None,
        assessment=assessment,
    )
    return _assessment(selectors.assessment_get_for_user(user=request.user, pk=assessment.pk))


@router.post(
    "/assessments/{assessment_id}/validate", response=AssessmentOut, summary="Validate after a visit"
)
def assessment_validate(request: HttpRequest, assessment_id: int, payload: ValidateIn) -> dict[str, Any]:
    """Record the acting intermediary's validation (it represents the firm or guided the diagnosis)."""
    assessment = selectors.assessment_get_for_user(user=request.user, pk=assessment_id)
    membership = _membership(request)
    if assessment.is_draft:
        raise HttpError(409, "a draft cannot be validated")
    intermediary = selectors.intermediary_may_validate(membership, assessment)
    if intermediary is None or membership is None:
        raise HttpError(404, "Not Found")
    services.assessment_validate(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=membership.organisation,
        assessment=assessment,
        intermediary=intermediary,
        note=payload.note,
    )
    return _assessment(selectors.assessment_get_for_user(user=request.user, pk=assessment.pk))
