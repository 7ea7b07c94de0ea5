from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_country_list_is_public_and_filters_by_group_on_a_date() -> None:
    response = Client().get(reverse("geo:countries"), {"group": "LDC", "on": "2026-12-01"})
    names = [country.name for country, _groups in response.context["rows"]]
    assert (response.status_code, "Bangladesh" in names, "Afghanistan" in names) == (200, False, True)


def test_the_country_list_filters_by_region_and_economy_group() -> None:
    response = Client().get(reverse("geo:countries"), {"region": "Oceania", "economy_group": "developed"})
    assert [country.iso3 for country, _groups in response.context["rows"]] == ["AUS", "NZL"]


def test_the_country_list_reports_a_bad_filter_and_ignores_it() -> None:
    response = Client().get(
        reverse("geo:countries"), {"group": "G77", "region": "Oceania", "economy_group": "developed"}
    )
    assert (list(response.context["form"].errors), len(response.context["rows"])) == (["group"], 2)


def test_a_country_page_shows_its_memberships_with_dates() -> None:
    response = Client().get(reverse("geo:country", args=["STP"]))
    assert b"2024-12-13" in response.content


def test_an_unknown_country_page_is_a_404() -> None:
    assert Client().get(reverse("geo:country", args=["XXX"])).status_code == 404


def test_the_corridor_page_shows_the_corridor_of_two_countries() -> None:
    response = Client().get(reverse("geo:corridor"), {"a": "KEN", "b": "DEU", "on": "2026-01-01"})
    assert str(response.context["result"]["corridor"].label) == "North-South"


def test_the_corridor_page_marks_an_ldc_on_the_date() -> None:
    response = Client().get(reverse("geo:corridor"), {"a": "BGD", "b": "DEU", "on": "2026-11-01"})
    assert response.context["result"]["corridor"].involves_ldc is True


def test_the_corridor_page_names_an_unknown_country() -> None:
    response = Client().get(reverse("geo:corridor"), {"a": "KEN", "b": "XXX"})
    assert (response.status_code, list(response.context["form"].errors), response.context["result"]) == (
        200,
        ["b"],
        None,
    )


def test_the_reference_root_leads_to_the_countries() -> None:
    response = Client().get("/reference/")
    assert (response.status_code, response["Location"]) == (302, reverse("geo:countries"))
