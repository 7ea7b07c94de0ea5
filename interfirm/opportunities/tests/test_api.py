"""The opportunities API: public anonymised reads, the owner side, the life cycle, errors."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from interfirm.firms.models import Representation
from interfirm.opportunities.models import Opportunity, Status
from interfirm.opportunities.tests.canary import leaks, make_canary_firm
from interfirm.opportunities.tests.factories import in_days, make_opportunity
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db

BASE = "/api/opportunities"


def _payload(**overrides):
    data = {
        "kind": "request",
        "domains": ["production"],
        "title": "Subcontractor for stainless steel tanks",
        "summary": "We need a workshop to build 20 tanks a year.",
        "description": "Tanks of 500 litres in food-grade stainless steel, with welded fittings.",
        "arrangement_types": ["subcontracting"],
        "partner_countries": ["ken", "UGA"],
        "sectors": ["2511"],
        "keywords": "tanks, steel",
        "deadline": in_days(90).isoformat(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _post(client, path, data=None):
    return client.post(path, json.dumps(data or {}), content_type="application/json")


def _patch(client, path, data):
    return client.patch(path, json.dumps(data), content_type="application/json")


@pytest.fixture
def amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


@pytest.fixture
def rheinwerk(personas):
    return client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)


@pytest.fixture
def chamber(personas):
    return client_for(personas.chamber_staff, personas.chamber.organisation)


def test_a_firm_creates_a_draft(personas, amani):
    response = _post(amani, f"{BASE}/", _payload())
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["owner_side"], body["firm"]["legal_name"]) == (
        "draft",
        True,
        "Amani Fresh Foods Ltd",
    )
    assert [c["code"] for c in body["partner_countries"]] == ["KEN", "UGA"]
    assert Opportunity.objects.get().firm == personas.kenyan_sme


def test_bad_input_answers_422_naming_each_field(amani):
    response = _post(
        amani, f"{BASE}/", _payload(arrangement_types=[], sectors=["9999"], deadline="2001-01-01")
    )
    assert response.status_code == 422
    assert sorted(error["field"] for error in response.json()["errors"]) == [
        "arrangement_types",
        "deadline",
        "sectors",
    ]
    assert not Opportunity.objects.exists()


def test_a_wrongly_typed_value_answers_422(amani):
    response = _post(amani, f"{BASE}/", _payload(domains="technology"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "domains"


def test_an_intermediary_must_name_a_firm_it_represents(personas, chamber):
    Representation.objects.create(
        firm=personas.kenyan_sme,
        intermediary=personas.chamber,
        consent_method="signed_form",
        consent_given_on=timezone.localdate(),
        consent_given_by="The director",
    )
    refused = _post(chamber, f"{BASE}/", _payload(firm=personas.german_manufacturer.reference))
    accepted = _post(chamber, f"{BASE}/", _payload(firm=personas.kenyan_sme.reference))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "firm"
    assert accepted.status_code == 201


def test_anyone_reads_a_published_opportunity_anonymised(personas, client):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    body = client.get(f"{BASE}/{opportunity.reference}").json()
    assert body["owner_side"] is False
    assert body["owner"]["country"] == "KEN"
    assert (body["status"], body["firm"], body["identity_flags"], body["reviews"]) == (None, None, None, None)


def test_the_owner_reads_everything(personas, amani):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="on_hold", identity_flags=[{"field": "title", "found": "Amani Fresh"}]
    )
    body = amani.get(f"{BASE}/{opportunity.reference}").json()
    assert body["status"] == "on_hold"
    assert body["identity_flags"] == [{"field": "title", "label": "title", "found": "Amani Fresh"}]
    assert body["actions"] == ["resubmit", "update", "withdraw"]


def test_an_unpublished_opportunity_is_404_for_others(personas, client, rheinwerk):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    assert client.get(f"{BASE}/{opportunity.reference}").status_code == 404
    assert rheinwerk.get(f"{BASE}/{opportunity.reference}").status_code == 404


def test_mine_lists_only_ones_own(personas, amani):
    ours = make_opportunity(personas.kenyan_sme, status="draft")
    make_opportunity(personas.german_manufacturer, status="published")
    assert [o["reference"] for o in amani.get(f"{BASE}/mine").json()] == [ours.reference]


def test_mine_needs_authentication(client):
    assert client.get(f"{BASE}/mine").status_code == 401


def test_patch_changes_only_the_given_fields(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft", keywords="mango")
    response = _patch(amani, f"{BASE}/{opportunity.reference}", {"title": "New title"})
    assert response.status_code == 200
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.keywords) == ("New title", "mango")


def test_a_patch_cannot_move_an_opportunity_to_another_firm(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    url = f"{BASE}/{opportunity.reference}"
    moved = _patch(amani, url, {"firm": personas.german_manufacturer.reference, "title": "Moved"})
    assert moved.status_code == 422
    assert [e["field"] for e in moved.json()["errors"]] == ["firm"]
    opportunity.refresh_from_db()
    assert (opportunity.firm, opportunity.title) == (
        personas.kenyan_sme,
        "Licence for solar fruit-drying technology",
    )
    same = _patch(amani, url, {"firm": personas.kenyan_sme.reference, "title": "Same firm"})
    assert same.status_code == 200


@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [
        ("patch", "", {"title": "Taken over"}),
        ("post", "/submit", None),
        ("post", "/withdraw", None),
        ("post", "/close", None),
        ("post", "/renew", {"deadline": "2099-01-01"}),
    ],
)
def test_a_foreign_firm_gets_404(personas, rheinwerk, method, suffix, data):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    path = f"{BASE}/{opportunity.reference}{suffix}"
    response = _patch(rheinwerk, path, data) if method == "patch" else _post(rheinwerk, path, data)
    assert response.status_code == 404
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.title) == (
        Status.PUBLISHED,
        "Licence for solar fruit-drying technology",
    )


def test_an_illegal_transition_answers_409_with_the_reason(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    response = _post(amani, f"{BASE}/{opportunity.reference}/submit")
    assert response.status_code == 409
    assert (
        response.json()["detail"]
        == "An opportunity with the status “Published” cannot be submitted for review."
    )


def test_patching_a_withdrawn_opportunity_answers_409(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="withdrawn")
    assert _patch(amani, f"{BASE}/{opportunity.reference}", {"title": "x"}).status_code == 409


def test_the_whole_life_cycle_through_the_api(personas, amani, chamber):
    reference = _post(amani, f"{BASE}/", _payload()).json()["reference"]
    assert _post(amani, f"{BASE}/{reference}/submit").json()["status"] == "submitted"
    assert [o["reference"] for o in chamber.get(f"{BASE}/for-review").json()] == [reference]
    held = _post(
        chamber,
        f"{BASE}/{reference}/review",
        {"clarity": 2, "innovation": 3, "cooperation": 3, "language": 3, "comments": "Give the tank sizes."},
    )
    assert held.json() == {"reference": reference, "decision": "hold", "status": "on_hold"}
    assert amani.get(f"{BASE}/{reference}").json()["reviews"][0]["comments"] == "Give the tank sizes."
    assert _post(amani, f"{BASE}/{reference}/resubmit").json()["status"] == "submitted"
    published = _post(
        chamber,
        f"{BASE}/{reference}/review",
        {"clarity": 4, "innovation": 4, "cooperation": 4, "language": 4},
    )
    assert published.json()["status"] == "published"
    renewed = _post(amani, f"{BASE}/{reference}/renew", {"deadline": in_days(200).isoformat()})
    assert renewed.json()["deadline"] == in_days(200).isoformat()
    assert _post(amani, f"{BASE}/{reference}/close").json()["status"] == "closed"


def test_a_review_that_would_publish_a_flagged_opportunity_answers_422(personas, chamber):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="submitted", identity_flags=[{"field": "title", "found": "Amani Fresh"}]
    )
    response = _post(
        chamber,
        f"{BASE}/{opportunity.reference}/review",
        {"clarity": 5, "innovation": 5, "cooperation": 5, "language": 5},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "decision"


def test_a_firm_cannot_review(personas, rheinwerk):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    response = _post(
        rheinwerk,
        f"{BASE}/{opportunity.reference}/review",
        {"clarity": 5, "innovation": 5, "cooperation": 5, "language": 5},
    )
    assert response.status_code == 404


def test_the_api_shows_no_identity_to_non_parties(personas, client, rheinwerk):
    firm = make_canary_firm()
    opportunity = make_opportunity(firm, status="published")
    for reader in (client, rheinwerk):
        response = reader.get(f"{BASE}/{opportunity.reference}")
        assert response.status_code == 200
        assert leaks(response.content.decode()) == []
