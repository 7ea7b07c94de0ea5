from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.audit.models import AuditEntry
from interfirm.testing import Personas, make_user

pytestmark = pytest.mark.django_db


def superuser_client() -> Client:
    client = Client()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["intermediary", "service", "network"])
def test_each_directory_model_has_a_searchable_admin_list(model: str, personas: Personas) -> None:
    response = superuser_client().get(reverse(f"admin:intermediaries_{model}_changelist"), {"q": "a"})
    assert response.status_code == 200


def test_the_intermediary_admin_edits_coverage_with_filter_horizontal(personas: Personas) -> None:
    response = superuser_client().get(
        reverse("admin:intermediaries_intermediary_change", args=[personas.chamber.pk])
    )
    assert (response.status_code, b"selectfilter" in response.content) == (200, True)


def test_the_intermediary_admin_filters_by_listing(personas: Personas) -> None:
    response = superuser_client().get(
        reverse("admin:intermediaries_intermediary_changelist"), {"is_listed__exact": "0"}
    )
    assert response.context["cl"].result_count == 0


def test_an_admin_edit_is_audited(personas: Personas) -> None:
    chamber = personas.chamber
    data = {
        "organisation": chamber.organisation_id,
        "slug": chamber.slug,
        "name": chamber.name,
        "acronym": "",
        "type": chamber.type,
        "description": "",
        "country": "KEN",
        "city": "Kisumu",
        "address": "",
        "website": "",
        "email": chamber.email,
        "phone": "",
        "countries_covered": ["KEN"],
        "services": ["diagnosis", "partner-search"],
        "is_listed": "on",
    }
    client = superuser_client()
    response = client.post(reverse("admin:intermediaries_intermediary_change", args=[chamber.pk]), data)
    entry = AuditEntry.objects.get(action="intermediary.admin_change")
    assert (response.status_code, entry.changes) == (302, {"city": "Kisumu"})
