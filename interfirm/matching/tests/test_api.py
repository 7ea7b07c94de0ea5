"""The matching API: the same suggestions, reasons and gaps as the pages; feedback; saved searches."""

from __future__ import annotations

import pytest

from interfirm.matching.models import Feedback, SavedSearch
from interfirm.matching.tests.factories import make_network
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db


def _amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


def test_suggestions_for_an_opportunity_carry_reasons_and_gaps_and_no_name(personas):
    net = make_network(personas)
    response = _amani(personas).get(f"/api/matching/opportunities/{net.request.reference}/suggestions")
    assert response.status_code == 200
    body = response.json()
    references = {s["opportunity"]["reference"] for s in body["suggestions"] if s["opportunity"]}
    assert net.german_offer.reference in references
    first = next(
        s for s in body["suggestions"] if s["opportunity"]["reference"] == net.german_offer.reference
    )
    assert (
        first["reasons"][0]["text"]
        == "offer meets request in production, both open to supply or manufacturing agreement"
    )
    assert first["gaps"][0]["text"] == "The partner lacks the certification ISO 9001."
    assert first["candidate"]["name"] == ""
    assert "CANARYZQX" not in response.content.decode()


def test_a_foreign_opportunity_answers_404(personas):
    net = make_network(personas)
    rheinwerk = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert (
        rheinwerk.get(f"/api/matching/opportunities/{net.request.reference}/suggestions").status_code == 404
    )


def test_the_acting_firms_suggestions(personas):
    make_network(personas)
    body = _amani(personas).get("/api/matching/suggestions").json()
    assert body["firm"] == personas.kenyan_sme.reference
    assert body["suggestions"]


def test_dismissing_without_a_reason_answers_422_naming_the_field(personas):
    net = make_network(personas)
    client = _amani(personas)
    body = client.get(f"/api/matching/opportunities/{net.request.reference}/suggestions").json()
    pk = body["suggestions"][0]["id"]
    response = client.post(
        f"/api/matching/suggestions/{pk}/feedback", {"action": "dismiss"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    response = client.post(
        f"/api/matching/suggestions/{pk}/feedback",
        {"action": "dismiss", "reason": "size"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Feedback.objects.get().reason == "size"
    again = client.get(f"/api/matching/opportunities/{net.request.reference}/suggestions").json()
    assert pk not in {s["id"] for s in again["suggestions"]}


def test_saved_searches_crud(personas):
    net = make_network(personas)
    client = _amani(personas)
    created = client.post(
        "/api/matching/saved-searches",
        {"name": "Like it", "like": net.german_offer.reference, "frequency": "daily"},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client.get("/api/matching/saved-searches").json()[0]["like"] == net.german_offer.reference
    changed = client.patch(
        f"/api/matching/saved-searches/{pk}", {"is_active": False}, content_type="application/json"
    )
    assert changed.json()["is_active"] is False
    rheinwerk = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert rheinwerk.get(f"/api/matching/saved-searches/{pk}").status_code == 404
    assert client.delete(f"/api/matching/saved-searches/{pk}").status_code == 204
    assert not SavedSearch.objects.exists()


def test_an_unknown_opportunity_to_be_like_answers_422(personas):
    make_network(personas)
    response = _amani(personas).post(
        "/api/matching/saved-searches", {"name": "x", "like": "OPNOPE"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "like"


def test_a_bad_frequency_answers_422(personas):
    response = _amani(personas).post(
        "/api/matching/saved-searches", {"name": "x", "frequency": "hourly"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "frequency"


def test_a_saved_search_with_filters_the_search_refuses_answers_422_naming_each(personas):
    make_network(personas)
    response = _amani(personas).post(
        "/api/matching/saved-searches",
        {"name": "x", "query": "country=ZZZ&ldc=maybe&q=pulping"},
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"query.country", "query.ldc"}
    assert not SavedSearch.objects.exists()
