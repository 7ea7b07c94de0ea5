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
