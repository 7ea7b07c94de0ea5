"""Scoring against hand-computed cases, and the checks that keep an instrument that cannot score from
being published."""

from __future__ import annotations

from decimal import Decimal as D

from interfirm.readiness.scoring import (
    BandSpec,
    DimensionSpec,
    ItemSpec,
    VersionSpec,
    band_problems,
    item_fraction,
    level_for,
    publication_problems,
    score,
)

BANDS = (
    BandSpec("not_ready", D(0), D(40)),
    BandSpec("emerging", D(40), D(60)),
    BandSpec("ready", D(60), D(80)),
    BandSpec("experienced", D(80), D(100)),
)
ITEMS = (
    ItemSpec("a1", "a", "yes_no", D(1)),
    ItemSpec("a2", "a", "scale", D(2), scale_max=4),
    ItemSpec("b1", "b", "choice", D(1), choices=(("none", D(0)), ("some", D(1)), ("all", D(2)))),
    ItemSpec("b2", "b", "number", D(1), target=D(20)),
    ItemSpec("b3", "b", "evidence", D(2)),
)
SPEC = VersionSpec(
    dimensions=(DimensionSpec("a", D(1), 0), DimensionSpec("b", D(3), 1)),
    items=ITEMS,
    bands=BANDS,
    gap_below=60,
)


def test_each_kind_of_item_scores_its_fraction():
    assert item_fraction(ITEMS[0], "yes") == 1
    assert item_fraction(ITEMS[0], "no") == 0
    assert item_fraction(ITEMS[1], 3) == D("0.75")
    assert item_fraction(ITEMS[2], "some") == D("0.5")
    assert item_fraction(ITEMS[3], 5) == D("0.25")
    assert item_fraction(ITEMS[3], 50) == 1
    assert item_fraction(ITEMS[4], "ISO 9001 cert. 1234") == 1
    assert item_fraction(ITEMS[4], "") == 0


def test_a_hand_computed_assessment_gives_its_exact_scores_level_and_gaps():
    # a: (1×1 + 2×0.75) / 3 = 83.33… → 83.3
    # b: (1×0.5 + 1×0.25 + 2×0) / 4 = 18.75 → 18.8
    # overall: (1×83.333… + 3×18.75) / 4 = 34.895… → 34.9 → not ready; gaps: b only
    result = score(SPEC, ITEMS, {"a1": "yes", "a2": 3, "b1": "some", "b2": 5, "b3": ""})
    assert result.dimension_scores == {"a": 83.3, "b": 18.8}
    assert result.overall == 34.9
    assert result.level == "not_ready"
    assert result.gaps == ("b",)


def test_full_marks_give_100_and_the_top_level():
    answers = {"a1": "yes", "a2": 4, "b1": "all", "b2": 20, "b3": "HACCP 77"}
    result = score(SPEC, ITEMS, answers)
    assert (result.overall, result.level, result.gaps) == (100.0, "experienced", ())


def test_gaps_are_listed_weakest_first():
    result = score(SPEC, ITEMS, {"a1": "no", "a2": 1, "b1": "none", "b2": 0, "b3": ""})
    # a: 2×0.25/3 = 16.7; b: 0
    assert result.gaps == ("b", "a")


def test_a_score_on_a_threshold_takes_the_higher_band():
    assert level_for(60, BANDS) == "ready"
    assert level_for(59.9, BANDS) == "emerging"
    assert level_for(100, BANDS) == "experienced"


def test_the_default_style_spec_can_be_published():
    assert publication_problems(SPEC) == []


def test_a_missing_weight_refuses_publication_naming_the_item():
    spec = VersionSpec(SPEC.dimensions, (*ITEMS[:4], ItemSpec("b3", "b", "evidence", D(0))), BANDS)
    assert publication_problems(spec) == ["Item b3 has no weight (a weight above 0 is needed)."]


def test_a_dimension_without_weight_or_items_refuses_publication():
    spec = VersionSpec((DimensionSpec("a", D(0)), DimensionSpec("c", D(1))), ITEMS[:2], BANDS)
    assert publication_problems(spec) == [
        "Dimension a has no weight (a weight above 0 is needed).",
        "Dimension c has no items asked of every firm.",
    ]


def test_overlapping_bands_are_refused():
    bands = (BandSpec("not_ready", D(0), D(50)), BandSpec("ready", D(40), D(100)))
    assert band_problems(bands) == ["The bands of not_ready and ready overlap (0–50 and 40–100)."]


def test_bands_leaving_a_gap_are_refused():
    bands = (BandSpec("not_ready", D(0), D(40)), BandSpec("ready", D(45), D(100)))
    assert band_problems(bands) == ["Scores from 40 to 45 have no level (between not_ready and ready)."]


def test_bands_not_reaching_100_are_refused():
    assert band_problems((BandSpec("ready", D(0), D(90)),)) == ["The bands end at 90, not at 100."]
