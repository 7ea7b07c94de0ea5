"""How complete a firm's profile is, and what is missing.

A partner search can only find, and a partner can only judge, what a profile says (para 11(b) of
the report: preparation and information). The items below are what a counterpart needs to decide
whether to look closer, weighted by how much they matter to matching; the weights add up to 100.

=============================  ======  ==============================================================
item                           weight  complete when
=============================  ======  ==============================================================
sectors                        15      at least one ISIC class
description                    15      "what the firm does" is filled in
size                           10      employees or turnover band is known (gives the size class)
year founded                   5       known
ownership                      5       known
technologies                   5       filled in
processes                      5       filled in
equipment and capacity         5       filled in
certifications                 5       at least one, or the firm declares it holds none
markets served                 10      at least one country
languages                      5       at least one
needs                          10      "what the firm is looking for" is filled in
contact person                 5       at least one
=============================  ======  ==============================================================

The identity fields that every firm has (name, country) and the optional ones (website, address,
phone) are not counted. Each item names the section of the edit form where it is filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import Firm

# Sections of the edit form (the ``id`` of each fieldset); "contacts" is the contact persons page.
SECTION_IDENTITY = "identity"
SECTION_PROFILE = "profile"
SECTION_CAPABILITIES = "capabilities"
SECTION_MARKETS = "markets"
SECTION_NEEDS = "needs"
SECTION_CONTACTS = "contacts"


@dataclass(frozen=True)
class CompletenessItem:
    """One thing a complete profile has."""

    key: str
    label: str | Promise
    weight: int
    section: str
    is_done: Callable[[Firm], bool] = field(repr=False, compare=False)


def _count(firm: Firm, name: str) -> int:
    # Use prefetched rows when the caller loaded them (portfolio lists), else ask the database.
    cache = getattr(firm, "_prefetched_objects_cache", {})
    if name in cache:
        return len(cache[name])
    return int(getattr(firm, name).count())


ITEMS: tuple[CompletenessItem, ...] = (
    CompletenessItem(
        "sectors", _("Sectors (ISIC classes)"), 15, SECTION_PROFILE, lambda f: _count(f, "sectors") > 0
    ),
    CompletenessItem(
        "description", _("What the firm does"), 15, SECTION_PROFILE, lambda f: bool(f.description.strip())
    ),
    CompletenessItem(
        "size",
        _("Employees or annual turnover"),
        10,
        SECTION_PROFILE,
        lambda f: f.employees is not None or bool(f.turnover_band),
    ),
    CompletenessItem(
        "year_founded", _("Year founded"), 5, SECTION_PROFILE, lambda f: f.year_founded is not None
    ),
    CompletenessItem("ownership", _("Ownership"), 5, SECTION_PROFILE, lambda f: bool(f.ownership)),
    CompletenessItem(
        "technologies", _("Technologies"), 5, SECTION_CAPABILITIES, lambda f: bool(f.technologies.strip())
    ),
    CompletenessItem(
        "processes", _("Processes"), 5, SECTION_CAPABILITIES, lambda f: bool(f.processes.strip())
    ),
    CompletenessItem(
        "equipment_capacity",
        _("Equipment and capacity"),
        5,
        SECTION_CAPABILITIES,
        lambda f: bool(f.equipment_capacity.strip()),
    ),
    CompletenessItem(
        "certifications",
        _("Certifications (or a statement that the firm holds none)"),
        5,
        SECTION_CAPABILITIES,
        lambda f: f.declares_no_certifications or _count(f, "certifications") > 0,
    ),
    CompletenessItem("markets", _("Markets served"), 10, SECTION_MARKETS, lambda f: _count(f, "markets") > 0),
    CompletenessItem("languages", _("Languages"), 5, SECTION_MARKETS, lambda f: _count(f, "languages") > 0),
    CompletenessItem(
        "needs", _("What the firm is looking for"), 10, SECTION_NEEDS, lambda f: bool(f.needs.strip())
    ),
    CompletenessItem(
        "contacts", _("A contact person"), 5, SECTION_CONTACTS, lambda f: _count(f, "contacts") > 0
    ),
)

assert sum(item.weight for item in ITEMS) == 100, "completeness weights must add up to 100"


@dataclass(frozen=True)
class Completeness:
    """A profile's completeness: ``percent`` (0-100) and the human-readable ``missing`` items.

    ``missing_items`` carries the same items with their key and form section, for linking.
    """

    percent: int
    missing: list[str]
    missing_items: tuple[CompletenessItem, ...] = ()


def firm_completeness(firm: Firm) -> Completeness:
    """Return how complete ``firm``'s profile is and what it still lacks, in ``ITEMS`` order."""
    missing = tuple(item for item in ITEMS if not item.is_done(firm))
    percent = 100 - sum(item.weight for item in missing)
    return Completeness(percent=percent, missing=[str(item.label) for item in missing], missing_items=missing)
