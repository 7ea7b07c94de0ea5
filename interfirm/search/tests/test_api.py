from __future__ import annotations

import pytest
from django.test import Client

from interfirm.accounts.services import api_token_create
from interfirm.search.tests.conftest import CANARY, World
from interfirm.testing import Personas, client_for, make_opportunity

pytestmark = pytest.mark.django_db
URL = "/api/search/opportunities"


def test_anyone_can_search_through_the_api(world: World) -> None:
    opportunity = make_opportunity(world.kenyan, title="Solar fruit dryer", summary="Dries mango slices.")
    response = Client().get(URL, {"q": "mango"})
    body = response.json()
    assert response.status_code == 200
    assert (body["count"], body["page"], body["pages"], body["per_page"], body["sort"]) == (
        1,
        1,
        1,
        20,
        "relevance",
    )
    card = body["results"][0]
    assert (card["reference"], card["title"], card["kind"]) == (
        opportunity.reference,
        "Solar fruit dryer",
        "offer",
    )
    assert card["owner"] == {
        "country": "KEN",
        "country_name": "Kenya",
        "region": "Africa",
        "economy_group": "developing",
        "size_class": "small",
        "organisation_type": "firm",
        "sectors": [{"code": "1030", "label": "Processing and preserving of fruit and vegetables"}],
    }
    assert body["facets"]["kind"]["values"] == [
        {"value": "offer", "label": "Offer", "count": 1, "selected": False}
    ]


def test_the_api_filters_like_the_page(world: World) -> None:
    make_opportunity(world.kenyan, title="Kenyan", sectors=("1030",))
    make_opportunity(world.ugandan, title="Ugandan", sectors=("0113",))
    body = Client().get(URL, {"sector": "01", "ldc": "true"}).json()
    assert [r["title"] for r in body["results"]] == ["Ugandan"]


def test_the_api_holds_no_confidential_field_of_any_owner(world: World) -> None:
    for firm in (world.kenyan, world.german, world.ugandan):
        make_opportunity(firm, title=f"Offer of {firm.country_id}")
    assert CANARY not in Client().get(URL).content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sector": "9999"}, "sector"),
        ({"country": "XXX"}, "country"),
        ({"kind": "gift"}, "kind"),
        ({"domain": "magic"}, "domain"),
        ({"arrangement": "marriage"}, "arrangement"),
        ({"region": "999"}, "region"),
        ({"economy_group": "rich"}, "economy_group"),
        ({"ldc": "maybe"}, "ldc"),
        ({"size": "huge"}, "size"),
        ({"deadline_before": "31/12/2030"}, "deadline_before"),
        ({"deadline_within": "0"}, "deadline_within"),
        ({"sort": "random"}, "sort"),
        ({"corridor": "north_south"}, "corridor"),
        ({"page": "0"}, "page"),
        ({"page": str(10**23)}, "page"),
    ],
)
def test_an_unknown_filter_value_answers_422_naming_the_field(
    db: None, params: dict[str, str], field: str
) -> None:
    response = Client().get(URL, params)
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_a_token_of_a_firm_enables_the_corridor_filter(world: World, personas: Personas) -> None:
    make_opportunity(world.german, title="German")
    make_opportunity(world.ugandan, title="Ugandan")
    _token, secret = api_token_create(
        user=personas.amani_manager, organisation=world.kenyan.organisation, name="t"
    )
    response = Client().get(URL, {"corridor": "south_south"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert [r["title"] for r in response.json()["results"]] == ["Ugandan"]
    assert response.json()["facets"]["corridor"]["values"][0]["value"] in ("north_south", "south_south")


def test_a_session_of_a_firm_enables_the_corridor_filter(world: World, personas: Personas) -> None:
    make_opportunity(world.german, title="German")
    make_opportunity(world.ugandan, title="Ugandan")
    client = client_for(personas.amani_manager, world.kenyan.organisation)
    assert [r["title"] for r in client.get(URL, {"corridor": "north_south"}).json()["results"]] == ["German"]


def test_a_bad_token_searches_anonymously(world: World) -> None:
    make_opportunity(world.german, title="German")
    response = Client().get(URL, HTTP_AUTHORIZATION="Bearer ifm_nonsense")
    assert (response.status_code, response.json()["count"]) == (200, 1)
