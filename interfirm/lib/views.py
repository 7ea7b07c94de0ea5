"""Site-wide pages: the home page and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from interfirm.lib.access import public


@public
def home(request: HttpRequest) -> HttpResponse:
    from interfirm.firms.selectors import firm_public_counts
    from interfirm.intermediaries.selectors import intermediary_public_counts

    return render(
        request,
        "home.html",
        {"firm_counts": firm_public_counts(), "intermediary_counts": intermediary_public_counts()},
    )


@public
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
