"""The insights pages, exports and API: who sees what, suppression, exports equal to the page."""

from __future__ import annotations

import csv
import datetime
import io
import re
from html import unescape as html_unescape

import pytest
from django.urls import reverse

from interfirm.accounts.api_auth import hash_token, new_token_secret
from interfirm.accounts.models import ApiToken
from interfirm.insights.tests.fixtures import make_network
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(personas):
    return make_network()


def _analyst(personas):
    return client_for(personas.analyst_user, personas.analyst_user.memberships.get().organisation)


def _cells(html: str) -> list[str]:
    return [html_unescape(c) for c in re.findall(r'<td class="number">([^<]*)</td>', html)]


def _is_public_safe(value: object) -> bool:
    if value in ("<5", "x", None, "–"):
        return True
    number = float(str(value).replace(",", ""))
    return number == 0 or number >= 5


def test_the_public_dashboard_never_shows_a_count_under_five(client, network):
    response = client.get(reverse("insights:dashboard"))
    assert response.status_code == 200
    cells = _cells(response.content.decode())
    assert cells, "the page has tables"
    assert "<5" in cells
    counts = [c for c in cells if c not in ("<5", "x", "–") and "." not in c]
    assert all(int(c.replace(",", "")) == 0 or int(c.replace(",", "")) >= 5 for c in counts)


def test_the_public_json_export_has_no_value_under_five(client, network):
    for key in ("partnerships_by_corridor", "opportunities_by_kind", "expressions_by_status", "survival"):
        body = client.get(reverse("insights:export", args=[key, "json"])).json()
        for row in body["table"]["rows"]:
            assert all(_is_public_safe(v) for v in row["values"]), (key, row)


def test_public_measures_over_fewer_than_five_answers_are_hidden(client, network):
    trust = client.get(reverse("insights:export", args=["trust_trend", "json"])).json()["table"]["rows"]
    assert {r["key"]: r["values"] for r in trust} == {"2024 Q2": [4.0, 4.0, 4.2, 4.07], "2024 Q3": ["<5"] * 4}
    days = client.get(reverse("insights:export", args=["time_to_agreement", "json"])).json()["table"]["rows"]
    assert [r["values"][0] for r in days] == ["<5", "<5", "<5", "<5"]


def test_the_analyst_sees_the_exact_figures(personas, network):
    response = _analyst(personas).get(reverse("insights:full_topic", args=["partnerships"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "North-transition economy" in html
    assert '<td class="number">1</td>' in html


def test_the_operator_sees_the_full_figures(personas, network):
    client = client_for(personas.operator_user, personas.operator_user.memberships.get().organisation)
    assert client.get(reverse("insights:full")).status_code == 200


def test_the_full_figures_do_not_exist_for_a_firm(personas, network):
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get(reverse("insights:full")).status_code == 404
    assert (
        client.get(reverse("insights:full_export", args=["partnerships_by_corridor", "csv"])).status_code
        == 404
    )


def test_anonymous_visitors_are_sent_to_sign_in_for_the_full_figures(client, network):
    response = client.get(reverse("insights:full"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_csv_export_matches_the_page(client, network):
    page_cells = _cells(client.get(reverse("insights:topic", args=["partnerships"])).content.decode())
    exported: list[str] = []
    for key in (
        "partnerships_by_stage",
        "partnerships_by_arrangement",
        "partnerships_by_section",
        "partnerships_by_country",
        "partnerships_by_corridor",
        "partnerships_special_groups",
    ):
        text = client.get(reverse("insights:export", args=[key, "csv"])).content.decode()
        exported += [cell for line in list(csv.reader(io.StringIO(text)))[1:] for cell in line[2:]]
    assert exported == page_cells


def test_the_full_json_export_matches_the_full_page(personas, network):
    client = _analyst(personas)
    body = client.get(reverse("insights:full_export", args=["partnerships_by_corridor", "json"])).json()
    assert body["full"] is True
    assert {r["key"]: r["values"][0] for r in body["table"]["rows"] if r["values"][0]} == {
        "north_south": 1,
        "south_south": 1,
        "north_north": 1,
        "north_transition": 1,
        "domestic": 1,
        "total": 5,
    }


def test_an_unknown_topic_table_or_format_answers_404(client, network):
    assert client.get(reverse("insights:topic", args=["nothing"])).status_code == 404
    assert client.get(reverse("insights:export", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("insights:export", args=["series", "xml"])).status_code == 404


def test_a_bad_period_is_shown_as_an_error_not_a_crash(client, network):
    response = client.get(reverse("insights:dashboard"), {"start": "2025-01-01", "end": "2024-01-01"})
    assert response.status_code == 200
    assert "must come before its end" in response.content.decode()


def test_the_charts_are_accessible_svg(client, network):
    html = client.get(reverse("insights:dashboard")).content.decode()
    assert '<svg role="img" aria-labelledby="chart-partnerships_by_corridor-title' in html
    assert '<title id="chart-series-title">' in html


# API -----------------------------------------------------------------------------------------------


def _token(user, organisation) -> str:
    secret = new_token_secret()
    ApiToken.objects.create(user=user, organisation=organisation, name="t", key_hash=hash_token(secret))
    return secret


def test_the_public_api_is_suppressed(client, network):
    body = client.get("/api/insights/", {"topic": "partnerships"}).json()
    assert body["full"] is False
    corridor = next(t for t in body["tables"] if t["key"] == "partnerships_by_corridor")
    assert {r["key"]: r["values"][0] for r in corridor["rows"]}["north_south"] == "<5"


def test_the_full_api_answers_an_analyst_token(personas, network, client):
    organisation = personas.analyst_user.memberships.get().organisation
    secret = _token(personas.analyst_user, organisation)
    body = client.get(
        "/api/insights/full", {"topic": "partnerships"}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    ).json()
    corridor = next(t for t in body["tables"] if t["key"] == "partnerships_by_corridor")
    assert {r["key"]: r["values"][0] for r in corridor["rows"]}["north_south"] == 1


def test_the_full_api_answers_404_to_a_firm_token_and_401_without_one(personas, network, client):
    secret = _token(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get("/api/insights/full", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 404
    assert client.get("/api/insights/full").status_code == 401


def test_a_bad_period_in_the_api_answers_422(client, network):
    assert client.get("/api/insights/", {"start": "not-a-date"}).status_code == 422
    assert client.get("/api/insights/", {"start": "2025-01-01", "end": "2024-01-01"}).status_code == 422


@pytest.mark.parametrize(
    "params,field",
    [
        ({"start": "0001-01-01", "end": "9999-12-31"}, "start"),
        ({"start": "1899-12-31"}, "start"),
        ({"end": "9999-12-31"}, "end"),
    ],
)
def test_a_period_out_of_range_is_refused_not_computed(client, network, params, field):
    # A period of thousands of years would be a series of thousands of empty buckets.
    latest = datetime.date.today().year + 10
    message = f"Give a date from 1900 to {latest}."
    page = client.get(reverse("insights:dashboard"), params)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert len(page.content) < 500_000
    answer = client.get("/api/insights/", params)
    assert answer.status_code == 422
    assert {"field": field, "message": message, "type": "value_error"} in answer.json()["errors"]


def test_the_api_names_the_end_of_a_reversed_period(client, network):
    answer = client.get("/api/insights/", {"start": "2025-01-01", "end": "2024-01-01"})
    assert answer.json()["errors"] == [
        {
            "field": "end",
            "message": "The start of the period must come before its end.",
            "type": "value_error",
        }
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(
    "params",
    [
        {"start": "0001-01-01", "end": "9999-12-31"},
        {"start": "2020-01-01", "end": "2019-01-01"},
        {"start": "abc"},
    ],
)
def test_an_export_of_a_bad_period_answers_422_with_the_reason_not_the_whole_history(
    client, network, fmt, params
):
    response = client.get(reverse("insights:export", args=["partnerships_by_country", fmt]), params)
    assert response.status_code == 422
    body = response.content.decode()
    assert ("start" in body or "end" in body) and "DEU" not in body
