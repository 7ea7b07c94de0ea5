"""The public API of cases."""

from __future__ import annotations

import pytest

from interfirm.cases.models import Case, CaseOrigin, CaseStatus

pytestmark = pytest.mark.django_db


def test_the_list_answers_anonymous_callers_with_the_filters(client):
    body = client.get("/api/cases/", {"corridor": "north_south"}).json()
    assert body["count"] == 4
    assert {r["title"][:6] for r in body["results"]} == {"Biocon", "Nortel", "PDVSA'", "A Turk"}


def test_a_bad_filter_answers_422_naming_the_field(client):
    response = client.get("/api/cases/", {"corridor": "sideways"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "corridor"


@pytest.mark.parametrize("offset", ["-1", str(10**23)])
def test_an_offset_out_of_range_answers_422_naming_it(client, offset):
    # An offset above any list would be one the database cannot take: refused, not a 500.
    response = client.get("/api/cases/", {"offset": offset})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "offset")


def test_the_detail_has_the_parties_and_the_source(client):
    case = Case.objects.get(seed_key="nortel-indian-partners")
    body = client.get(f"/api/cases/{case.reference}").json()
    assert [p["label"] for p in body["parties"]] == ["Nortel", "Tata", "WIPRO", "Infosys", "SAS"]
    assert body["source_paragraphs"] == [18, 19]


def test_a_draft_answers_404(client):
    case = Case.objects.create(
        origin=CaseOrigin.OPERATOR, title="Draft", summary="s", status=CaseStatus.DRAFT
    )
    assert client.get(f"/api/cases/{case.reference}").status_code == 404
