"""``{% matching_dashboard %}``: the suggested partners block of the dashboard."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from interfirm.accounts.models import OrganisationKind

register = template.Library()
DASHBOARD_SUGGESTIONS = 3


@register.inclusion_tag("matching/_dashboard.html", takes_context=True)
def matching_dashboard(context: Any) -> dict[str, Any]:
    """Return the few best suggestions of the acting firm, or the link to the portfolio's."""
    from interfirm.matching.selectors import suggestions_for_viewer, viewer_firm_get

    request = context.get("request")
    membership = getattr(request, "membership", None) if request is not None else None
    found: dict[str, Any] = {
        "suggestions": [],
        "empty_reason": "",
        "url": reverse("matching:firm_suggestions"),
    }
    if membership and membership.organisation.kind == OrganisationKind.INTERMEDIARY:
        found["empty_reason"] = _(
            "See the best suggestions for every firm of your portfolio, and forward them."
        )
        return found
    if not membership or membership.organisation.kind != OrganisationKind.FIRM:
        return found
    try:
        firm = viewer_firm_get(user=request.user, membership=membership, reference=None)
    except Http404:
        return found
    views, reason = suggestions_for_viewer(user=request.user, viewer_firm=firm)
    found.update(suggestions=views[:DASHBOARD_SUGGESTIONS], empty_reason=reason)
    return found
