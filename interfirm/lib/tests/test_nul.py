"""A NUL character is turned away wherever it comes, before any view: the API answers 422 naming the
field, a page 400 naming it, nothing is saved (on PostgreSQL a lookup by it was a 500)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from interfirm.partnerships.models import Partnership
from interfirm.partnerships.tests.factories import represent
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db


def test_an_api_json_body_with_a_nul_answers_422_naming_the_field(client: Client):
    response = client.post(
        "/api/opportunities/",
        {"title": "Solar", "sectors": ["ok", "a\x00b"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "invalid input"  # the API's answer to any invalid input
    [error] = response.json()["errors"]
    assert (error["field"], error["type"]) == ("sectors.1", "nul_character")


def test_an_api_parameter_with_a_nul_answers_422_naming_it(client: Client):
    response = client.get("/api/search/opportunities", {"q": "mango\x00"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["q"]


def test_a_page_parameter_or_address_with_a_nul_answers_400_naming_it(client: Client):
    response = client.get(reverse("search:opportunities"), {"q": "mango\x00"})
    assert response.status_code == 400
    assert "“q” holds a NUL character" in response.content.decode()
    assert client.get("/firms/%00/").status_code == 400


def test_a_form_with_a_nul_answers_400_and_saves_nothing(personas):
    represent(personas.chamber, personas.kenyan_sme)
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(
        reverse("partnerships:record"),
        {"title": "Zero\x00", "firms": [personas.kenyan_sme.pk], "consent": "x", "stage": "contact"},
    )
    assert response.status_code == 400
    assert "“title” holds a NUL character" in response.content.decode()
    assert not Partnership.objects.exists()
    # A firm looked up by the reference typed (PostgreSQL refused the NUL in the query: a 500).
    response = client.post(reverse("readiness:start"), {"reference": "FI\x00"})
    assert response.status_code == 400


def test_a_request_without_a_nul_and_an_uploaded_file_holding_one_pass(client: Client):
    assert client.get(reverse("search:opportunities"), {"q": "mango"}).status_code == 200
    upload = SimpleUploadedFile("firms.csv", b"name\x00,country\n", content_type="text/csv")
    response = client.post(reverse("accounts:login"), {"email": "a@b.example", "file": upload})
    assert response.status_code != 400


def test_the_page_speaks_the_users_language(client: Client):
    response = client.get(reverse("search:opportunities"), {"q": "\x00"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert "« q » contient un caractère NUL" in response.content.decode()
