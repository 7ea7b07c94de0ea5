"""Who may see and change a firm, and what the anonymous profile holds."""

from __future__ import annotations

import dataclasses

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from interfirm.accounts.models import Membership, User
from interfirm.firms import selectors
from interfirm.firms.models import CONFIDENTIAL_FIELDS
from interfirm.firms.tests.conftest import CANARY_MARKS, CanaryFirm, represent
from interfirm.testing import Personas, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db


def _membership(user: User) -> Membership:
    return Membership.objects.select_related("organisation").get(user=user)


def test_anonymous_profile_has_no_confidential_field() -> None:
    names = {field.name for field in dataclasses.fields(selectors.AnonymousFirmProfile)}
    assert names & {*CONFIDENTIAL_FIELDS, "description", "needs", "contacts", "employees"} == set()


def test_anonymous_profile_holds_no_canary(canary: CanaryFirm) -> None:
    text = repr(selectors.firm_anonymous_profile(canary.firm))
    assert [mark for mark in CANARY_MARKS if mark in text] == []


def test_anonymous_profile_gives_the_decade_of_foundation(canary: CanaryFirm) -> None:
    assert selectors.firm_anonymous_profile(canary.firm).founded_decade == 1980


def test_anonymous_profile_gives_country_groups_and_sectors(canary: CanaryFirm) -> None:
    profile = selectors.firm_anonymous_profile(canary.firm)
    assert (profile.country_iso3, profile.economy_group, [s.code for s in profile.sectors]) == (
        "KEN",
        "developing",
        ["1030"],
    )


def test_anonymous_profiles_of_many_firms_are_the_profiles_of_each(
    canary: CanaryFirm, personas: Personas, django_assert_max_num_queries
) -> None:
    from interfirm.firms.models import Certification, Firm
    from interfirm.geo.models import Country, Language

    personas.kenyan_sme.certifications.set(Certification.objects.all()[:2])
    personas.kenyan_sme.markets.set(Country.objects.filter(iso3__in=["UGA", "TZA", "DEU"]))
    personas.kenyan_sme.languages.set(Language.objects.filter(code__in=["sw", "en"]))
    firms = list(Firm.objects.select_related("country").order_by("pk"))
    with django_assert_max_num_queries(5):
        many = selectors.firm_anonymous_profiles(firms)
    assert many == {firm.pk: selectors.firm_anonymous_profile(firm) for firm in firms}
    assert many[personas.kenyan_sme.pk].markets
    assert [mark for mark in CANARY_MARKS if mark in repr(many)] == []
    assert selectors.firm_anonymous_profiles([]) == {}


@pytest.mark.parametrize("who", ["manager", "chamber_staff", "operator_user"])
def test_parties_may_see_identity(canary: CanaryFirm, personas: Personas, who: str) -> None:
    user = canary.manager if who == "manager" else getattr(personas, who)
    assert selectors.user_can_see_identity(user, canary.firm) is True


@pytest.mark.parametrize("who", ["rheinwerk_manager", "analyst_user", "amani_manager"])
def test_others_may_not_see_identity(canary: CanaryFirm, personas: Personas, who: str) -> None:
    assert selectors.user_can_see_identity(getattr(personas, who), canary.firm) is False


def test_an_anonymous_visitor_may_not_see_identity(canary: CanaryFirm) -> None:
    assert selectors.user_can_see_identity(AnonymousUser(), canary.firm) is False


def test_an_intermediary_whose_representation_ended_may_not_see_identity(
    canary: CanaryFirm, personas: Personas
) -> None:
    canary.representation.ended_at = canary.representation.created_at
    canary.representation.save()
    assert selectors.user_can_see_identity(personas.chamber_staff, canary.firm) is False


def test_get_for_user_raises_404_for_an_unknown_reference(personas: Personas) -> None:
    with pytest.raises(Http404):
        selectors.firm_get_for_user(user=AnonymousUser(), reference="FNOSUCH")


def test_get_for_user_raises_404_for_a_merged_firm(personas: Personas) -> None:
    merged = make_firm("Merged Ltd", merged_into=personas.kenyan_sme)
    with pytest.raises(Http404):
        selectors.firm_get_for_user(user=personas.operator_user, reference=merged.reference)


def test_get_for_editing_refuses_a_foreign_firm(canary: CanaryFirm, personas: Personas) -> None:
    with pytest.raises(Http404):
        selectors.firm_get_for_editing(
            user=personas.rheinwerk_manager,
            membership=_membership(personas.rheinwerk_manager),
            reference=canary.firm.reference,
        )


def test_get_for_editing_allows_the_representing_intermediary(canary: CanaryFirm, personas: Personas) -> None:
    firm = selectors.firm_get_for_editing(
        user=personas.chamber_staff,
        membership=_membership(personas.chamber_staff),
        reference=canary.firm.reference,
    )
    assert firm == canary.firm


def test_get_for_merging_refuses_the_firm_itself(canary: CanaryFirm) -> None:
    with pytest.raises(Http404):
        selectors.firm_get_for_merging(
            user=canary.manager, membership=_membership(canary.manager), reference=canary.firm.reference
        )


def test_portfolio_lists_only_active_representations(canary: CanaryFirm, personas: Personas) -> None:
    other = make_intermediary("Other Chamber", staff=make_user())
    represent(other, personas.kenyan_sme)
    entries = selectors.firms_in_portfolio(intermediary=personas.chamber)
    assert [entry.firm for entry in entries] == [canary.firm]


def test_duplicates_hidden_from_the_user_are_only_counted(personas: Personas) -> None:
    visible, hidden = selectors.firm_duplicates_for_user(
        user=personas.chamber_staff, legal_name="Amani Fresh Foods", country_id="KEN"
    )
    assert (visible, hidden) == ([], 1)
