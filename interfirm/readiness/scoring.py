"""Scoring a readiness assessment, and checking that an instrument version can score: pure Python.

Each item scores a fraction between 0 and 1:

- yes/no: yes 1, no 0;
- scale: the answer divided by the top of the scale;
- choice: the points of the option chosen divided by the most points any option gives;
- number: the answer divided by the target, at most 1;
- evidence: 1 when evidence is given (a certificate, a document reference), 0 when it is left empty.

A dimension's score is 100 × the weighted mean of its items' fractions; the overall score is the
weighted mean of the dimension scores (dimension weights); both rounded to one decimal. The level is
the band holding the overall score (``min`` ≤ score < ``max``; the top band includes 100). A gap is
a dimension scoring below the version's gap threshold, the weakest first.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

YES_NO, SCALE, CHOICE, NUMBER, EVIDENCE = "yes_no", "scale", "choice", "number", "evidence"
TOP = Decimal(100)


@dataclass(frozen=True)
class ItemSpec:
    code: str
    dimension: str
    kind: str
    weight: Decimal
    scale_max: int = 4
    target: Decimal | None = None
    choices: tuple[tuple[str, Decimal], ...] = ()  # (value, points)


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    weight: Decimal
    position: int = 0


@dataclass(frozen=True)
class BandSpec:
    level: str
    min_score: Decimal
    max_score: Decimal


@dataclass(frozen=True)
class VersionSpec:
    dimensions: tuple[DimensionSpec, ...]
    items: tuple[ItemSpec, ...]
    bands: tuple[BandSpec, ...]
    gap_below: int = 60
    # Items of variants, by variant code: checked for publication like the others.
    variant_items: tuple[ItemSpec, ...] = ()


@dataclass(frozen=True)
class Result:
    dimension_scores: dict[str, float]
    overall: float
    level: str
    gaps: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "dimensions": self.dimension_scores,
            "overall": self.overall,
            "level": self.level,
            "gaps": list(self.gaps),
        }


def _round(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1")))


def item_fraction(item: ItemSpec, answer: Any) -> Decimal:
    """Return the fraction (0 to 1) an answer scores; an answer missing scores 0."""
    if answer is None or answer == "":
        return Decimal(0)
    if item.kind == YES_NO:
        return Decimal(1) if answer is True or answer == "yes" else Decimal(0)
    if item.kind == SCALE:
        return min(Decimal(int(answer)) / Decimal(item.scale_max), Decimal(1))
    if item.kind == CHOICE:
        points = dict(item.choices)
        best = max(points.values(), default=Decimal(0))
        return points.get(str(answer), Decimal(0)) / best if best else Decimal(0)
    if item.kind == NUMBER:
        if not item.target:
            return Decimal(0)
        return max(min(Decimal(str(answer)) / item.target, Decimal(1)), Decimal(0))
    if item.kind == EVIDENCE:
        return Decimal(1) if str(answer).strip() else Decimal(0)
    raise ValueError(f"unknown item kind {item.kind}")


def level_for(score: float | Decimal, bands: tuple[BandSpec, ...]) -> str:
    """Return the level of the band holding ``score`` ("" if none does)."""
    value = Decimal(str(score))
    ordered = sorted(bands, key=lambda band: band.min_score)
    for index, band in enumerate(ordered):
        top = index == len(ordered) - 1
        if band.min_score <= value and (value < band.max_score or (top and value <= band.max_score)):
            return band.level
    return ""


def score(spec: VersionSpec, items: tuple[ItemSpec, ...], answers: dict[str, Any]) -> Result:
    """Return the scores per dimension, the overall score, the level and the gaps of ``answers`` to
    ``items`` (the items the firm was asked, variants applied)."""
    dimension_scores: dict[str, float] = {}
    exact: dict[str, Decimal] = {}
    for dimension in sorted(spec.dimensions, key=lambda d: (d.position, d.code)):
        own = [item for item in items if item.dimension == dimension.code]
        total = sum((item.weight for item in own), Decimal(0))
        if not total:
            continue
        earned = sum((item.weight * item_fraction(item, answers.get(item.code)) for item in own), Decimal(0))
        exact[dimension.code] = TOP * earned / total
        dimension_scores[dimension.code] = _round(exact[dimension.code])
    weights = {d.code: d.weight for d in spec.dimensions if d.code in exact}
    weight_total = sum(weights.values(), Decimal(0))
    overall_exact = (
        sum((weights[code] * exact[code] for code in exact), Decimal(0)) / weight_total
        if weight_total
        else Decimal(0)
    )
    overall = _round(overall_exact)
    position = {d.code: (d.position, d.code) for d in spec.dimensions}
    gaps = tuple(
        sorted(
            (code for code, value in dimension_scores.items() if value < spec.gap_below),
            key=lambda code: (dimension_scores[code], position[code]),
        )
    )
    return Result(dimension_scores, overall, level_for(overall, spec.bands), gaps)


def _item_problems(item: ItemSpec) -> list[str]:
    problems = []
    if item.weight is None or item.weight <= 0:
        problems.append(_("Item %(code)s has no weight (a weight above 0 is needed).") % {"code": item.code})
    if item.kind == SCALE and item.scale_max < 1:
        problems.append(_("Item %(code)s is a scale without a top (at least 1).") % {"code": item.code})
    if item.kind == CHOICE:
        if len(item.choices) < 2:
            problems.append(_("Item %(code)s is a choice with fewer than two options.") % {"code": item.code})
        elif max(points for _value, points in item.choices) <= 0:
            problems.append(
                _("Item %(code)s is a choice where no option scores any points.") % {"code": item.code}
            )
    if item.kind == NUMBER and (item.target is None or item.target <= 0):
        problems.append(_("Item %(code)s is a number without a target above 0.") % {"code": item.code})
    return problems


def publication_problems(spec: VersionSpec) -> list[str]:
    """Return why the version cannot score (empty when it can): weights missing or zero, a dimension
    with no items, level bands that overlap, leave gaps or do not run from 0 to 100."""
    problems: list[str] = []
    if not spec.dimensions:
        problems.append(_("The version has no dimensions."))
    for dimension in spec.dimensions:
        if dimension.weight is None or dimension.weight <= 0:
            problems.append(
                _("Dimension %(code)s has no weight (a weight above 0 is needed).") % {"code": dimension.code}
            )
        if not any(item.dimension == dimension.code for item in spec.items):
            problems.append(
                _("Dimension %(code)s has no items asked of every firm.") % {"code": dimension.code}
            )
    for item in (*spec.items, *spec.variant_items):
        problems.extend(_item_problems(item))
    if not 0 <= spec.gap_below <= 100:
        problems.append(_("The gap threshold must be between 0 and 100."))
    problems.extend(band_problems(spec.bands))
    return problems


def band_problems(bands: tuple[BandSpec, ...]) -> list[str]:
    """Return why the level bands do not cover 0 to 100 exactly once (empty when they do)."""
    if not bands:
        return [_("The version has no level bands (thresholds).")]
    problems: list[str] = []
    ordered = sorted(bands, key=lambda band: (band.min_score, band.max_score))
    levels = [band.level for band in ordered]
    if len(set(levels)) != len(levels):
        problems.append(_("A level has more than one band."))
    for band in ordered:
        if band.min_score >= band.max_score:
            problems.append(
                _("The band of %(level)s ends before it starts (%(low)s–%(high)s).")
                % {"level": band.level, "low": band.min_score, "high": band.max_score}
            )
    if ordered[0].min_score != 0:
        problems.append(_("The bands start at %(low)s, not at 0.") % {"low": ordered[0].min_score})
    if ordered[-1].max_score != TOP:
        problems.append(_("The bands end at %(high)s, not at 100.") % {"high": ordered[-1].max_score})
    for before, after in itertools.pairwise(ordered):
        if after.min_score < before.max_score:
            problems.append(
                _("The bands of %(first)s and %(second)s overlap (%(a)s–%(b)s and %(c)s–%(d)s).")
                % {
                    "first": before.level,
                    "second": after.level,
                    "a": before.min_score,
                    "b": before.max_score,
                    "c": after.min_score,
                    "d": after.max_score,
                }
            )
        elif after.min_score > before.max_score:
            problems.append(
                _("Scores from %(low)s to %(high)s have no level (between %(first)s and %(second)s).")
                % {
                    "low": before.max_score,
                    "high": after.min_score,
                    "first": before.level,
                    "second": after.level,
                }
            )
    return problems
