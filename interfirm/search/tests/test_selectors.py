from __future__ import annotations

import datetime
from dataclasses import asdict

import pytest
from django.utils import timezone

from interfirm.opportunities.models import Opportunity
from interfirm.search.selectors import SearchFilters, Sort, opportunity_search
from interfirm.search.services import search_index_refresh
from interfirm.search.tests.conftest import CANARY, World, by_title
from interfirm.testing import make_opportunity

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


def _search(**kwargs: object) -> list[str]:
    filters = kwargs.pop("filters", None) or SearchFilters()
    return sorted(by_title(opportunity_search(filters=filters, **kwargs)))  # type: ignore[arg-type]


# Text ----------------------------------------------------------------------------------------------


def test_it_finds_words_of_the_description_with_accents_and_case_folded(world: World) -> None:
    make_opportunity(world.kenyan, title="Fruit dryer", description="Séchage SOLAIRE des mangues à Nakuru.")
    make_opportunity(world.german, title="Lathe", description="Precision turning of steel shafts.")
    assert _search(q="sechage solaire") == ["Fruit dryer"]
    assert _search(q="SÉCHAGE") == ["Fruit dryer"]


def test_it_requires_every_word_of_the_query(world: World) -> None:
    make_opportunity(world.kenyan, title="Mango pulp supply", description="Pulp from ripe mangoes.")
    make_opportunity(world.german, title="Pulping machines", description="Stainless steel pulpers.")
    assert _search(q="pulp mango") == ["Mango pulp supply"]


def test_it_matches_words_by_their_beginning(world: World) -> None:
    make_opportunity(world.kenyan, title="Solar dryers", description="Dries fruit.")
    assert _search(q="dryer") == ["Solar dryers"]


@pytest.mark.parametrize(
    "q",
    ['"AND OR (', "mango*", "NEAR(a b)", "-mango", "title:mango", "^x", "'; DROP TABLE x; --", '""', "()"],
)
def test_special_characters_in_the_query_do_not_error(world: World, q: str) -> None:
    make_opportunity(world.kenyan, title="Mango and or", description="and or mango x a b title drop table")
    result = opportunity_search(q=q)
    assert result.total in (0, 1)


def test_a_query_without_words_browses_everything(world: World) -> None:
    make_opportunity(world.kenyan, title="One")
    assert _search(q='"(*)"') == ["One"]


def test_it_does_not_find_the_owner_by_its_confidential_fields(world: World) -> None:
    make_opportunity(world.kenyan, title="Fruit dryer")
    assert opportunity_search(q=f"{CANARY}{world.kenyan.pk}legal").total == 0
    assert opportunity_search(q=f"{CANARY}{world.kenyan.pk}city").total == 0


def test_relevance_puts_a_title_match_before_a_description_match(world: World) -> None:
    make_opportunity(world.kenyan, title="Packaging lines", description="We also sell cassava flour.")
    make_opportunity(world.german, title="Cassava flour mill", description="Milling equipment.")
    result = opportunity_search(q="cassava")
    assert result.sort == Sort.RELEVANCE
    assert by_title(result) == ["Cassava flour mill", "Packaging lines"]


# Filters -------------------------------------------------------------------------------------------


def test_kind_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Offer", kind="offer")
    make_opportunity(world.kenyan, title="Request", kind="request")
    assert _search(filters=SearchFilters(kind="request")) == ["Request"]


def test_domain_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Tech", domains=("technology",))
    make_opportunity(world.kenyan, title="Both", domains=("production", "marketing"))
    assert _search(filters=SearchFilters(domain="marketing")) == ["Both"]


def test_arrangement_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Licence", arrangement_types=("licensing",))
    make_opportunity(world.kenyan, title="Agents", arrangement_types=("distribution", "franchising"))
    assert _search(filters=SearchFilters(arrangement="franchising")) == ["Agents"]


@pytest.mark.parametrize(
    ("sector", "expected"),
    [
        ("C", ["Food"]),
        ("10", ["Food"]),
        ("103", ["Food"]),
        ("1030", ["Food"]),
        ("A", ["Farm"]),
        ("01", ["Farm"]),
    ],
)
def test_sector_filter_at_every_isic_level(world: World, sector: str, expected: list[str]) -> None:
    make_opportunity(world.kenyan, title="Food", sectors=("1030",))
    make_opportunity(world.ugandan, title="Farm", sectors=("0113",))
    assert _search(filters=SearchFilters(sector=sector)) == expected


def test_a_division_filter_matches_the_classes_of_the_division(world: World) -> None:
    make_opportunity(world.kenyan, title="Juice", sectors=("1030",))
    make_opportunity(world.kenyan, title="Bread", sectors=("1071",))
    make_opportunity(world.german, title="Machines", sectors=("2829",))
    assert _search(filters=SearchFilters(sector="10")) == ["Bread", "Juice"]


def test_country_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Kenyan")
    make_opportunity(world.german, title="German")
    assert _search(filters=SearchFilters(country="DEU")) == ["German"]


def test_region_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Kenyan")
    make_opportunity(world.german, title="German")
    assert _search(filters=SearchFilters(region="150")) == ["German"]


def test_economy_group_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Kenyan")
    make_opportunity(world.german, title="German")
    assert _search(filters=SearchFilters(economy_group="developing")) == ["Kenyan"]


def test_ldc_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Kenyan")
    make_opportunity(world.ugandan, title="Ugandan")
    assert _search(filters=SearchFilters(ldc=True)) == ["Ugandan"]
    assert _search(filters=SearchFilters(ldc=False)) == ["Kenyan"]


def test_size_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Small")
    make_opportunity(world.german, title="Large")
    assert _search(filters=SearchFilters(size="large")) == ["Large"]


def test_deadline_within_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Soon", deadline=_today() + datetime.timedelta(days=5))
    make_opportunity(world.kenyan, title="Later", deadline=_today() + datetime.timedelta(days=60))
    assert _search(filters=SearchFilters(deadline_within=7)) == ["Soon"]


def test_deadline_before_filter(world: World) -> None:
    make_opportunity(world.kenyan, title="Soon", deadline=_today() + datetime.timedelta(days=5))
    make_opportunity(world.kenyan, title="Later", deadline=_today() + datetime.timedelta(days=60))
    assert _search(filters=SearchFilters(deadline_before=_today() + datetime.timedelta(days=60))) == [
        "Later",
        "Soon",
    ]
    assert _search(filters=SearchFilters(deadline_before=_today() + datetime.timedelta(days=59))) == ["Soon"]


def test_corridor_filter_is_relative_to_the_searching_firm(world: World) -> None:
    make_opportunity(world.german, title="German")
    make_opportunity(world.ugandan, title="Ugandan")
    assert _search(filters=SearchFilters(corridor="north_south"), viewer_firm=world.kenyan) == ["German"]
    assert _search(filters=SearchFilters(corridor="south_south"), viewer_firm=world.kenyan) == ["Ugandan"]


def test_corridor_from_a_german_viewer_makes_the_ugandan_north_south(world: World) -> None:
    make_opportunity(world.german, title="German")
    make_opportunity(world.ugandan, title="Ugandan")
    assert _search(filters=SearchFilters(corridor="north_south"), viewer_firm=world.german) == ["Ugandan"]


def test_filters_combine_with_text(world: World) -> None:
    make_opportunity(world.kenyan, title="Mango offer", kind="offer")
    make_opportunity(world.kenyan, title="Mango request", kind="request")
    make_opportunity(world.german, title="Mango machine request", kind="request")
    assert _search(q="mango", filters=SearchFilters(kind="request", country="KEN")) == ["Mango request"]


# What never appears --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", ["draft", "submitted", "on_hold", "rejected", "expired", "withdrawn", "closed"]
)
def test_unpublished_opportunities_are_absent(world: World, status: str) -> None:
    make_opportunity(world.kenyan, title="Hidden", status=status)
    make_opportunity(world.kenyan, title="Shown")
    assert _search() == ["Shown"]


def test_a_published_opportunity_past_its_deadline_is_absent(world: World) -> None:
    make_opportunity(world.kenyan, title="Past", deadline=_today() - datetime.timedelta(days=1))
    make_opportunity(world.kenyan, title="Today", deadline=_today())
    assert _search() == ["Today"]


def test_an_opportunity_withdrawn_after_indexing_is_absent_even_before_the_refresh(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, title="Withdrawn")
    Opportunity.objects.filter(pk=opportunity.pk).update(status="withdrawn")
    result = opportunity_search()
    assert result.opportunities == []


def test_refresh_removes_a_withdrawn_opportunity(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, title="Withdrawn mango")
    Opportunity.objects.filter(pk=opportunity.pk).update(status="withdrawn")
    search_index_refresh(opportunity_id=opportunity.pk)
    assert opportunity_search(q="mango").total == 0
    assert opportunity_search().total == 0


def test_results_hold_no_confidential_field_of_the_owner(world: World) -> None:
    for firm in (world.kenyan, world.german, world.ugandan):
        make_opportunity(firm, title=f"Offer of {firm.country_id}")
    result = opportunity_search(viewer_firm=world.kenyan)
    assert len(result.opportunities) == 3
    assert CANARY not in repr([asdict(o) for o in result.opportunities])
    assert CANARY not in repr(result.facets)


# Facets, order, pages ------------------------------------------------------------------------------


def _counts(result: object, facet: str) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[facet].values}  # type: ignore[attr-defined]


def test_facet_counts_are_those_of_the_current_result_set(world: World) -> None:
    make_opportunity(
        world.kenyan, title="A", kind="offer", domains=("technology", "production"), sectors=("1030",)
    )
    make_opportunity(
        world.kenyan, title="B", kind="request", domains=("production",), sectors=("1030", "1071")
    )
    make_opportunity(world.german, title="C", kind="offer", domains=("technology",), sectors=("2829",))
    make_opportunity(world.ugandan, title="D", kind="request", domains=("marketing",), sectors=("0113",))
    result = opportunity_search(viewer_firm=world.kenyan)
    assert result.total == 4
    assert _counts(result, "kind") == {"offer": 2, "request": 2}
    assert _counts(result, "domain") == {"technology": 2, "production": 2, "marketing": 1}
    assert _counts(result, "isic_section") == {"C": 3, "A": 1}
    assert _counts(result, "arrangement") == {"licensing": 4}
    assert _counts(result, "country") == {"KEN": 2, "DEU": 1, "UGA": 1}
    assert _counts(result, "region") == {"002": 3, "150": 1}
    assert _counts(result, "economy_group") == {"developing": 3, "developed": 1}
    assert _counts(result, "ldc") == {"no": 3, "yes": 1}
    assert _counts(result, "size") == {"small": 2, "large": 1, "micro": 1}
    assert _counts(result, "corridor") == {"south_south": 3, "north_south": 1}
    assert _counts(result, "sector") == {"C": 3, "A": 1}

    narrowed = opportunity_search(filters=SearchFilters(domain="production"))
    assert narrowed.total == 2
    assert _counts(narrowed, "domain") == {"production": 2, "technology": 1}
    assert _counts(narrowed, "kind") == {"offer": 1, "request": 1}
    assert [v.value for v in narrowed.facets["domain"].values if v.selected] == ["production"]


def test_the_sector_facet_drills_down_one_level_below_the_chosen_code(world: World) -> None:
    make_opportunity(world.kenyan, title="A", sectors=("1030",))
    make_opportunity(world.kenyan, title="B", sectors=("1071", "0113"))
    make_opportunity(world.german, title="C", sectors=("2829",))
    assert _counts(opportunity_search(filters=SearchFilters(sector="C")), "sector") == {
        "C": 3,
        "10": 2,
        "28": 1,
    }
    assert _counts(opportunity_search(filters=SearchFilters(sector="10")), "sector") == {
        "10": 2,
        "103": 1,
        "107": 1,
    }
    assert _counts(opportunity_search(filters=SearchFilters(sector="107")), "sector") == {"107": 1, "1071": 1}
    assert _counts(opportunity_search(filters=SearchFilters(sector="1071")), "sector") == {"1071": 1}


def test_deadline_facet_counts_each_bucket(world: World) -> None:
    for days in (3, 20, 60, 200):
        make_opportunity(world.kenyan, title=f"In {days}", deadline=_today() + datetime.timedelta(days=days))
    assert _counts(opportunity_search(), "deadline_within") == {"7": 1, "30": 2, "90": 3}


def test_there_is_no_corridor_facet_without_a_searching_firm(world: World) -> None:
    make_opportunity(world.kenyan, title="A")
    assert "corridor" not in opportunity_search().facets


def test_newest_first_without_words(world: World) -> None:
    first = make_opportunity(world.kenyan, title="Older")
    make_opportunity(world.kenyan, title="Newer")
    Opportunity.objects.filter(pk=first.pk).update(published_at=timezone.now() - datetime.timedelta(days=3))
    search_index_refresh(opportunity_id=first.pk)
    result = opportunity_search()
    assert result.sort == Sort.NEWEST
    assert by_title(result) == ["Newer", "Older"]


def test_deadline_soonest_first(world: World) -> None:
    make_opportunity(world.kenyan, title="Later", deadline=_today() + datetime.timedelta(days=60))
    make_opportunity(world.kenyan, title="Soon", deadline=_today() + datetime.timedelta(days=5))
    assert by_title(opportunity_search(sort=Sort.DEADLINE)) == ["Soon", "Later"]


def test_twenty_a_page(world: World) -> None:
    for i in range(21):
        make_opportunity(
            world.kenyan, title=f"Offer {i:02d}", deadline=_today() + datetime.timedelta(days=10 + i)
        )
    first = opportunity_search(sort=Sort.DEADLINE)
    second = opportunity_search(sort=Sort.DEADLINE, page=2)
    assert (first.total, first.pages, len(first.opportunities)) == (21, 2, 20)
    assert by_title(second) == ["Offer 20"]
    assert second.ids == [o.pk for o in Opportunity.objects.filter(title="Offer 20")]


def test_a_page_past_the_last_gives_the_last(world: World) -> None:
    make_opportunity(world.kenyan, title="Only")
    result = opportunity_search(page=9)
    assert (result.page, by_title(result)) == (1, ["Only"])


def test_no_result_gives_an_empty_page(world: World) -> None:
    result = opportunity_search(q="nothing")
    assert (result.total, result.pages, result.ids, result.opportunities) == (0, 1, [], [])
