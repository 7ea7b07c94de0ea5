"""Searching and filtering the directory."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from interfirm.geo.models import Country, Language
from interfirm.intermediaries.models import Intermediary, IntermediaryType, Network
from interfirm.intermediaries.selectors import (
    DirectoryFilters,
    intermediary_get_public,
    intermediary_public_counts,
    intermediary_search,
)
from interfirm.sectors.models import IsicCode
from interfirm.testing import make_intermediary

pytestmark = pytest.mark.django_db


def entry(
    name: str,
    *,
    sectors: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    networks: tuple[str, ...] = (),
    covers: tuple[str, ...] = (),
    **fields: Any,
) -> Intermediary:
    intermediary = make_intermediary(name, **fields)
    intermediary.sectors_covered.set(IsicCode.objects.filter(code__in=sectors))
    intermediary.languages.set(Language.objects.filter(code__in=languages))
    intermediary.networks.set(Network.objects.filter(code__in=networks))
    intermediary.countries_covered.add(*Country.objects.filter(iso3__in=covers))
    return intermediary


def names(**filters: str) -> list[str]:
    return [i.name for i in intermediary_search(DirectoryFilters(**filters))]


def test_without_filters_it_lists_every_listed_intermediary_by_name() -> None:
    entry("Zambia Chamber", country="ZMB")
    entry("Accra Technology Park", country="GHA")
    assert names() == ["Accra Technology Park", "Zambia Chamber"]


def test_unlisted_intermediaries_are_left_out() -> None:
    entry("Listed Chamber")
    entry("Hidden Chamber", is_listed=False)
    assert names() == ["Listed Chamber"]


def test_it_filters_by_type() -> None:
    entry("Nairobi Chamber", type=IntermediaryType.CHAMBER)
    entry("Kenya Investment Authority", type=IntermediaryType.IPA)
    assert names(type=IntermediaryType.IPA) == ["Kenya Investment Authority"]


def test_a_country_filter_matches_the_countries_covered() -> None:
    entry("East African Business Council", country="TZA", covers=("KEN", "UGA"))
    entry("Dhaka Chamber", country="BGD")
    assert names(country="UGA") == ["East African Business Council"]


def test_a_country_filter_matches_the_home_country() -> None:
    home = entry("Lusaka Chamber", country="ZMB")
    home.countries_covered.clear()
    assert names(country="ZMB") == ["Lusaka Chamber"]


def test_a_region_filter_matches_a_country_covered_in_the_region() -> None:
    entry("Geneva Partnering Office", country="CHE", covers=("SEN",))
    entry("Vienna Office", country="AUT")
    assert names(region="Africa") == ["Geneva Partnering Office"]


def test_a_filter_by_a_class_matches_intermediaries_covering_its_division_or_section() -> None:
    entry("Food Processors Association", sectors=("10",))
    entry("Manufacturers Association", sectors=("C",))
    entry("Fruit Processing Centre", sectors=("1030",))
    entry("Mining Chamber", sectors=("B",))
    assert names(sector="1030") == [
        "Food Processors Association",
        "Fruit Processing Centre",
        "Manufacturers Association",
    ]


def test_a_filter_by_a_section_matches_intermediaries_covering_part_of_it() -> None:
    entry("Fruit Processing Centre", sectors=("1030",))
    entry("Farmers Union", sectors=("A",))
    assert names(sector="C") == ["Fruit Processing Centre"]


def test_a_sector_filter_leaves_out_intermediaries_covering_no_sector() -> None:
    entry("General Chamber")
    assert names(sector="1030") == []


def test_it_filters_by_service() -> None:
    entry("Diagnosing Centre", services=("diagnosis",))
    entry("Fair Organiser", services=("trade-fairs",))
    assert names(service="diagnosis") == ["Diagnosing Centre"]


def test_it_filters_by_language() -> None:
    entry("Dakar Chamber", country="SEN", languages=("fr",))
    entry("Accra Chamber", country="GHA", languages=("en",))
    assert names(language="fr") == ["Dakar Chamber"]


def test_it_filters_by_network() -> None:
    entry("Empretec Ghana", country="GHA", networks=("empretec",))
    entry("Ghana IPC", country="GHA", networks=("waipa",))
    assert names(network="empretec") == ["Empretec Ghana"]


def test_text_matches_name_acronym_description_and_city() -> None:
    entry("Alpha", acronym="KNCCI")
    entry("Beta", description="Brokers subcontracting in the leather sector.")
    entry("Gamma", city="Mombasa")
    entry("Delta")
    assert (names(q="kncci"), names(q="Leather"), names(q="mombasa")) == (["Alpha"], ["Beta"], ["Gamma"])


def test_every_word_of_the_text_must_match_somewhere() -> None:
    entry("Mombasa Chamber", city="Mombasa")
    entry("Mombasa Port Authority", city="Mombasa", description="Logistics")
    assert names(q="mombasa logistics") == ["Mombasa Port Authority"]


def test_filters_combine() -> None:
    entry("Kenyan food IPA", type=IntermediaryType.IPA, sectors=("10",), languages=("en",))
    entry("Kenyan food chamber", type=IntermediaryType.CHAMBER, sectors=("10",), languages=("en",))
    entry("Kenyan mining IPA", type=IntermediaryType.IPA, sectors=("B",), languages=("en",))
    assert names(type=IntermediaryType.IPA, sector="1030", language="en") == ["Kenyan food IPA"]


def test_an_intermediary_matching_through_several_codes_appears_once() -> None:
    entry("Broad Association", sectors=("C", "10", "1030"), covers=("UGA", "TZA"))
    assert names(sector="1030", region="Africa") == ["Broad Association"]


def test_an_unlisted_intermediary_is_a_404_on_its_public_page() -> None:
    hidden = entry("Hidden Chamber", is_listed=False)
    with pytest.raises(Http404):
        intermediary_get_public(hidden.slug)


def test_public_counts_count_listed_intermediaries_and_their_countries() -> None:
    entry("A", country="KEN")
    entry("B", country="KEN")
    entry("C", country="DEU")
    entry("D", country="FRA", is_listed=False)
    assert intermediary_public_counts() == {"intermediaries": 3, "countries": 2}
