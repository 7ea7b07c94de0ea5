"""Exports in the API: the acting firm's data, the managed opportunities as CSV."""

from __future__ import annotations

import pytest

from interfirm.testing import client_for, make_opportunity

pytestmark = pytest.mark.django_db


def test_the_firm_export_needs_authentication(client):
    assert client.get("/api/transfer/firm-export").status_code == 401


def test_the_firm_export_answers_the_acting_firm(personas):
    response = client_for(personas.amani_manager, personas.kenyan_sme.organisation).get(
        "/api/transfer/firm-export"
    )
    assert response.status_code == 200
    assert response.json()["firm"]["reference"] == personas.kenyan_sme.reference


def test_the_firm_export_does_not_exist_for_an_intermediary(personas):
    response = client_for(personas.chamber_staff, personas.chamber.organisation).get(
        "/api/transfer/firm-export"
    )
    assert response.status_code == 404


def test_the_opportunities_csv_answers_a_firm_with_its_own(personas):
    opportunity = make_opportunity(personas.kenyan_sme)
    response = client_for(personas.amani_manager, personas.kenyan_sme.organisation).get(
        "/api/transfer/opportunities.csv"
    )
    assert response.status_code == 200
    assert opportunity.reference in response.content.decode("utf-8-sig")
