from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.testing import make_user

pytestmark = pytest.mark.django_db


def superuser_client() -> Client:
    client = Client()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["country", "countrygroupmembership", "language"])
def test_each_geo_model_has_a_searchable_admin_list(model: str) -> None:
    response = superuser_client().get(reverse(f"admin:geo_{model}_changelist"), {"q": "ke"})
    assert response.status_code == 200


def test_a_country_admin_page_shows_its_memberships_inline() -> None:
    response = superuser_client().get(reverse("admin:geo_country_change", args=["BGD"]))
    assert (response.status_code, b"2026-11-24" in response.content) == (200, True)


def test_the_country_list_filters_by_economy_group() -> None:
    response = superuser_client().get(
        reverse("admin:geo_country_changelist"), {"economy_group": "transition"}
    )
    assert response.context["cl"].result_count == 18  # the 17 of the UN list and Kosovo
