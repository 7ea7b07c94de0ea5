"""The JSON API: one NinjaAPI, one router per app (``interfirm/<app>/api.py``).

Authentication: a personal API token (``Authorization: Bearer <token>``) or the browser session
(with CSRF). Each operation declares its access in the same three classes as the pages: public
(``auth=None``), authenticated, or role-restricted (checked in the operation through selectors).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from interfirm.accounts.api_auth import api_auth

api = NinjaAPI(
    title="interfirm API",
    version="1",
    description="Partnering exchange: reference data, intermediary directory, firm profiles.",
    auth=api_auth,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Answer 422 with each error naming its field (``loc``) and the reason."""
    errors: list[dict[str, Any]] = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", [])]
        # Drop the location and the schema's parameter name, not a field that happens to be called "body".
        if loc and loc[0] in ("body", "query", "path", "header", "cookie", "form"):
            loc = loc[1:]
        if loc and loc[0] == "payload":
            loc = loc[1:]
        errors.append(
            {"field": ".".join(loc), "message": error.get("msg", "invalid value"), "type": error.get("type")}
        )
    return api.create_response(request, {"detail": "invalid input", "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "authentication required"}, status=401)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Answer 404 the same way whatever the cause (never naming what was looked up, DEBUG or not)."""
    return api.create_response(request, {"detail": "not found"}, status=404)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _register_routers() -> None:
    from interfirm.accounts.api import router as accounts_router
    from interfirm.cases.api import router as cases_router
    from interfirm.firms.api import router as firms_router
    from interfirm.geo.api import router as geo_router
    from interfirm.insights.api import router as insights_router
    from interfirm.instruments.api import router as instruments_router
    from interfirm.intermediaries.api import router as intermediaries_router
    from interfirm.introductions.api import router as introductions_router
    from interfirm.matching.api import router as matching_router
    from interfirm.notifications.api import router as notifications_router
    from interfirm.opportunities.api import router as opportunities_router
    from interfirm.partnerships.api import router as partnerships_router
    from interfirm.readiness.api import router as readiness_router
    from interfirm.search.api import router as search_router
    from interfirm.sectors.api import router as sectors_router
    from interfirm.transfer.api import router as transfer_router

    api.add_router("/reference/", geo_router)
    api.add_router("/reference/", sectors_router)
    api.add_router("/directory/", intermediaries_router)
    api.add_router("/accounts/", accounts_router)
    api.add_router("/firms/", firms_router)
    api.add_router("/opportunities/", opportunities_router)
    api.add_router("/search/", search_router)
    api.add_router("/introductions/", introductions_router)
    api.add_router("/notifications/", notifications_router)
    api.add_router("/transfer/", transfer_router)
    api.add_router("/readiness/", readiness_router)
    api.add_router("/instruments/", instruments_router)
    api.add_router("/partnerships/", partnerships_router)
    api.add_router("/cases/", cases_router)
    api.add_router("/insights/", insights_router)
    api.add_router("/matching/", matching_router)


_register_routers()
