"""Finding the owner's identity in an opportunity's text."""

from __future__ import annotations

import pytest

from interfirm.firms.models import ContactPerson
from interfirm.opportunities.identity import identity_flags_for
from interfirm.opportunities.tests.factories import make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(personas):
    firm = personas.kenyan_sme
    firm.email = "sales@amanifresh.example"
    firm.phone = "+254 20 123 4567"
    firm.save()
    ContactPerson.objects.create(
        firm=firm, name="Wanjiru Kamau", email="wanjiru@mail.example", phone="+254 712 345 678"
    )
    return firm


def _flags(firm, **fields):
    opportunity = make_opportunity(firm, status="draft", **fields)
    return identity_flags_for(opportunity)


def test_it_finds_the_legal_name_in_the_description(firm):
    flags = _flags(firm, description="Amani Fresh Foods Ltd has dried mango for ten years.")
    assert flags == [{"field": "description", "found": "Amani Fresh Foods Ltd"}]


def test_it_finds_the_name_whatever_the_case_and_accents(firm):
    flags = _flags(firm, summary="We at ÀMANI FRESH sell pulp.")
    assert flags == [{"field": "summary", "found": "ÀMANI FRESH"}]


def test_it_finds_the_name_without_its_legal_suffix(firm):
    flags = _flags(firm, title="Amani fresh foods: dried mango")
    assert flags == [{"field": "title", "found": "Amani fresh foods"}]


def test_it_finds_the_website_domain_in_the_keywords(firm):
    flags = _flags(firm, keywords="mango, www.amanifresh.example, pulp")
    assert flags == [{"field": "keywords", "found": "www.amanifresh.example"}]


def test_it_finds_an_email_address_once_not_also_its_domain(firm):
    flags = _flags(firm, partner_role="Write to sales@amanifresh.example for details.")
    assert flags == [{"field": "partner_role", "found": "sales@amanifresh.example"}]


def test_it_finds_a_phone_number_written_with_spaces(firm):
    flags = _flags(firm, description="Call 020 123 45 67 during office hours.")
    assert flags == [{"field": "description", "found": "020 123 45 67"}]


def test_it_finds_a_contact_persons_phone_in_international_form(firm):
    flags = _flags(firm, advantages="Ask on +254-712-345-678.")
    assert flags == [{"field": "advantages", "found": "+254-712-345-678"}]


def test_it_finds_a_contact_persons_name(firm):
    flags = _flags(firm, description="Ask wanjiru kamau, our engineer.")
    assert flags == [{"field": "description", "found": "wanjiru kamau"}]


def test_it_finds_a_contact_persons_email(firm):
    flags = _flags(firm, summary="Contact: WANJIRU@mail.example")
    assert flags == [{"field": "summary", "found": "WANJIRU@mail.example"}]


def test_it_does_not_flag_common_words_of_the_name(firm):
    flags = _flags(
        firm,
        title="Fresh foods from Kenya",
        description="Fresh mango; amani means peace in Swahili. Capacity 2000 tonnes in 2024.",
    )
    assert flags == []


def test_it_does_not_flag_a_short_number_or_a_year(firm):
    assert _flags(firm, description="Founded 1998, 45 staff, 3 lines.") == []


def test_it_does_not_flag_a_name_inside_another_word(firm):
    assert _flags(firm, description="Visit amanifreshness.example for tips.") == []


def test_it_reports_each_field_where_the_name_appears(firm):
    flags = _flags(firm, title="Amani Fresh offer", keywords="amani fresh, mango")
    assert flags == [
        {"field": "title", "found": "Amani Fresh"},
        {"field": "keywords", "found": "amani fresh"},
    ]


# Fingerprints: the names of a party that may not be kept, matched without being readable.


def test_fingerprints_do_not_contain_the_name_and_find_it_as_names_are_found():
    from interfirm.opportunities.identity import fingerprint_terms, identity_flags_in, name_fingerprints

    prints = name_fingerprints(["Amani Fresh Foods Ltd"])
    assert len(prints) == 2  # with and without the legal suffix (a firm's name: no person's parts)
    assert all("amani" not in p.casefold() for p in prints)
    terms = fingerprint_terms(prints)
    texts = {"summary": "Supplied by AMANI fresh foods, Nairobi; Amani alone is another word."}
    assert identity_flags_in(texts, terms) == [{"field": "summary", "found": "AMANI fresh foods"}]


def test_a_persons_family_name_is_found_after_a_title_or_the_first_names_initial(firm):
    flags = _flags(
        firm,
        summary="Ms Kamau leads the plant.",
        description="Ask Dr. Wanjiru or W. Kamau; MRS KAMAU answers too.",
    )
    assert flags == [
        {"field": "summary", "found": "Ms Kamau"},
        {"field": "description", "found": "Dr. Wanjiru"},
        {"field": "description", "found": "W. Kamau"},
        {"field": "description", "found": "MRS KAMAU"},
    ]


def test_a_part_of_a_persons_name_alone_or_after_another_initial_is_not_flagged(firm):
    # "Kamau" alone may be a word or another person; "J. Kamau" is not Wanjiru's initial.
    assert _flags(firm, description="Kamau is a common name; J. Kamau supplies us; Mr Kamaus.") == []


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Pieter van der Berg", "Meet Sr. van der Berg and P. Berg.", ["Sr. van der Berg", "P. Berg"]),
        ("Kamau, Wanjiru", "Ms Kamau and W. Kamau", ["Ms Kamau", "W. Kamau"]),
        ("Dr. Ali Khan", "Prof. Khan met A. Khan; Dr. Dr. is no name", ["Prof. Khan", "A. Khan"]),
        ("Fatima Al-Amin", "السيد Al-Amin and F. AL-AMIN", ["السيد Al-Amin", "F. AL-AMIN"]),
        ("Wei Li", "Ask Mr Li or W. Li; li alone is no name", ["Mr Li", "W. Li"]),
        ("Amina", "Ms Amina", ["Amina"]),  # one name: matched everywhere, as a name
    ],
)
def test_person_parts_read_particles_commas_titles_and_scripts(firm, name, text, found):
    firm.contacts.all().delete()
    ContactPerson.objects.create(firm=firm, name=name)
    assert [f["found"] for f in _flags(firm, description=text)] == found


def test_a_persons_fingerprints_find_the_family_name_after_a_title_or_initial_not_a_firms():
    from interfirm.opportunities.identity import fingerprint_terms, identity_flags_in, name_fingerprints

    prints = name_fingerprints(["Kiran Mazumdar-Shaw"])
    assert all("mazumdar" not in p.casefold() for p in prints)
    texts = {
        "summary": "Founded by Ms Mazumdar-Shaw; K. Mazumdar-Shaw; A. Mazumdar-Shaw; Mazumdar-Shaw alone."
    }
    assert identity_flags_in(texts, fingerprint_terms(prints)) == [
        {"field": "summary", "found": "Ms Mazumdar-Shaw"},
        {"field": "summary", "found": "K. Mazumdar-Shaw"},
    ]
    # A name with a legal suffix is a firm's: its words after a title or an initial are not a person.
    firm = fingerprint_terms(name_fingerprints(["Amani Fresh Foods Ltd"]))
    assert identity_flags_in({"summary": "Grade A. Fresh mangoes, Mr Fresh"}, firm) == []


def test_malformed_or_empty_fingerprints_match_nothing():
    from interfirm.opportunities.identity import fingerprint_terms, identity_flags_in, name_fingerprints

    assert name_fingerprints(["", "a", "--"]) == []  # too short to be matched
    terms = fingerprint_terms(["", "x:abc", "0:" + "0" * 32, "2:short", "t:" + "0" * 32, "i0:" + "0" * 32, 7])  # type: ignore[list-item]
    assert identity_flags_in({"summary": "anything at all"}, terms) == []
