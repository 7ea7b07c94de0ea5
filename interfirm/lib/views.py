"""Site-wide pages: the home page, the health check, and the answers to a page not found or a server
error (JSON under /api/, as the API answers everything else)."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

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


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: a path no URL matches, or a page that raised Http404."""
    if _is_api(request):
        return JsonResponse({"detail": "not found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: rendered without the request's context (the database may be what failed)."""
    if _is_api(request):
        return JsonResponse({"detail": "server error"}, status=500)
    return HttpResponse(loader.get_template("500.html").render(), status=500)
