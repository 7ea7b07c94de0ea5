"""Reads of expressions of interest across the permission boundary.

An expression of interest has two sides: the *interested* firm (``eoi.firm``) and the *owner* of the
opportunity (``eoi.opportunity.firm``). An organisation is on a side when it is that firm, or an
intermediary actively representing it. Only the organisations on a side, and operators, may see an
expression at all; until the owner accepts, each side sees the other only as an anonymous profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Firm, Representation
from interfirm.firms.selectors import AnonymousFirmProfile, firm_anonymous_profile
from interfirm.introductions.models import EoiStatus, ExpressionOfInterest, Side

if TYPE_CHECKING:
    from interfirm.intermediaries.models import Intermediary
    from interfirm.opportunities.models import Opportunity

__all__ = [
    "Counterpart",
    "FirmContact",
    "FirmIdentity",
    "accepted_counterpart_organisation_ids",
    "eoi_counterpart_view",
    "eoi_get_for_user",
    "eoi_party_view",
    "eoi_sides_of_organisation",
    "eois_for_intermediary",
    "eois_open_count",
    "eois_received",
    "eois_sent",
    "firm_anonymous_description",
    "introduced_firm_ids",
    "user_is_introduced_to",
]


def _eoi_queryset() -> QuerySet[ExpressionOfInterest]:
    return ExpressionOfInterest.objects.select_related(
        "firm",
        "firm__country",
        "firm__organisation",
        "opportunity",
        "opportunity__firm",
        "opportunity__firm__country",
    ).prefetch_related("firm__sectors", "opportunity__firm__sectors")


def _other(side: str) -> str:
    return Side.OWNER if side == Side.INTERESTED else Side.INTERESTED


def _firm_of_side(eoi: ExpressionOfInterest, side: str) -> Firm:
    return eoi.opportunity.firm if side == Side.OWNER else eoi.firm


# Sides ----------------------------------------------------------------------------------------------


def eoi_sides_of_organisation(eoi: ExpressionOfInterest, organisation_id: int | None) -> frozenset[str]:
    """Return the sides (``Side``) of ``eoi`` the organisation stands on: none, one, or both (an
    intermediary representing both firms)."""
    if organisation_id is None:
        return frozenset()
    owner = eoi.opportunity.firm
    sides: set[str] = set()
    if organisation_id == eoi.firm.organisation_id:
        sides.add(Side.INTERESTED)
    if organisation_id == owner.organisation_id:
        sides.add(Side.OWNER)
    represented = set(
        Representation.objects.filter(
            firm_id__in=[eoi.firm_id, owner.pk],
            ended_at__isnull=True,
            intermediary__organisation_id=organisation_id,
        ).values_list("firm_id", flat=True)
    )
    if eoi.firm_id in represented:
        sides.add(Side.INTERESTED)
    if owner.pk in represented:
        sides.add(Side.OWNER)
    return frozenset(sides)


def eoi_get_for_user(*, user: Any, membership: Membership | None, pk: int) -> ExpressionOfInterest:
    """Return expression ``pk`` if the acting organisation is on one of its sides, or the user is an
    operator; ``Http404`` otherwise."""
    eoi = _eoi_queryset().filter(pk=pk).first()
    if eoi is None:
        raise Http404
    if is_operator(user):
        return eoi
    if not membership or not eoi_sides_of_organisation(eoi, membership.organisation_id):
        raise Http404
    return eoi


# What each side sees of the other -------------------------------------------------------------------


@dataclass(frozen=True)
class FirmContact:
    name: str
    position: str
    email: str
    phone: str


@dataclass(frozen=True)
class FirmIdentity:
    """A firm's identity and contacts: shown to the counterpart only after acceptance."""

    reference: str
    legal_name: str
    trade_name: str
    city: str
    address: str
    website: str
    email: str
    phone: str
    contacts: tuple[FirmContact, ...]

    @property
    def name(self) -> str:
        return self.trade_name or self.legal_name


@dataclass(frozen=True)
class Counterpart:
    """One side of an expression as another party sees it.

    ``identity`` is None unless ``revealed``; ``description`` ("a small firm from Kenya (…)") names
    nothing and is what notifications and lists say before acceptance.
    """

    side: str
    revealed: bool
    description: str
    profile: AnonymousFirmProfile
    identity: FirmIdentity | None

    @property
    def label(self) -> str:
        return self.identity.name if self.identity is not None else self.description


def firm_anonymous_description(firm: Firm) -> str:
    """Return a phrase that describes ``firm`` without naming it: "a small firm from Kenya (…)"."""
    sectors = sorted(firm.sectors.all(), key=lambda s: s.code)
    country = firm.country.label
    size = str(firm.get_size_class_display()).lower() if firm.size_class else ""
    if size and sectors:
        return _("a %(size)s firm from %(country)s (%(sector)s)") % {
            "size": size,
            "country": country,
            "sector": sectors[0].title[:1].lower() + sectors[0].title[1:],
        }
    if size:
        return _("a %(size)s firm from %(country)s") % {"size": size, "country": country}
    if sectors:
        return _("a firm from %(country)s (%(sector)s)") % {
            "country": country,
            "sector": sectors[0].title[:1].lower() + sectors[0].title[1:],
        }
    return _("a firm from %(country)s") % {"country": country}


def _identity(firm: Firm) -> FirmIdentity:
    return FirmIdentity(
        reference=firm.reference,
        legal_name=firm.legal_name,
        trade_name=firm.trade_name,
        city=firm.city,
        address=firm.address,
        website=firm.website,
        email=firm.email,
        phone=firm.phone,
        contacts=tuple(FirmContact(c.name, c.position, c.email, c.phone) for c in firm.contacts.all()),
    )


def eoi_party_view(eoi: ExpressionOfInterest, side: str, *, revealed: bool) -> Counterpart:
    """Return the firm on ``side`` of ``eoi``: with its identity when ``revealed``, anonymous otherwise."""
    firm = _firm_of_side(eoi, side)
    return Counterpart(
        side=side,
        revealed=revealed,
        description=firm_anonymous_description(firm),
        profile=firm_anonymous_profile(firm),
        identity=_identity(firm) if revealed else None,
    )


def eoi_counterpart_view(eoi: ExpressionOfInterest, viewer_side: str) -> Counterpart:
    """Return the other side as the ``viewer_side`` sees it: anonymous until the expression is accepted,
    identity and contacts after."""
    return eoi_party_view(eoi, _other(viewer_side), revealed=eoi.status == EoiStatus.ACCEPTED)


# Lists ----------------------------------------------------------------------------------------------


def _portfolio_firm_ids(intermediary_organisation_id: int) -> QuerySet[Representation, int]:
    return Representation.objects.filter(
        intermediary__organisation_id=intermediary_organisation_id, ended_at__isnull=True
    ).values_list("firm_id", flat=True)


def eois_sent(*, membership: Membership | None) -> QuerySet[ExpressionOfInterest]:
    """Return the expressions the acting organisation made: a firm's own, or for an intermediary,
    those of the firms it represents. Newest first."""
    if not membership:
        return ExpressionOfInterest.objects.none()
    kind = membership.organisation.kind
    if kind == OrganisationKind.FIRM:
        return _eoi_queryset().filter(firm__organisation_id=membership.organisation_id)
    if kind == OrganisationKind.INTERMEDIARY:
        return _eoi_queryset().filter(firm_id__in=_portfolio_firm_ids(membership.organisation_id))
    return ExpressionOfInterest.objects.none()


def eois_received(*, membership: Membership | None) -> QuerySet[ExpressionOfInterest]:
    """Return the expressions on the acting organisation's opportunities (for an intermediary: on its
    portfolio firms' opportunities). Newest first."""
    if not membership:
        return ExpressionOfInterest.objects.none()
    kind = membership.organisation.kind
    if kind == OrganisationKind.FIRM:
        return _eoi_queryset().filter(opportunity__firm__organisation_id=membership.organisation_id)
    if kind == OrganisationKind.INTERMEDIARY:
        return _eoi_queryset().filter(
            opportunity__firm_id__in=_portfolio_firm_ids(membership.organisation_id)
        )
    return ExpressionOfInterest.objects.none()


def eois_for_intermediary(*, intermediary: Intermediary) -> QuerySet[ExpressionOfInterest]:
    """Return the cases of ``intermediary``'s portfolio firms, on either side. The other side stays
    anonymous to it until acceptance (``eoi_counterpart_view``)."""
    firm_ids = _portfolio_firm_ids(intermediary.organisation_id)
    return _eoi_queryset().filter(Q(firm_id__in=firm_ids) | Q(opportunity__firm_id__in=firm_ids))


def eois_open_count(*, firm: Firm) -> int:
    """Return how many of ``firm``'s expressions wait for an answer."""
    return ExpressionOfInterest.objects.filter(firm=firm, status=EoiStatus.OPEN).count()


# Who has been introduced to whom --------------------------------------------------------------------


def accepted_counterpart_organisation_ids(*, opportunity: Opportunity) -> set[int]:
    """Return the organisation ids of the firms whose expression on ``opportunity`` was accepted, and of
    the intermediaries actively representing them."""
    firm_ids = list(
        ExpressionOfInterest.objects.filter(opportunity=opportunity, status=EoiStatus.ACCEPTED).values_list(
            "firm_id", flat=True
        )
    )
    if not firm_ids:
        return set()
    ids = set(Firm.objects.filter(pk__in=firm_ids).values_list("organisation_id", flat=True))
    ids |= set(
        Representation.objects.filter(firm_id__in=firm_ids, ended_at__isnull=True).values_list(
            "intermediary__organisation_id", flat=True
        )
    )
    return ids


def introduced_firm_ids(*, firm: Firm) -> set[int]:
    """Return the ids of the firms that have an accepted expression of interest with ``firm``, on
    either side."""
    accepted = ExpressionOfInterest.objects.filter(status=EoiStatus.ACCEPTED)
    ids = set(accepted.filter(opportunity__firm=firm).values_list("firm_id", flat=True))
    ids |= set(accepted.filter(firm=firm).values_list("opportunity__firm_id", flat=True))
    ids.discard(firm.pk)
    return ids


def user_is_introduced_to(*, user: Any, firm: Firm) -> bool:
    """Return whether ``user`` belongs to a firm introduced to ``firm`` (an accepted expression links
    them), or to an intermediary actively representing such a firm."""
    if user is None or not user.is_authenticated:
        return False
    introduced = introduced_firm_ids(firm=firm)
    if not introduced:
        return False
    if Membership.objects.filter(user=user, organisation__firm__in=introduced).exists():
        return True
    return Representation.objects.filter(
        firm_id__in=introduced, ended_at__isnull=True, intermediary__organisation__memberships__user=user
    ).exists()
