"""Fixtures of the firm tests: a firm whose every confidential value is a unique canary string."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from interfirm.accounts.models import User
from interfirm.firms.models import ContactPerson, Firm, Representation
from interfirm.intermediaries.models import Intermediary
from interfirm.testing import Personas, make_firm, make_user

# Every value only the firm's parties may see. None of them may appear in an anonymous rendering.
CANARIES: dict[str, str] = {
    "legal_name": "Canarylegal Qzx1 Industries Ltd",
    "trade_name": "Canarytrade Qzx2",
    "city": "Canarycity Qzx3",
    "address": "Canaryaddress Qzx4 Road",
    "website": "https://canarysite-qzx5.example",
    "email": "canarymail-qzx6@example.org",
    "phone": "+254 700 QZX7",
    "description": "Canarydescription Qzx8 of the firm",
    "needs": "Canaryneeds Qzx9 partner",
    "contact_name": "Canarycontact Qzy1",
    "contact_position": "Canaryposition Qzy2",
    "contact_email": "canarycontact-qzy3@example.org",
    "contact_phone": "+254 711 QZY4",
}
# A fragment of each canary unlikely to occur anywhere else on a page.
CANARY_MARKS: tuple[str, ...] = (
    "Qzx1",
    "Qzx2",
    "Qzx3",
    "Qzx4",
    "qzx5",
    "qzx6",
    "QZX7",
    "Qzx8",
    "Qzx9",
    "Qzy1",
    "Qzy2",
    "qzy3",
    "QZY4",
)

# What everyone may see of the canary firm (to prove the anonymous page did render the profile).
PUBLIC_MARK = "Canarytechnology Pub1"


@dataclass
class CanaryFirm:
    firm: Firm
    manager: User
    contact: ContactPerson
    representation: Representation


@pytest.fixture
def canary(personas: Personas) -> CanaryFirm:
    """Return a Kenyan firm with canary strings in every confidential field, represented by the chamber."""
    manager = make_user("canary-manager@example.org")
    firm = make_firm(
        CANARIES["legal_name"],
        country="KEN",
        sectors=("1030",),
        manager=manager,
        trade_name=CANARIES["trade_name"],
        city=CANARIES["city"],
        address=CANARIES["address"],
        website=CANARIES["website"],
        email=CANARIES["email"],
        phone=CANARIES["phone"],
        description=CANARIES["description"],
        needs=CANARIES["needs"],
        technologies=PUBLIC_MARK,
        year_founded=1987,
    )
    contact = ContactPerson.objects.create(
        firm=firm,
        name=CANARIES["contact_name"],
        position=CANARIES["contact_position"],
        email=CANARIES["contact_email"],
        phone=CANARIES["contact_phone"],
        is_primary=True,
    )
    representation = Representation.objects.create(
        firm=firm,
        intermediary=personas.chamber,
        consent_method="signed_form",
        consent_given_on=datetime.date(2024, 3, 1),
        consent_given_by="The owner",
    )
    return CanaryFirm(firm=firm, manager=manager, contact=contact, representation=representation)


def represent(intermediary: Intermediary, firm: Firm) -> Representation:
    """Record that ``intermediary`` acts for ``firm`` (directly, for test set-up)."""
    return Representation.objects.create(
        firm=firm,
        intermediary=intermediary,
        consent_method="email",
        consent_given_on=datetime.date(2024, 1, 15),
        consent_given_by="Managing director",
    )
