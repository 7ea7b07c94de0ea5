"""Reads of firm profiles across the permission boundary.

Who may see a firm's identity (names, city, address, website, e-mail, phone, contact persons, and the
narrative fields): the firm's members, members of an intermediary that represents it, and operators.
Everyone else gets the ``AnonymousFirmProfile``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.completeness import Completeness, firm_completeness
from interfirm.firms.models import ContactPerson, Firm, Representation
from interfirm.geo.models import label_sort_key, name_field

if TYPE_CHECKING:
    from interfirm.intermediaries.models import Intermediary

__all__ = [
    "AnonymousFirmProfile",
    "Completeness",
    "PortfolioEntry",
    "contact_get_for_editing",
    "firm_anonymous_profile",
    "firm_anonymous_profiles",
    "firm_completeness",
    "firm_counts_by_size",
    "firm_duplicates_for_user",
    "firm_for_membership",
    "firm_get_for_editing",
    "firm_get_for_merging",
    "firm_get_for_user",
    "firm_merge_candidates",
    "firm_possible_duplicates",
    "firm_public_counts",
    "firms_in_portfolio",
    "intermediary_for_membership",
    "representation_active",
    "user_can_see_identity",
]


def firm_public_counts() -> dict[str, int]:
    """Return aggregate counts safe to show anyone: firms and countries represented."""
    firms = Firm.objects.filter(merged_into__isnull=True)
    return {
        "firms": firms.count(),
        "countries": firms.values("country").distinct().count(),
    }


def firm_counts_by_size() -> dict[str, int]:
    """Return the number of active firms per size class."""
    rows = Firm.objects.filter(merged_into__isnull=True).values("size_class").annotate(n=Count("id"))
    return {row["size_class"]: row["n"] for row in rows}


def firm_possible_duplicates(
    *, legal_name: str, country_id: str, exclude_pk: int | None = None
) -> list[Firm]:
    """Return active firms in the same country whose name matches ``legal_name`` once normalised."""
    from interfirm.firms.services import name_key_for

    firms = Firm.objects.filter(
        country_id=country_id, name_key=name_key_for(legal_name), merged_into__isnull=True
    ).order_by("pk")
    if exclude_pk is not None:
        firms = firms.exclude(pk=exclude_pk)
    return list(firms)


def _profile_queryset() -> QuerySet[Firm]:
    return (
        Firm.objects.filter(merged_into__isnull=True)
        .select_related("country", "organisation")
        .prefetch_related("sectors", "certifications", "markets", "languages", "contacts")
    )


# The anonymous profile ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SectorRef:
    code: str
    title: str


@dataclass(frozen=True)
class NamedRef:
    code: str
    name: str
    label: str = ""  # the name in the language of the page, where it has one (a market's country)

    @property
    def shown(self) -> str:
        """Return the name a page shows: ``label``, else ``name``."""
        return self.label or self.name


@dataclass(frozen=True)
class AnonymousFirmProfile:
    """What anyone may know of a firm: nothing that names or locates it.

    Holds the public reference, the country (name, ISO alpha-3, M49 region and sub-region, UN economy
    group), the size class, the ownership, the decade of foundation (the exact year can single a firm
    out), the sectors (ISIC class code and title), the capability texts (technologies, processes,
    equipment and capacity), certifications, markets served and languages.

    Deliberately left out, with the identity fields (``models.CONFIDENTIAL_FIELDS``) and contact
    persons: the free-text ``description`` and ``needs``, which firms commonly write with their own
    name, brands and town in them; the exact employee count and turnover band (the size class says
    enough). The issue defines the anonymous profile as country, size class, sectors and
    capabilities; certifications, markets and languages are capabilities a partner searches on.
    """

    reference: str
    country_iso3: str
    country_name: str  # English, as the API and the exports give it
    country_label: str  # in the language of the page
    region: str  # English, as the API gives it
    subregion: str
    region_label: str  # in the language of the page
    economy_group: str
    economy_group_label: str
    size_class: str
    size_class_label: str
    ownership: str
    ownership_label: str
    founded_decade: int | None
    sectors: tuple[SectorRef, ...]
    technologies: str
    processes: str
    equipment_capacity: str
    certifications: tuple[NamedRef, ...]
    markets: tuple[NamedRef, ...]
    languages: tuple[NamedRef, ...]
    # Partnership readiness: the level of the latest diagnostic and whether an intermediary validated it.
    readiness_level: str = ""
    readiness_level_label: str = ""
    readiness_validated: bool = False

    @property
    def markets_shown(self) -> tuple[NamedRef, ...]:
        """Return the markets as a page shows them: sorted by their names in the page's language."""
        return tuple(sorted(self.markets, key=lambda m: label_sort_key(m.shown)))


def _anonymous(
    firm: Firm,
    *,
    sectors: Iterable[SectorRef],
    certifications: Iterable[NamedRef],
    markets: Iterable[NamedRef],
    languages: Iterable[NamedRef],
    readiness: Any,
    size_class_label: str,
    ownership_label: str,
) -> AnonymousFirmProfile:
    """Return the anonymous profile of ``firm`` from what was read of it (the one place it is built)."""
    country = firm.country
    return AnonymousFirmProfile(
        reference=firm.reference,
        country_iso3=country.iso3,
        country_name=country.name,
        country_label=country.label,
        region=country.region,
        subregion=country.subregion,
        region_label=country.subregion_label or country.region_label,
        economy_group=country.economy_group,
        economy_group_label=str(country.get_economy_group_display()),
        size_class=firm.size_class,
        size_class_label=size_class_label,
        ownership=firm.ownership,
        ownership_label=ownership_label,
        founded_decade=(firm.year_founded // 10 * 10) if firm.year_founded else None,
        sectors=tuple(sorted(sectors, key=lambda s: s.code)),
        technologies=firm.technologies,
        processes=firm.processes,
        equipment_capacity=firm.equipment_capacity,
        certifications=tuple(sorted(certifications, key=lambda c: c.name)),
        markets=tuple(sorted(markets, key=lambda c: c.name)),
        languages=tuple(sorted(languages, key=lambda c: c.name)),
        readiness_level=readiness.level,
        readiness_level_label=readiness.level_label,
        readiness_validated=readiness.validated,
    )


def firm_anonymous_profile(firm: Firm, *, readiness: Any = None) -> AnonymousFirmProfile:
    """Return the anonymous profile of ``firm`` (safe to show anyone). ``readiness``: its readiness
    summary when the caller read many at once (``readiness.selectors.readiness_summaries``)."""
    from interfirm.readiness.selectors import firm_readiness_summary

    return _anonymous(
        firm,
        sectors=(SectorRef(s.code, s.title) for s in firm.sectors.all()),
        certifications=(NamedRef(c.code, c.name) for c in firm.certifications.all()),
        markets=(NamedRef(c.iso3, c.name, c.label) for c in firm.markets.all()),
        languages=(NamedRef(lang.code, lang.name) for lang in firm.languages.all()),
        readiness=readiness if readiness is not None else firm_readiness_summary(firm),
        size_class_label=str(firm.get_size_class_display()) if firm.size_class else "",
        ownership_label=str(firm.get_ownership_display()) if firm.ownership else "",
    )


def firm_anonymous_profiles(
    firms: Iterable[Firm], *, readiness: Mapping[int, Any] | None = None
) -> dict[int, AnonymousFirmProfile]:
    """Return the anonymous profile of each of ``firms`` (loaded with their country) by firm id: the
    same as ``firm_anonymous_profile`` for each, in four queries for all of them (sectors,
    certifications, markets, languages; one more for readiness unless ``readiness`` gives it), for the
    pages that list many firms."""
    from interfirm.readiness.selectors import readiness_summaries

    firms = list(firms)
    ids = [firm.pk for firm in firms]
    if not ids:
        return {}
    if readiness is None:
        readiness = readiness_summaries(ids)
    read: dict[str, dict[int, list[Any]]] = {}
    for name, through, code_field, text_field, ref in (
        ("sectors", Firm.sectors.through, "isiccode__code", "isiccode__title", SectorRef),
        (
            "certifications",
            Firm.certifications.through,
            "certification__code",
            "certification__name",
            NamedRef,
        ),
        ("markets", Firm.markets.through, "country__iso3", "country__name", NamedRef),
        ("languages", Firm.languages.through, "language__code", "language__name", NamedRef),
    ):
        # A market's country is named in the page's language too, in the same query.
        local = name_field(get_language() or "")
        shown = [f"country__{local}"] if name == "markets" and local != "name" else []
        found: dict[int, list[Any]] = defaultdict(list)
        for firm_id, *values in through.objects.filter(firm_id__in=ids).values_list(
            "firm_id", code_field, text_field, *shown
        ):
            if name == "markets":
                code, english, *local_name = values
                values = [code, english, (local_name[0] if local_name else "") or english]
            found[firm_id].append(ref(*values))
        read[name] = found
    labels: dict[tuple[str, str], str] = {}  # each choice's label translated once

    def label(firm: Firm, field_name: str) -> str:
        value = getattr(firm, field_name)
        if (field_name, value) not in labels:
            labels[field_name, value] = str(getattr(firm, f"get_{field_name}_display")()) if value else ""
        return labels[field_name, value]

    return {
        firm.pk: _anonymous(
            firm,
            **{name: found.get(firm.pk, ()) for name, found in read.items()},
            readiness=readiness[firm.pk],
            size_class_label=label(firm, "size_class"),
            ownership_label=label(firm, "ownership"),
        )
        for firm in firms
    }


# Who may see and change what ----------------------------------------------------------------------


def _represents(organisation_id: int, firm: Firm) -> bool:
    return Representation.objects.filter(
        firm=firm, intermediary__organisation_id=organisation_id, ended_at__isnull=True
    ).exists()


def user_can_see_identity(user: Any, firm: Firm) -> bool:
    """Return whether ``user`` may see ``firm``'s identity: its members, members of an intermediary
    actively representing it, operators, and the accepted counterparts of its expressions of interest
    (and their intermediaries)."""
    from interfirm.introductions.selectors import user_is_introduced_to

    if user is None or not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    if Membership.objects.filter(user=user, organisation_id=firm.organisation_id).exists():
        return True
    if Representation.objects.filter(
        firm=firm, ended_at__isnull=True, intermediary__organisation__memberships__user=user
    ).exists():
        return True
    return user_is_introduced_to(user=user, firm=firm)


def firm_get_for_user(*, user: Any, reference: str) -> tuple[Firm, bool]:
    """Return the active firm with ``reference`` and whether ``user`` may see its identity.

    Raise ``Http404`` for an unknown reference or a firm merged into another.
    """
    firm = _profile_queryset().filter(reference=reference).first()
    if firm is None:
        raise Http404
    return firm, user_can_see_identity(user, firm)


def firm_for_membership(membership: Membership | None) -> Firm:
    """Return the (active) firm the membership acts for; ``Http404`` when it is not a firm's."""
    if not membership or membership.organisation.kind != OrganisationKind.FIRM:
        raise Http404
    firm = _profile_queryset().filter(organisation_id=membership.organisation_id).first()
    if firm is None:
        raise Http404
    return firm


def intermediary_for_membership(membership: Membership | None) -> Intermediary:
    """Return the intermediary the membership acts for; ``Http404`` when it is not an intermediary's."""
    from interfirm.intermediaries.models import Intermediary

    if not membership or membership.organisation.kind != OrganisationKind.INTERMEDIARY:
        raise Http404
    intermediary = Intermediary.objects.filter(organisation_id=membership.organisation_id).first()
    if intermediary is None:
        raise Http404
    return intermediary


def firm_get_for_editing(*, user: Any, membership: Membership | None, reference: str) -> Firm:
    """Return the firm ``reference`` if the acting organisation may change its profile.

    Allowed: the firm itself, an intermediary actively representing it, an operator. Anyone else,
    an unknown reference and a merged firm: ``Http404``.
    """
    firm = _profile_queryset().filter(reference=reference).first()
    if firm is None:
        raise Http404
    if is_operator(user):
        return firm
    if not membership:
        raise Http404
    if membership.organisation_id == firm.organisation_id:
        return firm
    if membership.organisation.kind == OrganisationKind.INTERMEDIARY and _represents(
        membership.organisation_id, firm
    ):
        return firm
    raise Http404


def firm_get_for_merging(*, user: Any, membership: Membership | None, reference: str) -> Firm:
    """Return the firm ``reference`` if the user may merge it: operators, or an intermediary
    actively representing it. ``Http404`` otherwise (a firm cannot merge itself away)."""
    firm = _profile_queryset().filter(reference=reference).first()
    if firm is None:
        raise Http404
    if is_operator(user):
        return firm
    if (
        membership
        and membership.organisation.kind == OrganisationKind.INTERMEDIARY
        and _represents(membership.organisation_id, firm)
    ):
        return firm
    raise Http404


def firm_merge_candidates(*, user: Any, membership: Membership | None, firm: Firm) -> list[Firm]:
    """Return the possible duplicates of ``firm`` the user may merge into it."""
    candidates = firm_possible_duplicates(
        legal_name=firm.legal_name, country_id=firm.country_id, exclude_pk=firm.pk
    )
    if is_operator(user):
        return candidates
    if not membership or membership.organisation.kind != OrganisationKind.INTERMEDIARY:
        return []
    return [candidate for candidate in candidates if _represents(membership.organisation_id, candidate)]


def firm_duplicates_for_user(*, user: Any, legal_name: str, country_id: str) -> tuple[list[Firm], int]:
    """Return the possible duplicates of a new firm: those the user may see, and how many others.

    The others are only counted: naming them would tie a public reference to a confidential name.
    """
    duplicates = firm_possible_duplicates(legal_name=legal_name, country_id=country_id)
    visible = [firm for firm in duplicates if user_can_see_identity(user, firm)]
    return visible, len(duplicates) - len(visible)


def contact_get_for_editing(*, firm: Firm, pk: int) -> ContactPerson:
    """Return the contact person ``pk`` of ``firm`` (already checked editable); ``Http404`` otherwise."""
    contact = ContactPerson.objects.filter(firm=firm, pk=pk).first()
    if contact is None:
        raise Http404
    return contact


# Portfolios ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioEntry:
    """A firm an intermediary acts for, with the consent on record and the profile's completeness."""

    firm: Firm
    representation: Representation
    completeness: Completeness


def firms_in_portfolio(*, intermediary: Intermediary) -> list[PortfolioEntry]:
    """Return the active firms ``intermediary`` currently represents, by name."""
    representations = (
        Representation.objects.filter(
            intermediary=intermediary, ended_at__isnull=True, firm__merged_into__isnull=True
        )
        .select_related("firm", "firm__country")
        .prefetch_related(
            Prefetch("firm__sectors"),
            "firm__certifications",
            "firm__markets",
            "firm__languages",
            "firm__contacts",
        )
        .order_by("firm__legal_name", "firm__pk")
    )
    return [
        PortfolioEntry(firm=rep.firm, representation=rep, completeness=firm_completeness(rep.firm))
        for rep in representations
    ]


def representation_active(*, intermediary: Intermediary, firm: Firm) -> Representation | None:
    """Return the intermediary's active representation of ``firm``, if any."""
    return Representation.objects.filter(intermediary=intermediary, firm=firm, ended_at__isnull=True).first()
