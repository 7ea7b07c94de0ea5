from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from interfirm.accounts.api_auth import hash_token, new_token_secret
from interfirm.accounts.models import ApiToken, Role
from interfirm.audit.models import AuditEntry
from interfirm.geo.models import Language
from interfirm.intermediaries.models import Intermediary, IntermediaryType, Network
from interfirm.sectors.models import IsicCode
from interfirm.testing import Personas, add_member, client_for, make_intermediary, make_user

pytestmark = pytest.mark.django_db
LIST = "/api/directory/intermediaries"
MINE = "/api/directory/intermediaries/mine"


def slugs(response: Any) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


def fields_named(response: Any) -> list[str]:
    return sorted(error["field"] for error in response.json()["errors"])


def patch(client: Client, payload: dict[str, Any], **extra: Any) -> Any:
    return client.patch(MINE, json.dumps(payload), content_type="application/json", **extra)


def test_the_directory_api_is_public_and_paginated() -> None:
    for number in range(23):
        make_intermediary(f"Chamber {number:02d}", slug=f"chamber-{number:02d}")
    body = Client().get(LIST, {"page": 2}).json()
    assert (
        body["count"],
        body["page"],
        body["pages"],
        body["per_page"],
        [r["slug"] for r in body["results"]],
    ) == (
        23,
        2,
        2,
        20,
        ["chamber-20", "chamber-21", "chamber-22"],
    )


def test_a_page_past_the_end_is_empty() -> None:
    make_intermediary("Only Chamber")
    assert Client().get(LIST, {"page": 5}).json()["results"] == []


def test_the_api_applies_the_directory_filters() -> None:
    food = make_intermediary("Food IPA", slug="food-ipa", type=IntermediaryType.IPA, services=("diagnosis",))
    food.sectors_covered.set(IsicCode.objects.filter(code__in=["10"]))
    food.languages.set(Language.objects.filter(code__in=["fr"]))
    food.networks.set(Network.objects.filter(code="waipa"))
    chamber = make_intermediary("Food chamber", slug="food-chamber", type=IntermediaryType.CHAMBER)
    chamber.sectors_covered.set(IsicCode.objects.filter(code="10"))
    query = {
        "type": "ipa",
        "sector": "1030",
        "service": "diagnosis",
        "language": "fr",
        "network": "waipa",
        "q": "food",
    }
    assert slugs(Client().get(LIST, query)) == ["food-ipa"]


def test_the_api_filters_by_country_in_any_case() -> None:
    make_intermediary("Kampala Chamber", slug="kampala", country="UGA")
    make_intermediary("Nairobi Chamber", slug="nairobi", country="KEN")
    assert slugs(Client().get(LIST, {"country": "uga"})) == ["kampala"]


def test_unknown_filter_values_answer_422_naming_each_field() -> None:
    response = Client().get(LIST, {"sector": "9999", "country": "XXX", "type": "guild", "network": "nato"})
    assert (response.status_code, fields_named(response)) == (422, ["country", "network", "sector", "type"])


@pytest.mark.parametrize("page", [0, 10**23])
def test_a_bad_page_number_answers_422_naming_the_field(page: int) -> None:
    # A page far beyond any list would be an offset the database cannot take: refused, not a 500.
    response = Client().get(LIST, {"page": page})
    assert (response.status_code, fields_named(response)) == (422, ["page"])


def test_a_page_beyond_the_last_is_empty() -> None:
    body = Client().get(LIST, {"page": 500}).json()
    assert (body["page"], body["pages"], body["results"]) == (500, 1, [])


def test_unlisted_intermediaries_are_left_out_of_the_list() -> None:
    make_intermediary("Hidden", slug="hidden", is_listed=False)
    assert Client().get(LIST).json()["count"] == 0


def test_one_intermediary_shows_everything_public(personas: Personas) -> None:
    personas.chamber.sectors_covered.set(IsicCode.objects.filter(code__in=["1030"]))
    body = Client().get("/api/directory/intermediaries/kenya-chamber").json()
    assert (
        body["email"],
        body["city"],
        body["countries_covered"],
        [s["code"] for s in body["sectors_covered"]],
        body["services"],
    ) == ("info@kenyachamber.example", "Nairobi", ["KEN"], ["1030"], ["partner-search", "diagnosis"])


def test_an_unlisted_intermediary_is_a_404() -> None:
    make_intermediary("Hidden", slug="hidden", is_listed=False)
    assert Client().get("/api/directory/intermediaries/hidden").status_code == 404


def test_an_unknown_intermediary_is_a_404() -> None:
    assert Client().get("/api/directory/intermediaries/nobody").status_code == 404


def test_services_are_listed_in_their_order() -> None:
    codes = [row["code"] for row in Client().get("/api/directory/services").json()]
    assert codes[:3] == ["partner-search", "diagnosis", "pre-feasibility"]


def test_networks_are_listed() -> None:
    assert "empretec" in [row["code"] for row in Client().get("/api/directory/networks").json()]


def test_a_manager_patches_the_own_entry(personas: Personas) -> None:
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = patch(client, {"acronym": "KNCCI", "sectors_covered": ["c", "1030"], "networks": ["iccwbo"]})
    personas.chamber.refresh_from_db()
    assert (
        response.status_code,
        personas.chamber.acronym,
        response.json()["sectors_covered"][0]["code"],
    ) == (
        200,
        "KNCCI",
        "1030",
    )
    assert list(personas.chamber.networks.values_list("code", flat=True)) == ["iccwbo"]


def test_a_patch_keeps_the_fields_left_out(personas: Personas) -> None:
    patch(client_for(personas.chamber_staff, personas.chamber.organisation), {"acronym": "KNCCI"})
    personas.chamber.refresh_from_db()
    assert (personas.chamber.city, sorted(personas.chamber.services.values_list("code", flat=True))) == (
        "Nairobi",
        ["diagnosis", "partner-search"],
    )


def test_a_patch_is_audited_with_what_changed(personas: Personas) -> None:
    patch(client_for(personas.chamber_staff, personas.chamber.organisation), {"city": "Mombasa"})
    assert AuditEntry.objects.get(action="intermediary.update").changes == {"city": ["Nairobi", "Mombasa"]}


def test_an_invalid_patch_answers_422_naming_each_field_and_saves_nothing(personas: Personas) -> None:
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = patch(
        client,
        {
            "name": "",
            "email": "nope",
            "country": "XXX",
            "sectors_covered": ["9999"],
            "type": "guild",
            "city": "Kisumu",
        },
    )
    personas.chamber.refresh_from_db()
    assert (response.status_code, fields_named(response), personas.chamber.city) == (
        422,
        ["country", "email", "name", "sectors_covered", "type"],
        "Nairobi",
    )


def test_a_patch_names_a_required_field_left_empty_before(personas: Personas) -> None:
    personas.chamber.services.clear()
    response = patch(client_for(personas.chamber_staff, personas.chamber.organisation), {"acronym": "KNCCI"})
    assert (response.status_code, fields_named(response)) == (422, ["services"])


def test_a_patch_of_the_wrong_type_answers_422_naming_the_field(personas: Personas) -> None:
    response = patch(
        client_for(personas.chamber_staff, personas.chamber.organisation), {"services": "diagnosis"}
    )
    assert (response.status_code, fields_named(response)) == (422, ["services"])


def test_over_long_text_answers_422(personas: Personas) -> None:
    response = patch(client_for(personas.chamber_staff, personas.chamber.organisation), {"name": "x" * 201})
    assert (response.status_code, fields_named(response)) == (422, ["name"])


def test_patching_needs_authentication() -> None:
    assert patch(Client(), {"acronym": "X"}).status_code == 401


def test_a_firm_user_has_no_entry_to_patch(personas: Personas) -> None:
    response = patch(client_for(personas.amani_manager, personas.kenyan_sme.organisation), {"acronym": "X"})
    assert response.status_code == 404


def test_an_intermediary_member_who_is_not_a_manager_cannot_patch(personas: Personas) -> None:
    clerk = make_user()
    add_member(clerk, personas.chamber.organisation, Role.MEMBER)
    assert patch(client_for(clerk, personas.chamber.organisation), {"acronym": "X"}).status_code == 404


@pytest.mark.parametrize("body", [{"acronym": "X"}, {"acronym": 5, "website": "not a url", "no_such": 1}])
def test_anyone_but_a_manager_gets_404_whatever_they_send(personas: Personas, body: dict) -> None:
    # Access is decided before the body is read: a stranger never gets the 422 describing the fields.
    clerk = make_user()
    add_member(clerk, personas.chamber.organisation, Role.MEMBER)
    strangers = [
        client_for(personas.amani_manager, personas.kenyan_sme.organisation),
        client_for(clerk, personas.chamber.organisation),
    ]
    for stranger in strangers:
        assert (patch(stranger, body).status_code, stranger.get(MINE).status_code) == (404, 404)
    assert (patch(Client(), body).status_code, Client().get(MINE).status_code) == (401, 401)
    assert Intermediary.objects.get(pk=personas.chamber.pk).acronym == ""


def test_another_intermediarys_manager_patches_only_their_own_entry(personas: Personas) -> None:
    other_staff = make_user()
    other = make_intermediary("Uganda Chamber", country="UGA", staff=other_staff, services=("training",))
    patch(client_for(other_staff, other.organisation), {"acronym": "UNCCI"})
    assert dict(Intermediary.objects.values_list("slug", "acronym")) == {
        "kenya-chamber": "",
        other.slug: "UNCCI",
    }


def test_a_manager_patches_with_an_api_token(personas: Personas) -> None:
    secret = new_token_secret()
    ApiToken.objects.create(
        user=personas.chamber_staff,
        organisation=personas.chamber.organisation,
        name="script",
        prefix=secret[:8],
        key_hash=hash_token(secret),
    )
    response = patch(Client(), {"city": "Kisumu"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert (response.status_code, response.json()["city"]) == (200, "Kisumu")


def test_a_manager_reads_the_own_entry_even_when_unlisted(personas: Personas) -> None:
    Intermediary.objects.filter(pk=personas.chamber.pk).update(is_listed=False)
    response = client_for(personas.chamber_staff, personas.chamber.organisation).get(MINE)
    assert (response.status_code, response.json()["listed"]) == (200, False)
