"""Reads of opportunities across the permission boundary.

The *owner side* of an opportunity: members of the owning firm, members of an intermediary actively
representing it, and operators. They see everything, status and identity flags included. Everyone
else sees a published opportunity only, and only as an ``AnonymousOpportunity``: the content and the
owner's country, size class, sectors and type of organisation — never the firm's names or contacts.
An accepted counterpart (an expression of interest accepted by the owner) also sees the owner's
identity. Unpublished opportunities do not exist for anyone outside the owner side.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Representation
from interfirm.geo.models import label_sort_key
from interfirm.opportunities.models import (
    ArrangementType,
    Domain,
    IpStatus,
    Kind,
    Opportunity,
    PartnerType,
    Review,
    Stage,
    Status,
)

if TYPE_CHECKING:
    from interfirm.firms.models import Firm

__all__ = [
    "AnonymousOpportunity",
    "Choice",
    "HistoryEvent",
    "OwnerFacts",
    "PrintFilters",
    "identity_flags_display",
    "opportunities_for_membership",
    "opportunities_for_print",
    "opportunities_for_review",
    "opportunities_of_firm",
    "opportunity_anonymous",
    "opportunity_get_for_owner",
    "opportunity_get_for_review",
    "opportunity_get_for_viewer",
    "opportunity_get_published",
    "opportunity_history",
    "opportunity_is_open",
    "opportunity_reviews",
    "opportunity_viewer_can_see_owner",
    "organisation_can_review",
    "user_is_owner_side",
]


def _queryset() -> QuerySet[Opportunity]:
    return Opportunity.objects.select_related("firm", "firm__country", "firm__organisation").prefetch_related(
        "sectors",
        "partner_countries",
        "required_certifications",
        "required_languages",
        "firm__sectors",
    )


# The anonymous view ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A coded value with its label (a domain, an arrangement type, a country, a sector …)."""

    code: str
    label: str


@dataclass(frozen=True)
class OwnerFacts:
    """What anyone may know of an opportunity's owner: nothing that names or locates the firm."""

    country_iso3: str
    country_name: str  # English, as the API and the exports give it
    country_label: str  # in the language of the page
    region: str
    economy_group: str
    economy_group_label: str
    size_class: str
    size_class_label: str
    organisation_type: str
    organisation_type_label: str
    sectors: tuple[Choice, ...]


@dataclass(frozen=True)
class AnonymousOpportunity:
    """An opportunity as a non-party sees it: every content field and the ``OwnerFacts``."""

    reference: str
    uid: str
    installation: str
    kind: str
    kind_label: str
    domains: tuple[Choice, ...]
    title: str
    summary: str
    description: str
    advantages: str
    stage: str
    stage_label: str
    ip_status: str
    ip_status_label: str
    arrangement_types: tuple[Choice, ...]
    partner_role: str
    partner_sizes: tuple[Choice, ...]
    partner_types: tuple[Choice, ...]
    partner_countries: tuple[Choice, ...]
    partner_regions: tuple[Choice, ...]
    partner_economy_groups: tuple[Choice, ...]
    partner_corridors: tuple[Choice, ...]
    required_certifications: tuple[Choice, ...]
    required_capacity: str
    required_languages: tuple[Choice, ...]
    sectors: tuple[Choice, ...]
    keywords: tuple[str, ...]
    deadline: datetime.date
    published_at: datetime.datetime | None
    owner: OwnerFacts
    url: str
    # The partner countries as a page shows them: named in its language, sorted by those names.
    partner_countries_shown: tuple[Choice, ...] = ()


def _labelled(codes: list[str] | None, labels: dict[str, Any]) -> tuple[Choice, ...]:
    return tuple(Choice(str(code), str(labels.get(code, code))) for code in codes or [])


def region_labels() -> dict[str, str]:
    """Return the names of the M49 regions and sub-regions, by code, in the language of the page."""
    from interfirm.geo.models import Country
    from interfirm.geo.names import region_label

    labels: dict[str, str] = {}
    for row in Country.objects.values("region_code", "region", "subregion_code", "subregion").distinct():
        if row["region_code"]:
            labels[row["region_code"]] = region_label(row["region_code"], row["region"])
        if row["subregion_code"]:
            labels[row["subregion_code"]] = region_label(row["subregion_code"], row["subregion"])
    return labels


def economy_group_labels() -> dict[str, Any]:
    """Return the labels of the economy groups a partner may be sought in (UN groups, LDC, LLDC, SIDS)."""
    from interfirm.geo.models import CountryGroup, EconomyGroup

    return {**dict(EconomyGroup.choices), **dict(CountryGroup.choices)}


def corridor_labels() -> dict[str, Any]:
    """Return the labels of the corridors."""
    from interfirm.geo.corridors import CorridorKind

    return dict(CorridorKind.choices)


def size_labels() -> dict[str, Any]:
    from interfirm.firms.models import SizeClass

    return dict(SizeClass.choices)


def keyword_list(keywords: str) -> tuple[str, ...]:
    """Return the keywords of a comma-separated list, trimmed, without duplicates."""
    return tuple(dict.fromkeys(k.strip() for k in (keywords or "").split(",") if k.strip()))


def opportunity_anonymous(
    opportunity: Opportunity, *, regions: dict[str, str] | None = None
) -> AnonymousOpportunity:
    """Return ``opportunity`` as anyone may see it: its content and the owner's anonymous facts.

    ``regions`` (from ``region_labels()``) saves a query per opportunity when rendering many.
    """
    firm = opportunity.firm
    country = firm.country
    organisation_kind = OrganisationKind(firm.organisation.kind)
    owner = OwnerFacts(
        country_iso3=country.iso3,
        country_name=country.name,
        country_label=country.label,
        region=country.region,
        economy_group=country.economy_group,
        economy_group_label=str(country.get_economy_group_display()),
        size_class=firm.size_class,
        size_class_label=str(firm.get_size_class_display()) if firm.size_class else "",
        organisation_type=organisation_kind.value,
        organisation_type_label=str(organisation_kind.label),
        sectors=tuple(Choice(s.code, s.title) for s in sorted(firm.sectors.all(), key=lambda s: s.code)),
    )
    if regions is None and opportunity.partner_regions:
        regions = region_labels()
    return AnonymousOpportunity(
        reference=opportunity.reference,
        uid=str(opportunity.uid),
        installation=opportunity.installation,
        kind=opportunity.kind,
        kind_label=str(Kind(opportunity.kind).label),
        domains=_labelled(opportunity.domains, dict(Domain.choices)),
        title=opportunity.title,
        summary=opportunity.summary,
        description=opportunity.description,
        advantages=opportunity.advantages,
        stage=opportunity.stage,
        stage_label=str(Stage(opportunity.stage).label),
        ip_status=opportunity.ip_status,
        ip_status_label=str(IpStatus(opportunity.ip_status).label),
        arrangement_types=_labelled(opportunity.arrangement_types, dict(ArrangementType.choices)),
        partner_role=opportunity.partner_role,
        partner_sizes=_labelled(opportunity.partner_sizes, size_labels()),
        partner_types=_labelled(opportunity.partner_types, dict(PartnerType.choices)),
        partner_countries=tuple(
            Choice(c.iso3, c.name) for c in sorted(opportunity.partner_countries.all(), key=lambda c: c.name)
        ),
        partner_countries_shown=tuple(
            Choice(c.iso3, c.label)
            for c in sorted(opportunity.partner_countries.all(), key=lambda c: label_sort_key(c.label))
        ),
        partner_regions=_labelled(opportunity.partner_regions, regions or {}),
        partner_economy_groups=_labelled(opportunity.partner_economy_groups, economy_group_labels()),
        partner_corridors=_labelled(opportunity.partner_corridors, corridor_labels()),
        required_certifications=tuple(
            Choice(c.code, c.name)
            for c in sorted(opportunity.required_certifications.all(), key=lambda c: c.name)
        ),
        required_capacity=opportunity.required_capacity,
        required_languages=tuple(
            Choice(lang.code, lang.label)
            for lang in sorted(opportunity.required_languages.all(), key=lambda x: label_sort_key(x.label))
        ),
        sectors=tuple(
            Choice(s.code, s.title) for s in sorted(opportunity.sectors.all(), key=lambda s: s.code)
        ),
        keywords=keyword_list(opportunity.keywords),
        deadline=opportunity.deadline,
        published_at=opportunity.published_at,
        owner=owner,
        url=opportunity.get_absolute_url(),
    )


# Who may see and do what -------------------------------------------------------------------------


def _represents(organisation_id: int, firm_id: int) -> bool:
    return Representation.objects.filter(
        firm_id=firm_id, intermediary__organisation_id=organisation_id, ended_at__isnull=True
    ).exists()


def _acts_for_owner(membership: Membership | None, opportunity: Opportunity) -> bool:
    if membership is None:
        return False
    if membership.organisation_id == opportunity.firm.organisation_id:
        return True
    return membership.organisation.kind == OrganisationKind.INTERMEDIARY and _represents(
        membership.organisation_id, opportunity.firm_id
    )


def user_is_owner_side(*, user: Any, membership: Membership | None, opportunity: Opportunity) -> bool:
    """Return whether the user, acting through ``membership``, is on the owner side of ``opportunity``."""
    if user is None or not user.is_authenticated:
        return False
    return is_operator(user) or _acts_for_owner(membership, opportunity)


def opportunity_is_open(opportunity: Opportunity, today: datetime.date) -> bool:
    """Return whether ``opportunity`` may be shown to others: published and not past its deadline.

    For lists read by key (``pk__in``): checked on the rows rather than in SQL, where, given the status
    and the deadline too, SQLite may walk the (status, deadline) index of every published opportunity
    instead of looking up the few asked for (7 ms at 10 000 opportunities, growing with them).
    """
    return opportunity.status == Status.PUBLISHED and opportunity.deadline >= today


def opportunity_get_for_owner(
    *, user: Any, membership: Membership | None, reference: str, details: bool = True
) -> Opportunity:
    """Return the opportunity ``reference`` if the acting organisation is its owner side.

    The owner side: the owning firm, an intermediary actively representing it, an operator.
    Anyone else, and an unknown reference: ``Http404``. ``details=False``: without its sectors,
    countries and requirements (for a page that shows only its title and firm).
    """
    queryset = (
        _queryset()
        if details
        else Opportunity.objects.select_related("firm", "firm__country", "firm__organisation")
    )
    opportunity = queryset.filter(reference=reference).first()
    if opportunity is None or not user_is_owner_side(
        user=user, membership=membership, opportunity=opportunity
    ):
        raise Http404
    return opportunity


def opportunity_get_for_viewer(
    *, user: Any, membership: Membership | None, reference: str
) -> tuple[Opportunity, bool]:
    """Return the opportunity ``reference`` and whether the viewer is on its owner side.

    The owner side sees any status; anyone else only a published opportunity (``Http404`` otherwise).
    """
    opportunity = _queryset().filter(reference=reference).first()
    if opportunity is None:
        raise Http404
    owner_side = user_is_owner_side(user=user, membership=membership, opportunity=opportunity)
    if not _opens(opportunity, owner_side=owner_side):
        raise Http404
    return opportunity, owner_side


def _opens(opportunity: Opportunity, *, owner_side: bool) -> bool:
    """The rule of the detail page: the owner side sees any status, anyone else a published one."""
    return owner_side or opportunity.status == Status.PUBLISHED


def opportunity_viewable(*, user: Any, membership: Membership | None, opportunity: Opportunity) -> bool:
    """Return whether ``opportunity_get_for_viewer`` opens ``opportunity`` to this viewer (to link it)."""
    if opportunity.status == Status.PUBLISHED:  # open to all: no need to ask who the viewer is
        return True
    return _opens(
        opportunity, owner_side=user_is_owner_side(user=user, membership=membership, opportunity=opportunity)
    )


def opportunity_get_published(*, reference: str) -> Opportunity:
    """Return the published opportunity ``reference``; ``Http404`` for any other."""
    opportunity = _queryset().filter(reference=reference, status=Status.PUBLISHED).first()
    if opportunity is None:
        raise Http404
    return opportunity


def opportunity_viewer_can_see_owner(*, user: Any, opportunity: Opportunity) -> bool:
    """Return whether ``user`` may see who owns ``opportunity``: the owner side through any of the
    user's memberships, operators, and the accepted counterparts (and their intermediaries)."""
    if user is None or not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    organisation_ids = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    if not organisation_ids:
        return False
    if opportunity.firm.organisation_id in organisation_ids:
        return True
    if Representation.objects.filter(
        firm_id=opportunity.firm_id, ended_at__isnull=True, intermediary__organisation_id__in=organisation_ids
    ).exists():
        return True
    from interfirm.introductions.selectors import accepted_counterpart_organisation_ids

    return bool(organisation_ids & accepted_counterpart_organisation_ids(opportunity=opportunity))


def _review_scope(*, user: Any, membership: Membership | None) -> Q | None:
    """Return the filter of the opportunities the acting organisation may review, or None for none.

    Operators review everything; an intermediary reviews the opportunities of the firms it represents
    and of the firms in the countries it covers.
    """
    if user is None or not user.is_authenticated:
        return None
    if is_operator(user):
        return Q()
    if membership is None or membership.organisation.kind != OrganisationKind.INTERMEDIARY:
        return None
    organisation_id = membership.organisation_id
    return Q(
        firm__representations__intermediary__organisation_id=organisation_id,
        firm__representations__ended_at__isnull=True,
    ) | Q(firm__country__intermediaries_covering__organisation_id=organisation_id)


def organisation_can_review(*, user: Any, membership: Membership | None) -> bool:
    """Return whether the user, acting through ``membership``, reviews opportunities at all."""
    return _review_scope(user=user, membership=membership) is not None


def opportunities_for_review(*, user: Any = None, membership: Membership | None) -> QuerySet[Opportunity]:
    """Return the submitted opportunities waiting for the acting organisation's review, oldest first.

    ``user`` defaults to the membership's user; an organisation that does not review gets none.
    """
    acting_user = user if user is not None else (membership.user if membership is not None else None)
    scope = _review_scope(user=acting_user, membership=membership)
    if scope is None:
        return Opportunity.objects.none()
    pks = Opportunity.objects.filter(scope, status=Status.SUBMITTED).values("pk")
    return _queryset().filter(pk__in=pks).order_by("submitted_at", "pk")


def opportunity_get_for_review(*, user: Any, membership: Membership | None, reference: str) -> Opportunity:
    """Return the opportunity ``reference`` if the acting organisation may review it (whatever its
    status: the page says when it is not waiting for review); ``Http404`` otherwise."""
    scope = _review_scope(user=user, membership=membership)
    if scope is None:
        raise Http404
    if not Opportunity.objects.filter(scope, reference=reference).exists():
        raise Http404
    return _queryset().get(reference=reference)


def opportunities_of_firm(*, firm: Firm) -> QuerySet[Opportunity]:
    """Return every opportunity of ``firm`` (any status), the newest first."""
    return _queryset().filter(firm=firm).order_by("-created_at", "-pk")


def opportunities_for_membership(*, membership: Membership) -> QuerySet[Opportunity]:
    """Return the opportunities the acting organisation manages: a firm's own, or for an
    intermediary those of the firms it actively represents. Newest first."""
    organisation = membership.organisation
    if organisation.kind == OrganisationKind.FIRM:
        scope = Q(firm__organisation_id=organisation.pk)
    elif organisation.kind == OrganisationKind.INTERMEDIARY:
        firm_ids = Representation.objects.filter(
            intermediary__organisation_id=organisation.pk, ended_at__isnull=True
        ).values("firm_id")
        scope = Q(firm_id__in=firm_ids)
    else:
        return Opportunity.objects.none()
    return _queryset().filter(scope).order_by("-created_at", "-pk")


def identity_flags_display(opportunity: Opportunity) -> list[dict[str, str]]:
    """Return the identity flags with each field's label: ``[{"field", "label", "found"}]``."""
    flags = []
    for flag in opportunity.identity_flags or []:
        try:
            label = str(getattr(Opportunity._meta.get_field(flag.get("field", "")), "verbose_name", ""))
        except FieldDoesNotExist:
            label = str(flag.get("field", ""))
        flags.append(
            {"field": str(flag.get("field", "")), "label": label, "found": str(flag.get("found", ""))}
        )
    return flags


@dataclass(frozen=True)
class HistoryEvent:
    """One step in an opportunity's life: when, what, by which organisation."""

    at: datetime.datetime
    action: str
    label: str
    by: str


def _history_label(action: str, changes: dict[str, Any]) -> str:
    from interfirm.opportunities.models import ReviewDecision

    labels = {
        "create": _("Created"),
        "update": _("Edited"),
        "submit": _("Submitted for review"),
        "resubmit": _("Sent back for review"),
        "withdraw": _("Withdrawn"),
        "close": _("Closed: partner found"),
        "renew": _("Renewed"),
        "expire": _("Expired"),
        "remind": _("Deadline reminder sent"),
    }
    if action == "review":
        decision = changes.get("decision")
        if decision in ReviewDecision.values:
            return _("Reviewed: %(decision)s") % {"decision": ReviewDecision(decision).label}
        return _("Reviewed")
    return str(labels.get(action, action))


def opportunity_history(opportunity: Opportunity) -> list[HistoryEvent]:
    """Return the steps of the opportunity's life cycle from the audit trail, oldest first.

    For the owner side only (it names the organisations that acted).
    """
    from interfirm.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(
        object_type=Opportunity._meta.label_lower,
        object_id=str(opportunity.pk),
        action__startswith="opportunity.",
    ).order_by("at", "id")
    events = []
    for entry in entries:
        action = entry.action.removeprefix("opportunity.")
        events.append(
            HistoryEvent(
                at=entry.at,
                action=action,
                label=_history_label(action, entry.changes or {}),
                by=entry.acting_for_name,
            )
        )
    return events


def opportunity_reviews(opportunity: Opportunity) -> QuerySet[Review]:
    """Return the reviews of ``opportunity``, the newest first."""
    return opportunity.reviews.select_related("reviewer_organisation").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class PrintFilters:
    """The filters of the printable list (empty strings: no filter)."""

    country: str = ""
    sector: str = ""
    kind: str = ""


def opportunities_for_print(filters: PrintFilters) -> QuerySet[Opportunity]:
    """Return the published opportunities matching ``filters``, by sector then reference.

    ``country`` is the owner's country (ISO alpha-3); ``sector`` an ISIC code at any level.
    """
    found = _queryset().filter(status=Status.PUBLISHED)
    if filters.country:
        found = found.filter(firm__country_id=filters.country)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.sector:
        if filters.sector.isalpha():
            found = found.filter(sectors__section=filters.sector)
        else:
            found = found.filter(sectors__code__startswith=filters.sector)
        found = found.distinct()
    return found.order_by("deadline", "reference")
