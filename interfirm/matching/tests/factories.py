"""A small network to match: a Kenyan fruit processor seeking pulping equipment, a German maker of it,
an Indian maker of the same, and a canary firm whose name must never show before acceptance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interfirm.firms.models import Certification, SizeClass
from interfirm.matching import services
from interfirm.testing import make_firm, make_opportunity, make_user

CANARY = "CANARYZQX Pulping Works"


@dataclass
class Network:
    request: Any  # the Kenyan SME's request
    german_offer: Any
    indian_firm: Any
    indian_offer: Any
    canary_firm: Any
    canary_offer: Any


def make_network(personas: Any) -> Network:
    """Publish the opportunities of a small network and build the index."""
    request = make_opportunity(
        personas.kenyan_sme,
        title="Supplier of fruit pulping and drying equipment sought",
        kind="request",
        domains=("production",),
        arrangement_types=("supply",),
        sectors=("1030",),
        summary="We seek pulping, pasteurising and drying lines for mango and passion fruit.",
        description="A small processor of mango pulp seeks a supplier of pulping and drying equipment.",
    )
    request.required_certifications.set(Certification.objects.filter(code="iso-9001"))
    german_offer = make_opportunity(
        personas.german_manufacturer,
        title="Pulping and drying lines for fruit processors",
        kind="offer",
        domains=("production",),
        arrangement_types=("supply",),
        sectors=("2829",),
        summary="Pulping, pasteurising and drying equipment for mango and other fruit.",
        description="We build pulping and drying lines for fruit processors and train their staff.",
    )
    indian_firm = make_firm(
        "Pune Process Machines Pvt Ltd", country="IND", size_class=SizeClass.MEDIUM, sectors=("2829",)
    )
    indian_offer = make_opportunity(
        indian_firm,
        title="Fruit pulping machines, supply and maintenance",
        kind="offer",
        domains=("production",),
        arrangement_types=("supply",),
        sectors=("2829",),
        summary="Pulping and drying machines for mango processors, with maintenance.",
        description="Supply of pulping machines for mango and passion fruit processors.",
    )
    canary_firm = make_firm(
        CANARY,
        country="DEU",
        size_class=SizeClass.LARGE,
        sectors=("2829",),
        trade_name=CANARY,
        city="Canaryville",
    )
    canary_offer = make_opportunity(
        canary_firm,
        title="Drying equipment for mango pulp",
        kind="offer",
        domains=("production",),
        arrangement_types=("supply",),
        sectors=("2829",),
        summary="Pulping and drying lines for mango and passion fruit processors.",
        description="Mango pulping and drying equipment, supply and training.",
    )
    services.matching_rebuild()
    return Network(request, german_offer, indian_firm, indian_offer, canary_firm, canary_offer)


def manager_of(firm: Any) -> Any:
    from interfirm.accounts.models import Membership, Role

    user = make_user()
    Membership.objects.create(user=user, organisation=firm.organisation, role=Role.MANAGER)
    return user
