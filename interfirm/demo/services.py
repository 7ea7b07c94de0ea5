"""Loading and deleting the demo network.

Everything is written through the owning apps' services (``intermediary_create``, ``firm_create``,
``firm_register_by_intermediary``, ``contact_person_add``), so the demo has the same audit trail, size
classes and name keys as real data. Each organisation and user the loader creates is registered as a
``DemoObject``; ``demo_delete`` removes those and nothing else.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from interfirm.audit.services import audit_record
from interfirm.demo.generator import BASE_DATE, DEMO_DOMAIN, build_network
from interfirm.demo.models import DemoObject
from interfirm.demo.specs import DemoNetwork, FirmSpec, UserSpec
from interfirm.firms.models import Firm
from interfirm.firms.services import contact_person_add, firm_create, firm_register_by_intermediary
from interfirm.geo.models import Country
from interfirm.intermediaries.models import Intermediary, Network
from interfirm.intermediaries.services import intermediary_create

DEMO_PASSWORD = "demo-partner-2026"
# A fixed salt keeps the stored hash identical between loads; the password is public anyway.
_DEMO_SALT = "interfirmdemo2026salt"
OPERATOR_EMAIL = f"operator@{DEMO_DOMAIN}"
ANALYST_EMAIL = f"analyst@{DEMO_DOMAIN}"
OPERATOR_ORGANISATION = "interfirm demo programme (operator, demo)"
PUBLIC_AUTHORITY = "Ministry of Trade and Industry (demo)"


class DemoError(Exception):
    """The demo cannot be loaded as asked (reference data missing, a demo e-mail taken by a real user)."""


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    organisation: str
    try_this: str


@dataclass(frozen=True)
class DemoLoadReport:
    intermediaries: int
    firms: int
    represented_firms: int
    users: int


def demo_logins() -> list[DemoLogin]:
    """Return the documented demo logins, one per role (all use ``DEMO_PASSWORD``)."""
    return [
        DemoLogin(
            "firm manager",
            f"firm.manager@{DEMO_DOMAIN}",
            "Bangalore Enzymes (demo), India",
            "edit the profile, invite colleagues, API tokens",
        ),
        DemoLogin(
            "firm member",
            f"firm.member@{DEMO_DOMAIN}",
            "Bangalore Enzymes (demo), India",
            "read the firm's pages",
        ),
        DemoLogin(
            "intermediary manager",
            f"intermediary.manager@{DEMO_DOMAIN}",
            "Nairobi Chamber of Commerce and Industry (demo)",
            "the portfolio of firms it registered; register a firm",
        ),
        DemoLogin(
            "intermediary member",
            f"intermediary.member@{DEMO_DOMAIN}",
            "Nairobi Chamber of Commerce and Industry (demo)",
            "the portfolio, without managing colleagues",
        ),
        DemoLogin("operator", OPERATOR_EMAIL, OPERATOR_ORGANISATION, "the operator pages and /admin/"),
        DemoLogin("analyst", ANALYST_EMAIL, PUBLIC_AUTHORITY, "read-only statistics"),
    ]


def demo_is_loaded() -> bool:
    """Return whether the demo network is in the database."""
    return DemoObject.objects.exists()


def _register(objects: Sequence[models.Model]) -> None:
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(objects[0])
    DemoObject.objects.bulk_create(
        [DemoObject(content_type=content_type, object_id=str(obj.pk)) for obj in objects]
    )


class _Writer:
    """Writes one ``DemoNetwork``; keeps the users and organisations it made, to register them."""

    def __init__(self, network: DemoNetwork) -> None:
        self.network = network
        self.password = make_password(DEMO_PASSWORD, salt=_DEMO_SALT)
        self.users: list[User] = []
        self.organisations: list[Organisation] = []
        self.intermediaries: dict[str, Intermediary] = {}
        self.staff: dict[str, User] = {}  # intermediary slug -> its manager, who records firms

    def user(self, spec: UserSpec, *, is_staff: bool = False) -> User:
        user = User.objects.create(
            email=spec.email,
            full_name=spec.full_name,
            password=self.password,
            email_confirmed=True,
            is_staff=is_staff,
            preferred_language=spec.language,
        )
        self.users.append(user)
        return user

    def organisation(self, kind: str, name: str, country: str) -> Organisation:
        organisation = Organisation.objects.create(kind=kind, name=name, country_id=country)
        self.organisations.append(organisation)
        return organisation

    def write(self) -> DemoLoadReport:
        operator_org = self.organisation(OrganisationKind.OPERATOR, OPERATOR_ORGANISATION, "CHE")
        operator = self.user(UserSpec(OPERATOR_EMAIL, "Olivia Operator", Role.OPERATOR))
        # Not a superuser, not staff: operators reach the admin through their role
        # (accounts.admin_site, accounts.backends); the audit admin still refuses every change.
        Membership.objects.create(user=operator, organisation=operator_org, role=Role.OPERATOR)
        ministry = self.organisation(OrganisationKind.PUBLIC_AUTHORITY, PUBLIC_AUTHORITY, "KEN")
        analyst = self.user(UserSpec(ANALYST_EMAIL, "Amina Analyst", Role.ANALYST))
        Membership.objects.create(user=analyst, organisation=ministry, role=Role.ANALYST)
        networks = dict(Network.objects.values_list("code", "pk"))
        for spec in self.network.intermediaries:
            manager_spec, member_spec = self.network.staff[spec.slug]
            manager = self.user(manager_spec)
            intermediary = intermediary_create(
                actor=operator,
                acting_for=operator_org,
                name=spec.name,
                type=spec.type,
                country_id=spec.country,
                manager=manager,
                slug=spec.slug,
                countries_covered=spec.countries_covered,
                sectors_covered=spec.sectors,
                services=spec.services,
                languages=spec.languages,
                networks=[networks[code] for code in spec.networks],
                acronym=spec.acronym,
                description=spec.description,
                city=spec.city,
                website=f"https://{spec.slug}.example",
                email=f"partnering@{spec.slug}.example",
            )
            Membership.objects.create(
                user=self.user(member_spec), organisation=intermediary.organisation, role=Role.MEMBER
            )
            self.organisations.append(intermediary.organisation)
            self.intermediaries[spec.slug] = intermediary
            self.staff[spec.slug] = manager
        represented = sum(1 for spec in self.network.firms if self.firm(spec))
        _register(self.organisations)
        _register(self.users)
        report = DemoLoadReport(
            intermediaries=len(self.intermediaries),
            firms=len(self.network.firms),
            represented_firms=represented,
            users=len(self.users),
        )
        audit_record(
            actor=operator,
            acting_for=operator_org,
            action="demo.load",
            obj=operator_org,
            changes=asdict(report),
        )
        return report

    def firm(self, spec: FirmSpec) -> bool:
        """Write one firm; return whether an intermediary registered it."""
        created_on = spec.created_on or BASE_DATE
        fields: dict[str, Any] = {
            "trade_name": spec.trade_name,
            "city": spec.city,
            "address": spec.address,
            "website": spec.website,
            "email": spec.email,
            "phone": spec.phone,
            "year_founded": spec.year_founded,
            "employees": spec.employees,
            "turnover_band": spec.turnover_band,
            "ownership": spec.ownership,
            "description": spec.description,
            "technologies": spec.technologies,
            "processes": spec.processes,
            "equipment_capacity": spec.equipment_capacity,
            "declares_no_certifications": not spec.certifications,
            "needs": spec.needs,
            "uid": spec.uid,
            "reference": spec.reference,
            "created_at": datetime.datetime.combine(created_on, datetime.time(9, 0), tzinfo=datetime.UTC),
        }
        if spec.consent is not None:
            intermediary = self.intermediaries[spec.consent.intermediary_slug]
            actor: User | None = self.staff[spec.consent.intermediary_slug]
            acting_for = intermediary.organisation
            firm = firm_register_by_intermediary(
                actor=actor,
                intermediary=intermediary,
                legal_name=spec.legal_name,
                country_id=spec.country,
                consent_method=spec.consent.method,
                consent_given_on=spec.consent.given_on,
                consent_given_by=spec.consent.given_by,
                consent_note=spec.consent.note,
                sectors=list(spec.sectors),
                certifications=list(spec.certifications),
                markets=list(spec.markets),
                languages=list(spec.languages),
                **fields,
            )
        else:
            managers = [self.user(user) for user in spec.users]
            actor = managers[0] if managers else None
            firm = firm_create(
                actor=actor,
                acting_for=None,
                legal_name=spec.legal_name,
                country_id=spec.country,
                manager=actor,
                sectors=list(spec.sectors),
                **fields,
            )
            acting_for = firm.organisation
            firm.certifications.set(spec.certifications)  # type: ignore[arg-type]  # codes are the pks
            firm.markets.set(spec.markets)  # type: ignore[arg-type]
            firm.languages.set(spec.languages)  # type: ignore[arg-type]
            for user, user_spec in zip(managers[1:], spec.users[1:], strict=True):
                Membership.objects.create(user=user, organisation=firm.organisation, role=user_spec.role)
        for contact in spec.contacts:
            contact_person_add(
                actor=actor,
                acting_for=acting_for,
                firm=firm,
                name=contact.name,
                position=contact.position,
                email=contact.email,
                phone=contact.phone,
                is_primary=contact.is_primary,
            )
        self.organisations.append(firm.organisation)
        return spec.consent is not None


def _check_can_load(network: DemoNetwork) -> None:
    if not Country.objects.exists():
        raise DemoError("The reference data is missing: run `manage.py load_reference` first.")
    emails = [OPERATOR_EMAIL, ANALYST_EMAIL]
    emails += [user.email for staff in network.staff.values() for user in staff]
    emails += [user.email for firm in network.firms for user in firm.users]
    taken = sorted(User.objects.filter(email__in=emails).values_list("email", flat=True))
    if taken:
        raise DemoError(
            f"Demo e-mail addresses are already used by users outside the demo: {', '.join(taken[:5])}"
        )
    slugs = [spec.slug for spec in network.intermediaries]
    taken = sorted(Intermediary.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if taken:
        raise DemoError(f"Demo intermediary slugs are already taken: {', '.join(taken[:5])}")
    references = [firm.reference for firm in network.firms]
    taken = sorted(Firm.objects.filter(reference__in=references).values_list("reference", flat=True))
    if taken:
        raise DemoError(f"Demo firm references are already taken: {', '.join(taken[:5])}")


@transaction.atomic
def demo_load(*, network: DemoNetwork | None = None) -> DemoLoadReport | None:
    """Load the demo network unless it is already there; return what was loaded (None if nothing).

    Raises ``DemoError`` when the reference data is missing or demo identifiers are taken by real data.
    """
    if demo_is_loaded():
        return None
    network = network or build_network()
    _check_can_load(network)
    return _Writer(network).write()


@transaction.atomic
def demo_delete() -> int:
    """Delete the demo network — the organisations and users the loader registered and what hangs off
    them (firms, intermediaries, memberships, contacts, representations) — and nothing else. Return
    how many registered objects were deleted. The audit trail keeps its entries (it is never edited)."""
    organisation_type = ContentType.objects.get_for_model(Organisation)
    user_type = ContentType.objects.get_for_model(User)
    registry = DemoObject.objects.all()
    organisation_ids = [
        int(pk) for pk in registry.filter(content_type=organisation_type).values_list("object_id", flat=True)
    ]
    user_ids = [int(pk) for pk in registry.filter(content_type=user_type).values_list("object_id", flat=True)]
    count = registry.count()
    # Firms first: Representation rows point at both firms and intermediaries.
    Firm.objects.filter(organisation_id__in=organisation_ids).delete()
    Organisation.objects.filter(pk__in=organisation_ids).delete()
    User.objects.filter(pk__in=user_ids).delete()
    registry.delete()
    return count


def demo_fingerprint() -> list[tuple[str, str, str]]:
    """Return (legal name, country, size class) of every demo firm, sorted: equal after equal loads."""
    organisation_type = ContentType.objects.get_for_model(Organisation)
    organisation_ids = DemoObject.objects.filter(content_type=organisation_type).values_list(
        "object_id", flat=True
    )
    rows = Firm.objects.filter(organisation_id__in=[int(pk) for pk in organisation_ids]).values_list(
        "legal_name", "country_id", "size_class"
    )
    return sorted(rows)
