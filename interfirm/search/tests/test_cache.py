from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from interfirm.search.selectors import opportunity_search
from interfirm.search.tests.conftest import World
from interfirm.testing import make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def facet_cache() -> Iterator[None]:
    cache.clear()
    with override_settings(SEARCH_FACET_CACHE_SECONDS=60):
        yield
    cache.clear()


def _queries_of_a_search() -> int:
    with CaptureQueriesContext(connection) as captured:
        opportunity_search()
    return len(captured)


def test_a_repeated_search_counts_from_the_cache(world: World) -> None:
    make_opportunity(world.kenyan, title="A")
    opportunity_search()  # reads the countries, kept by the process
    cache.clear()
    uncached = _queries_of_a_search()
    assert _queries_of_a_search() == uncached - 2  # the two counting scans


def test_a_change_of_the_index_is_counted_at_once(world: World) -> None:
    make_opportunity(world.kenyan, title="A")
    assert opportunity_search().total == 1
    make_opportunity(world.german, title="B")
    result = opportunity_search()
    assert result.total == 1 + 1
    assert {v.value: v.count for v in result.facets["country"].values} == {"KEN": 1, "DEU": 1}
