"""Writes of readiness: publishing and copying instrument versions; starting, answering, submitting and
validating assessments. Every write records an audit entry; a submission or validation refreshes the
search entries of the firm's published opportunities (they carry the firm's level) after commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from interfirm.audit.services import audit_record
from interfirm.readiness.content import variants_for_firm, version_content
from interfirm.readiness.models import (
    Assessment,
    AssessmentStatus,
    Dimension,
    InstrumentVersion,
    Item,
    Source,
    Variant,
    VersionStatus,
)
from interfirm.readiness.scoring import publication_problems, score

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.firms.models import Firm
    from interfirm.intermediaries.models import Intermediary


class InstrumentNotPublishable(Exception):
    """The version cannot score; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def _refresh_search_on_commit(firm_id: int) -> None:
    from interfirm.opportunities.models import Opportunity, Status
    from interfirm.search.services import search_index_refresh

    def refresh() -> None:
        ids = Opportunity.objects.filter(firm_id=firm_id, status=Status.PUBLISHED).values_list(
            "pk", flat=True
        )
        for opportunity_id in ids:
            search_index_refresh(opportunity_id=opportunity_id)

    transaction.on_commit(refresh)


# Instrument versions --------------------------------------------------------------------------------


def version_problems(version: InstrumentVersion) -> list[str]:
    """Return why ``version`` cannot be published (empty when it can)."""
    return publication_problems(version_content(version).spec())


@transaction.atomic
def instrument_version_publish(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    version: InstrumentVersion,
    audited: bool = True,
) -> InstrumentVersion:
    """Publish a draft version, retiring the instrument's version published before it.

    ``audited=False`` is for the reference loader only: reference data stays out of the audit trail,
    like every other reference loader's.

    Raise ``InstrumentNotPublishable`` when the version cannot score (weights missing, a dimension
    with no items, level bands overlapping or leaving gaps) or is not a draft.
    """
    from django.utils.translation import gettext as _

    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise InstrumentNotPublishable([_("Only a draft version can be published.")])
    problems = version_problems(version)
    if problems:
        raise InstrumentNotPublishable(problems)
    retired = list(
        InstrumentVersion.objects.filter(instrument=version.instrument, status=VersionStatus.PUBLISHED)
    )
    for old in retired:
        old.status = VersionStatus.RETIRED
        old.save(update_fields=["status"])
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    if not audited:
        return version
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="readiness.version_publish",
        obj=version,
        changes={"retired": [old.pk for old in retired]},
    )
    return version


@transaction.atomic
def instrument_version_copy(
    *, actor: User | None, acting_for: Organisation | None, version: InstrumentVersion
) -> InstrumentVersion:
    """Copy ``version`` as the instrument's next draft, to be edited and published."""
    number = (
        InstrumentVersion.objects.filter(instrument=version.instrument)
        .order_by("-number")
        .values_list("number", flat=True)[0]
        + 1
    )
    copy = InstrumentVersion.objects.create(
        instrument=version.instrument,
        number=number,
        gap_below=version.gap_below,
        notes="",
    )
    dimensions: dict[int, Dimension] = {}
    for dimension in version.dimensions.prefetch_related("services"):
        services = list(dimension.services.all())
        old_pk = dimension.pk
        dimension.pk = None
        dimension.version = copy
        dimension.save()
        dimension.services.set(services)
        dimensions[old_pk] = dimension
    variants: dict[int, Variant] = {}
    for variant in version.variants.all():
        old_pk = variant.pk
        variant.pk = None
        variant.version = copy
        variant.save()
        variants[old_pk] = variant
    items: dict[int, Item] = {}
    replaces: dict[int, int] = {}
    for item in version.items.order_by("pk"):
        old_pk = item.pk
        if item.replaces_id:
            replaces[old_pk] = item.replaces_id
        item.pk = None
        item.version = copy
        item.dimension = dimensions[item.dimension_id]
        item.variant = variants.get(item.variant_id) if item.variant_id else None
        item.replaces = None
        item.save()
        items[old_pk] = item
    for old_pk, replaced_pk in replaces.items():
        items[old_pk].replaces = items.get(replaced_pk)
        items[old_pk].save()
    for band in version.bands.all():
        band.pk = None
        band.version = copy
        band.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="readiness.version_copy",
        obj=copy,
        changes={"from": version.pk},
    )
    return copy


# Assessments --------------------------------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    firm: Firm,
    version: InstrumentVersion,
    guided_by: Intermediary | None = None,
) -> Assessment:
    """Start a draft assessment of ``firm`` with ``version`` (a published one); an intermediary
    guiding it is recorded as the source. The variants that apply to the firm today are fixed now."""
    assessment = Assessment.objects.create(
        firm=firm,
        version=version,
        source=Source.GUIDED if guided_by is not None else Source.SELF,
        guided_by=guided_by,
        variants=variants_for_firm(version, firm, timezone.localdate()),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="readiness.assessment_start",
        obj=assessment,
        changes={"version": version.pk, "source": assessment.source, "variants": assessment.variants},
    )
    return assessment


@transaction.atomic
def assessment_save_answers(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    assessment: Assessment,
    answers: dict[str, Any],
    cleared: Iterable[str] = (),
) -> Assessment:
    """Save (cleaned) answers into a draft, over the answers given before, and take back the saved
    answers of the items in ``cleared``; the draft can be resumed."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    removed = {code for code in cleared if code in assessment.answers and code not in answers}
    merged = {code: value for code, value in {**assessment.answers, **answers}.items() if code not in removed}
    changed = sorted({code for code in answers if assessment.answers.get(code) != answers[code]} | removed)
    assessment.answers = merged
    assessment.save(update_fields=["answers", "updated_at"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="readiness.assessment_answer",
        obj=assessment,
        changes={"items": changed},
    )
    return assessment


def assessment_compute(assessment: Assessment) -> dict[str, Any]:
    """Return the result of the assessment's answers under its version and variants."""
    content = version_content(assessment.version)
    spec = content.spec()
    asked = content.asked(list(assessment.variants))
    from interfirm.readiness.content import item_spec

    result = score(spec, tuple(item_spec(item) for item in asked), assessment.answers)
    return {**result.as_json(), "gap_below": spec.gap_below, "items": [item.code for item in asked]}


@transaction.atomic
def assessment_submit(
    *, actor: User | None, acting_for: Organisation | None, assessment: Assessment
) -> Assessment:
    """Compute and store the result of a complete draft (answers checked by the caller)."""
    assessment = Assessment.objects.select_for_update().select_related("version").get(pk=assessment.pk)
    result = assessment_compute(assessment)
    assessment.result = result
    assessment.overall_score = result["overall"]
    assessment.level = result["level"]
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="readiness.assessment_submit",
        obj=assessment,
        changes={"overall": result["overall"], "level": result["level"]},
    )
    _refresh_search_on_commit(assessment.firm_id)
    return assessment


@transaction.atomic
def assessment_validate(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    assessment: Assessment,
    intermediary: Intermediary,
    note: str = "",
) -> Assessment:
    """Record that ``intermediary`` validated a submitted assessment after a visit."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    assessment.source = Source.VALIDATED
    assessment.validated_by = intermediary
    assessment.validated_at = timezone.now()
    assessment.validation_note = note
    assessment.save(update_fields=["source", "validated_by", "validated_at", "validation_note", "updated_at"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="readiness.assessment_validate",
        obj=assessment,
        changes={"validated_by": intermediary.pk},
    )
    _refresh_search_on_commit(assessment.firm_id)
    return assessment
