"""Fixtures of the search tests: firms in Kenya, Germany and Uganda with published opportunities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from interfirm.firms.models import ContactPerson, Firm, SizeClass
from interfirm.testing import Personas, make_firm

# Planted in every confidential field of the owner firms: none may reach a search result.
CANARY = "zqcanary"


def plant_canaries(firm: Firm) -> None:
    """Write a unique canary string into every confidential field of ``firm`` and its contacts."""
    tag = f"{CANARY}{firm.pk}"
    firm.legal_name = f"{tag}legal Ltd"
    firm.trade_name = f"{tag}trade"
    firm.city = f"{tag}city"
    firm.address = f"{tag}address"
    firm.website = f"https://{tag}web.example"
    firm.email = f"{tag}mail@example.org"
    firm.phone = f"{tag}phone"
    firm.save()
    firm.organisation.name = f"{tag}organisation"
    firm.organisation.save()
    ContactPerson.objects.create(
        firm=firm, name=f"{tag}person", email=f"{tag}contact@example.org", phone=f"{tag}cphone"
    )


@dataclass
class World:
    kenyan: Firm
    german: Firm
    ugandan: Firm


@pytest.fixture
def world(personas: Personas) -> World:
    ugandan = make_firm("Kampala Agro Ltd", country="UGA", size_class=SizeClass.MICRO, sectors=("0113",))
    firms = World(kenyan=personas.kenyan_sme, german=personas.german_manufacturer, ugandan=ugandan)
    for firm in (firms.kenyan, firms.german, firms.ugandan):
        plant_canaries(firm)
    return firms


def by_title(result: Any) -> list[str]:
    return [o.title for o in result.opportunities]
