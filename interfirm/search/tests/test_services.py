from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from interfirm.opportunities.models import Opportunity
from interfirm.search.models import SearchEntry, SearchFacet, SearchText, mask_of
from interfirm.search.services import search_index_rebuild, search_index_refresh
from interfirm.search.tests.conftest import CANARY, World
from interfirm.testing import make_opportunity

pytestmark = pytest.mark.django_db


def _facets(opportunity: Opportunity) -> set[tuple[str, str]]:
    return set(SearchFacet.objects.filter(entry_id=opportunity.pk).values_list("facet", "value"))


def _text_hits(word: str) -> list[int]:
    """Return the ids the database's full-text index finds for ``word``."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [f'"{word}"'])
        else:
            cursor.execute(
                "SELECT entry_id FROM search_searchtext WHERE document @@ to_tsquery('simple', %s)",
                [f"'{word}'"],
            )
        return sorted(row[0] for row in cursor.fetchall())


def test_refresh_indexes_a_published_opportunity_with_its_facets(world: World) -> None:
    opportunity = make_opportunity(
        world.kenyan,
        title="Mango pulp",
        domains=("production", "marketing"),
        arrangement_types=("supply", "distribution"),
        sectors=("1030", "0113"),
        keywords="Pulpe, purée",
    )
    entry = SearchEntry.objects.get(pk=opportunity.pk)
    assert (entry.kind, entry.country, entry.size_class) == ("offer", "KEN", "small")
    assert entry.domains == mask_of("domain", ["production", "marketing"])
    assert entry.arrangements == mask_of("arrangement", ["supply", "distribution"])
    assert entry.sections == mask_of("section", ["A", "C"])
    text = SearchText.objects.get(pk=opportunity.pk)
    assert text.title == "mango pulp"
    assert text.keywords.startswith("pulpe puree ")
    assert _facets(opportunity) == {
        ("isic_division", "10"),
        ("isic_group", "103"),
        ("isic_class", "1030"),
        ("isic_division", "01"),
        ("isic_group", "011"),
        ("isic_class", "0113"),
    }


def test_a_sector_above_class_level_gives_only_its_levels(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, sectors=("10",))
    assert _facets(opportunity) == {("isic_division", "10")}
    assert SearchEntry.objects.get(pk=opportunity.pk).sections == mask_of("section", ["C"])


def test_masks_have_one_bit_per_value() -> None:
    assert mask_of("domain", ["technology"]) == 1
    assert mask_of("section", ["C", "A", "unknown"]) == 0b101


def test_refresh_keeps_the_full_text_index_in_step(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, title="Cassava flour")
    assert _text_hits("cassava") == [opportunity.pk]
    Opportunity.objects.filter(pk=opportunity.pk).update(title="Sorghum flour")
    search_index_refresh(opportunity_id=opportunity.pk)
    assert (_text_hits("cassava"), _text_hits("sorghum")) == ([], [opportunity.pk])


def test_refresh_removes_a_withdrawn_opportunity_and_its_text(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, title="Cassava flour")
    Opportunity.objects.filter(pk=opportunity.pk).update(status="withdrawn")
    search_index_refresh(opportunity_id=opportunity.pk)
    assert not SearchEntry.objects.filter(pk=opportunity.pk).exists()
    assert not SearchFacet.objects.filter(entry_id=opportunity.pk).exists()
    assert not SearchText.objects.filter(pk=opportunity.pk).exists()
    assert _text_hits("cassava") == []


def test_refresh_of_an_unpublished_opportunity_indexes_nothing(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, status="submitted")
    assert not SearchEntry.objects.filter(pk=opportunity.pk).exists()


def test_refresh_of_a_deleted_opportunity_is_harmless(world: World) -> None:
    search_index_refresh(opportunity_id=987654)
    assert SearchEntry.objects.count() == 0


def test_refresh_twice_leaves_one_entry_with_the_same_facets(world: World) -> None:
    opportunity = make_opportunity(world.kenyan)
    before = _facets(opportunity)
    search_index_refresh(opportunity_id=opportunity.pk)
    assert SearchEntry.objects.filter(pk=opportunity.pk).count() == 1
    assert _facets(opportunity) == before


def test_the_index_holds_nothing_of_the_owners_identity(world: World) -> None:
    make_opportunity(world.kenyan)
    text = SearchText.objects.get()
    facets = SearchFacet.objects.values_list("value", flat=True)
    assert CANARY not in " ".join([text.title, text.keywords, text.body, *facets])


def test_rebuild_indexes_exactly_the_published_opportunities(world: World) -> None:
    published = make_opportunity(world.kenyan, title="Published cassava")
    make_opportunity(world.german, title="Draft", status="draft")
    SearchEntry.objects.all().delete()
    assert search_index_rebuild() == 1
    assert list(SearchEntry.objects.values_list("pk", flat=True)) == [published.pk]
    assert _text_hits("cassava") == [published.pk]
    assert _facets(published) == {("isic_division", "10"), ("isic_group", "103"), ("isic_class", "1030")}


def test_rebuild_drops_stale_entries(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, title="Cassava")
    Opportunity.objects.filter(pk=opportunity.pk).update(status="closed")
    assert search_index_rebuild() == 0
    assert (SearchEntry.objects.count(), _text_hits("cassava")) == (0, [])


def test_the_search_rebuild_command_reports_the_count(world: World) -> None:
    make_opportunity(world.kenyan)
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    assert out.getvalue().startswith("Indexed 1 published opportunities in ")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps its FTS5 table in step with triggers")
def test_the_fts5_triggers_exist() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_fts_%' ORDER BY name"
        )
        assert [row[0] for row in cursor.fetchall()] == ["search_fts_ad", "search_fts_ai", "search_fts_au"]
