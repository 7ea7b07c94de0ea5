"""The audit trail in the admin: operators read it; nobody adds, changes or deletes entries."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory
from django.urls import reverse

from interfirm.audit.models import AuditEntry
from interfirm.audit.services import audit_record
from interfirm.testing import Personas, make_user

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:audit_auditentry_changelist")


@pytest.fixture
def entry(personas: Personas) -> AuditEntry:
    return audit_record(
        actor=personas.chamber_staff,
        acting_for=personas.chamber.organisation,
        action="intermediary.update",
        obj=personas.chamber,
        changes={"city": ["Nairobi", "Mombasa"]},
    )


def staff_client(*, superuser: bool = False) -> Client:
    client = Client()
    client.force_login(make_user(is_staff=True, is_superuser=superuser))
    return client


def test_a_staff_operator_reads_the_audit_trail(entry: AuditEntry) -> None:
    response = staff_client().get(CHANGELIST)
    assert (response.status_code, list(response.context["cl"].result_list)) == (200, [entry])


def test_a_staff_operator_opens_an_entry_read_only(entry: AuditEntry) -> None:
    response = staff_client().get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert (response.status_code, response.context["has_change_permission"]) == (200, False)


def test_nobody_adds_an_entry_not_even_a_superuser() -> None:
    assert staff_client(superuser=True).get(reverse("admin:audit_auditentry_add")).status_code == 403


def test_a_superuser_cannot_change_an_entry(entry: AuditEntry) -> None:
    client = staff_client(superuser=True)
    client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"action": "forged"})
    entry.refresh_from_db()
    assert entry.action == "intermediary.update"


def test_a_superuser_cannot_delete_an_entry(entry: AuditEntry) -> None:
    client = staff_client(superuser=True)
    response = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert (response.status_code, AuditEntry.objects.filter(pk=entry.pk).exists()) == (403, True)


def test_the_admin_permissions_refuse_add_change_and_delete_to_a_superuser(entry: AuditEntry) -> None:
    request = RequestFactory().get("/")
    request.user = make_user(is_staff=True, is_superuser=True)
    model_admin = site._registry[AuditEntry]
    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, entry),
        model_admin.has_delete_permission(request, entry),
        model_admin.has_view_permission(request, entry),
    ) == (False, False, False, True)


def test_a_signed_in_user_who_is_not_staff_is_sent_to_the_admin_login(entry: AuditEntry) -> None:
    client = Client()
    client.force_login(make_user())
    response = client.get(CHANGELIST)
    assert (response.status_code, response["Location"].startswith(reverse("admin:login"))) == (302, True)


def test_the_trail_is_searched_by_actor_email(entry: AuditEntry, personas: Personas) -> None:
    audit_record(actor=personas.amani_manager, acting_for=None, action="firm.update", obj=personas.kenyan_sme)
    response = staff_client().get(CHANGELIST, {"q": "otieno@kenyachamber"})
    assert list(response.context["cl"].result_list) == [entry]


def test_the_trail_is_filtered_by_action(entry: AuditEntry, personas: Personas) -> None:
    audit_record(actor=personas.amani_manager, acting_for=None, action="firm.update", obj=personas.kenyan_sme)
    response = staff_client().get(CHANGELIST, {"action": "firm.update"})
    assert [e.action for e in response.context["cl"].result_list] == ["firm.update"]


def test_the_trail_is_filtered_by_object_type(entry: AuditEntry, personas: Personas) -> None:
    audit_record(actor=personas.amani_manager, acting_for=None, action="firm.update", obj=personas.kenyan_sme)
    response = staff_client().get(CHANGELIST, {"object_type": "intermediaries.intermediary"})
    assert list(response.context["cl"].result_list) == [entry]
