"""The generator of the demo network: deterministic, consistent with the reference data, anonymous."""

from __future__ import annotations

import pytest

from interfirm.demo.generator import build_network
from interfirm.firms.models import Certification
from interfirm.firms.sizing import size_class_for
from interfirm.geo.models import Country, Language
from interfirm.intermediaries.models import Network, Service
from interfirm.sectors.models import IsicCode

NETWORK = build_network()


def test_two_builds_give_the_same_network():
    assert build_network() == NETWORK


def test_another_seed_gives_another_network():
    assert build_network(seed=1).firms[20] != NETWORK.firms[20]


def test_firm_names_and_references_are_unique():
    assert len({firm.legal_name for firm in NETWORK.firms}) == len(NETWORK.firms)
    assert len({firm.reference for firm in NETWORK.firms}) == len(NETWORK.firms)


def test_employees_and_turnover_agree_on_every_size_class():
    classes = {size_class_for(employees=f.employees, turnover_band=f.turnover_band) for f in NETWORK.firms}
    assert classes == {"micro", "small", "medium", "large"}


def test_descriptions_do_not_give_away_the_firm_s_identity():
    for firm in NETWORK.firms:
        public = " ".join(
            (firm.description, firm.technologies, firm.processes, firm.equipment_capacity, firm.needs)
        )
        assert firm.legal_name not in public
        assert not firm.trade_name or firm.trade_name not in public
        assert firm.city not in public, firm.key
        assert "(demo)" not in public


@pytest.mark.django_db
def test_every_code_the_demo_uses_is_in_the_reference_data():
    firms, intermediaries = NETWORK.firms, NETWORK.intermediaries
    countries = {f.country for f in firms} | {m for f in firms for m in f.markets}
    countries |= {i.country for i in intermediaries} | {
        c for i in intermediaries for c in i.countries_covered
    }
    assert countries - set(Country.objects.values_list("iso3", flat=True)) == set()
    sectors = {s for f in firms for s in f.sectors} | {s for i in intermediaries for s in i.sectors}
    assert sectors - set(IsicCode.objects.values_list("code", flat=True)) == set()
    languages = {code for f in firms for code in f.languages} | {
        c for i in intermediaries for c in i.languages
    }
    assert languages - set(Language.objects.values_list("code", flat=True)) == set()
    certifications = {c for f in firms for c in f.certifications}
    assert certifications - set(Certification.objects.values_list("code", flat=True)) == set()
    assert {s for i in intermediaries for s in i.services} - set(
        Service.objects.values_list("code", flat=True)
    ) == set()
    assert {n for i in intermediaries for n in i.networks} - set(
        Network.objects.values_list("code", flat=True)
    ) == set()
