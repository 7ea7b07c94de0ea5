"""The firm API: same permission and validation rules as the pages, errors naming the field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from interfirm.accounts.api_auth import hash_token, new_token_secret
from interfirm.accounts.models import ApiToken, Organisation, User
from interfirm.audit.models import AuditEntry
from interfirm.firms.models import Firm, Representation
from interfirm.firms.tests.conftest import CANARY_MARKS, PUBLIC_MARK, CanaryFirm
from interfirm.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def _token(user: User, organisation: Organisation) -> str:
    secret = new_token_secret()
    ApiToken.objects.create(
        user=user, organisation=organisation, name="test", prefix=secret[:8], key_hash=hash_token(secret)
    )
    return secret


def _patch(client: Client, body: dict[str, Any]) -> Any:
    return client.patch("/api/firms/me", data=json.dumps(body), content_type="application/json")


def _post(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/firms/portfolio", data=json.dumps(body), content_type="application/json")


def _amani(personas: Personas) -> Client:
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


def _chamber(personas: Personas) -> Client:
    return client_for(personas.chamber_staff, personas.chamber.organisation)


# /me ----------------------------------------------------------------------------------------------


def test_me_answers_the_acting_firms_full_profile(personas: Personas) -> None:
    body = _amani(personas).get("/api/firms/me").json()
    assert (body["anonymous"], body["private"]["legal_name"], body["profile"]["size_class"]) == (
        False,
        "Amani Fresh Foods Ltd",
        "small",
    )


def test_me_requires_authentication(personas: Personas) -> None:
    assert Client().get("/api/firms/me").status_code == 401


def test_me_with_a_token_acts_for_the_tokens_firm(personas: Personas) -> None:
    secret = _token(personas.amani_manager, personas.kenyan_sme.organisation)
    response = Client().get("/api/firms/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.json()["reference"] == personas.kenyan_sme.reference


def test_me_is_404_for_an_intermediary(personas: Personas) -> None:
    assert _chamber(personas).get("/api/firms/me").status_code == 404


def test_patch_is_404_for_an_organisation_that_is_not_a_firm(personas: Personas) -> None:
    assert _patch(_chamber(personas), {"employees": 3}).status_code == 404


def test_patch_changes_only_the_given_fields_and_derives_the_size_class(personas: Personas) -> None:
    response = _patch(_amani(personas), {"employees": 120, "sectors": ["1030", "1079"]})
    firm = Firm.objects.get(pk=personas.kenyan_sme.pk)
    assert (
        response.status_code,
        firm.size_class,
        firm.description.startswith("Processes mango"),
        sorted(firm.sectors.values_list("code", flat=True)),
    ) == (200, "medium", True, ["1030", "1079"])


def test_patch_leaves_an_audit_entry(personas: Personas) -> None:
    _patch(_amani(personas), {"needs": "A dryer supplier"})
    entry = AuditEntry.objects.get(action="firm.update", object_id=str(personas.kenyan_sme.pk))
    assert entry.changes == {"needs": ["", "A dryer supplier"]}


def test_patch_with_an_unknown_isic_code_answers_422_naming_sectors_and_saves_nothing(
    personas: Personas,
) -> None:
    response = _patch(_amani(personas), {"sectors": ["9999"], "employees": 400})
    firm = Firm.objects.get(pk=personas.kenyan_sme.pk)
    assert (response.status_code, response.json()["errors"], firm.employees) == (
        422,
        [{"field": "sectors", "message": "Unknown ISIC Rev.4 code: 9999."}],
        32,
    )


def test_patch_with_an_over_long_description_answers_422_naming_description(personas: Personas) -> None:
    response = _patch(_amani(personas), {"description": "x" * 4001})
    assert [e["field"] for e in response.json()["errors"]] == ["description"]


def test_patch_with_an_unknown_country_answers_422_naming_country(personas: Personas) -> None:
    response = _patch(_amani(personas), {"country": "XXX"})
    assert [e["field"] for e in response.json()["errors"]] == ["country"]


def test_patch_with_a_wrongly_typed_value_answers_422_naming_the_field(personas: Personas) -> None:
    response = _patch(_amani(personas), {"employees": "many"})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["employees"])


@pytest.mark.parametrize("employees", [5_000_001, 10**30])
def test_an_impossible_number_of_employees_answers_422_with_a_message_that_says_so(
    personas: Personas, employees: int
) -> None:
    response = _patch(_amani(personas), {"employees": employees})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "employees",
            "message": "No firm has more than 5,000,000 employees: check the number.",
        }
    ]


def test_patch_with_an_unknown_field_answers_422(personas: Personas) -> None:
    response = _patch(_amani(personas), {"merged_into": 1})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["merged_into"])


# /{reference} -------------------------------------------------------------------------------------


def test_a_profile_is_public_and_anonymous_for_a_visitor(canary: CanaryFirm) -> None:
    response = Client().get(f"/api/firms/{canary.firm.reference}")
    text = response.content.decode()
    assert (
        response.status_code,
        response.json()["private"],
        PUBLIC_MARK in text,
        [m for m in CANARY_MARKS if m in text],
    ) == (
        200,
        None,
        True,
        [],
    )


def test_a_profile_is_anonymous_for_a_foreign_firm(personas: Personas, canary: CanaryFirm) -> None:
    secret = _token(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    response = Client().get(
        f"/api/firms/{canary.firm.reference}", headers={"Authorization": f"Bearer {secret}"}
    )
    text = response.content.decode()
    assert (response.json()["anonymous"], [m for m in CANARY_MARKS if m in text]) == (True, [])


@pytest.mark.parametrize("who", ["member", "chamber_staff", "operator_user"])
def test_a_profile_is_full_for_the_firms_parties(personas: Personas, canary: CanaryFirm, who: str) -> None:
    client = client_for(canary.manager) if who == "member" else client_for(getattr(personas, who))
    text = client.get(f"/api/firms/{canary.firm.reference}").content.decode()
    assert [m for m in CANARY_MARKS if m not in text] == []


def test_a_profile_is_full_for_the_representing_intermediarys_token(
    personas: Personas, canary: CanaryFirm
) -> None:
    secret = _token(personas.chamber_staff, personas.chamber.organisation)
    response = Client().get(
        f"/api/firms/{canary.firm.reference}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.json()["private"]["legal_name"] == canary.firm.legal_name


def test_an_unknown_reference_answers_404(personas: Personas) -> None:
    assert Client().get("/api/firms/FNOSUCH").status_code == 404


# /portfolio ---------------------------------------------------------------------------------------


def _registration(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "legal_name": "Kibera Crafts Cooperative",
        "country": "KEN",
        "sectors": ["1392"],
        "employees": 12,
        "consent_method": "signed_form",
        "consent_given_on": "2025-02-03",
        "consent_given_by": "Mary Wambui, chair",
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def test_portfolio_lists_the_represented_firms(personas: Personas, canary: CanaryFirm) -> None:
    body = _chamber(personas).get("/api/firms/portfolio").json()
    assert [(item["reference"], item["consent_given_on"]) for item in body] == [
        (canary.firm.reference, "2024-03-01")
    ]


def test_portfolio_is_404_for_a_firm(personas: Personas) -> None:
    assert _amani(personas).get("/api/firms/portfolio").status_code == 404


def test_an_intermediary_registers_a_firm_with_consent(personas: Personas) -> None:
    response = _post(_chamber(personas), _registration())
    representation = Representation.objects.get(firm__reference=response.json()["reference"])
    assert (response.status_code, representation.intermediary, representation.consent_given_by) == (
        201,
        personas.chamber,
        "Mary Wambui, chair",
    )


def test_registering_without_consent_answers_422_naming_the_consent_fields(personas: Personas) -> None:
    response = _post(_chamber(personas), _registration(consent_method=None, consent_given_by=None))
    assert (
        sorted(e["field"] for e in response.json()["errors"]),
        Firm.objects.filter(legal_name="Kibera Crafts Cooperative").exists(),
    ) == (["consent_given_by", "consent_method"], False)


def test_registering_with_an_unknown_isic_code_answers_422_naming_sectors(personas: Personas) -> None:
    response = _post(_chamber(personas), _registration(sectors=["0000"]))
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["sectors"])


def test_registering_a_duplicate_answers_409_until_confirmed(personas: Personas) -> None:
    client = _chamber(personas)
    first = _post(client, _registration(legal_name="Amani Fresh Foods"))
    second = _post(client, _registration(legal_name="Amani Fresh Foods", confirm_not_duplicate=True))
    assert (first.status_code, first.json()["errors"][0]["field"], second.status_code) == (
        409,
        "legal_name",
        201,
    )


def test_registering_is_404_for_a_firm(personas: Personas) -> None:
    assert _post(_amani(personas), _registration()).status_code == 404


def test_the_openapi_document_describes_the_firm_operations(personas: Personas) -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert sorted(path for path in paths if path.startswith("/api/firms/")) == [
        "/api/firms/me",
        "/api/firms/portfolio",
        "/api/firms/{reference}",
    ]
