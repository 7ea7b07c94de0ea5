"""Profile completeness: weighted items, what is missing, where to fill it in."""

from __future__ import annotations

import pytest

from interfirm.firms.completeness import ITEMS, firm_completeness
from interfirm.firms.models import Certification, ContactPerson, Firm
from interfirm.geo.models import Country, Language
from interfirm.testing import make_firm

pytestmark = pytest.mark.django_db


def _bare() -> Firm:
    return make_firm("Bare Firm Ltd", employees=None, sectors=())


def _full() -> Firm:
    firm = make_firm(
        "Full Firm Ltd",
        employees=40,
        sectors=("1030",),
        description="Pulps fruit.",
        year_founded=2004,
        ownership="family",
        technologies="Aseptic filling",
        processes="Pasteurising",
        equipment_capacity="Two lines, 4 t/h",
        needs="A European distributor",
    )
    firm.certifications.add(Certification.objects.get(code="haccp"))
    firm.markets.add(Country.objects.get(iso3="UGA"))
    firm.languages.add(Language.objects.get(code="en"))
    ContactPerson.objects.create(firm=firm, name="Grace Achieng")
    return firm


def test_weights_add_up_to_one_hundred() -> None:
    assert sum(item.weight for item in ITEMS) == 100


def test_a_bare_profile_is_zero_percent_complete() -> None:
    assert firm_completeness(_bare()).percent == 0


def test_a_bare_profile_lists_every_item_as_missing_in_order() -> None:
    assert firm_completeness(_bare()).missing == [
        "Sectors (ISIC classes)",
        "What the firm does",
        "Employees or annual turnover",
        "Year founded",
        "Ownership",
        "Technologies",
        "Processes",
        "Equipment and capacity",
        "Certifications (or a statement that the firm holds none)",
        "Markets served",
        "Languages",
        "What the firm is looking for",
        "A contact person",
    ]


def test_a_full_profile_is_complete_with_nothing_missing() -> None:
    completeness = firm_completeness(_full())
    assert (completeness.percent, completeness.missing) == (100, [])


def test_declaring_no_certifications_completes_that_item() -> None:
    firm = _full()
    firm.certifications.clear()
    firm.declares_no_certifications = True
    assert firm_completeness(firm).percent == 100


def test_a_missing_item_costs_its_weight_and_names_its_form_section() -> None:
    firm = _full()
    firm.needs = ""
    completeness = firm_completeness(firm)
    assert (completeness.percent, [(i.key, i.section) for i in completeness.missing_items]) == (
        90,
        [("needs", "needs")],
    )


def test_turnover_alone_completes_the_size_item() -> None:
    firm = _full()
    firm.employees = None
    firm.turnover_band = "lt2m"
    assert firm_completeness(firm).percent == 100
