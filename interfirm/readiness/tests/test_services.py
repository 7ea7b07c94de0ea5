"""The default instrument, versions (publishing, freezing, copying) and the assessment life cycle."""

from __future__ import annotations

from decimal import Decimal

import pytest

from interfirm.audit.models import AuditEntry
from interfirm.readiness.loaders import default_instrument_load
from interfirm.readiness.models import (
    Assessment,
    Instrument,
    InstrumentVersion,
    Item,
    LevelBand,
    VersionFrozen,
    VersionStatus,
)
from interfirm.readiness.selectors import published_version
from interfirm.readiness.services import (
    InstrumentNotPublishable,
    assessment_save_answers,
    assessment_start,
    instrument_version_copy,
    instrument_version_publish,
)
from interfirm.readiness.tests.factories import default_version, full_answers, submitted_assessment
from interfirm.testing import make_firm

pytestmark = pytest.mark.django_db


def test_the_default_instrument_is_published_with_eleven_dimensions_each_item_citing_the_report():
    version = default_version()
    assert version is not None and version.instrument.slug == "partnership-readiness"
    assert version.dimensions.count() == 11
    assert not Item.objects.filter(version=version, paragraph="").exists()
    assert sorted(version.variants.values_list("code", flat=True)) == ["food-processing", "ldc"]


def test_loading_the_default_instrument_again_changes_nothing():
    report = default_instrument_load()
    assert (report.created, report.updated) == (0, 0)
    assert InstrumentVersion.objects.filter(instrument__slug="partnership-readiness").count() == 1


def test_a_published_version_cannot_be_changed():
    version = default_version()
    item = version.items.get(code="motives-written")
    item.text = "Changed"
    with pytest.raises(VersionFrozen):
        item.save()
    with pytest.raises(VersionFrozen):
        version.save()


def test_an_old_assessment_keeps_its_result_after_a_new_version_changes_the_items(personas):
    old = submitted_assessment(personas.kenyan_sme, personas.amani_manager, strong=False)
    before = (old.result, old.level, old.overall_score, old.version_id)
    draft = instrument_version_copy(actor=None, acting_for=None, version=old.version)
    Item.objects.filter(version=draft, code="motives-written").update(text="Reworded", weight=5)
    draft.items.get(code="attitudes-trust").delete()
    instrument_version_publish(actor=None, acting_for=None, version=draft)
    old.refresh_from_db()
    assert (old.result, old.level, old.overall_score, old.version_id) == before
    assert old.version.items.get(code="motives-written").text.startswith("Have you written down")
    assert InstrumentVersion.objects.get(pk=before[3]).status == VersionStatus.RETIRED
    assert published_version() == draft


def test_publishing_a_version_with_a_missing_weight_is_refused_with_the_reason():
    draft = instrument_version_copy(actor=None, acting_for=None, version=default_version())
    Item.objects.filter(version=draft, code="quality-control").update(weight=0)
    with pytest.raises(InstrumentNotPublishable) as refusal:
        instrument_version_publish(actor=None, acting_for=None, version=draft)
    assert refusal.value.problems == ["Item quality-control has no weight (a weight above 0 is needed)."]
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_publishing_a_version_with_overlapping_thresholds_is_refused():
    draft = instrument_version_copy(actor=None, acting_for=None, version=default_version())
    LevelBand.objects.filter(version=draft, level="emerging").update(max_score=Decimal(65))
    with pytest.raises(InstrumentNotPublishable) as refusal:
        instrument_version_publish(actor=None, acting_for=None, version=draft)
    assert refusal.value.problems == ["The bands of emerging and ready overlap (40.0–65.0 and 60.0–80.0)."]


def test_a_firm_in_food_processing_gets_the_food_variant_and_an_ldc_firm_the_ldc_variant(personas):
    version = default_version()
    food = assessment_start(actor=None, acting_for=None, firm=personas.kenyan_sme, version=version)
    ldc_firm = make_firm("Addis Leather Works", country="ETH", sectors=("1511",))
    ldc = assessment_start(actor=None, acting_for=None, firm=ldc_firm, version=version)
    machinery = assessment_start(
        actor=None, acting_for=None, firm=personas.german_manufacturer, version=version
    )
    assert (food.variants, ldc.variants, machinery.variants) == (["food-processing"], ["ldc"], [])


def test_the_ldc_variant_replaces_the_internet_item_by_reaching_through_an_intermediary():
    from interfirm.readiness.content import version_content

    asked = {item.code for item in version_content(default_version()).asked(["ldc"])}
    assert "ldc-digital-intermediary" in asked and "digital-online" not in asked


def test_a_draft_keeps_partial_answers_and_is_resumed(personas):
    version = default_version()
    draft = assessment_start(
        actor=personas.amani_manager, acting_for=None, firm=personas.kenyan_sme, version=version
    )
    assessment_save_answers(actor=None, acting_for=None, assessment=draft, answers={"motives-written": "yes"})
    assessment_save_answers(actor=None, acting_for=None, assessment=draft, answers={"quality-control": 2})
    draft.refresh_from_db()
    assert draft.answers == {"motives-written": "yes", "quality-control": 2}
    assert draft.is_draft and draft.level == ""


def test_submitting_the_best_answers_gives_experienced_partner_and_an_audit_entry(personas):
    assessment = submitted_assessment(personas.kenyan_sme, personas.amani_manager)
    assert (assessment.level, float(assessment.overall_score or 0), assessment.result["gaps"]) == (
        "experienced",
        100.0,
        [],
    )
    assert AuditEntry.objects.filter(
        action="readiness.assessment_submit", object_id=str(assessment.pk)
    ).exists()


def test_submitting_the_weakest_answers_lists_every_dimension_as_a_gap(personas):
    assessment = submitted_assessment(personas.german_manufacturer, strong=False)
    assert assessment.level == "not_ready"
    assert len(assessment.result["gaps"]) == 11


def test_full_answers_cover_every_item_asked(personas):
    version = default_version()
    draft = assessment_start(actor=None, acting_for=None, firm=personas.kenyan_sme, version=version)
    assert "food-haccp" in full_answers(draft)
    assert Assessment.objects.count() == 1
    assert Instrument.objects.count() == 1
