"""The corridor of two countries, computed by hand from the reference data (countries.csv, group_changes.csv).

KEN Kenya: developing, lower middle income.   DEU Germany: developed, high income.
RUS Russian Federation: transition, high income.   KAZ Kazakhstan: transition, upper middle income, LLDC.
FJI Fiji: developing, SIDS.   BGD Bangladesh: developing, LDC until 2026-11-24.
STP Sao Tome and Principe: developing, SIDS, LDC until 2024-12-13.   SGP Singapore: developing, high income.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from interfirm.geo.corridors import Corridor, CorridorKind, corridor_of
from interfirm.geo.models import Country
from interfirm.geo.selectors import countries_with_groups

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 1, 1)


def countries(*codes: str) -> list[Country]:
    found = {c.iso3: c for c in countries_with_groups().filter(iso3__in=codes)}
    return [found[code] for code in codes]


def corridor(a: str, b: str, on: datetime.date = DAY, grouping: str | None = None) -> Corridor:
    first, second = countries(a, b)
    return corridor_of(first, second, on=on, grouping=grouping)


def test_two_developed_economies_are_north_north() -> None:
    assert corridor("DEU", "USA").kind == CorridorKind.NORTH_NORTH


def test_developed_and_developing_are_north_south() -> None:
    assert corridor("DEU", "KEN").kind == CorridorKind.NORTH_SOUTH


def test_the_corridor_does_not_depend_on_the_order_of_the_countries() -> None:
    assert corridor("KEN", "DEU") == corridor("DEU", "KEN")


def test_two_developing_economies_are_south_south() -> None:
    assert corridor("KEN", "BRA").kind == CorridorKind.SOUTH_SOUTH


def test_developed_and_transition_are_north_transition() -> None:
    assert corridor("RUS", "DEU").kind == CorridorKind.NORTH_TRANSITION


def test_developing_and_transition_are_south_transition() -> None:
    assert corridor("KAZ", "KEN").kind == CorridorKind.SOUTH_TRANSITION


def test_two_transition_economies_are_transition_transition() -> None:
    assert corridor("RUS", "KAZ").kind == CorridorKind.TRANSITION_TRANSITION


def test_the_label_is_the_readable_name_of_the_kind() -> None:
    assert str(corridor("KEN", "DEU").label) == "North-South"


def test_the_flags_of_a_north_south_corridor_without_special_groups_are_all_false() -> None:
    assert corridor("DEU", "KEN") == Corridor(
        kind=CorridorKind.NORTH_SOUTH,
        involves_ldc=False,
        involves_lldc=False,
        involves_sids=False,
        involves_transition=False,
    )


def test_it_marks_landlocked_and_transition_economies() -> None:
    result = corridor("KAZ", "DEU")
    assert (result.involves_lldc, result.involves_transition) == (True, True)


def test_it_marks_small_island_developing_states() -> None:
    assert corridor("FJI", "DEU").involves_sids is True


def test_bangladesh_is_an_ldc_before_its_graduation() -> None:
    assert corridor("BGD", "DEU", on=datetime.date(2026, 11, 1)).involves_ldc is True


def test_bangladesh_is_no_longer_an_ldc_after_its_graduation() -> None:
    assert corridor("BGD", "DEU", on=datetime.date(2026, 12, 1)).involves_ldc is False


def test_sao_tome_and_principe_was_an_ldc_in_june_2024() -> None:
    assert corridor("STP", "KEN", on=datetime.date(2024, 6, 1)).involves_ldc is True


def test_sao_tome_and_principe_is_no_ldc_in_2025() -> None:
    assert corridor("STP", "KEN", on=datetime.date(2025, 1, 1)).involves_ldc is False


def test_the_graduation_day_itself_is_outside_the_ldc_membership() -> None:
    assert corridor("BGD", "DEU", on=datetime.date(2026, 11, 24)).involves_ldc is False


@override_settings(CORRIDOR_GROUPING="world_bank")
def test_under_world_bank_grouping_a_high_income_developing_economy_is_north() -> None:
    assert corridor("SGP", "KEN").kind == CorridorKind.NORTH_SOUTH


@override_settings(CORRIDOR_GROUPING="world_bank")
def test_under_world_bank_grouping_a_high_income_transition_economy_is_north() -> None:
    assert corridor("RUS", "DEU").kind == CorridorKind.NORTH_NORTH


@override_settings(CORRIDOR_GROUPING="world_bank")
def test_under_world_bank_grouping_other_transition_economies_are_south() -> None:
    assert corridor("KAZ", "KEN").kind == CorridorKind.SOUTH_SOUTH


@override_settings(CORRIDOR_GROUPING="world_bank")
def test_under_world_bank_grouping_transition_economies_are_still_marked() -> None:
    assert corridor("KAZ", "KEN").involves_transition is True


def test_the_un_grouping_puts_singapore_in_the_south() -> None:
    assert corridor("SGP", "KEN").kind == CorridorKind.SOUTH_SOUTH


def test_an_explicit_grouping_overrides_the_setting() -> None:
    assert corridor("SGP", "KEN", grouping="world_bank").kind == CorridorKind.NORTH_SOUTH


def test_an_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown corridor grouping"):
        corridor("SGP", "KEN", grouping="imf")


def test_prefetched_countries_need_no_query_for_corridors() -> None:
    rows = countries("DEU", "KEN", "BGD", "STP", "KAZ", "FJI")
    with CaptureQueriesContext(connection) as queries:
        for a in rows:
            for b in rows:
                corridor_of(a, b, on=DAY)
    assert len(queries) == 0
