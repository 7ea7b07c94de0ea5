"""Factories for introductions tests: representations, canary firms and expressions of interest."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from interfirm.accounts.models import Organisation, User
from interfirm.firms.models import ContactPerson, Firm, Representation
from interfirm.intermediaries.models import Intermediary
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.introductions.services import eoi_submit
from interfirm.opportunities.models import Opportunity
from interfirm.sectors.models import IsicCode
from interfirm.testing import make_firm, make_user

_serial = itertools.count(1)

MESSAGE = "We process 20 tonnes of mango a day and want to license a solar dryer for our second line."


def represent(intermediary: Intermediary, firm: Firm, **fields: Any) -> Representation:
    """Return an active representation of ``firm`` by ``intermediary``."""
    fields.setdefault("consent_method", "signed_form")
    fields.setdefault("consent_given_on", datetime.date(2025, 1, 15))
    fields.setdefault("consent_given_by", "The managing director")
    return Representation.objects.create(firm=firm, intermediary=intermediary, **fields)


# Strings planted in every confidential field of a firm: none may appear where the firm is anonymous.
def canaries(tag: str) -> dict[str, str]:
    return {
        "legal_name": f"Zqxcanary{tag} Legal Holdings Ltd",
        "trade_name": f"Zqxtrade{tag}",
        "city": f"Zqxcity{tag}",
        "address": f"7 Zqxstreet{tag} Road",
        "website": f"https://zqxweb{tag.lower()}.example",
        "email": f"info@zqxmail{tag.lower()}.example",
        "phone": f"+254 7{next(_serial) % 100:02d} 987 {next(_serial) % 1000:03d}",
    }


def make_canary_firm(tag: str, *, manager: User | None = None, country: str = "KEN", **fields: Any) -> Firm:
    """Return a firm whose identity fields and contact person all carry unique canary strings."""
    identity: dict[str, Any] = canaries(tag)
    legal_name = identity.pop("legal_name")
    firm = make_firm(legal_name, manager=manager or make_user(), country=country, **identity, **fields)
    ContactPerson.objects.create(
        firm=firm,
        name=f"Zqxperson{tag} Contact",
        email=f"person@zqxcontact{tag.lower()}.example",
        is_primary=True,
    )
    return firm


def canary_strings(firm: Firm) -> list[str]:
    """Return the confidential values of ``firm`` (identity fields and contact persons)."""
    values = [firm.legal_name, firm.trade_name, firm.city, firm.address, firm.website, firm.email, firm.phone]
    for contact in firm.contacts.all():
        values += [contact.name, contact.email]
    return [value for value in values if value]


def manager_of(firm: Firm) -> User:
    return User.objects.filter(memberships__organisation_id=firm.organisation_id).order_by("pk").first()  # type: ignore[return-value]


def make_eoi(
    firm: Firm,
    opportunity: Any,
    *,
    actor: User | None = None,
    acting_for: Organisation | None = None,
    message: str = MESSAGE,
    key: str | None = None,
) -> ExpressionOfInterest:
    """Return a new open expression of ``firm`` in ``opportunity``, made through the service."""
    return eoi_submit(
        actor=actor or manager_of(firm),
        acting_for=acting_for or firm.organisation,
        firm=firm,
        opportunity=opportunity,
        message=message,
        idempotency_key=key if key is not None else f"key-{next(_serial)}",
    )


def make_offer(
    firm: Firm,
    *,
    title: str = "Licence for solar fruit-drying technology",
    status: str = "published",
    **fields: Any,
) -> Opportunity:
    """Return an offer of ``firm`` (published unless ``status`` says otherwise), made through the ORM.

    Not indexed for search: these tests do not search, and stay independent of the search app.
    """
    fields.setdefault("kind", "offer")
    fields.setdefault("summary", "A proven low-cost solar dryer for fruit and vegetables.")
    fields.setdefault("description", "Dries mango, pineapple and tomato slices with solar heat and a fan.")
    opportunity = Opportunity.objects.create(
        firm=firm,
        title=title,
        status=status,
        domains=["technology"],
        arrangement_types=["licensing"],
        deadline=timezone.now().date() + datetime.timedelta(days=180),
        published_at=timezone.now() if status == "published" else None,
        **fields,
    )
    opportunity.sectors.set(IsicCode.objects.filter(code="1030"))
    return opportunity


def days_later(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)
