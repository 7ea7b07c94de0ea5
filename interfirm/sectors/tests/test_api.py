from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_isic_lists_the_sections() -> None:
    response = Client().get("/api/reference/isic", {"level": "section"})
    assert [row["code"] for row in response.json()][:3] == ["A", "B", "C"]
    assert len(response.json()) == 21


def test_isic_lists_the_children_of_a_parent() -> None:
    response = Client().get("/api/reference/isic", {"parent": "103"})
    assert response.json() == [
        {
            "code": "1030",
            "level": "class",
            "title": "Processing and preserving of fruit and vegetables",
            "section": "C",
            "parent": "103",
        }
    ]


def test_isic_searches_the_titles() -> None:
    response = Client().get("/api/reference/isic", {"q": "dairy"})
    assert [row["code"] for row in response.json()] == ["105", "1050"]


def test_isic_text_search_can_be_limited_to_a_level() -> None:
    response = Client().get("/api/reference/isic", {"q": "fruit", "level": "group"})
    assert [row["code"] for row in response.json()] == ["103"]


def test_isic_refuses_an_unknown_level_naming_the_field() -> None:
    response = Client().get("/api/reference/isic", {"level": "subclass"})
    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (422, ["level"])


def test_an_isic_code_comes_with_its_ancestors_and_children() -> None:
    body = Client().get("/api/reference/isic/10").json()
    assert ([a["code"] for a in body["ancestors"]], [c["code"] for c in body["children"]]) == (
        ["C"],
        ["101", "102", "103", "104", "105", "106", "107", "108"],
    )


def test_an_unknown_isic_code_is_a_404() -> None:
    assert Client().get("/api/reference/isic/9999").status_code == 404


def test_nace_10_39_corresponds_to_isic_1030() -> None:
    body = Client().get("/api/reference/nace/10.39/isic").json()
    assert [row["code"] for row in body["isic"]] == ["1030"]


def test_an_unknown_nace_code_is_a_404() -> None:
    assert Client().get("/api/reference/nace/99.99/isic").status_code == 404
