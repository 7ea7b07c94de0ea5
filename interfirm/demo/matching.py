"""The demo's matching: a few saved searches for the demo users, then the index built and the
suggestions of the firm manager's firm computed, so that its dashboard shows partners at once."""

from __future__ import annotations

import datetime

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.demo.generator import DEMO_DOMAIN
from interfirm.matching.services import matching_rebuild, saved_search_create, suggestions_compute_for_firms

# (user e-mail, name, query string of the search page, frequency)
SAVED_SEARCHES: tuple[tuple[str, str, str, str], ...] = (
    (f"firm.manager@{DEMO_DOMAIN}", "Enzyme and biotech licences", "q=enzymes&kind=offer", "weekly"),
    (
        f"firm.manager@{DEMO_DOMAIN}",
        "Distribution partners in Africa",
        "domain=marketing&region=002",
        "daily",
    ),
    (
        f"intermediary.manager@{DEMO_DOMAIN}",
        "Food processing technology",
        "sector=C&domain=technology",
        "weekly",
    ),
    (
        f"intermediary.manager@{DEMO_DOMAIN}",
        "South-South production",
        "domain=production&economy_group=developing",
        "daily",
    ),
)


def demo_matching(*, today: datetime.date) -> int:
    """Save the demo users' searches, build the index and compute the demo logins' suggestions; return
    how many saved searches were made."""
    del today  # saved searches carry no date of their own; their digests start from now
    made = 0
    firm_ids: list[int] = []
    for email, name, query, frequency in SAVED_SEARCHES:
        membership = (
            Membership.objects.filter(user__email=email).select_related("organisation", "user").first()
        )
        if membership is None:
            continue
        saved_search_create(
            actor=membership.user,
            acting_for=membership.organisation,
            name=name,
            query=query,
            frequency=frequency,
        )
        made += 1
        if membership.organisation.kind == OrganisationKind.FIRM:
            firm_ids.append(membership.organisation.firm.pk)
    matching_rebuild(precompute=False)
    suggestions_compute_for_firms(firm_ids=sorted(set(firm_ids)))
    return made
