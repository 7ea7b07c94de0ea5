"""A firm whose every confidential field holds a unique string, to prove nothing leaks."""

from __future__ import annotations

from typing import Any

from interfirm.firms.models import ContactPerson, Firm
from interfirm.testing import make_firm, make_user

CANARIES = {
    "legal_name": "Zebulonqx Canary Holdings Ltd",
    "trade_name": "Qwyxtrade",
    "city": "Cityqxcanary",
    "address": "Addrqxcanary Road 7",
    "website": "https://webqxcanary.example",
    "email": "mailqx@canaryqx.example",
    "phone": "+254 700 918273",
    "description": "Descqxcanary narrative",
    "needs": "Needsqxcanary narrative",
}
CONTACT_CANARIES = {
    "name": "Contactqx Canaryperson",
    "position": "Positionqxcanary",
    "email": "personqx@canaryqx.example",
    "phone": "+254 733 564738",
}
ALL_CANARIES = [
    *(value for key, value in CANARIES.items() if key != "website"),
    "webqxcanary",
    *CONTACT_CANARIES.values(),
    "700 918273",
    "733 564738",
]


def make_canary_firm() -> Firm:
    """Return a Kenyan firm whose confidential fields all hold canary strings, with a manager."""
    manager = make_user("managerqx@example.org", full_name="Managerqx Fullname")
    fields: dict[str, Any] = dict(CANARIES)
    firm = make_firm(fields.pop("legal_name"), country="KEN", manager=manager, **fields)
    ContactPerson.objects.create(firm=firm, is_primary=True, **CONTACT_CANARIES)
    return firm


def leaks(text: str) -> list[str]:
    """Return the canaries found in ``text`` (case-insensitive)."""
    lowered = text.lower()
    return [canary for canary in ALL_CANARIES if canary.lower() in lowered]
