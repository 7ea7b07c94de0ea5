"""Plain descriptions of the demo objects, built by ``generator`` and written by ``services``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from interfirm.demo.data.intermediaries import IntermediarySpec


@dataclass(frozen=True)
class UserSpec:
    email: str
    full_name: str
    role: str
    language: str = "en"


@dataclass(frozen=True)
class ContactSpec:
    name: str
    position: str
    email: str
    phone: str = ""
    is_primary: bool = False


@dataclass(frozen=True)
class ConsentSpec:
    """The consent of a firm to be registered and represented by an intermediary (para 29)."""

    intermediary_slug: str
    method: str
    given_on: datetime.date
    given_by: str
    note: str = ""


@dataclass(frozen=True)
class FirmSpec:
    key: str
    legal_name: str
    country: str
    city: str
    year_founded: int
    employees: int
    turnover_band: str
    ownership: str
    sectors: tuple[str, ...]
    description: str
    technologies: str
    processes: str
    equipment_capacity: str
    certifications: tuple[str, ...]
    markets: tuple[str, ...]
    languages: tuple[str, ...]
    needs: str
    trade_name: str = ""
    address: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    contacts: tuple[ContactSpec, ...] = ()
    users: tuple[UserSpec, ...] = ()
    consent: ConsentSpec | None = None
    # Filled in by the generator so that two loads give the same identifiers.
    uid: str = ""
    reference: str = ""
    created_on: datetime.date | None = None


@dataclass(frozen=True)
class DemoNetwork:
    """Everything the demo loads, in the order it is written."""

    intermediaries: tuple[IntermediarySpec, ...]
    staff: dict[str, tuple[UserSpec, ...]]
    firms: tuple[FirmSpec, ...]


# The exchange: opportunities and expressions of interest --------------------------------------------
#
# Times are planned as day offsets from ``generator.BASE_DATE`` (-30: thirty days before it) plus a
# minute of the day. The loader places them relative to the day it runs — it shifts every planned
# date by (today − base date) — so the demo never looks stale while staying identical from load to
# load: a deadline planned 90 days after the base date is always 90 days away on the day of loading.


@dataclass(frozen=True)
class Step:
    """One event in the life of an opportunity or an expression of interest, played through a service.

    Opportunity actions: create, submit, review (``scores``, ``decision``, ``comments``), update
    (``changes``: field → new text), resubmit, withdraw, close. Expression actions: submit, message
    (``side``, ``body``), accept, decline (``reason``, ``note``), withdraw.
    """

    day: int
    minute: int
    action: str
    scores: tuple[int, int, int, int] = (0, 0, 0, 0)
    decision: str = ""
    comments: str = ""
    changes: tuple[tuple[str, str], ...] = ()
    side: str = ""
    body: str = ""
    reason: str = ""
    note: str = ""
    by: str = ""  # review: the reviewing intermediary's slug, or "operator"


@dataclass(frozen=True)
class OpportunityContent:
    """What an opportunity says; never the owner's names, city, website, e-mail, phone or contacts."""

    key: str
    firm_key: str
    kind: str
    domains: tuple[str, ...]
    title: str
    summary: str
    description: str
    advantages: str
    arrangement_types: tuple[str, ...]
    partner_role: str
    sectors: tuple[str, ...]
    keywords: str
    stage: str = "na"
    ip_status: str = "na"
    partner_sizes: tuple[str, ...] = ()
    partner_types: tuple[str, ...] = ("firm",)
    partner_countries: tuple[str, ...] = ()
    partner_regions: tuple[str, ...] = ()
    partner_economy_groups: tuple[str, ...] = ()
    partner_corridors: tuple[str, ...] = ()
    required_certifications: tuple[str, ...] = ()
    required_capacity: str = ""
    required_languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpportunitySpec:
    content: OpportunityContent
    status: str  # the status the steps lead to, once the loader has run the daily expiry
    deadline: int  # day offset from the base date
    steps: tuple[Step, ...]
    uid: str
    reference: str


@dataclass(frozen=True)
class InterestSpec:
    """An expression of interest of ``firm_key`` in ``opportunity_key`` and what became of it."""

    key: str
    opportunity_key: str
    firm_key: str
    message: str
    status: str  # the status the steps lead to, once the loader has run the daily expiry
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class DemoExchange:
    opportunities: tuple[OpportunitySpec, ...]
    interests: tuple[InterestSpec, ...]
