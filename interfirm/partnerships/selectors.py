"""Reads of partnerships across the permission boundary, survival, and the series the charts draw.

Who sees a partnership: the members of its parties' firms, the members of the intermediaries linked to
it or actively representing one of its parties, and operators. Everyone else gets ``Http404``.
Within the record, each party's identity follows ``firms.selectors.user_can_see_identity``: parties of
an accepted introduction see each other, an intermediary sees the firms it represents, and any other
party is shown by its anonymous profile.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Firm, Representation
from interfirm.firms.selectors import AnonymousFirmProfile, firm_anonymous_profile, user_can_see_identity
from interfirm.partnerships.models import (
    ENDING_STAGES,
    CheckIn,
    Milestone,
    Partnership,
    PartnershipParty,
    PartnershipStage,
)
from interfirm.partnerships.warnings import CheckInPoint, History, MilestonePoint

__all__ = [
    "PartyView",
    "Viewer",
    "add_months",
    "checkin_open_for_party",
    "history_of",
    "partnership_get_for_user",
    "partnership_viewer",
    "partnerships_for_membership",
    "party_views",
    "survival",
]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return ``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _queryset() -> QuerySet[Partnership]:
    return Partnership.objects.select_related("opportunity", "expression", "recorded_by_intermediary")


def _organisation_firm_ids(organisation_id: int) -> set[int]:
    """Return the firms an organisation acts for: its own, and those it actively represents."""
    ids = set(Firm.objects.filter(organisation_id=organisation_id).values_list("pk", flat=True))
    ids |= set(
        Representation.objects.filter(
            intermediary__organisation_id=organisation_id, ended_at__isnull=True
        ).values_list("firm_id", flat=True)
    )
    return ids


@dataclass(frozen=True)
class Viewer:
    """How the acting organisation stands in a partnership."""

    party_ids: frozenset[int]
    intermediary_id: int | None
    operator: bool

    @property
    def is_party(self) -> bool:
        return bool(self.party_ids)

    @property
    def is_intermediary(self) -> bool:
        return self.intermediary_id is not None

    @property
    def may_act(self) -> bool:
        return self.is_party or self.is_intermediary or self.operator


def partnership_viewer(*, user: Any, membership: Membership | None, partnership: Partnership) -> Viewer:
    """Return the parties the acting organisation acts for in ``partnership``, whether it is one of the
    partnership's intermediaries (or represents a party), and whether the user is an operator."""
    operator = bool(user is not None and user.is_authenticated and is_operator(user))
    if not membership:
        return Viewer(frozenset(), None, operator)
    organisation_id = membership.organisation_id
    firm_ids = _organisation_firm_ids(organisation_id)
    parties = list(partnership.parties.values_list("pk", "firm_id"))
    party_ids = frozenset(pk for pk, firm_id in parties if firm_id in firm_ids)
    intermediary_id: int | None = None
    if membership.organisation.kind == OrganisationKind.INTERMEDIARY:
        from interfirm.intermediaries.models import Intermediary

        intermediary = Intermediary.objects.filter(organisation_id=organisation_id).first()
        if intermediary is not None and (
            party_ids or partnership.intermediaries.filter(intermediary=intermediary).exists()
        ):
            intermediary_id = intermediary.pk
    return Viewer(party_ids, intermediary_id, operator)


def partnership_get_for_user(*, user: Any, membership: Membership | None, reference: str) -> Partnership:
    """Return the partnership with ``reference`` if the user may see it; ``Http404`` otherwise."""
    partnership = _queryset().filter(reference=reference).first()
    if partnership is None:
        raise Http404
    viewer = partnership_viewer(user=user, membership=membership, partnership=partnership)
    if not viewer.may_act:
        raise Http404
    return partnership


def partnerships_for_membership(*, user: Any, membership: Membership | None) -> QuerySet[Partnership]:
    """Return the partnerships the acting organisation takes part in or follows (operators acting for
    the operator organisation: all of them). Newest first."""
    if not membership:
        return Partnership.objects.none()
    if membership.organisation.kind == OrganisationKind.OPERATOR and is_operator(user):
        return _queryset().all()
    firm_ids = _organisation_firm_ids(membership.organisation_id)
    condition = Q(parties__firm_id__in=firm_ids) | Q(
        intermediaries__intermediary__organisation_id=membership.organisation_id
    )
    return _queryset().filter(condition).distinct()


# What the viewer sees of each party -----------------------------------------------------------------


@dataclass(frozen=True)
class PartyView:
    party: PartnershipParty
    revealed: bool
    yours: bool
    profile: AnonymousFirmProfile

    @property
    def label(self) -> str:
        firm = self.party.firm
        if self.revealed:
            return firm.trade_name or firm.legal_name
        from interfirm.introductions.selectors import firm_anonymous_description

        description = firm_anonymous_description(firm)
        return f"{firm.reference}: {description}"


def party_views(*, user: Any, viewer: Viewer, partnership: Partnership) -> list[PartyView]:
    """Return every party as ``user`` may see it: by name where ``user_can_see_identity`` allows it,
    by its anonymous profile otherwise."""
    parties = partnership.parties.select_related("firm", "firm__country").prefetch_related("firm__sectors")
    return [
        PartyView(
            party=party,
            revealed=user_can_see_identity(user, party.firm),
            yours=party.pk in viewer.party_ids,
            profile=firm_anonymous_profile(party.firm),
        )
        for party in parties
    ]


# Check-ins ------------------------------------------------------------------------------------------


def checkin_open_for_party(*, party: PartnershipParty) -> CheckIn | None:
    """Return the party's oldest unanswered check-in, if any."""
    return CheckIn.objects.filter(party=party, submitted_at__isnull=True).order_by("due_on", "pk").first()


def history_of(partnership: Partnership) -> History:
    """Return the plain history the early-warning rules read (``warnings.early_warnings``)."""
    check_ins = [
        CheckInPoint(
            id=c.pk,
            party_id=c.party_id,
            due_on=c.due_on,
            submitted_on=timezone.localdate(c.submitted_at) if c.submitted_at else None,
            satisfaction=c.satisfaction,
            contractual=c.trust_contractual,
            goodwill=c.trust_goodwill,
            competence=c.trust_competence,
        )
        for c in CheckIn.objects.filter(partnership=partnership).order_by("due_on", "pk")
    ]
    milestones = [
        MilestonePoint(id=m.pk, title=m.title, due_on=m.due_on, done_on=m.done_on)
        for m in Milestone.objects.filter(partnership=partnership)
    ]
    return History(check_ins=check_ins, milestones=milestones)


# Survival -------------------------------------------------------------------------------------------


def survival(partnership: Partnership, months: int, *, today: datetime.date | None = None) -> bool | None:
    """Return whether ``partnership`` was still going ``months`` months after its agreement was signed.

    None when it is not known: no agreement was ever signed, or the date is still in the future. True
    when the partnership had not ended by then, or ended by being completed (its purpose fulfilled; a
    renewal is not an end). False when it was terminated or failed before that date.
    """
    if partnership.agreement_signed_on is None:
        return None
    horizon = add_months(partnership.agreement_signed_on, months)
    today = today or timezone.localdate()
    ended_on = partnership.ended_on if partnership.stage in ENDING_STAGES else None
    if ended_on is not None and ended_on < horizon:
        return partnership.stage == PartnershipStage.COMPLETED
    if horizon > today:
        return None
    return True
