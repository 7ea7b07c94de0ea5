"""The public pages of cases: list, filters, detail; drafts hidden from the public."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interfirm.cases.models import Case, CaseOrigin, CaseStatus

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_report_cases_to_anonymous_visitors(client):
    response = client.get(reverse("cases:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Biocon India with Biocon Biochemicals of Ireland" in html
    assert "6 cases" in html


def test_the_corridor_filter_keeps_only_cases_of_that_corridor(client):
    html = client.get(reverse("cases:list"), {"corridor": "south_south"}).content.decode()
    assert "3 cases" in html
    assert "Egypt" in html and "Nortel" not in html


def test_the_text_search_finds_a_party_by_name(client):
    html = client.get(reverse("cases:list"), {"q": "infosys"}).content.decode()
    assert "1 case" in html and "Nortel and its four Indian partners" in html


def test_filters_combine_arrangement_section_country_and_size(client):
    url = reverse("cases:list")
    assert "1 case" in client.get(url, {"arrangement": "franchising"}).content.decode()
    assert "1 case" in client.get(url, {"section": "J", "country": "CAN"}).content.decode()
    assert "3 cases" in client.get(url, {"size": "large", "arrangement": "rd_cooperation"}).content.decode()


def test_an_invalid_filter_value_is_ignored_not_an_error(client):
    response = client.get(reverse("cases:list"), {"corridor": "nowhere", "page": "x"})
    assert response.status_code == 200


def test_the_detail_page_cites_the_paragraphs(client):
    case = Case.objects.get(seed_key="egypt-social-development-fund")
    html = client.get(case.get_absolute_url()).content.decode()
    assert "paragraph 30" in html
    assert "70,000 small enterprises" in html


def test_a_draft_case_answers_404_to_the_public(client):
    case = Case.objects.create(
        origin=CaseOrigin.OPERATOR, title="Draft", summary="s", status=CaseStatus.DRAFT
    )
    assert client.get(case.get_absolute_url()).status_code == 404


def test_an_operator_sees_a_draft_and_may_publish_it(personas):
    from interfirm.testing import client_for

    case = Case.objects.create(
        origin=CaseOrigin.OPERATOR, title="Draft", summary="s", status=CaseStatus.DRAFT
    )
    client = client_for(personas.operator_user)
    assert client.get(case.get_absolute_url()).status_code == 200
    response = client.post(reverse("cases:publish", args=[case.reference]))
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.PUBLISHED


def test_a_firm_cannot_publish_a_draft(personas):
    from interfirm.testing import client_for

    case = Case.objects.create(
        origin=CaseOrigin.OPERATOR, title="Draft", summary="s", status=CaseStatus.DRAFT
    )
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.post(reverse("cases:publish", args=[case.reference])).status_code == 404
    assert client.get(reverse("cases:edit", args=[case.reference])).status_code == 404
