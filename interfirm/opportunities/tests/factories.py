"""Factories for opportunities, for this app's tests and the other apps'."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from interfirm.firms.models import Firm
from interfirm.opportunities.models import Opportunity
from interfirm.testing import make_opportunity as _make_opportunity


def make_opportunity(firm: Firm, *, status: str = "published", **fields: Any) -> Opportunity:
    """Return an opportunity of ``firm`` in ``status``, made through the ORM (indexed when published)."""
    return _make_opportunity(firm, status=status, **fields)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def opportunity_data(**overrides: Any) -> dict[str, Any]:
    """Return valid service input for ``opportunity_create`` (plain values; no many-to-many)."""
    data: dict[str, Any] = {
        "kind": "offer",
        "domains": ["technology"],
        "title": "Licence for a solar fruit dryer",
        "summary": "A proven low-cost solar dryer for mango and pineapple.",
        "description": "Dries fruit slices with solar heat and a small fan; no grid power needed.",
        "advantages": "Halves drying time compared with open-air drying.",
        "stage": "market",
        "ip_status": "know_how",
        "arrangement_types": ["licensing"],
        "partner_role": "Manufacture and sell the dryer in its country.",
        "keywords": "solar, dryer, fruit",
        "deadline": in_days(120),
    }
    data.update(overrides)
    return data


def form_post(**overrides: Any) -> dict[str, Any]:
    """Return valid POST data for the opportunity form."""
    data: dict[str, Any] = {
        "kind": "offer",
        "domains": ["technology", "production"],
        "title": "Licence for a solar fruit dryer",
        "summary": "A proven low-cost solar dryer for mango and pineapple.",
        "description": "Dries fruit slices with solar heat and a small fan; no grid power needed.",
        "advantages": "Halves drying time compared with open-air drying.",
        "stage": "market",
        "ip_status": "know_how",
        "arrangement_types": ["licensing", "technical_cooperation"],
        "partner_role": "Manufacture and sell the dryer in its country.",
        "partner_sizes": ["small", "medium"],
        "partner_types": ["firm"],
        "partner_countries": ["UGA", "TZA"],
        "partner_economy_groups": ["developing"],
        "partner_corridors": ["south_south"],
        "required_capacity": "A metal workshop.",
        "sectors": "1030, 2825",
        "keywords": "solar, dryer, fruit",
        "deadline": in_days(120).isoformat(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
