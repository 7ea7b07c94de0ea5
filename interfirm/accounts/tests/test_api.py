"""GET /api/accounts/me with a token, with a session, and without either."""

from __future__ import annotations

import pytest
from django.test import Client

from interfirm.accounts.models import Role
from interfirm.accounts.services import api_token_create, api_token_revoke
from interfirm.testing import Personas, add_member, client_for

ME = "/api/accounts/me"


@pytest.mark.django_db
def test_me_without_credentials_answers_401(client: Client) -> None:
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json() == {"detail": "authentication required"}


@pytest.mark.django_db
def test_me_with_a_token_names_the_user_and_the_tokens_organisation(
    client: Client, personas: Personas
) -> None:
    _token, secret = api_token_create(
        user=personas.amani_manager, organisation=personas.kenyan_sme.organisation, name="ERP"
    )
    response = client.get(ME, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    organisation = {
        "organisation_id": personas.kenyan_sme.organisation_id,
        "kind": "firm",
        "name": "Amani Fresh Foods Ltd",
        "role": "manager",
    }
    assert response.json() == {
        "user": {
            "id": personas.amani_manager.pk,
            "email": "wanjiru@amanifresh.example",
            "full_name": "Wanjiru Kamau",
            "email_confirmed": True,
            "preferred_language": "en",
        },
        "acting_for": organisation,
        "memberships": [organisation],
    }


@pytest.mark.django_db
def test_me_with_a_token_acts_for_the_tokens_organisation_not_the_first(
    client: Client, personas: Personas
) -> None:
    add_member(personas.chamber_staff, personas.kenyan_sme.organisation, Role.MEMBER)
    _token, secret = api_token_create(
        user=personas.chamber_staff, organisation=personas.kenyan_sme.organisation, name="for Amani"
    )
    body = client.get(ME, HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert body["acting_for"]["organisation_id"] == personas.kenyan_sme.organisation_id
    assert [m["organisation_id"] for m in body["memberships"]] == [
        personas.chamber.organisation_id,
        personas.kenyan_sme.organisation_id,
    ]


@pytest.mark.django_db
def test_me_with_a_revoked_token_answers_401(client: Client, personas: Personas) -> None:
    token, secret = api_token_create(
        user=personas.amani_manager, organisation=personas.kenyan_sme.organisation, name="ERP"
    )
    api_token_revoke(user=personas.amani_manager, token=token)
    assert client.get(ME, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


@pytest.mark.django_db
def test_me_with_a_made_up_token_answers_401(client: Client, personas: Personas) -> None:
    assert client.get(ME, HTTP_AUTHORIZATION="Bearer ifm_made-up").status_code == 401


@pytest.mark.django_db
def test_me_with_a_session_works_too(personas: Personas) -> None:
    response = client_for(personas.chamber_staff).get(ME)
    assert response.status_code == 200
    assert response.json()["acting_for"]["kind"] == "intermediary"
