"""The readiness API: public versions, assessments with the pages' permission rules, 422 naming items."""

from __future__ import annotations

import pytest

from interfirm.readiness.models import Assessment
from interfirm.readiness.tests.factories import default_version, full_answers, submitted_assessment
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db
BASE = "/api/readiness"


def _amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


def _json(client, method, path, data=None):
    return getattr(client, method)(path, data or {}, content_type="application/json")


def test_published_versions_are_public(client):
    version = default_version()
    listed = client.get(f"{BASE}/versions").json()
    assert [v["id"] for v in listed] == [version.pk]
    detail = client.get(f"{BASE}/versions/{version.pk}").json()
    assert len(detail["dimensions"]) == 11
    item = next(i for i in detail["items"] if i["code"] == "ldc-digital-intermediary")
    assert (item["variant"], item["replaces"], item["paragraph"]) == ("ldc", "digital-online", "29")


def test_a_draft_version_is_not_public(client):
    from interfirm.readiness.services import instrument_version_copy

    draft = instrument_version_copy(actor=None, acting_for=None, version=default_version())
    assert client.get(f"{BASE}/versions/{draft.pk}").status_code == 404


def test_a_firm_starts_answers_and_submits_through_the_api(personas):
    client = _amani(personas)
    created = _json(client, "post", f"{BASE}/assessments")
    assert created.status_code == 201
    assessment_id = created.json()["id"]
    assert _json(client, "post", f"{BASE}/assessments").status_code == 200  # the open draft
    assessment = Assessment.objects.get()
    saved = _json(
        client, "put", f"{BASE}/assessments/{assessment_id}/answers", {"answers": full_answers(assessment)}
    )
    assert saved.status_code == 200
    submitted = _json(client, "post", f"{BASE}/assessments/{assessment_id}/submit")
    assert submitted.status_code == 200
    assert (submitted.json()["level"], submitted.json()["overall_score"]) == ("experienced", 100.0)
    assert (
        _json(client, "put", f"{BASE}/assessments/{assessment_id}/answers", {"answers": {}}).status_code
        == 409
    )


def test_a_bad_answer_answers_422_naming_the_item(personas):
    client = _amani(personas)
    assessment_id = _json(client, "post", f"{BASE}/assessments").json()["id"]
    response = _json(
        client,
        "put",
        f"{BASE}/assessments/{assessment_id}/answers",
        {"answers": {"quality-control": 7, "nope": 1}},
    )
    assert response.status_code == 422
    assert sorted(e["field"] for e in response.json()["errors"]) == [
        "answers.nope",
        "answers.quality-control",
    ]
    assert Assessment.objects.get().answers == {}


def test_null_or_an_empty_string_takes_back_a_saved_answer(personas):
    client = _amani(personas)
    assessment_id = _json(client, "post", f"{BASE}/assessments").json()["id"]
    url = f"{BASE}/assessments/{assessment_id}/answers"
    saved = {"quality-certificate": "ISO 9001 no. 1234", "quality-control": 3, "motives-written": "yes"}
    assert _json(client, "put", url, {"answers": saved}).status_code == 200
    response = _json(client, "put", url, {"answers": {"quality-certificate": "", "quality-control": None}})
    assert response.status_code == 200
    assert response.json()["answers"] == {"motives-written": "yes"}
    assert Assessment.objects.get().answers == {"motives-written": "yes"}


def test_submitting_an_incomplete_draft_answers_422_naming_the_missing_items(personas):
    client = _amani(personas)
    assessment_id = _json(client, "post", f"{BASE}/assessments").json()["id"]
    response = _json(client, "post", f"{BASE}/assessments/{assessment_id}/submit")
    assert response.status_code == 422
    assert "answers.motives-written" in [e["field"] for e in response.json()["errors"]]


def test_another_firm_gets_404_for_an_assessment(personas):
    assessment = submitted_assessment(personas.kenyan_sme)
    other = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert other.get(f"{BASE}/assessments/{assessment.pk}").status_code == 404
    assert other.get(f"{BASE}/assessments").json() == []
    assert (
        _json(other, "post", f"{BASE}/assessments/{assessment.pk}/validate", {"note": "x"}).status_code == 404
    )


def test_anonymous_callers_must_authenticate(client, personas):
    assessment = submitted_assessment(personas.kenyan_sme)
    assert client.get(f"{BASE}/assessments/{assessment.pk}").status_code == 401
    assert client.get(f"{BASE}/assessments").status_code == 401


def test_an_intermediary_guides_and_validates_through_the_api(personas):
    chamber = client_for(personas.chamber_staff, personas.chamber.organisation)
    created = _json(chamber, "post", f"{BASE}/assessments", {"firm": personas.kenyan_sme.reference})
    assert created.status_code == 201 and created.json()["source"] == "guided"
    assessment = Assessment.objects.get()
    _json(
        chamber, "put", f"{BASE}/assessments/{assessment.pk}/answers", {"answers": full_answers(assessment)}
    )
    _json(chamber, "post", f"{BASE}/assessments/{assessment.pk}/submit")
    validated = _json(chamber, "post", f"{BASE}/assessments/{assessment.pk}/validate", {"note": "Visited."})
    assert (validated.status_code, validated.json()["source"]) == (200, "validated")
    assert validated.json()["validated_by"] == personas.chamber.slug
