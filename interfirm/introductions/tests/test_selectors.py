"""Who sees which expressions, and what they see of the other side."""

from __future__ import annotations

import pytest
from django.http import Http404

from interfirm.accounts.models import Membership
from interfirm.firms.selectors import user_can_see_identity
from interfirm.introductions.models import DeclineReason, Side
from interfirm.introductions.selectors import (
    accepted_counterpart_organisation_ids,
    eoi_counterpart_view,
    eoi_get_for_user,
    eois_for_intermediary,
    eois_received,
    eois_sent,
    introduced_firm_ids,
)
from interfirm.introductions.services import eoi_accept, eoi_decline
from interfirm.introductions.tests.factories import make_eoi, make_offer, represent
from interfirm.testing import make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db


def _membership(user, organisation):
    return Membership.objects.get(user=user, organisation=organisation)


@pytest.fixture
def case(personas):
    """Amani's open expression of interest in Rheinwerk's offer."""
    return make_eoi(personas.kenyan_sme, make_offer(personas.german_manufacturer))


def _accept(personas, eoi):
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    eoi.refresh_from_db()


# Reaching an expression ---------------------------------------------------------------------------


def test_both_firms_reach_the_expression(personas, case):
    for user, firm in (
        (personas.amani_manager, personas.kenyan_sme),
        (personas.rheinwerk_manager, personas.german_manufacturer),
    ):
        membership = _membership(user, firm.organisation)
        assert eoi_get_for_user(user=user, membership=membership, pk=case.pk) == case


def test_the_interested_firms_intermediary_reaches_the_expression(personas, case):
    represent(personas.chamber, personas.kenyan_sme)
    membership = _membership(personas.chamber_staff, personas.chamber.organisation)
    assert eoi_get_for_user(user=personas.chamber_staff, membership=membership, pk=case.pk) == case


def test_a_former_intermediary_no_longer_reaches_the_expression(personas, case):
    from django.utils import timezone

    represent(personas.chamber, personas.kenyan_sme, ended_at=timezone.now())
    membership = _membership(personas.chamber_staff, personas.chamber.organisation)
    with pytest.raises(Http404):
        eoi_get_for_user(user=personas.chamber_staff, membership=membership, pk=case.pk)


def test_a_stranger_gets_404(personas, case):
    stranger = make_user()
    firm = make_firm("Unrelated Traders Ltd", manager=stranger)
    with pytest.raises(Http404):
        eoi_get_for_user(user=stranger, membership=_membership(stranger, firm.organisation), pk=case.pk)


def test_an_operator_reaches_any_expression(personas, case):
    assert eoi_get_for_user(user=personas.operator_user, membership=None, pk=case.pk) == case


# What each side sees ------------------------------------------------------------------------------


def test_the_counterpart_is_anonymous_until_acceptance(personas, case):
    view = eoi_counterpart_view(case, Side.OWNER)
    assert (view.side, view.revealed, view.identity, view.profile.country_iso3) == (
        Side.INTERESTED,
        False,
        None,
        "KEN",
    )
    assert view.description == "a small firm from Kenya (processing and preserving of fruit and vegetables)"


def test_after_acceptance_the_owner_sees_the_interested_firms_identity(personas, case):
    _accept(personas, case)
    identity = eoi_counterpart_view(case, Side.OWNER).identity
    assert identity is not None
    assert (identity.legal_name, identity.website) == (
        "Amani Fresh Foods Ltd",
        "https://amanifresh.example",
    )


def test_after_acceptance_the_interested_firm_sees_the_owners_identity(personas, case):
    _accept(personas, case)
    identity = eoi_counterpart_view(case, Side.INTERESTED).identity
    assert identity is not None
    assert (identity.legal_name, identity.city) == ("Rheinwerk Maschinenbau GmbH", "Duisburg")


def test_a_decline_reveals_nothing(personas, case):
    eoi_decline(
        actor=personas.rheinwerk_manager,
        acting_for=personas.german_manufacturer.organisation,
        eoi=case,
        reason=DeclineReason.TIMING,
    )
    case.refresh_from_db()
    assert eoi_counterpart_view(case, Side.INTERESTED).identity is None


def test_identity_is_visible_to_each_side_only_after_acceptance(personas, case):
    before = (
        user_can_see_identity(personas.amani_manager, personas.german_manufacturer),
        user_can_see_identity(personas.rheinwerk_manager, personas.kenyan_sme),
    )
    _accept(personas, case)
    after = (
        user_can_see_identity(personas.amani_manager, personas.german_manufacturer),
        user_can_see_identity(personas.rheinwerk_manager, personas.kenyan_sme),
    )
    assert (before, after) == ((False, False), (True, True))


def test_after_acceptance_the_intermediaries_of_both_sides_see_the_other_firm(personas):
    owner_chamber_staff = make_user()
    owner_chamber = make_intermediary("German Chamber Abroad", country="DEU", staff=owner_chamber_staff)
    represent(owner_chamber, personas.german_manufacturer)
    represent(personas.chamber, personas.kenyan_sme)
    eoi = make_eoi(personas.kenyan_sme, make_offer(personas.german_manufacturer))
    before = (
        user_can_see_identity(personas.chamber_staff, personas.german_manufacturer),
        user_can_see_identity(owner_chamber_staff, personas.kenyan_sme),
    )
    _accept(personas, eoi)
    after = (
        user_can_see_identity(personas.chamber_staff, personas.german_manufacturer),
        user_can_see_identity(owner_chamber_staff, personas.kenyan_sme),
    )
    assert (before, after) == ((False, False), (True, True))


def test_an_accepted_case_reveals_nothing_to_third_firms(personas, case):
    _accept(personas, case)
    bystander = make_user()
    make_firm("Bystander Ltd", manager=bystander)
    assert user_can_see_identity(bystander, personas.kenyan_sme) is False


# Lists and the contracts with other apps -----------------------------------------------------------


def test_sent_and_received_lists(personas, case):
    amani = _membership(personas.amani_manager, personas.kenyan_sme.organisation)
    rheinwerk = _membership(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert (list(eois_sent(membership=amani)), list(eois_received(membership=amani))) == ([case], [])
    assert (list(eois_sent(membership=rheinwerk)), list(eois_received(membership=rheinwerk))) == ([], [case])


def test_the_case_appears_for_both_sides_intermediaries(personas, case):
    owner_chamber = make_intermediary("German Chamber Abroad", country="DEU")
    represent(owner_chamber, personas.german_manufacturer)
    represent(personas.chamber, personas.kenyan_sme)
    assert list(eois_for_intermediary(intermediary=personas.chamber)) == [case]
    assert list(eois_for_intermediary(intermediary=owner_chamber)) == [case]


def test_an_intermediary_lists_its_portfolios_sent_expressions(personas, case):
    represent(personas.chamber, personas.kenyan_sme)
    membership = _membership(personas.chamber_staff, personas.chamber.organisation)
    assert list(eois_sent(membership=membership)) == [case]


def test_accepted_counterpart_organisation_ids(personas, case):
    represent(personas.chamber, personas.kenyan_sme)
    assert accepted_counterpart_organisation_ids(opportunity=case.opportunity) == set()
    _accept(personas, case)
    assert accepted_counterpart_organisation_ids(opportunity=case.opportunity) == {
        personas.kenyan_sme.organisation_id,
        personas.chamber.organisation_id,
    }


def test_introduced_firm_ids_work_from_either_side(personas, case):
    _accept(personas, case)
    assert introduced_firm_ids(firm=personas.kenyan_sme) == {personas.german_manufacturer.pk}
    assert introduced_firm_ids(firm=personas.german_manufacturer) == {personas.kenyan_sme.pk}
