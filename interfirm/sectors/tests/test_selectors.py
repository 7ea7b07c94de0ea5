from __future__ import annotations

import pytest
from django.http import Http404

from interfirm.sectors.selectors import isic_ancestors, isic_choices, isic_related_codes, isic_search

pytestmark = pytest.mark.django_db


def test_the_ancestors_of_a_class_run_from_its_section_to_its_group() -> None:
    assert [c.code for c in isic_ancestors("1030")] == ["C", "10", "103"]


def test_a_section_has_no_ancestors() -> None:
    assert isic_ancestors("c") == []


def test_ancestors_of_an_unknown_code_are_a_404() -> None:
    with pytest.raises(Http404):
        isic_ancestors("9999")


def test_search_matches_every_word_of_the_title() -> None:
    assert [c.code for c in isic_search("preserving fruit")] == ["103", "1030"]


def test_search_by_a_code_prefix_finds_the_code_and_its_descendants() -> None:
    assert [c.code for c in isic_search("103")] == ["103", "1030"]


def test_an_empty_search_finds_nothing() -> None:
    assert list(isic_search("  ")) == []


def test_related_codes_of_a_group_are_its_ancestors_and_its_classes() -> None:
    assert sorted(isic_related_codes("103")) == ["10", "103", "1030", "C"]


def test_sector_choices_list_each_section_before_its_divisions() -> None:
    assert [code for code, _label in isic_choices()][:5] == ["A", "01", "02", "03", "B"]
