"""API of partnerships: the same rules as the pages; 404 for non-parties, 409 for the rules, 422 naming fields."""

from __future__ import annotations

import datetime

import pytest

from interfirm.introductions.services import eoi_accept
from interfirm.introductions.tests.factories import (
    canary_strings,
    make_canary_firm,
    make_eoi,
    make_offer,
    manager_of,
)
from interfirm.partnerships.models import CheckIn, Partnership
from interfirm.partnerships.tests.factories import make_deal, move, represent
from interfirm.testing import client_for, make_firm, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
CHECK_IN = {
    "progress": 30,
    "satisfaction": 4,
    "trust_contractual": 4,
    "trust_goodwill": 4,
    "trust_competence": 5,
}


def _base(reference: str) -> str:
    return f"/api/partnerships/{reference}"


def test_reads_answer_404_to_a_non_party_and_401_to_anonymous(personas, client):
    deal = make_deal(personas)
    stranger = make_firm(manager=make_user())
    api = client_for(manager_of(stranger), stranger.organisation)
    ref = deal.partnership.reference
    for path in ("", "/milestones", "/check-ins", "/outcomes"):
        assert api.get(_base(ref) + path).status_code == 404, path
    assert (
        api.post(_base(ref) + "/stage", {"stage": "negotiation"}, content_type="application/json").status_code
        == 404
    )
    assert api.post(_base(ref) + "/check-ins", CHECK_IN, content_type="application/json").status_code == 404
    assert api.get("/api/partnerships/").json() == []
    assert client.get(_base(ref)).status_code == 401


def test_a_party_reads_the_partnership_with_its_next_stages(personas):
    deal = make_deal(personas)
    api = client_for(personas.amani_manager, deal.interested.organisation)
    body = api.get(_base(deal.partnership.reference)).json()
    assert (body["stage"], body["next_stages"], body["active_at_12_months"]) == (
        "contact",
        ["negotiation", "failed"],
        None,
    )
    assert [(p["role"], p["yours"], p["revealed"]) for p in body["parties"]] == [
        ("owner", False, True),
        ("interested", True, True),
    ]
    assert [p["reference"] for p in api.get("/api/partnerships/").json()] == [deal.partnership.reference]


def test_opening_from_an_expression_answers_201_then_409_the_second_time(personas):
    offer = make_offer(personas.german_manufacturer)
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    api = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    response = api.post("/api/partnerships/", {"expression": eoi.pk}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["reference"] == Partnership.objects.get().reference
    again = api.post("/api/partnerships/", {"expression": eoi.pk}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["detail"].startswith("The partnership of this introduction is already open")


def test_a_stage_change_that_skips_the_rules_answers_409_with_detail(personas):
    deal = make_deal(personas)
    api = client_for(personas.amani_manager, deal.interested.organisation)
    response = api.post(
        _base(deal.partnership.reference) + "/stage",
        {"stage": "review", "changed_on": "2024-05-01"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "A partnership at the stage “First contact” cannot move to “Review”. It can move to: Negotiation, Failed."
    )
    ok = api.post(
        _base(deal.partnership.reference) + "/stage",
        {"stage": "negotiation", "changed_on": "2024-05-01"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["stage"] == "negotiation"


def test_an_unknown_stage_answers_422_naming_the_field(personas):
    deal = make_deal(personas)
    api = client_for(personas.amani_manager, deal.interested.organisation)
    response = api.post(
        _base(deal.partnership.reference) + "/stage", {"stage": "married"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["stage"]


def test_a_milestone_without_a_due_date_answers_422_naming_due_on(personas):
    deal = make_deal(personas)
    owner = deal.partnership.parties.get(firm=deal.owner)
    api = client_for(personas.rheinwerk_manager, deal.owner.organisation)
    path = _base(deal.partnership.reference) + "/milestones"
    response = api.post(path, {"title": "Pilot", "owner": owner.pk}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "due_on",
            "message": "A milestone needs a due date: targets need timetables.",
            "type": "value_error",
        }
    ]
    created = api.post(
        path, {"title": "Pilot", "owner": owner.pk, "due_on": "2026-06-01"}, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["confirmed_by"] == [owner.pk]


def test_a_check_in_through_the_api_needs_the_signed_agreement_then_is_recorded(personas):
    deal = make_deal(personas)
    api = client_for(personas.amani_manager, deal.interested.organisation)
    path = _base(deal.partnership.reference) + "/check-ins"
    assert api.post(path, CHECK_IN, content_type="application/json").status_code == 409
    move(deal, "negotiation", "agreement", on=D(2024, 6, 1))
    response = api.post(path, CHECK_IN, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["trust_competence"] == 5
    assert CheckIn.objects.filter(submitted_at__isnull=False).count() == 1
    bad = api.post(path, {**CHECK_IN, "satisfaction": 7}, content_type="application/json")
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["satisfaction"]


def test_outcomes_are_reported_and_listed(personas):
    deal = make_deal(personas)
    api = client_for(personas.chamber_staff, deal.chamber.organisation)
    path = _base(deal.partnership.reference) + "/outcomes"
    response = api.post(
        path,
        {"jobs_created": 12, "export_sales": "25000.50", "currency": "eur"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert [(o["jobs_created"], o["export_sales"], o["currency"]) for o in api.get(path).json()] == [
        (12, "25000.50", "EUR")
    ]


def test_an_intermediary_records_through_the_api_and_the_canary_party_stays_anonymous_to_the_other(personas):
    represent(personas.chamber, personas.kenyan_sme)
    canary = make_canary_firm("PAAPI", country="GHA")
    api = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = api.post(
        "/api/partnerships/record",
        {
            "title": "Pulp supply",
            "firms": [personas.kenyan_sme.reference, canary.reference],
            "consent": "Signed forms",
            "arrangement_types": ["supply"],
            "stage": "agreement",
            "started_on": "2024-02-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["agreement_signed_on"]
    response = api.post(
        "/api/partnerships/record",
        {
            "title": "Pulp supply",
            "firms": [personas.kenyan_sme.reference, canary.reference],
            "consent": "Signed forms",
            "arrangement_types": ["supply"],
            "stage": "agreement",
            "started_on": "2024-02-01",
            "agreement_signed_on": "2024-04-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    reference = response.json()["reference"]
    body = (
        client_for(personas.amani_manager, personas.kenyan_sme.organisation)
        .get(_base(reference))
        .content.decode()
    )
    for secret in canary_strings(canary):
        assert secret not in body
    assert canary.reference in body


def test_the_fields_of_a_recorded_partnership_go_in_and_come_out_of_the_api(personas):
    represent(personas.chamber, personas.kenyan_sme)
    other = make_firm(manager=make_user())
    api = client_for(personas.chamber_staff, personas.chamber.organisation)
    payload = {
        "title": "Pulp supply",
        "firms": [personas.kenyan_sme.reference, other.reference],
        "consent": "Signed forms",
        "arrangement_types": ["supply"],
        "started_on": "2024-02-01",
    }
    response = api.post(
        "/api/partnerships/record", {**payload, "keywords": "y" * 501}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "keywords" in response.content.decode()
    response = api.post(
        "/api/partnerships/record",
        {**payload, "keywords": "pulp, corrugated board, pulp"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["keywords"] == ["pulp", "corrugated board"]
    again = api.get(_base(response.json()["reference"]))
    assert again.json()["keywords"] == ["pulp", "corrugated board"]


def test_firms_cannot_record_through_the_api(personas):
    api = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    other = make_firm(manager=make_user())
    response = api.post(
        "/api/partnerships/record",
        {
            "title": "x",
            "firms": [personas.kenyan_sme.reference, other.reference],
            "consent": "x",
            "arrangement_types": ["supply"],
            "started_on": "2024-02-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_api_records_the_lead_party_and_answers_422_naming_lead_for_one_not_among_the_parties(personas):
    represent(personas.chamber, personas.kenyan_sme)
    other = make_firm(manager=make_user())
    stranger = make_firm(manager=make_user())
    api = client_for(personas.chamber_staff, personas.chamber.organisation)
    payload = {
        "title": "Pulp supply",
        "firms": [personas.kenyan_sme.reference, other.reference],
        "consent": "Signed forms",
        "arrangement_types": ["supply"],
        "started_on": "2024-02-01",
    }
    refused = api.post(
        "/api/partnerships/record", {**payload, "lead": stranger.reference}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["lead"]
    assert not Partnership.objects.exists()
    response = api.post(
        "/api/partnerships/record",
        {**payload, "lead": personas.kenyan_sme.reference},
        content_type="application/json",
    )
    assert response.status_code == 201
    roles = {p["reference"]: p["role"] for p in response.json()["parties"]}
    assert roles == {personas.kenyan_sme.reference: "lead", other.reference: "party"}
