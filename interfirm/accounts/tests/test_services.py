"""The services write the audit trail, and never put a secret in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from interfirm.accounts.models import ApiToken, Invitation, Membership, Role, User
from interfirm.accounts.services import (
    api_token_create,
    firm_signup,
    invitation_accept_new_user,
    invitation_create,
    membership_remove,
)
from interfirm.audit.models import AuditEntry
from interfirm.testing import Personas, add_member, make_user


@pytest.mark.django_db
def test_signup_records_the_user_and_the_firm_in_the_audit_trail() -> None:
    # The reference data (loaded once for the test database) may hold entries of its own.
    before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    user = firm_signup(
        email="achieng@tamu.example",
        full_name="Achieng Odhiambo",
        password="mango-pulp-export-2031",
        legal_name="Tamu Organics Ltd",
        country_id="KEN",
    )
    firm = user.memberships.get().organisation.firm
    entries = {
        (e.action, e.object_id, e.actor_id, e.acting_for_id) for e in AuditEntry.objects.filter(pk__gt=before)
    }
    assert entries == {
        ("firm.create", str(firm.pk), user.pk, firm.organisation_id),
        ("user.signup", str(user.pk), user.pk, firm.organisation_id),
    }


@pytest.mark.django_db
def test_signup_sends_its_email_only_once_committed(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        firm_signup(
            email="achieng@tamu.example",
            full_name="Achieng Odhiambo",
            password="mango-pulp-export-2031",
            legal_name="Tamu Organics Ltd",
            country_id="KEN",
        )
    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_an_invitation_is_audited_without_its_secret(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            actor=personas.amani_manager,
            organisation=personas.kenyan_sme.organisation,
            email="colleague@amanifresh.example",
            role=Role.MEMBER,
            language="en",
        )
    entry = AuditEntry.objects.get(action="invitation.create")
    assert (entry.object_id, entry.actor_id, entry.acting_for_id) == (
        str(invitation.pk),
        personas.amani_manager.pk,
        personas.kenyan_sme.organisation_id,
    )
    secret = mail.outbox[0].body.split("/invitations/")[1].split("/")[0]
    assert secret not in str(entry.changes)
    assert invitation.token_hash not in str(entry.changes)


@pytest.mark.django_db
def test_a_new_invitation_to_the_same_address_revokes_the_earlier_one(personas: Personas) -> None:
    kwargs: dict[str, Any] = {
        "actor": personas.amani_manager,
        "organisation": personas.kenyan_sme.organisation,
        "email": "colleague@amanifresh.example",
        "role": Role.MEMBER,
        "language": "en",
    }
    first = invitation_create(**kwargs)
    second = invitation_create(**kwargs)
    first.refresh_from_db()
    assert first.is_open is False
    assert second.is_open is True


@pytest.mark.django_db
def test_accepting_as_a_new_user_is_audited(personas: Personas) -> None:
    invitation = invitation_create(
        actor=personas.amani_manager,
        organisation=personas.kenyan_sme.organisation,
        email="colleague@amanifresh.example",
        role=Role.MEMBER,
        language="en",
    )
    user = invitation_accept_new_user(
        invitation=invitation, full_name="Baraka Mwangi", password="mango-pulp-export-2031", language="en"
    )
    assert list(AuditEntry.objects.filter(actor=user).order_by("id").values_list("action", flat=True)) == [
        "user.create",
        "invitation.accept",
    ]
    assert Invitation.objects.get().accepted_by == user


@pytest.mark.django_db
def test_a_token_is_audited_without_its_secret(personas: Personas) -> None:
    token, secret = api_token_create(
        user=personas.amani_manager, organisation=personas.kenyan_sme.organisation, name="ERP"
    )
    entry = AuditEntry.objects.get(action="api_token.create")
    assert entry.object_id == str(token.pk)
    assert entry.changes == {"name": "ERP", "prefix": secret[:12]}
    assert secret not in str(entry.changes)
    assert token.key_hash not in str(entry.changes)


@pytest.mark.django_db
def test_removing_a_member_revokes_their_tokens_for_the_organisation(personas: Personas) -> None:
    clerk = make_user("clerk@amanifresh.example")
    membership = add_member(clerk, personas.kenyan_sme.organisation, Role.MEMBER)
    token, _secret = api_token_create(user=clerk, organisation=personas.kenyan_sme.organisation, name="ERP")
    membership_pk = membership.pk
    membership_remove(actor=personas.amani_manager, membership=membership)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert not Membership.objects.filter(user=clerk).exists()
    assert AuditEntry.objects.filter(action="membership.remove", object_id=str(membership_pk)).count() == 1
    assert User.objects.filter(pk=clerk.pk).exists()
