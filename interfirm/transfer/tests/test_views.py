"""The import and export pages: who may reach them, the report, importing a checked file, no 500."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interfirm.firms.models import Firm
from interfirm.introductions.tests.factories import represent
from interfirm.testing import client_for, make_opportunity, make_user
from interfirm.transfer.models import PendingUpload
from interfirm.transfer.tests.helpers import FIRM_HEADER, csv_bytes, firm_row, xlsx_bytes

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("transfer:import")


def _chamber_client(personas):
    return client_for(personas.chamber_staff, personas.chamber.organisation)


def _upload(content: bytes, name: str = "firms.csv", **fields: str) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "firms",
        "file": SimpleUploadedFile(name, content),
        "consent_method": "signed_form",
        "consent_given_on": "2024-11-05",
        "consent_given_by": "The directors",
    }
    data.update(fields)
    return data


def _good_file() -> bytes:
    return csv_bytes([FIRM_HEADER, firm_row("K1", "Pwani Juices Ltd"), firm_row("K2", "Lamu Oils Ltd")])


def test_a_firm_user_cannot_reach_the_import_page(personas):
    response = client_for(personas.amani_manager, personas.kenyan_sme.organisation).get(IMPORT_URL)
    assert response.status_code == 404


def test_the_import_page_shows_the_form_and_the_columns(personas):
    response = _chamber_client(personas).get(IMPORT_URL)
    assert response.status_code == 200
    assert b'name="file"' in response.content
    assert b"source_ref" in response.content


def test_the_operator_reaches_the_import_page(personas):
    operator = personas.operator_user.memberships.get().organisation
    response = client_for(personas.operator_user, operator).get(IMPORT_URL)
    assert response.status_code == 200
    assert b'name="consent_method"' not in response.content


def test_a_dry_run_shows_the_report_and_keeps_the_file(personas):
    response = _chamber_client(personas).post(IMPORT_URL, _upload(_good_file(), dry_run="on"))
    upload = PendingUpload.objects.get()
    assert response.status_code == 200
    assert "Every line is good" in response.content.decode()
    assert reverse("transfer:import_confirm", args=[upload.pk]).encode() in response.content
    assert not Firm.objects.filter(legal_name="Pwani Juices Ltd").exists()


def test_the_checked_file_is_imported_without_uploading_it_again(personas):
    client = _chamber_client(personas)
    client.post(IMPORT_URL, _upload(_good_file(), dry_run="on"))
    upload = PendingUpload.objects.get()
    response = client.post(reverse("transfer:import_confirm", args=[upload.pk]))
    assert response.status_code == 200
    assert "The file has been imported." in response.content.decode()
    assert Firm.objects.filter(legal_name__in=["Pwani Juices Ltd", "Lamu Oils Ltd"]).count() == 2
    assert not PendingUpload.objects.exists()


def test_bad_lines_are_listed_with_line_column_and_reason(personas):
    content = csv_bytes([FIRM_HEADER, firm_row("K1", "Pwani Juices Ltd", country="XYZ")])
    response = _chamber_client(personas).post(IMPORT_URL, _upload(content, dry_run="on"))
    page = response.content.decode()
    assert "<td>2</td><td>K1</td><td><code>country</code></td><td>Unknown country: XYZ.</td>" in page


def test_a_real_import_with_a_bad_line_is_refused(personas):
    content = csv_bytes(
        [FIRM_HEADER, firm_row("K1", "Pwani Juices Ltd"), firm_row("K2", "Bad Ltd", sectors="1")]
    )
    response = _chamber_client(personas).post(IMPORT_URL, _upload(content))
    assert "Nothing was imported" in response.content.decode()
    assert not Firm.objects.filter(legal_name="Pwani Juices Ltd").exists()


def test_another_users_upload_does_not_exist(personas):
    _chamber_client(personas).post(IMPORT_URL, _upload(_good_file(), dry_run="on"))
    upload = PendingUpload.objects.get()
    colleague = make_user()
    personas.chamber.organisation.memberships.create(user=colleague, role="member")
    response = client_for(colleague, personas.chamber.organisation).post(
        reverse("transfer:import_confirm", args=[upload.pk])
    )
    assert response.status_code == 404
    assert not Firm.objects.filter(legal_name="Pwani Juices Ltd").exists()


def test_a_cp1252_file_is_refused_with_a_message_not_an_error(personas):
    content = "source_ref,legal_name,country\nK1,Caf\u00e9 du Port,KEN\n".encode("cp1252")
    response = _chamber_client(personas).post(IMPORT_URL, _upload(content, dry_run="on"))
    assert response.status_code == 200
    assert "The file is not UTF-8: save it as CSV UTF-8." in response.content.decode()


@pytest.mark.parametrize(
    "content,name",
    [
        (b"", "empty.csv"),
        (b"PK\x03\x04garbage", "broken.xlsx"),
        (b"\x00\x01\x02\xff\xfe", "binary.csv"),
        (b"source_ref\n" + b"x" * 200_000 + b"\n", "huge-cell.csv"),
    ],
)
def test_no_file_gives_a_server_error(personas, content, name):
    response = _chamber_client(personas).post(IMPORT_URL, _upload(content, name=name, dry_run="on"))
    assert response.status_code == 200


def test_an_xlsx_upload_is_checked(personas):
    content = xlsx_bytes([FIRM_HEADER, firm_row("K1", "Pwani Juices Ltd")])
    response = _chamber_client(personas).post(IMPORT_URL, _upload(content, name="firms.xlsx", dry_run="on"))
    assert "Every line is good" in response.content.decode()


def test_the_templates_page_and_downloads_are_public(client):
    assert client.get(reverse("transfer:templates")).status_code == 200
    response = client.get(reverse("transfer:template_download", args=["een"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("Reference,Title,Summary")


def test_an_unknown_template_does_not_exist(client):
    assert client.get(reverse("transfer:template_download", args=["cats"])).status_code == 404


def test_a_firm_downloads_its_own_data(personas):
    response = client_for(personas.amani_manager, personas.kenyan_sme.organisation).get(
        reverse("transfer:export_firm")
    )
    data = json.loads(response.content)
    assert response["Content-Disposition"] == (
        f'attachment; filename="interfirm-firm-{personas.kenyan_sme.reference}.json"'
    )
    assert data["firm"]["legal_name"] == "Amani Fresh Foods Ltd"


def test_an_intermediary_cannot_download_a_firms_data(personas):
    represent(personas.chamber, personas.kenyan_sme)
    response = _chamber_client(personas).get(reverse("transfer:export_firm"))
    assert response.status_code == 404


def test_the_opportunities_export_lists_only_what_the_organisation_manages(personas):
    represent(personas.chamber, personas.kenyan_sme)
    mine = make_opportunity(personas.kenyan_sme, title="Mango pulp for export")
    other = make_opportunity(personas.german_manufacturer, title="Pulping lines")
    response = _chamber_client(personas).get(reverse("transfer:export_opportunities"))
    text = response.content.decode("utf-8-sig")
    assert mine.reference in text
    assert other.reference not in text


def test_the_operator_has_no_opportunities_export(personas):
    operator = personas.operator_user.memberships.get().organisation
    response = client_for(personas.operator_user, operator).get(reverse("transfer:export_opportunities"))
    assert response.status_code == 404
