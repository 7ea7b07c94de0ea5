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


def test_isic_codes_are_searched_by_title_in_the_admin() -> None:
    response = superuser_client().get(reverse("admin:sectors_isiccode_changelist"), {"q": "dairy"})
    assert [c.code for c in response.context["cl"].result_list] == ["105", "1050"]


def test_isic_codes_are_filtered_by_level_in_the_admin() -> None:
    response = superuser_client().get(reverse("admin:sectors_isiccode_changelist"), {"level": "section"})
    assert response.context["cl"].result_count == 21


def test_a_nace_code_admin_page_opens() -> None:
    response = superuser_client().get(reverse("admin:sectors_nacecode_change", args=["10.39"]))
    assert response.status_code == 200
