from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interfirm.search.tests.conftest import CANARY, World
from interfirm.testing import Personas, client_for, make_opportunity

pytestmark = pytest.mark.django_db
URL = "/search/"


def test_the_page_is_at_search() -> None:
    assert reverse("search:opportunities") == URL


def test_anyone_can_search_without_logging_in(world: World) -> None:
    make_opportunity(world.kenyan, title="Solar fruit dryer", summary="Dries mango slices.")
    response = Client().get(URL, {"q": "mango"})
    assert response.status_code == 200
    assert b"Solar fruit dryer" in response.content
    assert b"1 opportunity found" in response.content


def test_a_result_card_shows_the_anonymous_facts_and_links_to_the_opportunity(world: World) -> None:
    opportunity = make_opportunity(
        world.kenyan, title="Solar fruit dryer", domains=("technology",), arrangement_types=("licensing",)
    )
    page = Client().get(URL).content.decode()
    assert f'href="{opportunity.get_absolute_url()}"' in page
    for text in (
        "Offer",
        "Technology",
        "Licensing",
        "Small Firm, Kenya",
        "1030 Processing and preserving of fruit",
    ):
        assert text in page


def test_the_page_shows_no_confidential_field_of_any_owner(world: World, personas: Personas) -> None:
    for firm in (world.kenyan, world.german, world.ugandan):
        make_opportunity(firm, title=f"Offer of {firm.country_id}")
    client = client_for(personas.rheinwerk_manager, world.german.organisation)
    for response in (Client().get(URL), client.get(URL, {"country": "KEN"})):
        assert response.status_code == 200
        assert CANARY not in response.content.decode().replace(
            f"{CANARY}{world.german.pk}organisation",
            "",  # the signed-in user's own organisation, in the menu
        )


def test_facet_links_carry_counts_and_keep_the_other_filters(world: World) -> None:
    make_opportunity(world.kenyan, title="A", kind="offer")
    make_opportunity(world.kenyan, title="B", kind="request")
    page = Client().get(URL, {"q": "a", "domain": "technology"}).content.decode()
    assert '<a href="?q=a&amp;domain=technology&amp;kind=request">Request</a> (1)' in page


def test_a_chosen_facet_value_can_be_removed(world: World) -> None:
    make_opportunity(world.kenyan, title="A", kind="request")
    page = Client().get(URL, {"kind": "request"}).content.decode()
    assert '<strong aria-current="true">Request</strong> (1) <a href="?">remove' in page


def test_the_empty_state_says_nothing_is_published_yet(db: None) -> None:
    assert b"No opportunity is published yet." in Client().get(URL).content


def test_the_no_result_state_suggests_fewer_filters(world: World) -> None:
    make_opportunity(world.kenyan, title="A")
    assert b"No published opportunity matches this search." in Client().get(URL, {"q": "zebra"}).content


def test_an_unknown_filter_is_reported_and_ignored(world: World) -> None:
    make_opportunity(world.kenyan, title="Shown")
    response = Client().get(URL, {"sector": "9999", "country": "XXX", "deadline_within": "abc"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Unknown ISIC Rev.4 code: 9999." in page
    assert "Select a valid choice." in page
    assert "Enter a whole number." in page
    assert "Shown" in page


def test_the_corridor_field_is_only_offered_to_a_firm(world: World, personas: Personas) -> None:
    anonymous = Client().get(URL).content.decode()
    firm_user = client_for(personas.amani_manager, world.kenyan.organisation).get(URL).content.decode()
    assert 'type="hidden" name="corridor"' in anonymous
    assert '<select name="corridor"' in firm_user


def test_a_kenyan_firm_filters_by_corridor_on_the_page(world: World, personas: Personas) -> None:
    make_opportunity(world.german, title="German offer")
    make_opportunity(world.ugandan, title="Ugandan offer")
    client = client_for(personas.amani_manager, world.kenyan.organisation)
    page = client.get(URL, {"corridor": "north_south"}).content.decode()
    assert "German offer" in page
    assert "Ugandan offer" not in page


def test_the_pages_link_to_each_other(world: World) -> None:
    today = timezone.localdate()
    for i in range(21):
        make_opportunity(world.kenyan, title=f"Offer {i}", deadline=today + datetime.timedelta(days=10 + i))
    page = Client().get(URL, {"sort": "deadline"}).content.decode()
    assert 'href="?sort=deadline&amp;page=2">Next' in page
    assert "Offer 20" in Client().get(URL, {"sort": "deadline", "page": "2"}).content.decode()


def test_a_bad_page_number_shows_the_first_page(world: World) -> None:
    make_opportunity(world.kenyan, title="Only")
    assert b"Only" in Client().get(URL, {"page": "x"}).content


def test_the_main_menu_links_to_the_opportunities(db: None) -> None:
    assert f'href="{URL}"'.encode() in Client().get("/").content


def test_a_corridor_asked_without_a_firm_is_explained(world: World) -> None:
    page = Client().get(URL, {"corridor": "north_south"}).content.decode()
    assert "The corridor is relative to your firm&#x27;s country" in page
