"""The size class table (EU Recommendation 2003/361/EC thresholds), case by case at each threshold."""

from __future__ import annotations

import pytest

from interfirm.firms.sizing import size_class_for


@pytest.mark.parametrize(
    ("employees", "turnover_band", "expected"),
    [
        (None, "", ""),
        (0, "", "micro"),
        (9, "", "micro"),
        (10, "", "small"),
        (49, "", "small"),
        (50, "", "medium"),
        (249, "", "medium"),
        (250, "", "large"),
        (12000, "", "large"),
        (None, "lt2m", "micro"),
        (None, "lt10m", "small"),
        (None, "lt50m", "medium"),
        (None, "gt50m", "large"),
        (9, "lt2m", "micro"),
        (9, "lt10m", "small"),
        (49, "lt10m", "small"),
        (49, "lt50m", "medium"),
        (5, "gt50m", "large"),
        (300, "lt2m", "large"),
        (10, "lt2m", "small"),
        (249, "lt50m", "medium"),
    ],
)
def test_size_class_is_the_smallest_class_whose_ceilings_are_all_met(
    employees: int | None, turnover_band: str, expected: str
) -> None:
    assert size_class_for(employees=employees, turnover_band=turnover_band) == expected
