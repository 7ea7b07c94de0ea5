"""The source report's cases, seeded from data/cases/report_cases.json."""

from __future__ import annotations

import pytest

from interfirm.cases.loaders import cases_load
from interfirm.cases.models import Case, CaseOrigin, CaseStatus

pytestmark = pytest.mark.django_db

KEYS = {
    "biocon-india-ireland-quest",
    "nortel-indian-partners",
    "pdvsa-intevep",
    "cnd-uruguay",
    "turkish-household-appliances",
    "egypt-social-development-fund",
}


def test_the_reference_load_seeds_the_six_cases_of_the_report_published():
    cases = Case.objects.filter(origin=CaseOrigin.SEEDED)
    assert set(cases.values_list("seed_key", flat=True)) == KEYS
    assert set(cases.values_list("status", flat=True)) == {CaseStatus.PUBLISHED}


def test_a_second_load_creates_and_updates_nothing():
    report = cases_load()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)


def test_a_changed_case_is_put_back_by_the_loader():
    Case.objects.filter(seed_key="pdvsa-intevep").update(title="Edited")
    report = cases_load()
    assert (report.created, report.updated) == (0, 1)
    assert Case.objects.get(seed_key="pdvsa-intevep").title.startswith("PDVSA")


def test_each_case_cites_its_paragraphs():
    paragraphs = dict(Case.objects.values_list("seed_key", "source_paragraphs"))
    assert paragraphs == {
        "biocon-india-ireland-quest": [15, 16, 17, 19],
        "nortel-indian-partners": [18, 19],
        "pdvsa-intevep": [23, 24],
        "cnd-uruguay": [24],
        "turkish-household-appliances": [25],
        "egypt-social-development-fund": [30],
    }


def test_corridors_are_computed_from_the_parties():
    rows = {
        key: (c, cs, d)
        for key, c, cs, d in Case.objects.values_list("seed_key", "corridor", "corridors", "domestic")
    }
    assert rows["biocon-india-ireland-quest"] == ("north_south", ["north_south"], False)
    assert rows["nortel-indian-partners"] == ("north_south", ["north_south"], False)
    assert rows["pdvsa-intevep"] == ("north_south", ["north_south"], False)
    assert rows["cnd-uruguay"] == ("south_south", ["south_south"], True)
    assert rows["turkish-household-appliances"] == ("south_south", ["south_south", "north_south"], False)
    assert rows["egypt-social-development-fund"] == ("south_south", ["south_south"], True)


def test_the_biocon_case_names_its_three_parties_in_order():
    case = Case.objects.get(seed_key="biocon-india-ireland-quest")
    assert [(p.name, p.country_id, p.size_class) for p in case.parties.all()] == [
        ("Biocon India", "IND", "medium"),
        ("Biocon Biochemicals (Ireland)", "IRL", ""),
        ("Quest International (a subsidiary of Unilever)", "NLD", "large"),
    ]
    assert " sec:C " in case.facets and " arr:joint_venture " in case.facets
