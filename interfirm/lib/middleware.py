"""Site-wide middleware: the API answers in JSON whatever turns a request away; a NUL character is
turned away wherever it comes."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class ApiMethodNotAllowedMiddleware:
    """Under /api/, a method the endpoint does not take answers JSON 405 (with its Allow header),
    as every other refusal of the API does; the router's own answer is a bare HTML page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            answer = JsonResponse({"detail": "method not allowed"}, status=405)
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response


NUL = "\x00"


def _nul_in_json(value: object, path: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """Return the path of the first key or string of ``value`` that holds a NUL, or None."""
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if NUL in str(key):
                return (*path, str(key))
            found = _nul_in_json(item, (*path, str(key)))
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_in_json(item, (*path, index))
            if found is not None:
                return found
    return None


def _nul_location(request: HttpRequest) -> tuple[str | int, ...] | None:
    """Where the request holds a NUL character: ("path",), ("query", name), ("form", name) or
    ("body", *json path); None when it holds none. Uploaded files are not looked into."""
    if NUL in request.path:
        return ("path",)
    sources = [("query", request.GET)]
    if request.method == "POST":
        sources.append(("form", request.POST))
    for where, data in sources:
        for name, values in data.lists():
            if NUL in name or any(NUL in value for value in values):
                return (where, name.replace(NUL, "\\0"))
    if request.content_type == "application/json" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            return None  # the API answers malformed JSON itself
        found = _nul_in_json(body)
        if found is not None:
            return ("body", *found)
    return None


class NulCharacterMiddleware:
    """A NUL character in an address, a parameter, a form field or a JSON body is refused before any
    view sees it: no text may hold one (PostgreSQL refuses it in a query: a 500 where a view looked
    something up by it), and no keyboard types one. The API answers 422 naming the field, a page 400
    naming it; nothing is stored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        location = _nul_location(request)
        if location is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):  # as the API answers any invalid input (config/api.py)
            error = {
                "field": ".".join(str(part) for part in location[1:]) or location[0],
                "message": "holds a NUL character (\\0), which no text may hold",
                "type": "nul_character",
            }
            return JsonResponse({"detail": "invalid input", "errors": [error]}, status=422)
        field = str(location[-1]) if len(location) > 1 else _("the address")
        return render(request, "400.html", {"field": field}, status=400)
