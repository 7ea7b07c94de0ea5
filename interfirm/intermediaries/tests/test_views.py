from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.accounts.models import Role
from interfirm.audit.models import AuditEntry
from interfirm.geo.models import Language
from interfirm.intermediaries.models import IntermediaryType
from interfirm.sectors.models import IsicCode
from interfirm.testing import Personas, add_member, client_for, make_intermediary, make_user

pytestmark = pytest.mark.django_db
LIST = reverse("intermediaries:list")
EDIT = reverse("intermediaries:edit")


def listed_names(response: Any) -> list[str]:
    return [i.name for i in response.context["page"].object_list]


def test_the_directory_is_public(personas: Personas) -> None:
    response = Client().get(LIST)
    assert (response.status_code, listed_names(response)) == (200, [personas.chamber.name])


def test_the_directory_shows_20_intermediaries_a_page() -> None:
    for number in range(25):
        make_intermediary(f"Chamber {number:02d}")
    first, second = Client().get(LIST), Client().get(LIST, {"page": 2})
    assert (len(listed_names(first)), listed_names(second)) == (
        20,
        ["Chamber 20", "Chamber 21", "Chamber 22", "Chamber 23", "Chamber 24"],
    )


def test_the_directory_states_the_number_of_results() -> None:
    for number in range(3):
        make_intermediary(f"Chamber {number}", type=IntermediaryType.IPA)
    response = Client().get(LIST, {"type": IntermediaryType.IPA})
    assert "3 intermediaries found" in response.content.decode()


def test_the_page_links_keep_the_filters() -> None:
    for number in range(21):
        make_intermediary(f"Agency {number:02d}", type=IntermediaryType.IPA)
    response = Client().get(LIST, {"type": IntermediaryType.IPA})
    assert 'href="?type=ipa&amp;page=2"' in response.content.decode()


def test_a_page_number_past_the_end_shows_the_last_page() -> None:
    make_intermediary("Only Chamber")
    assert listed_names(Client().get(LIST, {"page": 9})) == ["Only Chamber"]


def test_the_directory_filters_by_sector_through_the_get_form() -> None:
    food = make_intermediary("Food Association")
    food.sectors_covered.set(IsicCode.objects.filter(code__in=["10"]))
    make_intermediary("Other Chamber")
    assert listed_names(Client().get(LIST, {"sector": "1030"})) == ["Food Association"]


def test_an_unknown_filter_value_is_named_and_ignored(personas: Personas) -> None:
    response = Client().get(LIST, {"sector": "9999", "country": "XXX"})
    assert (sorted(response.context["form"].errors), listed_names(response)) == (
        ["country", "sector"],
        [personas.chamber.name],
    )


def test_an_empty_result_says_so() -> None:
    response = Client().get(LIST, {"q": "nothing like this"})
    assert "No intermediary matches this search." in response.content.decode()


def test_the_detail_page_shows_the_public_details(personas: Personas) -> None:
    personas.chamber.languages.set(Language.objects.filter(code__in=["en", "sw"]))
    content = Client().get(personas.chamber.get_absolute_url()).content.decode()
    for text in ("Chamber of commerce", "info@kenyachamber.example", "Nairobi", "Partner search", "Swahili"):
        assert text in content


def test_an_unlisted_intermediary_page_is_a_404() -> None:
    hidden = make_intermediary("Hidden Chamber", is_listed=False)
    assert Client().get(reverse("intermediaries:detail", args=[hidden.slug])).status_code == 404


def test_an_unknown_intermediary_page_is_a_404() -> None:
    assert Client().get(reverse("intermediaries:detail", args=["no-such-chamber"])).status_code == 404


def valid_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Kenya National Chamber of Commerce and Industry",
        "acronym": "KNCCI",
        "type": IntermediaryType.CHAMBER,
        "description": "Brokers partnerships for Kenyan SMEs.",
        "country": "KEN",
        "city": "Nairobi",
        "address": "Ufanisi House, Haile Selassie Avenue",
        "website": "https://kenyachamber.example",
        "email": "info@kenyachamber.example",
        "phone": "+254 20 222 0867",
        "countries_covered": ["KEN", "UGA"],
        "sectors_covered": "C 1030",
        "services": ["partner-search", "training"],
        "languages": ["en", "sw"],
        "networks": ["iccwbo"],
    }
    data.update(overrides)
    return data


def test_a_manager_edits_the_directory_entry(personas: Personas) -> None:
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(EDIT, valid_post())
    personas.chamber.refresh_from_db()
    assert (response.status_code, response["Location"], personas.chamber.acronym) == (
        302,
        personas.chamber.get_absolute_url(),
        "KNCCI",
    )
    assert sorted(personas.chamber.sectors_covered.values_list("code", flat=True)) == ["1030", "C"]


def test_an_edit_is_audited(personas: Personas) -> None:
    client_for(personas.chamber_staff, personas.chamber.organisation).post(EDIT, valid_post())
    audit = AuditEntry.objects.get(action="intermediary.update")
    assert (audit.actor_id, audit.changes["acronym"]) == (personas.chamber_staff.pk, ["", "KNCCI"])


def test_the_edit_form_shows_the_current_entry(personas: Personas) -> None:
    personas.chamber.sectors_covered.set(IsicCode.objects.filter(code__in=["10", "1030"]))
    response = client_for(personas.chamber_staff, personas.chamber.organisation).get(EDIT)
    assert (response.status_code, response.context["form"]["sectors_covered"].value()) == (200, "10 1030")


def test_invalid_edits_are_named_and_nothing_is_saved(personas: Personas) -> None:
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(
        EDIT,
        valid_post(name="", email="not-an-address", sectors_covered="1030 9999", country="XXX", services=[]),
    )
    personas.chamber.refresh_from_db()
    assert (response.status_code, sorted(response.context["form"].errors), personas.chamber.name) == (
        200,
        ["country", "email", "name", "sectors_covered", "services"],
        "Kenya National Chamber of Commerce and Industry",
    )
    assert "Unknown ISIC Rev.4 code: 9999." in response.content.decode()


def test_over_long_text_is_refused(personas: Personas) -> None:
    response = client_for(personas.chamber_staff, personas.chamber.organisation).post(
        EDIT, valid_post(description="x" * 4001)
    )
    assert list(response.context["form"].errors) == ["description"]


def test_the_edit_page_is_a_404_for_a_firm_user(personas: Personas) -> None:
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get(EDIT).status_code == 404


def test_the_edit_page_is_a_404_for_an_intermediary_member_who_is_not_a_manager(personas: Personas) -> None:
    clerk = make_user()
    add_member(clerk, personas.chamber.organisation, Role.MEMBER)
    assert client_for(clerk, personas.chamber.organisation).get(EDIT).status_code == 404


def test_another_intermediarys_manager_only_edits_their_own_entry(personas: Personas) -> None:
    other_staff = make_user()
    other = make_intermediary("Uganda Chamber", country="UGA", staff=other_staff)
    client_for(other_staff, other.organisation).post(EDIT, valid_post(name="Uganda Chamber", acronym="UNCCI"))
    personas.chamber.refresh_from_db()
    other.refresh_from_db()
    assert (personas.chamber.acronym, other.acronym) == ("", "UNCCI")


def test_the_edit_page_sends_anonymous_visitors_to_sign_in() -> None:
    response = Client().get(EDIT)
    assert (response.status_code, response["Location"].startswith(reverse("accounts:login"))) == (302, True)
