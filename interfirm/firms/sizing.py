"""The size class of a firm, derived from its employees and turnover band.

Thresholds: the European Commission's SME definition (Recommendation 2003/361/EC, Annex, Article 2),
the one used by the Enterprise Europe Network: micro < 10 employees and turnover ≤ 2 million;
small < 50 and ≤ 10 million; medium < 250 and ≤ 50 million; large otherwise. The turnover ceilings are
applied to the US-dollar-equivalent bands of ``TurnoverBand``. A firm is in the smallest class whose
ceilings it meets on *both* counts (the Recommendation's headcount and financial ceilings together);
with only one of the two known, that one decides.
"""

from __future__ import annotations

from interfirm.firms.models import SizeClass, TurnoverBand

# (class, employees strictly below, turnover bands within the ceiling)
THRESHOLDS: tuple[tuple[str, int, frozenset[str]], ...] = (
    (SizeClass.MICRO, 10, frozenset({TurnoverBand.UP_TO_2M})),
    (SizeClass.SMALL, 50, frozenset({TurnoverBand.UP_TO_2M, TurnoverBand.UP_TO_10M})),
    (
        SizeClass.MEDIUM,
        250,
        frozenset({TurnoverBand.UP_TO_2M, TurnoverBand.UP_TO_10M, TurnoverBand.UP_TO_50M}),
    ),
)


def size_class_for(*, employees: int | None, turnover_band: str | None) -> str:
    """Return the size class for the given employees and turnover band ('' when neither is known)."""
    if employees is None and not turnover_band:
        return ""
    for size_class, employee_ceiling, bands in THRESHOLDS:
        employees_fit = employees is None or employees < employee_ceiling
        turnover_fits = not turnover_band or turnover_band in bands
        if employees_fit and turnover_fits:
            return size_class
    return SizeClass.LARGE
