"""ISIC Rev.4 is loaded whole, each class reaching its section, with the NACE Rev.2 correspondence."""

from __future__ import annotations

import pytest
from django.db.models import Count

from interfirm.sectors.models import IsicCode, IsicLevel, NaceCode

pytestmark = pytest.mark.django_db


def test_isic_has_its_21_sections_88_divisions_238_groups_and_419_classes() -> None:
    counts = dict(IsicCode.objects.values_list("level").annotate(n=Count("code")))
    assert counts == {
        IsicLevel.SECTION: 21,
        IsicLevel.DIVISION: 88,
        IsicLevel.GROUP: 238,
        IsicLevel.CLASS: 419,
    }


def test_every_class_reaches_its_section_through_group_and_division() -> None:
    by_code = {c.code: c for c in IsicCode.objects.all()}
    broken = []
    for node in by_code.values():
        if node.level != IsicLevel.CLASS:
            continue
        chain = []
        current: IsicCode | None = node
        while current is not None and current.parent_id is not None:
            current = by_code[current.parent_id]
            chain.append(current.level)
        if chain != [IsicLevel.GROUP, IsicLevel.DIVISION, IsicLevel.SECTION] or current.code != node.section:  # type: ignore[union-attr]
            broken.append(node.code)
    assert broken == []


def test_class_1030_sits_in_division_10_of_section_c() -> None:
    node = IsicCode.objects.get(code="1030")
    assert (node.parent_id, node.parent.parent_id, node.parent.parent.parent_id, node.section) == (  # type: ignore[union-attr]
        "103",
        "10",
        "C",
        "C",
    )


def test_nace_10_39_maps_to_isic_1030() -> None:
    assert list(NaceCode.objects.get(code="10.39").isic.values_list("code", flat=True)) == ["1030"]
