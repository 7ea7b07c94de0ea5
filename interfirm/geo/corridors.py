"""The corridor of two countries: North-North, North-South, South-South, with transition economies apart.

A pure function over ``Country`` rows (their group memberships prefetched, see
``selectors.countries_with_groups``): no query is made when the memberships are loaded.

The grouping that defines North and South is the setting ``CORRIDOR_GROUPING``:

- ``un`` (default): developed economies are the North, developing economies the South, and economies in
  transition are their own group (UN World Economic Situation and Prospects, the source report's usage);
- ``world_bank``: high-income economies are the North, every other economy the South; there is no
  transition group, so no corridor is of a transition kind (``involves_transition`` still marks the
  UN transition economies, so that statistics can show them).
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from interfirm.geo.models import Country, CountryGroup, EconomyGroup, IncomeGroup

GROUPINGS = ("un", "world_bank")


class CorridorKind(models.TextChoices):
    NORTH_NORTH = "north_north", _("North-North")
    NORTH_SOUTH = "north_south", _("North-South")
    SOUTH_SOUTH = "south_south", _("South-South")
    NORTH_TRANSITION = "north_transition", _("North-transition economy")
    SOUTH_TRANSITION = "south_transition", _("South-transition economy")
    TRANSITION_TRANSITION = "transition_transition", _("Transition-transition economy")


class Bloc(enum.Enum):
    """Where a country stands in a grouping. The order decides how a pair is named (North first)."""

    NORTH = 0
    SOUTH = 1
    TRANSITION = 2


_KINDS: dict[tuple[Bloc, Bloc], CorridorKind] = {
    (Bloc.NORTH, Bloc.NORTH): CorridorKind.NORTH_NORTH,
    (Bloc.NORTH, Bloc.SOUTH): CorridorKind.NORTH_SOUTH,
    (Bloc.SOUTH, Bloc.SOUTH): CorridorKind.SOUTH_SOUTH,
    (Bloc.NORTH, Bloc.TRANSITION): CorridorKind.NORTH_TRANSITION,
    (Bloc.SOUTH, Bloc.TRANSITION): CorridorKind.SOUTH_TRANSITION,
    (Bloc.TRANSITION, Bloc.TRANSITION): CorridorKind.TRANSITION_TRANSITION,
}


@dataclass(frozen=True)
class Corridor:
    """The corridor between two countries on a date, with the special groups involved."""

    kind: CorridorKind
    involves_ldc: bool
    involves_lldc: bool
    involves_sids: bool
    involves_transition: bool

    @property
    def label(self) -> Promise:
        """Return the translatable name of the corridor ("North-South", …)."""
        return CorridorKind(self.kind).label


def bloc_of(country: Country, *, grouping: str | None = None) -> Bloc:
    """Return the bloc of ``country`` in ``grouping`` (``settings.CORRIDOR_GROUPING`` by default)."""
    grouping = grouping or settings.CORRIDOR_GROUPING
    if grouping == "world_bank":
        return Bloc.NORTH if country.income_group == IncomeGroup.HIGH else Bloc.SOUTH
    if grouping != "un":
        raise ValueError(f"unknown corridor grouping {grouping!r}; expected one of {GROUPINGS}")
    if country.economy_group == EconomyGroup.DEVELOPED:
        return Bloc.NORTH
    if country.economy_group == EconomyGroup.TRANSITION:
        return Bloc.TRANSITION
    return Bloc.SOUTH


def corridor_of(
    a: Country, b: Country, *, on: datetime.date | None = None, grouping: str | None = None
) -> Corridor:
    """Return the corridor between ``a`` and ``b`` on the date ``on`` (today by default).

    The order of the two countries does not matter. LDC, LLDC and SIDS membership is read from the
    dated memberships in force on ``on``.
    """
    day = on or datetime.date.today()
    first, second = sorted(
        (bloc_of(a, grouping=grouping), bloc_of(b, grouping=grouping)), key=lambda bloc: bloc.value
    )
    return Corridor(
        kind=_KINDS[(first, second)],
        involves_ldc=a.in_group(CountryGroup.LDC, day) or b.in_group(CountryGroup.LDC, day),
        involves_lldc=a.in_group(CountryGroup.LLDC, day) or b.in_group(CountryGroup.LLDC, day),
        involves_sids=a.in_group(CountryGroup.SIDS, day) or b.in_group(CountryGroup.SIDS, day),
        involves_transition=EconomyGroup.TRANSITION in (a.economy_group, b.economy_group),
    )
