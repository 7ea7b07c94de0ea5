"""A page not found answers with the site's own page, and under /api/ with JSON, as the API answers
everything else; a server error likewise."""

from __future__ import annotations

import pytest
from django.test import Client

from interfirm.lib import views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/introductions/abc",  # an integer route given a word: no URL matches
        "/api/no-such-endpoint",
        "/api/partnerships/PA00000000/milestones/abc/confirm",
    ],
)
def test_an_api_path_no_url_matches_answers_json_404(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "not found"}


def test_an_api_object_not_found_answers_without_naming_it(client: Client, settings):
    settings.DEBUG = True  # ninja's own answer would append the lookup's message
    response = client.get("/api/opportunities/OP00000000")
    assert response.status_code == 404
    assert response.json() == {"detail": "not found"}


def test_a_page_not_found_is_the_sites_page_in_the_users_language(client: Client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html and 'href="/search/"' in html
    french = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 404
    assert "Page not found" not in french.content.decode()


def test_a_server_error_page_needs_no_database_and_api_errors_are_json(rf):
    page = views.server_error(rf.get("/firms/"))
    assert page.status_code == 500 and b"Something went wrong" in page.content
    answer = views.server_error(rf.get("/api/firms/me"))
    assert answer.status_code == 500 and answer["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "method,url",
    [
        ("delete", "/api/opportunities/OP00000000"),
        ("post", "/api/insights/"),
        ("put", "/api/reference/countries"),
    ],
)
def test_a_method_an_api_endpoint_does_not_take_answers_json_405(client: Client, method: str, url: str):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response.json() == {"detail": "method not allowed"}
    assert response.has_header("Allow")
