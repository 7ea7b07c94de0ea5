"""Reads of readiness across the permission boundary, and the readiness other apps read.

An assessment is seen only by the firm's members, the members of an intermediary actively representing
the firm, the intermediary that guided or validated it, and operators. Everyone else gets ``Http404``.
What anyone may know of a firm's readiness is its current level and whether it was validated
(``firm_readiness_summary``): the anonymous profile, the search filter and the matching read that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Firm, Representation
from interfirm.readiness.content import VersionContent, version_content
from interfirm.readiness.models import (
    Assessment,
    AssessmentStatus,
    Dimension,
    InstrumentVersion,
    Item,
    ReadinessLevel,
    VersionStatus,
    level_rank,
)

if TYPE_CHECKING:
    from interfirm.intermediaries.models import Intermediary

DEFAULT_INSTRUMENT_SLUG = "partnership-readiness"


def published_version(slug: str | None = None) -> InstrumentVersion | None:
    """Return the published version of the instrument ``slug`` (the default instrument by default)."""
    slug = slug or getattr(settings, "READINESS_DEFAULT_INSTRUMENT", DEFAULT_INSTRUMENT_SLUG)
    versions = InstrumentVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("instrument")
    return versions.filter(instrument__slug=slug).first() or versions.order_by("-published_at").first()


def published_versions() -> QuerySet[InstrumentVersion]:
    """Return the published and retired versions (public: they are questionnaires, not answers)."""
    return (
        InstrumentVersion.objects.exclude(status=VersionStatus.DRAFT)
        .select_related("instrument")
        .order_by("instrument__name", "-number")
    )


def published_version_get(*, pk: int) -> InstrumentVersion:
    version = published_versions().filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


# Who may see and act ----------------------------------------------------------------------------------


def _member_org_ids(user: Any) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))


def _representing_org_ids(firm_id: int) -> set[int]:
    return set(
        Representation.objects.filter(firm_id=firm_id, ended_at__isnull=True).values_list(
            "intermediary__organisation_id", flat=True
        )
    )


def user_can_see_assessment(user: Any, assessment: Assessment) -> bool:
    """Return whether ``user`` may see ``assessment`` (see the module's docstring)."""
    if user is None or not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    orgs = _member_org_ids(user)
    if assessment.firm.organisation_id in orgs:
        return True
    if orgs & _representing_org_ids(assessment.firm_id):
        return True
    involved = {i.organisation_id for i in (assessment.guided_by, assessment.validated_by) if i is not None}
    return bool(orgs & involved)


def assessment_get_for_user(*, user: Any, pk: int) -> Assessment:
    """Return the assessment ``pk`` if ``user`` may see it; ``Http404`` otherwise."""
    assessment = (
        Assessment.objects.select_related(
            "firm",
            "firm__country",
            "firm__organisation",
            "version",
            "version__instrument",
            "guided_by",
            "validated_by",
        )
        .filter(pk=pk, firm__merged_into__isnull=True)
        .first()
    )
    if assessment is None or not user_can_see_assessment(user, assessment):
        raise Http404
    return assessment


def membership_may_answer(membership: Membership | None, assessment: Assessment) -> bool:
    """Return whether the acting organisation may answer (and submit) the draft: the firm itself, the
    intermediary guiding it, or an intermediary representing the firm."""
    if not membership or not assessment.is_draft:
        return False
    organisation_id = membership.organisation_id
    if organisation_id == assessment.firm.organisation_id:
        return True
    if assessment.guided_by is not None and assessment.guided_by.organisation_id == organisation_id:
        return True
    return organisation_id in _representing_org_ids(assessment.firm_id)


def intermediary_may_validate(membership: Membership | None, assessment: Assessment) -> Intermediary | None:
    """Return the acting intermediary if it may validate the submitted assessment: one representing
    the firm, or the one that guided it."""
    from interfirm.firms.selectors import intermediary_for_membership

    if not membership or membership.organisation.kind != OrganisationKind.INTERMEDIARY:
        return None
    if assessment.is_draft:
        return None
    intermediary = intermediary_for_membership(membership)
    if assessment.guided_by_id == intermediary.pk:
        return intermediary
    if intermediary.organisation_id in _representing_org_ids(assessment.firm_id):
        return intermediary
    return None


def firm_for_assessment_by_intermediary(*, intermediary: Intermediary, reference: str) -> Firm:
    """Return the firm ``reference`` if ``intermediary`` may guide its diagnosis: it represents the
    firm or covers the firm's country. ``Http404`` otherwise."""
    firm = (
        Firm.objects.filter(reference=reference, merged_into__isnull=True).select_related("country").first()
    )
    if firm is None:
        raise Http404
    represents = Representation.objects.filter(
        firm=firm, intermediary=intermediary, ended_at__isnull=True
    ).exists()
    covers = intermediary.countries_covered.filter(pk=firm.country_id).exists()
    if not (represents or covers):
        raise Http404
    return firm


def firm_history_for_user(*, user: Any, membership: Membership | None, reference: str) -> Firm:
    """Return the firm ``reference`` if ``user`` may read its whole readiness history: its members, an
    intermediary representing it, operators. ``Http404`` otherwise."""
    firm = (
        Firm.objects.filter(reference=reference, merged_into__isnull=True).select_related("country").first()
    )
    if firm is None:
        raise Http404
    if is_operator(user):
        return firm
    orgs = _member_org_ids(user)
    if firm.organisation_id in orgs or orgs & _representing_org_ids(firm.pk):
        return firm
    raise Http404


def assessments_of_firm(firm: Firm) -> list[Assessment]:
    return list(
        Assessment.objects.filter(firm=firm)
        .select_related("version", "version__instrument", "guided_by", "validated_by")
        .order_by("-created_at", "-pk")
    )


def assessments_for_user(*, user: Any, membership: Membership | None) -> QuerySet[Assessment]:
    """Return the assessments the acting organisation may see: its firm's, or (an intermediary) those
    of the firms it represents and those it guided or validated; every one for an operator."""
    assessments = Assessment.objects.select_related("firm", "version", "guided_by", "validated_by").filter(
        firm__merged_into__isnull=True
    )
    if membership and membership.organisation.kind == OrganisationKind.OPERATOR and is_operator(user):
        return assessments
    if not membership:
        return assessments.none()
    organisation_id = membership.organisation_id
    if membership.organisation.kind == OrganisationKind.FIRM:
        return assessments.filter(firm__organisation_id=organisation_id)
    if membership.organisation.kind == OrganisationKind.INTERMEDIARY:
        represented = Representation.objects.filter(
            intermediary__organisation_id=organisation_id, ended_at__isnull=True
        ).values("firm_id")
        return assessments.filter(
            Q(firm_id__in=represented)
            | Q(guided_by__organisation_id=organisation_id)
            | Q(validated_by__organisation_id=organisation_id)
        )
    return assessments.none()


# The readiness others read --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadinessSummary:
    """A firm's current readiness: the level of its latest submitted assessment, and whether an
    intermediary validated it. Safe to show anyone (it names nobody)."""

    level: str
    level_label: str
    validated: bool
    overall: float | None
    assessed_on: Any = None

    @property
    def rank(self) -> int:
        return level_rank(self.level)


NO_READINESS = ReadinessSummary("", "", False, None)


def _latest_submitted(firm_ids: Iterable[int]) -> dict[int, Assessment]:
    latest: dict[int, Assessment] = {}
    rows = (
        Assessment.objects.filter(firm_id__in=list(firm_ids), status=AssessmentStatus.SUBMITTED)
        .only("firm_id", "level", "overall_score", "validated_at", "submitted_at", "source")
        .order_by("firm_id", "-submitted_at", "-pk")
    )
    for assessment in rows:
        latest.setdefault(assessment.firm_id, assessment)
    return latest


def _summary(assessment: Assessment | None) -> ReadinessSummary:
    if assessment is None:
        return NO_READINESS
    return ReadinessSummary(
        level=assessment.level,
        level_label=str(ReadinessLevel(assessment.level).label) if assessment.level else "",
        validated=assessment.validated_at is not None,
        overall=float(assessment.overall_score) if assessment.overall_score is not None else None,
        assessed_on=assessment.submitted_at.date() if assessment.submitted_at else None,
    )


def firm_readiness_summary(firm: Firm) -> ReadinessSummary:
    """Return the firm's current readiness (``NO_READINESS`` when it has not been assessed)."""
    return _summary(_latest_submitted([firm.pk]).get(firm.pk))


def readiness_summaries(firm_ids: Iterable[int]) -> dict[int, ReadinessSummary]:
    """Return each firm's current readiness in one query (``NO_READINESS`` for firms never assessed)."""
    ids = list(firm_ids)
    latest = _latest_submitted(ids)
    return {firm_id: _summary(latest.get(firm_id)) for firm_id in ids}


def readiness_levels_for_firms(firm_ids: Iterable[int]) -> dict[int, tuple[str, bool]]:
    """Return ``{firm id: (level, validated)}`` for the firms with a submitted assessment (the latest
    one counts); firms never assessed are left out. For the matching engine and the search index."""
    return {
        firm_id: (assessment.level, assessment.validated_at is not None)
        for firm_id, assessment in _latest_submitted(firm_ids).items()
    }


def publication_refusal(firm: Firm) -> str:
    """Return why the firm's opportunities cannot be published under ``READINESS_MIN_LEVEL_TO_PUBLISH``
    (empty when they can, and always when the setting is empty)."""
    required = getattr(settings, "READINESS_MIN_LEVEL_TO_PUBLISH", "") or ""
    if not required or required not in ReadinessLevel.values:
        return ""
    summary = firm_readiness_summary(firm)
    if summary.rank >= level_rank(required):
        return ""
    needed = str(ReadinessLevel(required).label)
    if not summary.level:
        return _(
            "This installation publishes opportunities of firms whose partnership readiness is at least "
            "“%(required)s”: the firm has not completed a readiness diagnostic yet."
        ) % {"required": needed}
    return _(
        "This installation publishes opportunities of firms whose partnership readiness is at least "
        "“%(required)s”: the firm's latest diagnostic gives “%(level)s”."
    ) % {"required": needed, "level": summary.level_label}


# Result pages ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionResult:
    dimension: Dimension
    score: float
    is_gap: bool


@dataclass(frozen=True)
class ServiceProvider:
    intermediary: Intermediary
    services: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    dimension: Dimension
    score: float
    action: str
    providers: tuple[ServiceProvider, ...]
    instruments: tuple[Any, ...]


@dataclass(frozen=True)
class AssessmentView:
    assessment: Assessment
    content: VersionContent
    dimensions: tuple[DimensionResult, ...]
    gaps: tuple[Gap, ...]
    asked: tuple[Item, ...]


def _providers(firm: Firm, dimension: Dimension, limit: int = 5) -> tuple[ServiceProvider, ...]:
    """Return listed intermediaries covering the firm's country that offer a service closing the gap
    (or are of a type that does, such as EMPRETEC centres), representing ones first."""
    from interfirm.intermediaries.models import Intermediary

    codes = [service.code for service in dimension.services.all()]
    types = list(dimension.intermediary_types or [])
    if not codes and not types:
        return ()
    condition = Q(services__code__in=codes) if codes else Q(pk__in=[])
    if types:
        condition |= Q(type__in=types)
    candidates = (
        Intermediary.objects.filter(is_listed=True)
        .filter(Q(countries_covered=firm.country_id) | Q(country_id=firm.country_id))
        .filter(condition)
        .prefetch_related("services")
        .distinct()
        .order_by("name")
    )
    represented = set(
        Representation.objects.filter(firm=firm, ended_at__isnull=True).values_list(
            "intermediary_id", flat=True
        )
    )
    found = sorted(candidates, key=lambda i: (i.pk not in represented, i.type not in types, i.name))[:limit]
    return tuple(
        ServiceProvider(i, tuple(s.name for s in i.services.all() if s.code in codes)) for i in found
    )


def assessment_view(assessment: Assessment, *, with_plan: bool = True) -> AssessmentView:
    """Return the assessment with its version's content, its scores by dimension and (submitted) its
    gaps with an action plan: what to do, the intermediaries in the firm's country offering the
    service that closes the gap, and the support instruments that apply."""
    content = version_content(assessment.version)
    asked = tuple(content.asked(list(assessment.variants)))
    scores: dict[str, float] = dict(assessment.result.get("dimensions", {}))
    gap_codes: list[str] = list(assessment.result.get("gaps", []))
    dimensions = tuple(
        DimensionResult(d, scores[d.code], d.code in gap_codes)
        for d in content.dimensions
        if d.code in scores
    )
    gaps: list[Gap] = []
    if with_plan and not assessment.is_draft:
        instruments_by_dimension = _instruments_for_gaps(assessment.firm, gap_codes)
        for code in gap_codes:
            dimension = content.dimension(code)
            if dimension is None:
                continue
            gaps.append(
                Gap(
                    dimension=dimension,
                    score=scores[code],
                    action=dimension.action,
                    providers=_providers(assessment.firm, dimension),
                    instruments=tuple(instruments_by_dimension.get(code, ())),
                )
            )
    return AssessmentView(assessment, content, dimensions, tuple(gaps), asked)


# Which kinds of support instrument close a gap in which dimension.
INSTRUMENT_KINDS_FOR_DIMENSION: dict[str, tuple[str, ...]] = {
    "finance": ("concessional_loan", "risk_guarantee", "venture_capital", "cost_sharing_grant"),
    "skills": ("training",),
    "attitudes": ("training",),
    "management": ("training",),
    "technology": ("training", "cost_sharing_grant"),
    "quality": ("cost_sharing_grant", "training"),
    "preparation": ("study_tour",),
    "negotiation": ("training", "study_tour"),
    "motives": ("study_tour",),
    "digital": ("training",),
    "legal": ("training",),
}


def _instruments_for_gaps(firm: Firm, gap_codes: list[str]) -> dict[str, list[Any]]:
    """Return, by gap dimension, the support instruments the firm may qualify for that close it."""
    from interfirm.instruments.selectors import eligibility_for_firm

    qualifying = [e for e in eligibility_for_firm(firm) if e.may_qualify]
    found: dict[str, list[Any]] = {}
    for code in gap_codes:
        kinds = INSTRUMENT_KINDS_FOR_DIMENSION.get(code, ())
        found[code] = [e for e in qualifying if e.instrument.kind in kinds][:3]
    return found


@dataclass(frozen=True)
class HistoryPoint:
    assessment: Assessment
    scores: dict[str, float]


def firm_history(firm: Firm) -> tuple[list[Dimension], list[HistoryPoint]]:
    """Return the dimensions (of the latest version used) and the submitted assessments, oldest first."""
    submitted = [a for a in reversed(assessments_of_firm(firm)) if not a.is_draft]
    if not submitted:
        return [], []
    dimensions = list(submitted[-1].version.dimensions.order_by("position", "code"))
    return dimensions, [HistoryPoint(a, dict(a.result.get("dimensions", {}))) for a in submitted]


def intermediary_firms_for_diagnosis(intermediary: Intermediary) -> list[tuple[Firm, Assessment | None]]:
    """Return the firms the intermediary represents with their latest assessment (if any)."""
    firm_ids = list(
        Representation.objects.filter(
            intermediary=intermediary, ended_at__isnull=True, firm__merged_into__isnull=True
        ).values_list("firm_id", flat=True)
    )
    firms = Firm.objects.filter(pk__in=firm_ids).select_related("country").order_by("legal_name")
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(firm_id__in=firm_ids).order_by(
        "firm_id", "-created_at", "-pk"
    ):
        latest.setdefault(assessment.firm_id, assessment)
    return [(firm, latest.get(firm.pk)) for firm in firms]
