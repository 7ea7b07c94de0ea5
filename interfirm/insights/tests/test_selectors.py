"""The statistics against the hand-counted network of ``fixtures.py``."""

from __future__ import annotations

import datetime

import pytest

from interfirm.insights import selectors
from interfirm.insights.selectors import Period
from interfirm.insights.tests.fixtures import TODAY, make_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def tables(db):
    make_network()
    return {t.key: t for t in selectors.all_tables(Period(), today=TODAY)}


def values(table, column=0):
    return {row.key: row.cells[column].value for row in table.rows}


def test_opportunities_by_kind_domain_and_status(tables):
    assert values(tables["opportunities_by_kind"]) == {"offer": 3, "request": 1, "total": 4}
    domains = values(tables["opportunities_by_domain"])
    assert (domains["technology"], domains["production"], domains["marketing"], domains["investment"]) == (
        3,
        1,
        1,
        0,
    )
    status = values(tables["opportunities_by_status"])
    assert (status["published"], status["draft"], status["total"]) == (3, 1, 4)


def test_expressions_and_their_acceptance_rate(tables):
    by_status = values(tables["expressions_by_status"])
    assert (by_status["accepted"], by_status["declined"], by_status["expired"], by_status["open"]) == (
        2,
        1,
        1,
        1,
    )
    assert values(tables["acceptance"]) == {"closed": 4, "accepted": 2, "rate": 50.0}


def test_partners_located(tables):
    assert values(tables["partners_located"]) == {"accepted": 2, "opened": 5}


def test_partnerships_by_stage_and_arrangement(tables):
    stages = values(tables["partnerships_by_stage"])
    assert {k: v for k, v in stages.items() if v} == {
        "completed": 1,
        "failed": 1,
        "implementation": 1,
        "contact": 1,
        "negotiation": 1,
        "total": 5,
    }
    assert values(tables["partnerships_by_arrangement"]) == {
        "licensing": 2,
        "subcontracting": 1,
        "joint_venture": 1,
        "supply": 1,
    }


def test_partnerships_by_corridor_with_ldc_and_transition(tables):
    corridors = values(tables["partnerships_by_corridor"])
    assert {k: v for k, v in corridors.items() if v} == {
        "north_south": 1,
        "south_south": 1,
        "north_north": 1,
        "north_transition": 1,
        "domestic": 1,
        "total": 5,
    }
    assert values(tables["partnerships_special_groups"]) == {"ldc": 1, "transition": 1}


def test_partnerships_by_country_and_section(tables):
    assert values(tables["partnerships_by_country"]) == {"KEN": 3, "DEU": 3, "ETH": 1, "FRA": 1, "UKR": 1}
    assert values(tables["partnerships_by_section"]) == {"A": 1, "C": 5}


def test_time_from_first_contact_to_agreement(tables):
    assert values(tables["time_to_agreement"]) == {"agreements": 3, "q1": 34.0, "median": 38.0, "q3": 49.0}


def test_survival_at_12_and_24_months(tables):
    table = tables["survival"]
    assert values(table, 0) == {"active": 2, "ended": 1, "unknown": 0, "total": 3}
    assert values(table, 1) == {"active": 2, "ended": 1, "unknown": 0, "total": 3}


def test_failure_reasons(tables):
    reasons = values(tables["failure_reasons"])
    assert (reasons["hidden_motives"], reasons["total"]) == (1, 1)


def test_trust_trend_by_quarter(tables):
    table = tables["trust_trend"]
    q2 = next(r for r in table.rows if r.key == "2024 Q2")
    assert [round(c.value, 2) for c in q2.cells] == [4.0, 4.0, 4.2, 4.07]
    q3 = next(r for r in table.rows if r.key == "2024 Q3")
    assert [c.value for c in q3.cells] == [2.5, 2.5, 2.5, 2.5]


def test_the_period_filter_keeps_partnerships_begun_in_it(db):
    make_network()
    period = Period(start=datetime.date(2024, 4, 1), end=datetime.date(2024, 6, 30))
    table = next(t for t in selectors.partnership_tables(period) if t.key == "partnerships_by_stage")
    assert values(table)["total"] == 2


def test_the_series_by_year(db):
    make_network()
    table = selectors.series_table(Period(series="year", end=datetime.date(2024, 12, 31)))
    assert [(r.key, r.cells[2].value) for r in table.rows] == [("2024", 5), ("total", 5)]


def test_the_buckets_of_a_long_period_are_each_once_in_order():
    import datetime as dt

    from interfirm.insights.selectors import YEAR, Period

    quarters = Period(start=dt.date(1900, 2, 15), end=dt.date(2036, 12, 31)).buckets([])
    assert len(quarters) == (2036 - 1900 + 1) * 4
    assert quarters[:2] == ["1900 Q1", "1900 Q2"] and quarters[-1] == "2036 Q4"
    assert Period(start=dt.date(2024, 3, 31), end=dt.date(2024, 4, 1)).buckets([]) == ["2024 Q1", "2024 Q2"]
    years = Period(start=dt.date(1999, 7, 1), end=dt.date(2001, 1, 1), series=YEAR).buckets([])
    assert years == ["1999", "2000", "2001"]
