"""The operator's admin pages for firms, certifications and representations render."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.accounts.models import User
from interfirm.firms.tests.conftest import CanaryFirm
from interfirm.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_() -> Client:
    User.objects.create_superuser("root@interfirm.example", PASSWORD)
    client = Client()
    client.login(email="root@interfirm.example", password=PASSWORD)
    return client


@pytest.mark.parametrize(
    "name",
    [
        "admin:firms_firm_changelist",
        "admin:firms_certification_changelist",
        "admin:firms_representation_changelist",
    ],
)
def test_admin_lists_render(admin_client_: Client, canary: CanaryFirm, name: str) -> None:
    assert admin_client_.get(reverse(name)).status_code == 200


def test_admin_firm_page_shows_contacts_and_representations_inline(
    admin_client_: Client, canary: CanaryFirm
) -> None:
    html = admin_client_.get(reverse("admin:firms_firm_change", args=[canary.firm.pk])).content.decode()
    assert (canary.contact.name in html, "consent_given_by" in html) == (True, True)
