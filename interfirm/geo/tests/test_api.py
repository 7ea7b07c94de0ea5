from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def codes(response: Any) -> list[str]:
    return [row["iso3"] for row in response.json()]


def test_countries_filter_by_region_and_economy_group() -> None:
    response = Client().get("/api/reference/countries", {"region": "Europe", "economy_group": "transition"})
    assert sorted(codes(response)) == ["ALB", "BIH", "BLR", "MDA", "MKD", "MNE", "RUS", "SRB", "UKR", "XKX"]


def test_countries_filter_by_group_on_a_date() -> None:
    before = codes(Client().get("/api/reference/countries", {"group": "LDC", "on": "2026-11-01"}))
    after = codes(Client().get("/api/reference/countries", {"group": "LDC", "on": "2026-12-01"}))
    assert sorted(set(before) - set(after)) == ["BGD", "LAO", "NPL"]


def test_countries_list_the_groups_in_force_on_the_date() -> None:
    rows = Client().get("/api/reference/countries", {"group": "SIDS", "on": "2024-06-01"}).json()
    assert next(row["groups"] for row in rows if row["iso3"] == "STP") == ["LDC", "SIDS"]


def test_countries_refuse_a_bad_date_naming_the_field() -> None:
    response = Client().get("/api/reference/countries", {"on": "2026-02-30"})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["on"])


def test_countries_refuse_an_unknown_group_naming_the_field() -> None:
    response = Client().get("/api/reference/countries", {"group": "G77"})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["group"])


def test_a_country_shows_its_dated_memberships() -> None:
    body = Client().get("/api/reference/countries/bgd").json()
    assert body["memberships"] == [
        {
            "group": "LDC",
            "since": None,
            "until": "2026-11-24",
            "source": "UN CDP: graduation on 24 November 2026 (GA resolution 76/8)",
        }
    ]


def test_an_unknown_country_is_a_404() -> None:
    assert Client().get("/api/reference/countries/XXX").status_code == 404


def test_the_corridor_of_kenya_and_germany_is_north_south() -> None:
    body = Client().get("/api/reference/corridor", {"a": "KEN", "b": "DEU", "on": "2026-01-01"}).json()
    assert (body["kind"], body["label"], body["involves_ldc"], body["a"]["iso3"], body["on"]) == (
        "north_south",
        "North-South",
        False,
        "KEN",
        "2026-01-01",
    )


def test_the_corridor_reads_ldc_membership_on_the_date() -> None:
    body = Client().get("/api/reference/corridor", {"a": "bgd", "b": "deu", "on": "2026-11-01"}).json()
    assert body["involves_ldc"] is True


def test_the_corridor_names_each_unknown_country_code() -> None:
    response = Client().get("/api/reference/corridor", {"a": "XXK", "b": "YYY"})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["a", "b"])


def test_the_corridor_names_a_bad_date() -> None:
    response = Client().get("/api/reference/corridor", {"a": "KEN", "b": "DEU", "on": "yesterday"})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["on"])


def test_the_corridor_requires_both_countries() -> None:
    response = Client().get("/api/reference/corridor", {"a": "KEN"})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["b"])
