"""The operators' admin pages of accounts open, and never show a token's hash."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.accounts.models import ApiToken, Invitation
from interfirm.accounts.services import api_token_create, invitation_create
from interfirm.testing import Personas, client_for, make_user


@pytest.fixture
def admin_client_(db: None) -> Client:
    return client_for(make_user("root@interfirm.example", is_staff=True, is_superuser=True))


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["user", "organisation", "membership", "invitation", "apitoken"])
def test_the_admin_lists_each_accounts_model(admin_client_: Client, personas: Personas, model: str) -> None:
    assert admin_client_.get(reverse(f"admin:accounts_{model}_changelist")).status_code == 200


@pytest.mark.django_db
def test_the_admin_user_page_opens(admin_client_: Client, personas: Personas) -> None:
    response = admin_client_.get(reverse("admin:accounts_user_change", args=[personas.amani_manager.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_admin_adds_a_user_by_email(admin_client_: Client) -> None:
    response = admin_client_.get(reverse("admin:accounts_user_add"))
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


@pytest.mark.django_db
def test_the_admin_token_page_does_not_show_the_hash(admin_client_: Client, personas: Personas) -> None:
    token, _secret = api_token_create(
        user=personas.amani_manager, organisation=personas.kenyan_sme.organisation, name="ERP"
    )
    response = admin_client_.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert response.status_code == 200
    assert ApiToken.objects.get().key_hash not in response.content.decode()


@pytest.mark.django_db
def test_the_admin_invitation_page_does_not_show_the_hash(admin_client_: Client, personas: Personas) -> None:
    invitation = invitation_create(
        actor=personas.amani_manager,
        organisation=personas.kenyan_sme.organisation,
        email="colleague@amanifresh.example",
        role="member",
        language="en",
    )
    response = admin_client_.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))
    assert response.status_code == 200
    assert Invitation.objects.get().token_hash not in response.content.decode()


@pytest.mark.django_db
def test_an_operator_reaches_the_admin_through_the_role_alone(personas):
    from interfirm.testing import client_for

    assert personas.operator_user.is_staff is False
    client = client_for(personas.operator_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/firms/firm/").status_code == 200


@pytest.mark.django_db
def test_an_operator_cannot_change_the_audit_trail(personas):
    from interfirm.testing import client_for

    client = client_for(personas.operator_user)
    assert client.get("/admin/audit/auditentry/add/").status_code == 403


@pytest.mark.django_db
def test_an_analyst_does_not_reach_the_admin(personas):
    from interfirm.testing import client_for

    response = client_for(personas.analyst_user).get("/admin/")
    assert response.status_code == 302
