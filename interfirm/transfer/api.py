"""Exports in the JSON API, under /api/transfer/.

- ``GET /firm-export``: everything the platform holds about the acting firm (its members only).
- ``GET /opportunities.csv``: the opportunities the acting firm or intermediary manages, as CSV in the
  columns of the import.

Both need an API token or a session; anyone else acting for another kind of organisation gets 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.transfer import exports
from interfirm.transfer.views import _csv_response

router = Router(tags=["transfer"])


def _membership(request: HttpRequest) -> Membership | None:
    return getattr(request, "membership", None) or None


@router.get("/firm-export", response=dict[str, Any], summary="Export the acting firm's data")
def firm_export(request: HttpRequest) -> dict[str, Any]:
    """Return the acting firm's whole profile, contacts, representations, opportunities and
    expressions of interest; counterparts' identities only where an expression was accepted."""
    from interfirm.firms.selectors import firm_for_membership

    firm = firm_for_membership(_membership(request))
    return exports.firm_export(firm=firm)


@router.get("/opportunities.csv", summary="Export the opportunities one manages (CSV)")
def opportunities_csv(request: HttpRequest) -> HttpResponse:
    """Return the opportunities the acting organisation manages, in the columns of the import."""
    from interfirm.opportunities.selectors import opportunities_for_membership

    membership = _membership(request)
    if membership is None or membership.organisation.kind not in (
        OrganisationKind.FIRM,
        OrganisationKind.INTERMEDIARY,
    ):
        raise Http404
    rows = exports.opportunities_csv_rows(
        organisation=membership.organisation,
        opportunities=opportunities_for_membership(membership=membership),
    )
    return _csv_response([exports.opportunities_csv_header(), *rows], "interfirm-opportunities.csv")
