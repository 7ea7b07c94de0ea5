"""Firm pages: confidentiality of the profile, editing, contacts, registration, portfolio, merging."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.audit.models import AuditEntry
from interfirm.firms.models import ContactPerson, Firm, Representation
from interfirm.firms.tests.conftest import CANARY_MARKS, PUBLIC_MARK, CanaryFirm, represent
from interfirm.testing import Personas, client_for, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db


def _leaks(html: str) -> list[str]:
    return [mark for mark in CANARY_MARKS if mark in html]


def _viewer(personas: Personas, canary: CanaryFirm, who: str) -> Client:
    if who == "anonymous":
        return Client()
    if who == "foreign_firm":
        return client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    if who == "unrelated_intermediary":
        other = make_intermediary("Uganda Manufacturers Association", country="UGA", staff=make_user())
        user = other.organisation.memberships.get().user
        return client_for(user, other.organisation)
    if who == "analyst":
        return client_for(personas.analyst_user)
    if who == "member":
        return client_for(canary.manager, canary.firm.organisation)
    if who == "representing_intermediary":
        return client_for(personas.chamber_staff, personas.chamber.organisation)
    if who == "operator":
        return client_for(personas.operator_user)
    raise AssertionError(who)


OUTSIDERS = ["anonymous", "foreign_firm", "unrelated_intermediary", "analyst"]
PARTIES = ["member", "representing_intermediary", "operator"]


# Confidentiality --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("page", ["firms:detail", "firms:sheet"])
def test_outsiders_see_the_anonymous_profile_without_any_confidential_value(
    personas: Personas, canary: CanaryFirm, who: str, page: str
) -> None:
    response = _viewer(personas, canary, who).get(reverse(page, args=[canary.firm.reference]))
    html = response.content.decode()
    assert (response.status_code, PUBLIC_MARK in html, _leaks(html)) == (200, True, [])


@pytest.mark.parametrize("who", PARTIES)
@pytest.mark.parametrize("page", ["firms:detail", "firms:sheet"])
def test_parties_see_every_confidential_value(
    personas: Personas, canary: CanaryFirm, who: str, page: str
) -> None:
    response = _viewer(personas, canary, who).get(reverse(page, args=[canary.firm.reference]))
    html = response.content.decode()
    assert [mark for mark in CANARY_MARKS if mark not in html] == []


def test_detail_of_an_unknown_reference_is_404(personas: Personas) -> None:
    assert Client().get(reverse("firms:detail", args=["FNOSUCH"])).status_code == 404


def test_detail_of_a_merged_firm_is_404(personas: Personas) -> None:
    merged = make_firm("Merged Ltd", merged_into=personas.kenyan_sme)
    assert Client().get(reverse("firms:detail", args=[merged.reference])).status_code == 404


# The firm's own pages ---------------------------------------------------------------------------


def test_mine_shows_the_completeness_and_what_is_missing(personas: Personas) -> None:
    response = client_for(personas.amani_manager, personas.kenyan_sme.organisation).get(reverse("firms:mine"))
    html = response.content.decode()
    assert (
        response.status_code,
        "Amani Fresh Foods Ltd" in html,
        f"{reverse('firms:edit')}#needs" in html,
    ) == (
        200,
        True,
        True,
    )


def test_mine_is_404_for_an_intermediary(personas: Personas) -> None:
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    assert client.get(reverse("firms:mine")).status_code == 404


def _profile_post(firm: Firm, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "legal_name": firm.legal_name,
        "country": firm.country_id,
        "sectors": "1030",
        "description": firm.description,
        "employees": firm.employees or "",
        "languages": ["en"],
    }
    data.update(changes)
    return data


def test_edit_saves_the_profile_through_the_service(personas: Personas) -> None:
    firm = personas.kenyan_sme
    client = client_for(personas.amani_manager, firm.organisation)
    response = client.post(
        reverse("firms:edit"),
        _profile_post(firm, sectors="1030, 1079", markets="UGA, Tanzania", employees="60"),
    )
    firm.refresh_from_db()
    assert (
        response.status_code,
        sorted(firm.sectors.values_list("code", flat=True)),
        sorted(firm.markets.values_list("iso3", flat=True)),
        firm.size_class,
        AuditEntry.objects.filter(action="firm.update", object_id=str(firm.pk)).count(),
    ) == (302, ["1030", "1079"], ["TZA", "UGA"], "medium", 1)


def test_edit_rejects_an_unknown_isic_code_naming_the_field_and_saves_nothing(personas: Personas) -> None:
    firm = personas.kenyan_sme
    client = client_for(personas.amani_manager, firm.organisation)
    response = client.post(
        reverse("firms:edit"), _profile_post(firm, sectors="1030, 9999", description="Keep me")
    )
    firm.refresh_from_db()
    assert (
        response.status_code,
        response.context["form"].errors["sectors"],
        firm.description.startswith("Processes mango"),
        "Keep me" in response.content.decode(),
    ) == (200, ["Unknown ISIC Rev.4 code: 9999."], True, True)


def test_edit_rejects_a_division_code_as_not_a_class(personas: Personas) -> None:
    firm = personas.kenyan_sme
    response = client_for(personas.amani_manager, firm.organisation).post(
        reverse("firms:edit"), _profile_post(firm, sectors="10")
    )
    assert response.context["form"].errors["sectors"] == [
        "Not ISIC classes (give the four-digit class codes): 10."
    ]


def test_edit_rejects_an_unknown_country(personas: Personas) -> None:
    firm = personas.kenyan_sme
    response = client_for(personas.amani_manager, firm.organisation).post(
        reverse("firms:edit"), _profile_post(firm, country="XXX")
    )
    assert list(response.context["form"].errors) == ["country"]


def test_edit_rejects_an_unknown_market_naming_it(personas: Personas) -> None:
    firm = personas.kenyan_sme
    response = client_for(personas.amani_manager, firm.organisation).post(
        reverse("firms:edit"), _profile_post(firm, markets="UGA, Atlantis")
    )
    assert response.context["form"].errors["markets"] == ["Unknown country: Atlantis."]


def test_edit_rejects_an_over_long_description_and_saves_nothing(personas: Personas) -> None:
    firm = personas.kenyan_sme
    response = client_for(personas.amani_manager, firm.organisation).post(
        reverse("firms:edit"), _profile_post(firm, description="x" * 4001, employees="500")
    )
    firm.refresh_from_db()
    assert (
        response.context["form"].errors["description"],
        firm.employees,
    ) == (["Ensure this value has at most 4000 characters (it has 4001)."], 32)


def test_edit_for_a_foreign_firm_is_404(personas: Personas, canary: CanaryFirm) -> None:
    client = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert client.get(reverse("firms:edit_for", args=[canary.firm.reference])).status_code == 404


def test_edit_for_a_firm_not_represented_is_404_for_an_intermediary(personas: Personas) -> None:
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    assert client.get(reverse("firms:edit_for", args=[personas.kenyan_sme.reference])).status_code == 404


def test_the_representing_intermediary_edits_the_firm(personas: Personas, canary: CanaryFirm) -> None:
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(
        reverse("firms:edit_for", args=[canary.firm.reference]),
        _profile_post(canary.firm, needs="A buyer in Europe"),
    )
    canary.firm.refresh_from_db()
    entry = AuditEntry.objects.get(action="firm.update", object_id=str(canary.firm.pk))
    assert (response.status_code, canary.firm.needs, entry.acting_for) == (
        302,
        "A buyer in Europe",
        personas.chamber.organisation,
    )


# Contact persons --------------------------------------------------------------------------------


def test_a_firm_adds_a_contact_person(personas: Personas) -> None:
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    response = client.post(
        reverse("firms:contacts"), {"name": "Wanjiru Kamau", "email": "w@amanifresh.example"}
    )
    assert (response.status_code, list(personas.kenyan_sme.contacts.values_list("name", "is_primary"))) == (
        302,
        [("Wanjiru Kamau", True)],
    )


def test_a_contact_person_with_a_malformed_email_is_rejected(personas: Personas) -> None:
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    response = client.post(reverse("firms:contacts"), {"name": "Wanjiru", "email": "not-an-email"})
    assert (list(response.context["form"].errors), personas.kenyan_sme.contacts.count()) == (["email"], 0)


def test_editing_another_firms_contact_is_404(personas: Personas, canary: CanaryFirm) -> None:
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    url = reverse("firms:contact_edit", args=[personas.kenyan_sme.reference, canary.contact.pk])
    assert client.get(url).status_code == 404


def test_contacts_of_a_foreign_firm_are_404(personas: Personas, canary: CanaryFirm) -> None:
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get(reverse("firms:contacts_for", args=[canary.firm.reference])).status_code == 404


def test_removing_a_contact_person(personas: Personas, canary: CanaryFirm) -> None:
    client = client_for(canary.manager, canary.firm.organisation)
    response = client.post(reverse("firms:contact_remove", args=[canary.firm.reference, canary.contact.pk]))
    assert (response.status_code, ContactPerson.objects.filter(pk=canary.contact.pk).exists()) == (302, False)


# Registration by an intermediary, portfolio -----------------------------------------------------


def _register_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "legal_name": "Kibera Crafts Cooperative",
        "country": "KEN",
        "sectors": "1392",
        "employees": "12",
        "consent_method": "signed_form",
        "consent_given_on": "2025-02-03",
        "consent_given_by": "Mary Wambui, chair",
        "is_contact_channel": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _chamber(personas: Personas) -> Client:
    return client_for(personas.chamber_staff, personas.chamber.organisation)


def test_an_intermediary_registers_a_firm_with_consent(personas: Personas) -> None:
    response = _chamber(personas).post(reverse("firms:register"), _register_post())
    firm = Firm.objects.get(legal_name="Kibera Crafts Cooperative")
    representation = Representation.objects.get(firm=firm)
    assert (
        response.status_code,
        response["Location"],
        representation.intermediary,
        representation.consent_given_by,
    ) == (
        302,
        firm.get_absolute_url(),
        personas.chamber,
        "Mary Wambui, chair",
    )


def test_a_registered_firm_appears_in_the_portfolio_with_its_consent_date(personas: Personas) -> None:
    client = _chamber(personas)
    client.post(reverse("firms:register"), _register_post())
    html = client.get(reverse("firms:portfolio")).content.decode()
    assert ("Kibera Crafts Cooperative" in html, "2025-02-03" in html) == (True, True)


def test_registering_a_firm_leaves_an_audit_entry(personas: Personas) -> None:
    _chamber(personas).post(reverse("firms:register"), _register_post())
    firm = Firm.objects.get(legal_name="Kibera Crafts Cooperative")
    entry = AuditEntry.objects.get(action="firm.register_by_intermediary", object_id=str(firm.pk))
    assert (entry.actor, entry.acting_for) == (personas.chamber_staff, personas.chamber.organisation)


def test_registering_without_consent_names_each_consent_field_and_saves_nothing(personas: Personas) -> None:
    response = _chamber(personas).post(
        reverse("firms:register"),
        _register_post(consent_method=None, consent_given_on=None, consent_given_by=None),
    )
    errors = response.context["form"].errors
    assert (
        sorted(errors),
        Firm.objects.filter(legal_name="Kibera Crafts Cooperative").exists(),
    ) == (["consent_given_by", "consent_given_on", "consent_method"], False)


def test_registering_with_consent_in_the_future_is_rejected(personas: Personas) -> None:
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = _chamber(personas).post(reverse("firms:register"), _register_post(consent_given_on=tomorrow))
    assert response.context["form"].errors["consent_given_on"] == ["Consent cannot be given in the future."]


def test_registering_with_an_unknown_isic_code_names_sectors_and_saves_nothing(personas: Personas) -> None:
    response = _chamber(personas).post(reverse("firms:register"), _register_post(sectors="0000"))
    assert (
        response.context["form"].errors["sectors"],
        Firm.objects.filter(legal_name="Kibera Crafts Cooperative").exists(),
    ) == (["Unknown ISIC Rev.4 code: 0000."], False)


def test_registering_a_duplicate_warns_without_naming_a_firm_the_user_may_not_see(personas: Personas) -> None:
    response = _chamber(personas).post(
        reverse("firms:register"), _register_post(legal_name="AMANI FRESH FOODS")
    )
    html = response.content.decode()
    assert (
        response.status_code,
        Firm.objects.filter(legal_name="AMANI FRESH FOODS").exists(),
        "1 other firm with the same name" in html,
        personas.kenyan_sme.reference in html,
    ) == (200, False, True, False)


def test_registering_a_duplicate_names_the_firms_the_user_may_see(personas: Personas) -> None:
    represent(personas.chamber, personas.kenyan_sme)
    response = _chamber(personas).post(
        reverse("firms:register"), _register_post(legal_name="Amani Fresh Foods")
    )
    assert [firm.pk for firm in response.context["duplicates"]] == [personas.kenyan_sme.pk]


def test_registering_a_duplicate_with_the_override_creates_the_firm(personas: Personas) -> None:
    response = _chamber(personas).post(
        reverse("firms:register"), _register_post(legal_name="AMANI FRESH FOODS", confirm_not_duplicate="on")
    )
    assert (response.status_code, Firm.objects.filter(legal_name="AMANI FRESH FOODS").count()) == (302, 1)


def test_register_is_404_for_a_firm(personas: Personas) -> None:
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get(reverse("firms:register")).status_code == 404


def test_ending_a_representation_removes_the_firm_from_the_portfolio(
    personas: Personas, canary: CanaryFirm
) -> None:
    client = _chamber(personas)
    client.post(reverse("firms:representation_end", args=[canary.firm.reference]))
    html = client.get(reverse("firms:portfolio")).content.decode()
    assert "Qzx1" not in html


# Merging ----------------------------------------------------------------------------------------


def _duplicate_of_amani() -> Firm:
    duplicate = make_firm("AMANI FRESH FOODS", country="KEN", sectors=("1079",))
    ContactPerson.objects.create(firm=duplicate, name="Peter Mwangi")
    return duplicate


def test_the_intermediary_representing_both_merges_the_duplicate(personas: Personas) -> None:
    duplicate = _duplicate_of_amani()
    represent(personas.chamber, personas.kenyan_sme)
    represent(personas.chamber, duplicate)
    response = _chamber(personas).post(
        reverse("firms:merge", args=[personas.kenyan_sme.reference]),
        {"duplicate": duplicate.reference, "confirm": "on"},
    )
    duplicate.refresh_from_db()
    assert (
        response.status_code,
        duplicate.merged_into,
        list(personas.kenyan_sme.contacts.values_list("name", flat=True)),
        Representation.objects.filter(firm=personas.kenyan_sme, intermediary=personas.chamber).count(),
    ) == (302, personas.kenyan_sme, ["Peter Mwangi"], 1)


def test_merge_by_an_unrelated_intermediary_is_404(personas: Personas) -> None:
    duplicate = _duplicate_of_amani()
    response = _chamber(personas).post(
        reverse("firms:merge", args=[personas.kenyan_sme.reference]),
        {"reference": duplicate.reference, "confirm": "on"},
    )
    duplicate.refresh_from_db()
    assert (response.status_code, duplicate.merged_into) == (404, None)


def test_merge_of_a_firm_the_intermediary_does_not_represent_is_refused(personas: Personas) -> None:
    duplicate = _duplicate_of_amani()
    represent(personas.chamber, personas.kenyan_sme)
    response = _chamber(personas).post(
        reverse("firms:merge", args=[personas.kenyan_sme.reference]),
        {"reference": duplicate.reference, "confirm": "on"},
    )
    duplicate.refresh_from_db()
    assert (response.context["form"].errors["reference"], duplicate.merged_into) == (
        ["No firm that you may merge has this reference."],
        None,
    )


def test_the_operator_merges_any_duplicate(personas: Personas) -> None:
    duplicate = _duplicate_of_amani()
    client = client_for(personas.operator_user)
    client.post(
        reverse("firms:merge", args=[personas.kenyan_sme.reference]),
        {"duplicate": duplicate.reference, "confirm": "on"},
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == personas.kenyan_sme


def test_merge_is_404_for_the_firm_itself(personas: Personas) -> None:
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get(reverse("firms:merge", args=[personas.kenyan_sme.reference])).status_code == 404


def test_edit_accepts_a_unique_part_of_an_official_country_name(personas: Personas) -> None:
    firm = personas.kenyan_sme
    client_for(personas.amani_manager, firm.organisation).post(
        reverse("firms:edit"), _profile_post(firm, markets="Tanzania")
    )
    assert list(firm.markets.values_list("iso3", flat=True)) == ["TZA"]


def test_edit_asks_for_a_code_when_a_country_name_is_ambiguous(personas: Personas) -> None:
    firm = personas.kenyan_sme
    response = client_for(personas.amani_manager, firm.organisation).post(
        reverse("firms:edit"), _profile_post(firm, markets="Korea")
    )
    assert response.context["form"].errors["markets"] == ["Several countries match Korea: give the ISO code."]


def test_the_merge_page_offers_the_possible_duplicates(personas: Personas) -> None:
    duplicate = _duplicate_of_amani()
    response = client_for(personas.operator_user).get(
        reverse("firms:merge", args=[personas.kenyan_sme.reference])
    )
    assert (response.status_code, duplicate.reference in response.content.decode()) == (200, True)
