"""Attach the organisation the signed-in user is acting for to each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from interfirm.accounts.selectors import active_membership


class ActiveOrganisationMiddleware:
    """Set ``request.membership`` (or None): the user's membership in the organisation chosen in the
    session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = SimpleLazyObject(lambda: active_membership(request))  # type: ignore[attr-defined]
        return self.get_response(request)
