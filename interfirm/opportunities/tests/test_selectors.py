"""Who sees which opportunities, and what the anonymous view holds."""

from __future__ import annotations

import dataclasses

import pytest
from django.http import Http404
from django.utils import timezone

from interfirm.firms.models import Representation
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.opportunities.models import Status
from interfirm.opportunities.selectors import (
    AnonymousOpportunity,
    opportunities_for_membership,
    opportunities_for_review,
    opportunity_anonymous,
    opportunity_get_for_owner,
    opportunity_get_for_review,
    opportunity_get_published,
    opportunity_viewer_can_see_owner,
)
from interfirm.opportunities.tests.factories import make_opportunity
from interfirm.testing import make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db


def _membership(user):
    return user.memberships.select_related("organisation").get()


def _represent(intermediary, firm):
    return Representation.objects.create(
        firm=firm,
        intermediary=intermediary,
        consent_method="signed_form",
        consent_given_on=timezone.localdate(),
        consent_given_by="The director",
    )


def test_the_owner_firm_gets_its_draft(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    found = opportunity_get_for_owner(
        user=personas.amani_manager,
        membership=_membership(personas.amani_manager),
        reference=opportunity.reference,
    )
    assert found == opportunity


def test_a_foreign_firm_gets_404_for_the_owner_view(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    with pytest.raises(Http404):
        opportunity_get_for_owner(
            user=personas.rheinwerk_manager,
            membership=_membership(personas.rheinwerk_manager),
            reference=opportunity.reference,
        )


def test_a_representing_intermediary_is_on_the_owner_side(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    _represent(personas.chamber, personas.kenyan_sme)
    found = opportunity_get_for_owner(
        user=personas.chamber_staff,
        membership=_membership(personas.chamber_staff),
        reference=opportunity.reference,
    )
    assert found == opportunity


def test_an_intermediary_that_stopped_representing_is_not_on_the_owner_side(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    representation = _represent(personas.chamber, personas.kenyan_sme)
    representation.ended_at = timezone.now()
    representation.save()
    with pytest.raises(Http404):
        opportunity_get_for_owner(
            user=personas.chamber_staff,
            membership=_membership(personas.chamber_staff),
            reference=opportunity.reference,
        )


def test_an_operator_is_on_the_owner_side(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    found = opportunity_get_for_owner(
        user=personas.operator_user,
        membership=_membership(personas.operator_user),
        reference=opportunity.reference,
    )
    assert found == opportunity


@pytest.mark.parametrize(
    "status", ["draft", "submitted", "on_hold", "rejected", "expired", "withdrawn", "closed"]
)
def test_only_published_opportunities_are_public(personas, status):
    opportunity = make_opportunity(personas.kenyan_sme, status=status)
    with pytest.raises(Http404):
        opportunity_get_published(reference=opportunity.reference)


def test_the_anonymous_view_has_the_owners_public_facts_only(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published", partner_regions=["202"])
    view = opportunity_anonymous(opportunity)
    assert isinstance(view, AnonymousOpportunity)
    assert (view.owner.country_iso3, view.owner.size_class, view.owner.organisation_type) == (
        "KEN",
        "small",
        "firm",
    )
    assert [s.code for s in view.owner.sectors] == ["1030"]
    assert [(r.code, r.label) for r in view.partner_regions] == [("202", "Sub-Saharan Africa")]
    field_names = {f.name for f in dataclasses.fields(view)} | {
        f.name for f in dataclasses.fields(view.owner)
    }
    assert field_names.isdisjoint(
        {"legal_name", "trade_name", "city", "address", "website", "email", "phone", "firm"}
    )


def test_an_accepted_counterpart_may_see_the_owner(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    ExpressionOfInterest.objects.create(
        opportunity=opportunity,
        firm=personas.german_manufacturer,
        message="We build dryers.",
        status="accepted",
        expires_at=timezone.now(),
    )
    assert opportunity_viewer_can_see_owner(user=personas.rheinwerk_manager, opportunity=opportunity) is True


def test_an_open_expression_does_not_reveal_the_owner(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    ExpressionOfInterest.objects.create(
        opportunity=opportunity,
        firm=personas.german_manufacturer,
        message="We build dryers.",
        status="open",
        expires_at=timezone.now(),
    )
    assert opportunity_viewer_can_see_owner(user=personas.rheinwerk_manager, opportunity=opportunity) is False


def test_anonymous_visitors_cannot_see_the_owner(personas):
    from django.contrib.auth.models import AnonymousUser

    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    assert opportunity_viewer_can_see_owner(user=AnonymousUser(), opportunity=opportunity) is False


def test_an_intermediary_reviews_the_firms_of_the_countries_it_covers(personas):
    kenyan = make_opportunity(personas.kenyan_sme, status="submitted")
    make_opportunity(personas.german_manufacturer, status="submitted")
    make_opportunity(personas.kenyan_sme, status="draft")
    queue = opportunities_for_review(membership=_membership(personas.chamber_staff))
    assert list(queue) == [kenyan]


def test_an_intermediary_reviews_the_firms_it_represents_abroad(personas):
    german = make_opportunity(personas.german_manufacturer, status="submitted")
    _represent(personas.chamber, personas.german_manufacturer)
    queue = opportunities_for_review(membership=_membership(personas.chamber_staff))
    assert list(queue) == [german]


def test_operators_review_everything_submitted(personas):
    kenyan = make_opportunity(personas.kenyan_sme, status="submitted")
    german = make_opportunity(personas.german_manufacturer, status="submitted")
    queue = opportunities_for_review(membership=_membership(personas.operator_user))
    assert set(queue) == {kenyan, german}


def test_a_firm_reviews_nothing(personas):
    make_opportunity(personas.german_manufacturer, status="submitted")
    assert list(opportunities_for_review(membership=_membership(personas.amani_manager))) == []


def test_an_intermediary_elsewhere_gets_404_for_the_review(personas):
    staff = make_user("staff@ugandachamber.example")
    make_intermediary("Uganda Chamber", country="UGA", staff=staff)
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    with pytest.raises(Http404):
        opportunity_get_for_review(user=staff, membership=_membership(staff), reference=opportunity.reference)


def test_an_intermediary_manages_the_opportunities_of_its_portfolio(personas):
    other = make_firm("Other Kenyan Firm Ltd")
    mine = make_opportunity(personas.kenyan_sme, status="draft")
    make_opportunity(other, status="draft")
    _represent(personas.chamber, personas.kenyan_sme)
    assert list(opportunities_for_membership(membership=_membership(personas.chamber_staff))) == [mine]


def test_published_status_is_what_opportunity_get_published_returns(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    assert opportunity_get_published(reference=opportunity.reference).status == Status.PUBLISHED
