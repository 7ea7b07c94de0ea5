"""A completed partnership becomes a case only with every party's consent; anonymised cases never
name a firm."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from interfirm.cases.models import Case, CaseConsent, CaseOrigin, CaseStatus
from interfirm.cases.services import (
    CaseError,
    case_consent_give,
    case_draft_from_partnership,
    case_publish,
    case_update,
)
from interfirm.cases.tests.factories import make_partnership
from interfirm.partnerships.models import Outcome
from interfirm.testing import client_for, make_firm, make_user

pytestmark = pytest.mark.django_db

CANARY = "Zyxcanary Holdings Ltd"


@pytest.fixture
def completed(personas):
    canary_user = make_user("boss@zyxcanary.example")
    canary = make_firm(CANARY, country="ETH", size_class="small", sectors=("1030",), manager=canary_user)
    partnership = make_partnership(
        personas.german_manufacturer,
        canary,
        stage="completed",
        started_on=datetime.date(2023, 2, 1),
        agreement_signed_on=datetime.date(2023, 5, 1),
        ended_on=datetime.date(2025, 3, 1),
        intermediary=personas.chamber,
        title=f"{CANARY} and Rheinwerk licence",
    )
    Outcome.objects.create(
        partnership=partnership, reported_on=datetime.date(2024, 6, 1), jobs_created=12, new_products=2
    )
    Outcome.objects.create(partnership=partnership, reported_on=datetime.date(2025, 1, 1), jobs_created=3)
    return partnership, canary, canary_user


def _consent_all(partnership, actor, *, named=False):
    for party in partnership.parties.all():
        case_consent_give(actor=actor, acting_for=None, partnership=partnership, party=party, named=named)


def test_a_case_without_every_partys_consent_is_refused_with_a_clear_message(personas, completed):
    partnership, _canary, _user = completed
    first = partnership.parties.first()
    case_consent_give(
        actor=personas.rheinwerk_manager, acting_for=None, partnership=partnership, party=first, named=False
    )
    with pytest.raises(CaseError) as refusal:
        case_draft_from_partnership(actor=personas.operator_user, acting_for=None, partnership=partnership)
    assert refusal.value.message == (
        "A partnership becomes a case only when every party consents: 1 of 2 parties have not consented yet."
    )
    assert Case.objects.filter(partnership=partnership).count() == 0


def test_a_partnership_that_is_not_completed_cannot_be_consented(personas, completed):
    partnership, _canary, _user = completed
    partnership.stage = "implementation"
    partnership.save()
    with pytest.raises(CaseError):
        case_consent_give(
            actor=personas.rheinwerk_manager,
            acting_for=None,
            partnership=partnership,
            party=partnership.parties.first(),
            named=False,
        )


def test_the_draft_takes_the_parties_corridor_arrangement_and_outcomes(personas, completed):
    partnership, _canary, _user = completed
    _consent_all(partnership, personas.operator_user)
    case = case_draft_from_partnership(actor=personas.operator_user, acting_for=None, partnership=partnership)
    assert (case.origin, case.status, case.anonymised) == (CaseOrigin.PARTNERSHIP, CaseStatus.DRAFT, True)
    assert (case.corridor, case.involves_ldc, case.period_start, case.period_end) == (
        "north_south",
        True,
        2023,
        2025,
    )
    assert [(p.country_id, p.size_class, p.name) for p in case.parties.all()] == [
        ("DEU", "large", ""),
        ("ETH", "small", ""),
    ]
    assert case.arrangement_types == ["licensing"]
    assert case.outcomes == "Jobs created: 15\nNew products: 2"


def test_an_anonymised_case_never_shows_a_firm_name(client, personas, completed):
    partnership, _canary, _user = completed
    _consent_all(partnership, personas.operator_user)
    case = case_draft_from_partnership(actor=personas.operator_user, acting_for=None, partnership=partnership)
    case_publish(actor=personas.operator_user, acting_for=None, case=case)
    pages = [
        client.get(case.get_absolute_url()).content.decode(),
        client.get(reverse("cases:list")).content.decode(),
        client.get(f"/api/cases/{case.reference}").content.decode(),
        client.get("/api/cases/").content.decode(),
    ]
    for page in pages:
        assert "zyxcanary" not in page.lower()
        assert "rheinwerk" not in page.lower()
    # Searching the firm's name does not find the case that hides it.
    assert "0 cases" in client.get(reverse("cases:list"), {"q": "Zyxcanary"}).content.decode()


def test_publication_is_refused_while_an_anonymised_text_names_a_party(personas, completed):
    partnership, _canary, _user = completed
    _consent_all(partnership, personas.operator_user)
    case = case_draft_from_partnership(actor=personas.operator_user, acting_for=None, partnership=partnership)
    case_update(actor=personas.operator_user, acting_for=None, case=case, summary=f"How {CANARY} grew.")
    with pytest.raises(CaseError) as refusal:
        case_publish(actor=personas.operator_user, acting_for=None, case=case)
    assert "Zyxcanary Holdings Ltd" in refusal.value.message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DRAFT


def test_when_every_party_agrees_to_be_named_the_case_names_them(personas, completed):
    partnership, _canary, _user = completed
    _consent_all(partnership, personas.operator_user, named=True)
    case = case_draft_from_partnership(actor=personas.operator_user, acting_for=None, partnership=partnership)
    assert case.anonymised is False
    assert [p.name for p in case.parties.all()] == ["Rheinwerk Maschinenbau GmbH", CANARY]


def test_the_consent_pages_from_party_to_published_case(client, personas, completed):
    partnership, canary, canary_user = completed
    url = reverse("cases:partnership", args=[partnership.reference])
    rheinwerk = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    canary_client = client_for(canary_user, canary.organisation)
    chamber = client_for(personas.chamber_staff, personas.chamber.organisation)
    parties = {p.firm_id: p.pk for p in partnership.parties.all()}
    assert rheinwerk.get(url).status_code == 200
    consent_url = reverse("cases:consent", args=[partnership.reference])
    assert rheinwerk.post(consent_url, {"party": parties[canary.pk]}).status_code == 422  # not its party
    assert rheinwerk.post(consent_url, {"party": parties[personas.german_manufacturer.pk]}).status_code == 302
    draft_url = reverse("cases:draft", args=[partnership.reference])
    refused = chamber.post(draft_url)
    assert refused.status_code == 409
    assert "1 of 2 parties have not consented yet" in refused.content.decode()
    assert canary_client.post(draft_url).status_code == 404  # a party does not draft
    assert canary_client.post(consent_url, {"party": parties[canary.pk], "named": "on"}).status_code == 302
    assert CaseConsent.objects.filter(partnership=partnership).count() == 2
    assert chamber.post(draft_url).status_code == 302
    case = Case.objects.get(partnership=partnership)
    assert chamber.post(reverse("cases:publish", args=[case.reference])).status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.PUBLISHED


def test_a_stranger_does_not_see_the_consent_page(personas, completed):
    partnership, _canary, _user = completed
    stranger = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert stranger.get(reverse("cases:partnership", args=[partnership.reference])).status_code == 404


def test_the_opportunity_page_shows_similar_cases(client, personas):
    from interfirm.testing import make_opportunity

    opportunity = make_opportunity(
        personas.kenyan_sme, sectors=("2029",), arrangement_types=("joint_venture",)
    )
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Similar best-practice cases" in html
    assert "Biocon India with Biocon Biochemicals of Ireland" in html


def test_the_partnership_tag_offers_similar_cases_and_sharing_once_completed(personas, completed):
    from django.template import Context, Template

    partnership, _canary, _user = completed
    html = Template("{% load cases_tags %}{% similar_cases_for_partnership partnership %}").render(
        Context({"partnership": partnership})
    )
    assert "Similar best-practice cases" in html
    assert reverse("cases:partnership", args=[partnership.reference]) in html
