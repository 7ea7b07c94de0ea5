"""The eligibility engine against hand-made cases, and the selectors built on it."""

from __future__ import annotations

import datetime

import pytest

from interfirm.instruments.eligibility import Party, Rules, check
from interfirm.instruments.models import InstrumentKind, SupportInstrument
from interfirm.instruments.selectors import eligibility_for_firm, eligibility_for_partnership
from interfirm.testing import make_firm, make_intermediary

ETH_SME = Party("F1", "ETH", "developing", True, "small", ("1030",), ("C",), readiness="emerging")
DEU_LARGE = Party("F2", "DEU", "developed", False, "large", ("2829",), ("C",), readiness="")


def _rules(check_result):
    return [(c.rule, c.met) for c in check_result.checks]


def test_no_rules_means_anyone_may_qualify():
    outcome = check(Rules(), [ETH_SME])
    assert outcome.checks == () and outcome.may_qualify


def test_an_ldc_small_food_firm_meets_ldc_size_and_sector_rules():
    rules = Rules(ldc_only=True, size_classes=frozenset({"micro", "small"}), isic_prefixes=("10",))
    outcome = check(rules, [ETH_SME])
    assert _rules(outcome) == [("ldc", True), ("size", True), ("sector", True)]
    assert outcome.may_qualify


def test_a_large_german_firm_fails_the_ldc_and_size_rules_with_reasons():
    rules = Rules(ldc_only=True, size_classes=frozenset({"small"}))
    outcome = check(rules, [DEU_LARGE], labels={"size": {"small": "Small"}})
    assert [(c.rule, c.met, c.reason) for c in outcome.checks] == [
        ("ldc", False, "Only for firms in least developed countries."),
        ("size", False, "Only for firms of size: Small."),
    ]
    assert not outcome.may_qualify


def test_a_minimum_readiness_compares_levels():
    rules = Rules(min_readiness="ready")
    assert _rules(check(rules, [ETH_SME])) == [("readiness", False)]
    assert _rules(check(Rules(min_readiness="emerging"), [ETH_SME])) == [("readiness", True)]
    assert _rules(check(rules, [DEU_LARGE])) == [("readiness", False)]


def test_a_section_letter_matches_every_code_of_the_section():
    assert _rules(check(Rules(isic_prefixes=("C",)), [DEU_LARGE])) == [("sector", True)]
    assert _rules(check(Rules(isic_prefixes=("A",)), [DEU_LARGE])) == [("sector", False)]


def test_the_arrangement_rule_is_to_confirm_for_a_firm_seeking_nothing_yet():
    outcome = check(Rules(arrangement_types=frozenset({"joint_venture"})), [ETH_SME])
    assert _rules(outcome) == [("arrangement", None)]
    assert outcome.may_qualify


def test_the_arrangement_rule_reads_the_partnership_arrangements():
    rules = Rules(arrangement_types=frozenset({"joint_venture"}))
    assert _rules(check(rules, [ETH_SME, DEU_LARGE], arrangement_types=["licensing"])) == [
        ("arrangement", False)
    ]
    assert _rules(check(rules, [ETH_SME, DEU_LARGE], arrangement_types=["joint_venture"])) == [
        ("arrangement", True)
    ]


def test_a_partnership_meets_a_firm_rule_when_one_partner_does_and_the_reason_names_it():
    outcome = check(Rules(ldc_only=True), [ETH_SME, DEU_LARGE])
    assert outcome.checks[0].met is True
    assert outcome.checks[0].reason == "Based in a least developed country. (F1)"


def test_cofinancing_needs_every_partner_committed():
    rules = Rules(cofinancing_required=True)
    assert _rules(check(rules, [ETH_SME])) == [("cofinancing", None)]
    assert _rules(check(rules, [ETH_SME, DEU_LARGE], cofinancing_committed={"F1"})) == [
        ("cofinancing", False)
    ]
    assert _rules(check(rules, [ETH_SME, DEU_LARGE], cofinancing_committed={"F1", "F2"})) == [
        ("cofinancing", True)
    ]


@pytest.mark.django_db
def test_eligibility_for_a_firm_lists_open_instruments_those_it_may_qualify_for_first(personas):
    bank = make_intermediary("Development Bank", country="KEN", type="dfi")
    SupportInstrument.objects.create(
        slug="ldc-loan", name="LDC loan", kind=InstrumentKind.CONCESSIONAL_LOAN, provider=bank, ldc_only=True
    )
    SupportInstrument.objects.create(
        slug="sme-training",
        name="SME training",
        kind=InstrumentKind.TRAINING,
        provider=bank,
        size_classes=["small"],
    )
    SupportInstrument.objects.create(
        slug="closed",
        name="Closed",
        kind=InstrumentKind.TRAINING,
        provider=bank,
        deadline=datetime.date(2000, 1, 1),
    )
    found = eligibility_for_firm(personas.kenyan_sme)
    assert [(e.instrument.slug, e.may_qualify) for e in found] == [
        ("sme-training", True),
        ("ldc-loan", False),
    ]


@pytest.mark.django_db
def test_eligibility_for_a_partnership_applies_cofinancing_and_arrangements(personas):
    bank = make_intermediary("Development Bank", country="KEN", type="dfi")
    SupportInstrument.objects.create(
        slug="jv-grant",
        name="JV grant",
        kind=InstrumentKind.COST_SHARING_GRANT,
        provider=bank,
        arrangement_types=["joint_venture"],
        cofinancing_required=True,
    )
    firms = [personas.kenyan_sme, personas.german_manufacturer]
    [result] = eligibility_for_partnership(firms, ["joint_venture"], cofinancing_committed=firms)
    assert [(c.rule, c.met) for c in result.outcome.checks] == [("arrangement", True), ("cofinancing", True)]
    ldc_firm = make_firm("Dhaka Garments", country="BGD")
    [solo] = eligibility_for_partnership([ldc_firm], ["licensing"])
    assert [(c.rule, c.met) for c in solo.outcome.checks] == [("arrangement", False), ("cofinancing", None)]
