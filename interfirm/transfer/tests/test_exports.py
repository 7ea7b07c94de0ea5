"""Exports: a firm's own data as JSON, an intermediary's opportunities as CSV that imports back."""

from __future__ import annotations

import json

import pytest

from interfirm.introductions.services import eoi_accept
from interfirm.introductions.tests.factories import canary_strings, make_canary_firm, make_eoi, represent
from interfirm.opportunities.models import Opportunity
from interfirm.testing import make_opportunity
from interfirm.transfer.exports import firm_export, opportunities_csv_header, opportunities_csv_rows
from interfirm.transfer.models import ImportKind
from interfirm.transfer.services import import_run
from interfirm.transfer.tests.helpers import errors_of, table_of

pytestmark = pytest.mark.django_db


def _text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def test_the_firm_export_holds_the_whole_profile_and_its_opportunities(personas):
    firm = personas.kenyan_sme
    represent(personas.chamber, firm)
    opportunity = make_opportunity(firm, title="Mango pulp for export")
    data = firm_export(firm=firm)
    assert data["format"] == "interfirm.firm-export"
    assert (data["firm"]["legal_name"], data["firm"]["city"], data["firm"]["website"]) == (
        "Amani Fresh Foods Ltd",
        "Nairobi",
        "https://amanifresh.example",
    )
    assert [s["code"] for s in data["firm"]["sectors"]] == ["1030"]
    assert [m["email"] for m in data["members"]] == ["wanjiru@amanifresh.example"]
    assert [r["intermediary"] for r in data["representations"]] == [personas.chamber.name]
    assert [(o["reference"], o["title"]) for o in data["opportunities"]] == [
        (opportunity.reference, "Mango pulp for export")
    ]


def test_the_firm_export_hides_a_counterpart_until_its_expression_is_accepted(personas):
    owner = make_canary_firm("Own")
    offer = make_opportunity(owner, title="Cold chain know-how")
    make_eoi(personas.kenyan_sme, offer)
    before = _text(firm_export(firm=personas.kenyan_sme))
    sent = firm_export(firm=personas.kenyan_sme)["expressions_of_interest"]["sent"]
    assert [(e["opportunity"]["reference"], e["status"], e["counterpart"]["identity"]) for e in sent] == [
        (offer.reference, "open", None)
    ]
    assert [value for value in canary_strings(owner) if value in before] == []


def test_the_firm_export_names_a_counterpart_once_accepted(personas):
    from interfirm.introductions.tests.factories import manager_of

    owner = make_canary_firm("Acc")
    offer = make_opportunity(owner, title="Cold chain know-how")
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(actor=manager_of(owner), acting_for=owner.organisation, eoi=eoi)
    sent = firm_export(firm=personas.kenyan_sme)["expressions_of_interest"]["sent"]
    assert sent[0]["counterpart"]["identity"]["legal_name"] == owner.legal_name


def test_the_owner_sees_who_expressed_interest_only_after_accepting(personas):
    interested = make_canary_firm("Int")
    offer = make_opportunity(personas.kenyan_sme, title="Mango pulp for export")
    make_eoi(interested, offer)
    data = firm_export(firm=personas.kenyan_sme)
    assert data["expressions_of_interest"]["received"][0]["counterpart"]["identity"] is None
    assert [value for value in canary_strings(interested) if value in _text(data)] == []


def test_the_firm_export_holds_no_other_firms_identity(personas):
    other = make_canary_firm("Oth")
    make_opportunity(other, title="Unrelated offer")
    data = _text(firm_export(firm=personas.kenyan_sme))
    assert [value for value in canary_strings(other) if value in data] == []
    assert "Rheinwerk" not in data


def _portfolio(personas):
    represent(personas.chamber, personas.kenyan_sme)
    make_opportunity(
        personas.kenyan_sme,
        title="=Formula-looking title",
        status="draft",
        summary="Pulp; juice, and more",
        keywords="mango, pulp",
        arrangement_types=("licensing", "supply"),
        domains=("technology", "production"),
    ).partner_countries.set(["UGA", "TZA"])
    make_opportunity(personas.kenyan_sme, title="Published offer", status="published")
    make_opportunity(personas.german_manufacturer, title="Not in the portfolio")


def test_the_opportunities_csv_holds_the_portfolio_firms_opportunities(personas):
    _portfolio(personas)
    rows = opportunities_csv_rows(
        organisation=personas.chamber.organisation,
        opportunities=Opportunity.objects.filter(firm__representations__intermediary=personas.chamber),
    )
    titles = [row[opportunities_csv_header().index("title")] for row in rows]
    assert titles == ["'=Formula-looking title", "Published offer"]


def test_the_opportunities_csv_imports_back_without_errors(personas):
    from interfirm.opportunities.selectors import opportunities_for_membership

    _portfolio(personas)
    membership = personas.chamber_staff.memberships.get()
    rows = opportunities_csv_rows(
        organisation=membership.organisation,
        opportunities=opportunities_for_membership(membership=membership),
    )
    report = import_run(
        actor=personas.chamber_staff,
        acting_for=membership.organisation,
        kind=ImportKind.OPPORTUNITIES,
        table=table_of([opportunities_csv_header(), *rows]),
        dry_run=True,
    )
    assert errors_of(report) == []
    assert report.ignored_columns == []
    assert report.counts == {"create": 0, "update": 0, "unchanged": 2, "error": 0}
