"""Shared test helpers: factories and the named personas every test suite uses.

Personas (fixtures in ``conftest.py``):
- ``kenyan_sme``: Amani Fresh Foods, a small fruit processor in Nairobi, with its manager ``amani_manager``;
- ``german_manufacturer``: Rheinwerk Maschinenbau, a large machinery maker in Germany (``rheinwerk_manager``);
- ``chamber``: the Kenya National Chamber of Commerce and Industry, an intermediary (``chamber_staff``);
- ``operator_user``: runs the installation; ``analyst_user``: reads statistics.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.test import Client

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from interfirm.accounts.selectors import SESSION_ORGANISATION_KEY
from interfirm.firms.models import Firm, SizeClass
from interfirm.firms.services import name_key_for
from interfirm.intermediaries.models import Intermediary, IntermediaryType, Service
from interfirm.sectors.models import IsicCode

PASSWORD = "correct-horse-battery-staple"
_serial = itertools.count(1)


def make_user(email: str | None = None, *, password: str = PASSWORD, **extra: Any) -> User:
    """Return a confirmed, active user."""
    extra.setdefault("email_confirmed", True)
    return User.objects.create_user(email or f"user{next(_serial)}@example.org", password, **extra)


def make_organisation(kind: str, name: str, country: str = "KEN") -> Organisation:
    return Organisation.objects.create(kind=kind, name=name, country_id=country)


def add_member(user: User, organisation: Organisation, role: str) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def make_firm(
    legal_name: str | None = None,
    *,
    country: str = "KEN",
    size_class: str = SizeClass.SMALL,
    employees: int | None = 25,
    sectors: tuple[str, ...] = ("1030",),
    manager: User | None = None,
    **fields: Any,
) -> Firm:
    """Return a firm (with its organisation) made directly through the ORM."""
    name = legal_name or f"Test Firm {next(_serial)} Ltd"
    organisation = make_organisation(OrganisationKind.FIRM, name, country)
    firm = Firm.objects.create(
        organisation=organisation,
        legal_name=name,
        name_key=name_key_for(name),
        country_id=country,
        size_class=size_class,
        employees=employees,
        **fields,
    )
    firm.sectors.set(IsicCode.objects.filter(code__in=sectors))
    if manager is not None:
        add_member(manager, organisation, Role.MANAGER)
    return firm


def make_intermediary(
    name: str | None = None,
    *,
    country: str = "KEN",
    type: str = IntermediaryType.CHAMBER,
    staff: User | None = None,
    services: tuple[str, ...] = (),
    **fields: Any,
) -> Intermediary:
    name = name or f"Test Chamber {next(_serial)}"
    organisation = make_organisation(OrganisationKind.INTERMEDIARY, name, country)
    slug = fields.pop("slug", None) or name.lower().replace(" ", "-")[:100] + f"-{next(_serial)}"
    intermediary = Intermediary.objects.create(
        organisation=organisation, name=name, slug=slug, type=type, country_id=country, **fields
    )
    intermediary.countries_covered.add(country)  # type: ignore[arg-type]
    if services:
        intermediary.services.set(Service.objects.filter(code__in=services))
    if staff is not None:
        add_member(staff, organisation, Role.MANAGER)
    return intermediary


def client_for(user: User, organisation: Organisation | None = None) -> Client:
    """Return a test client signed in as ``user``, acting for ``organisation`` if given."""
    client = Client()
    client.force_login(user)
    if organisation is not None:
        session = client.session
        session[SESSION_ORGANISATION_KEY] = organisation.pk
        session.save()
    return client


@dataclass
class Personas:
    amani_manager: User
    kenyan_sme: Firm
    rheinwerk_manager: User
    german_manufacturer: Firm
    chamber_staff: User
    chamber: Intermediary
    operator_user: User
    analyst_user: User


def make_personas() -> Personas:
    amani_manager = make_user("wanjiru@amanifresh.example", full_name="Wanjiru Kamau")
    kenyan_sme = make_firm(
        "Amani Fresh Foods Ltd",
        country="KEN",
        size_class=SizeClass.SMALL,
        employees=32,
        sectors=("1030",),
        city="Nairobi",
        trade_name="Amani Fresh",
        website="https://amanifresh.example",
        description="Processes mango and passion fruit into pulp and dried fruit for regional markets.",
        manager=amani_manager,
    )
    rheinwerk_manager = make_user("k.vogel@rheinwerk.example", full_name="Katrin Vogel")
    german_manufacturer = make_firm(
        "Rheinwerk Maschinenbau GmbH",
        country="DEU",
        size_class=SizeClass.LARGE,
        employees=1200,
        sectors=("2829",),
        city="Duisburg",
        description="Builds food-processing lines: pulping, pasteurising and drying equipment.",
        manager=rheinwerk_manager,
    )
    chamber_staff = make_user("otieno@kenyachamber.example", full_name="James Otieno")
    chamber = make_intermediary(
        "Kenya National Chamber of Commerce and Industry",
        slug="kenya-chamber",
        country="KEN",
        type=IntermediaryType.CHAMBER,
        staff=chamber_staff,
        services=("partner-search", "diagnosis"),
        city="Nairobi",
        email="info@kenyachamber.example",
    )
    operator_org = make_organisation(OrganisationKind.OPERATOR, "Programme operator", "KEN")
    operator_user = make_user("operator@interfirm.example")
    add_member(operator_user, operator_org, Role.OPERATOR)
    ministry = make_organisation(OrganisationKind.PUBLIC_AUTHORITY, "Ministry of Trade", "KEN")
    analyst_user = make_user("analyst@trade.example")
    add_member(analyst_user, ministry, Role.ANALYST)
    return Personas(
        amani_manager,
        kenyan_sme,
        rheinwerk_manager,
        german_manufacturer,
        chamber_staff,
        chamber,
        operator_user,
        analyst_user,
    )


def make_opportunity(
    firm: Firm,
    *,
    title: str = "Licence for solar fruit-drying technology",
    kind: str = "offer",
    status: str = "published",
    domains: tuple[str, ...] = ("technology",),
    arrangement_types: tuple[str, ...] = ("licensing",),
    sectors: tuple[str, ...] = ("1030",),
    deadline: Any = None,
    **fields: Any,
) -> Any:
    """Return an opportunity of ``firm`` made through the ORM (indexed for search when published)."""
    import datetime

    from django.utils import timezone

    from interfirm.opportunities.models import Opportunity
    from interfirm.search.services import search_index_refresh

    fields.setdefault("summary", "A proven low-cost solar dryer for fruit and vegetables.")
    fields.setdefault(
        "description", "Dries mango, pineapple and tomato slices with solar heat and a small fan."
    )
    opportunity = Opportunity.objects.create(
        firm=firm,
        kind=kind,
        title=title,
        status=status,
        domains=list(domains),
        arrangement_types=list(arrangement_types),
        deadline=deadline or (timezone.now().date() + datetime.timedelta(days=180)),
        published_at=timezone.now() if status == "published" else None,
        **fields,
    )
    opportunity.sectors.set(IsicCode.objects.filter(code__in=sectors))
    search_index_refresh(opportunity_id=opportunity.pk)
    return opportunity
