"""Every URL of the site is classified as public, authenticated or role-restricted, and behaves so.

A new page that forgets its access decorator fails here; so does an API operation that writes
without authentication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api
from interfirm.lib.access import AUTHENTICATED, PUBLIC, ROLE, access_of
from interfirm.testing import client_for, make_user


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    namespace: str
    callback: Any


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[Route]:
    routes: list[Route] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            routes += _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            routes.append(
                Route(prefix + str(pattern.pattern), pattern.name or "", namespace, pattern.callback)
            )
    return routes


ROUTES = _walk(get_resolver().url_patterns)
SITE_ROUTES = [r for r in ROUTES if not r.namespace.startswith(("admin", "api"))]


def _example_path(route: str) -> str:
    """Fill a route's parameters with values that name nothing."""
    path = re.sub(r"<(?:int:)?[a-z_]*id>|<int:[a-z_]+>", "999999", route)
    path = re.sub(r"<(?:str|slug|uuid|path)?:?[a-z_]+>", "nothing-here", path)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


def test_the_site_has_pages_to_check():
    assert len(SITE_ROUTES) > 20


@pytest.mark.parametrize("route", SITE_ROUTES, ids=lambda r: r.route or "/")
def test_every_page_declares_who_may_reach_it(route: Route):
    assert access_of(route.callback) in {PUBLIC, AUTHENTICATED, ROLE}, (
        f"{route.route} ({route.name}) has no access decorator from interfirm.lib.access"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in SITE_ROUTES if access_of(r.callback) in {AUTHENTICATED, ROLE}], ids=lambda r: r.route
)
def test_private_pages_send_anonymous_visitors_to_sign_in(client, route: Route):
    response = client.get(_example_path(route.route))
    assert response.status_code in {302, 405}
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in SITE_ROUTES if access_of(r.callback) == ROLE], ids=lambda r: r.route
)
def test_role_pages_do_not_exist_for_a_user_without_the_role(route: Route):
    loner = make_user("nobody@example.org")
    response = client_for(loner).get(_example_path(route.route))
    assert response.status_code in {404, 405}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route",
    [r for r in SITE_ROUTES if access_of(r.callback) == PUBLIC and "<" not in r.route],
    ids=lambda r: r.route or "/",
)
def test_public_pages_answer_without_error(client, route: Route):
    response = client.get("/" + route.route)
    assert response.status_code in {200, 302, 405}


def _api_operations() -> list[tuple[str, str, Any]]:
    operations = []
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    operations.append((method, bound.prefix + path, operation))
    return operations


API_OPERATIONS = _api_operations()


def test_the_api_has_operations_to_check():
    assert len(API_OPERATIONS) > 10


@pytest.mark.parametrize(
    "method,path,operation", API_OPERATIONS, ids=lambda v: v if isinstance(v, str) else ""
)
def test_api_operations_that_write_require_authentication(method: str, path: str, operation: Any):
    if method != "GET":
        assert operation.auth_callbacks, f"{method} {path} writes without authentication"


@pytest.mark.django_db
def test_admin_is_closed_to_anonymous_visitors(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_admin_is_closed_to_firm_users(personas):
    response = client_for(personas.amani_manager).get("/admin/")
    assert response.status_code == 302


def test_openapi_document_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "interfirm API"
