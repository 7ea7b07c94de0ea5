"""Factories for partnership tests: an accepted introduction and the partnership opened from it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from interfirm.accounts.models import User
from interfirm.firms.models import Firm
from interfirm.intermediaries.models import Intermediary
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.introductions.services import eoi_accept
from interfirm.introductions.tests.factories import make_eoi, make_offer, manager_of, represent
from interfirm.partnerships.models import Partnership
from interfirm.partnerships.services import CheckInAnswer, partnership_open_from_eoi, partnership_stage_change
from interfirm.testing import Personas

STARTED = datetime.date(2024, 1, 2)

__all__ = ["STARTED", "Deal", "answer", "make_deal", "move", "represent"]


@dataclass
class Deal:
    """A partnership between the German manufacturer (owner) and the Kenyan SME (interested)."""

    partnership: Partnership
    eoi: ExpressionOfInterest
    owner: Firm
    interested: Firm
    chamber: Intermediary


def make_deal(personas: Personas, *, represented: bool = True) -> Deal:
    """Return a partnership at the contact stage opened from an accepted introduction; the chamber
    represents the Kenyan SME (so it is linked to the partnership) unless ``represented`` is False."""
    if represented:
        represent(personas.chamber, personas.kenyan_sme)
    offer = make_offer(personas.german_manufacturer)
    offer.arrangement_types = ["licensing", "technical_cooperation"]
    offer.keywords = "food processing, cold chain"
    offer.save(update_fields=["arrangement_types", "keywords"])
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    partnership = partnership_open_from_eoi(
        actor=personas.rheinwerk_manager,
        acting_for=personas.german_manufacturer.organisation,
        eoi=eoi,
        started_on=STARTED,
    )
    return Deal(partnership, eoi, personas.german_manufacturer, personas.kenyan_sme, personas.chamber)


def move(deal: Deal, *stages: str, on: datetime.date, user: User | None = None) -> None:
    """Move the deal's partnership through ``stages`` on the date ``on`` (as the owner's manager)."""
    actor = user or manager_of(deal.owner)
    for stage in stages:
        partnership_stage_change(
            actor=actor,
            acting_for=deal.owner.organisation,
            partnership=deal.partnership,
            to_stage=stage,
            changed_on=on,
            reason="Objectives met." if stage in ("completed", "terminated", "failed") else "",
            failure_reason="loss_of_trust" if stage == "failed" else "",
        )


def add_milestone(deal: Deal, *, title: str, due_on: datetime.date) -> None:
    """Add a milestone of the deal's owner (its manager sets it), due on ``due_on``."""
    from interfirm.partnerships.services import milestone_add

    milestone_add(
        actor=manager_of(deal.owner),
        acting_for=deal.owner.organisation,
        partnership=deal.partnership,
        title=title,
        owner=deal.partnership.parties.get(firm=deal.owner),
        due_on=due_on,
    )


def answer(trust: int = 4, satisfaction: int = 4, progress: int = 50) -> CheckInAnswer:
    return CheckInAnswer(
        progress=progress,
        satisfaction=satisfaction,
        trust_contractual=trust,
        trust_goodwill=trust,
        trust_competence=trust,
        view_of_other="Reliable and open.",
        knowledge_transferred="Drying curves for mango.",
        staff_exchanged=2,
        training="Two operators trained in Duisburg.",
        problems="",
    )
