"""Readiness feeds the exchange: the anonymous profile, the search filter, the levels for matching, and
the installation's minimum level before publication."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from interfirm.firms.selectors import firm_anonymous_profile
from interfirm.opportunities.models import Status
from interfirm.opportunities.services import TransitionNotAllowed, opportunity_review
from interfirm.readiness.selectors import readiness_levels_for_firms
from interfirm.readiness.services import assessment_validate
from interfirm.readiness.tests.factories import submitted_assessment
from interfirm.search.selectors import SearchFilters, opportunity_search
from interfirm.search.services import search_index_rebuild
from interfirm.testing import client_for, make_firm, make_opportunity

pytestmark = pytest.mark.django_db


def _review(offer):
    return opportunity_review(
        actor=None, acting_for=None, opportunity=offer, clarity=5, innovation=5, cooperation=5, language=5
    )


def test_the_anonymous_profile_shows_the_level_and_validation_but_not_the_name(client, personas):
    firm = make_firm("Qzcanary Readiness Ltd", country="KEN", trade_name="Qzcanarytrade")
    assessment = submitted_assessment(firm)
    assessment_validate(
        actor=None, acting_for=None, assessment=assessment, intermediary=personas.chamber, note="ok"
    )
    profile = firm_anonymous_profile(firm)
    assert (profile.readiness_level, profile.readiness_level_label, profile.readiness_validated) == (
        "experienced",
        "Experienced partner",
        True,
    )
    page = client.get(reverse("firms:detail", args=[firm.reference])).content.decode()
    assert "Experienced partner" in page and "validated by an intermediary" in page
    assert "qzcanary" not in page.lower()


def test_a_firm_never_assessed_shows_not_assessed(client, personas):
    page = client.get(reverse("firms:detail", args=[personas.german_manufacturer.reference])).content.decode()
    assert "Not assessed yet" in page


def test_the_latest_submitted_assessment_gives_the_level_for_matching(personas):
    submitted_assessment(personas.kenyan_sme, strong=False)
    submitted_assessment(personas.kenyan_sme, strong=True)
    levels = readiness_levels_for_firms([personas.kenyan_sme.pk, personas.german_manufacturer.pk])
    assert levels == {personas.kenyan_sme.pk: ("experienced", False)}


def test_search_filters_by_the_owner_s_minimum_readiness(personas, django_capture_on_commit_callbacks):
    ready_offer = make_opportunity(personas.kenyan_sme, title="Mango pulp supply")
    other_offer = make_opportunity(personas.german_manufacturer, title="Pulping line licence")
    with django_capture_on_commit_callbacks(execute=True):
        submitted_assessment(personas.kenyan_sme)  # refreshes the firm's entries after commit
    found = opportunity_search(filters=SearchFilters(readiness="ready"))
    assert found.ids == [ready_offer.pk]
    assert set(opportunity_search().ids) == {ready_offer.pk, other_offer.pk}


def test_the_search_index_rebuild_keeps_the_readiness(personas):
    offer = make_opportunity(personas.kenyan_sme, title="Mango pulp supply")
    submitted_assessment(personas.kenyan_sme, strong=False)
    search_index_rebuild()
    assert opportunity_search(filters=SearchFilters(readiness="emerging")).ids == []
    assert opportunity_search(filters=SearchFilters(readiness="not_ready")).ids == [offer.pk]


def test_the_search_page_and_api_take_the_readiness_filter(
    client, personas, django_capture_on_commit_callbacks
):
    offer = make_opportunity(personas.kenyan_sme, title="Mango pulp supply")
    with django_capture_on_commit_callbacks(execute=True):
        submitted_assessment(personas.kenyan_sme)
    page = client.get(reverse("search:opportunities"), {"readiness": "experienced"}).content.decode()
    assert offer.reference in page
    response = client.get("/api/search/opportunities", {"readiness": "nonsense"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "readiness"


def test_publication_is_not_gated_by_default(personas):
    offer = make_opportunity(personas.kenyan_sme, status=Status.SUBMITTED)
    review = _review(offer)
    assert review.decision == "publish"


@override_settings(READINESS_MIN_LEVEL_TO_PUBLISH="ready")
def test_publication_is_refused_below_the_minimum_level_with_the_reason(personas):
    offer = make_opportunity(personas.kenyan_sme, status=Status.SUBMITTED)
    with pytest.raises(TransitionNotAllowed) as refusal:
        _review(offer)
    assert "at least “Ready”: the firm has not completed a readiness diagnostic yet" in refusal.value.message
    submitted_assessment(personas.kenyan_sme, strong=False)
    with pytest.raises(TransitionNotAllowed) as refusal:
        _review(offer)
    assert "the firm's latest diagnostic gives “Not yet ready”" in refusal.value.message


@override_settings(READINESS_MIN_LEVEL_TO_PUBLISH="ready")
def test_publication_goes_through_at_the_minimum_level(personas):
    offer = make_opportunity(personas.kenyan_sme, status=Status.SUBMITTED)
    submitted_assessment(personas.kenyan_sme)
    assert _review(offer).decision == "publish"


@override_settings(READINESS_MIN_LEVEL_TO_PUBLISH="ready")
def test_the_review_and_owner_pages_say_why_it_cannot_be_published(personas):
    from interfirm.firms.models import Representation

    offer = make_opportunity(personas.kenyan_sme, status=Status.SUBMITTED)
    Representation.objects.create(
        firm=personas.kenyan_sme,
        intermediary=personas.chamber,
        consent_method="email",
        consent_given_on="2026-01-05",
        consent_given_by="W. Kamau",
    )
    reviewer = client_for(personas.chamber_staff, personas.chamber.organisation)
    page = reviewer.get(reverse("opportunities:review", args=[offer.reference])).content.decode()
    assert "has not completed a readiness diagnostic yet" in page
    owner = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    page = owner.get(reverse("opportunities:detail", args=[offer.reference])).content.decode()
    assert "has not completed a readiness diagnostic yet" in page
