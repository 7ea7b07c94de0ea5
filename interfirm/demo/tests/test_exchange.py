"""The plan of the demo exchange: deterministic, valid for the models and the reference data, anonymous,
and playable (time order, windows, the cap on open expressions)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from interfirm.demo.data.introductions import CASE_INTERESTS
from interfirm.demo.data.phrases import ADJECTIVES, COUNTRY_NAMES
from interfirm.demo.exchange import build_exchange
from interfirm.demo.generator import build_network
from interfirm.firms.models import Certification, SizeClass
from interfirm.geo.corridors import CorridorKind
from interfirm.geo.models import Country, Language
from interfirm.opportunities.models import (
    ArrangementType,
    Domain,
    IpStatus,
    Kind,
    Opportunity,
    PartnerType,
    Stage,
    Status,
)
from interfirm.opportunities.selectors import economy_group_labels
from interfirm.sectors.models import IsicCode

NETWORK = build_network()
EXCHANGE = build_exchange(NETWORK)
FIRMS = {firm.key: firm for firm in NETWORK.firms}
EXPIRY_DAYS, MAX_OPEN = 30, 5
TEXT_FIELDS = (
    "title",
    "summary",
    "description",
    "advantages",
    "partner_role",
    "required_capacity",
    "keywords",
)


def _texts(content) -> str:
    return " ".join(getattr(content, name) for name in TEXT_FIELDS)


def test_two_builds_give_the_same_exchange():
    assert build_exchange(NETWORK) == EXCHANGE


def test_another_seed_gives_another_exchange():
    assert build_exchange(NETWORK, seed=7).opportunities[100] != EXCHANGE.opportunities[100]


def test_it_plans_four_hundred_opportunities_with_unique_references():
    assert len(EXCHANGE.opportunities) == 400
    assert len({spec.reference for spec in EXCHANGE.opportunities}) == 400
    assert all(re.fullmatch(r"OP[0-9A-F]{8}", spec.reference) for spec in EXCHANGE.opportunities)


def test_every_case_expression_of_interest_is_planned():
    planned = {interest.key for interest in EXCHANGE.interests}
    assert {case.key for case in CASE_INTERESTS} <= planned


def test_texts_fit_the_model_fields():
    too_long = []
    for spec in EXCHANGE.opportunities:
        for name in TEXT_FIELDS:
            limit = getattr(Opportunity._meta.get_field(name), "max_length", None) or 0
            if len(getattr(spec.content, name)) > limit:
                too_long.append((spec.content.key, name))
    assert too_long == []


def test_choices_are_valid():
    for spec in EXCHANGE.opportunities:
        content = spec.content
        assert content.kind in Kind.values
        assert set(content.domains) <= set(Domain.values) and content.domains
        assert set(content.arrangement_types) <= set(ArrangementType.values) and content.arrangement_types
        assert content.stage in Stage.values and content.ip_status in IpStatus.values
        assert set(content.partner_sizes) <= set(SizeClass.values)
        assert set(content.partner_types) <= set(PartnerType.values)
        assert set(content.partner_corridors) <= set(CorridorKind.values)
        assert spec.status in Status.values


def test_no_text_names_its_owner_its_city_or_its_contacts():
    found = []
    for spec in EXCHANGE.opportunities:
        firm = FIRMS[spec.content.firm_key]
        text = _texts(spec.content).casefold()
        terms = [firm.legal_name, firm.trade_name, firm.city, firm.email, firm.phone]
        terms += [contact.name for contact in firm.contacts] + [contact.email for contact in firm.contacts]
        terms += [firm.website.removeprefix("https://")] if firm.website else []
        for term in filter(None, terms):
            if re.search(rf"(?<!\w){re.escape(term.casefold())}(?!\w)", text):
                found.append((spec.content.key, term))
    assert found == []


def test_every_demo_country_has_a_name_and_an_adjective():
    countries = {firm.country for firm in NETWORK.firms}
    assert countries - set(ADJECTIVES) == set()
    assert countries - set(COUNTRY_NAMES) == set()


@pytest.mark.django_db
def test_every_code_the_exchange_uses_is_in_the_reference_data():
    contents = [spec.content for spec in EXCHANGE.opportunities]
    countries = {c for content in contents for c in content.partner_countries}
    assert countries - set(Country.objects.values_list("iso3", flat=True)) == set()
    sectors = {s for content in contents for s in content.sectors}
    assert sectors - set(IsicCode.objects.values_list("code", flat=True)) == set()
    certifications = {c for content in contents for c in content.required_certifications}
    assert certifications - set(Certification.objects.values_list("code", flat=True)) == set()
    languages = {code for content in contents for code in content.required_languages}
    assert languages - set(Language.objects.values_list("code", flat=True)) == set()
    regions = {code for content in contents for code in content.partner_regions}
    known = set(Country.objects.values_list("region_code", flat=True))
    known |= set(Country.objects.values_list("subregion_code", flat=True))
    assert regions - known == set()
    groups = {g for content in contents for g in content.partner_economy_groups}
    assert groups - set(economy_group_labels()) == set()


def test_every_step_is_in_the_past_and_in_order():
    for steps in [spec.steps for spec in EXCHANGE.opportunities] + [i.steps for i in EXCHANGE.interests]:
        assert all(step.day <= -1 for step in steps)
        assert [(s.day, s.minute) for s in steps] == sorted((s.day, s.minute) for s in steps)


def test_expressions_are_sent_while_published_and_answered_before_they_expire():
    published_on, ends_on = {}, {}
    for spec in EXCHANGE.opportunities:
        actions = {step.action: step.day for step in spec.steps}
        reviews = [step for step in spec.steps if step.action == "review" and step.decision == "publish"]
        if reviews:
            published_on[spec.content.key] = reviews[-1].day
        ends_on[spec.content.key] = actions.get("withdraw", actions.get("close", 0))
        if spec.status == "expired":
            ends_on[spec.content.key] = spec.deadline
    for interest in EXCHANGE.interests:
        sent = interest.steps[0]
        assert sent.action == "submit"
        assert sent.day > published_on[interest.opportunity_key]
        for step in interest.steps[1:]:
            if step.action in ("accept", "decline", "withdraw"):
                assert step.day < sent.day + EXPIRY_DAYS
                assert ends_on[interest.opportunity_key] == 0 or step.day < ends_on[interest.opportunity_key]


def test_no_firm_ever_has_more_expressions_open_than_allowed():
    spans: dict[str, list[tuple[int, int]]] = {}
    for interest in EXCHANGE.interests:
        sent = interest.steps[0].day
        decided = [s.day for s in interest.steps if s.action in ("accept", "decline", "withdraw")]
        end = decided[0] if decided else (sent + EXPIRY_DAYS if interest.status == "expired" else 10_000)
        spans.setdefault(interest.firm_key, []).append((sent, end))
    for firm_spans in spans.values():
        for sent, _end in firm_spans:
            assert sum(1 for start, end in firm_spans if start <= sent <= end) <= MAX_OPEN


def test_expressions_are_planned_in_every_state():
    assert set(Counter(interest.status for interest in EXCHANGE.interests)) == {
        "open",
        "accepted",
        "declined",
        "withdrawn",
        "expired",
    }
