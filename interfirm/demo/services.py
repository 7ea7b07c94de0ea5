"""Loading and deleting the demo network.

Everything is written through the owning apps' services (``intermediary_create``, ``firm_create``,
``firm_register_by_intermediary``, ``contact_person_add``, then the opportunities and introductions
services, played by ``timeline``), so the demo has the same audit trail, size classes, name keys,
search index and notifications as real data. Each organisation and user the loader creates is
registered as a ``DemoObject``, and so is each notification it sends to a user outside the demo (an
operator or intermediary of the installation that reviews demo opportunities); ``demo_delete`` removes
those and what hangs off them — firms, their opportunities, reviews, expressions of interest, messages,
search entries and notifications — and nothing else.

Dates: the demo is planned relative to ``generator.BASE_DATE``; every date is shifted by
(today − base date) when loading, so the demo never looks stale (see ``timeline``).

E-mail: the load notifies the demo's users like any other change would, so every inbox has the
notifications its history calls for. Their e-mail and SMS deliveries are dropped before the load
commits — the demo's addresses are fictitious, and an installation's own reviewers should not get
mail about demo data. While loading, ``demo_notifications_quiet`` also swaps the e-mail backend for
Django's in-memory one and the task backend for the dummy one (which queues nothing and runs
nothing), so that loading prints no e-mail on the console and leaves no task for the worker.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from interfirm.audit.services import audit_record
from interfirm.demo.cases import demo_cases, demo_cases_delete
from interfirm.demo.exchange import build_exchange
from interfirm.demo.generator import BASE_DATE, DEMO_DOMAIN, build_network
from interfirm.demo.matching import demo_matching
from interfirm.demo.models import DemoObject
from interfirm.demo.partnerships import demo_partnerships, demo_partnerships_delete
from interfirm.demo.readiness import demo_readiness
from interfirm.demo.specs import DemoExchange, DemoNetwork, FirmSpec, UserSpec
from interfirm.demo.timeline import Actor, ExchangePlayer, status_counts
from interfirm.firms.models import Firm
from interfirm.firms.services import contact_person_add, firm_create, firm_register_by_intermediary
from interfirm.geo.models import Country
from interfirm.intermediaries.models import Intermediary, Network
from interfirm.intermediaries.services import intermediary_create
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.notifications.models import Delivery, Notification
from interfirm.opportunities.models import Opportunity

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
    opportunities: dict[str, int] = field(default_factory=dict)  # by status
    interests: dict[str, int] = field(default_factory=dict)  # expressions of interest by status


def demo_logins() -> list[DemoLogin]:
    """Return the documented demo logins, one per role (all use ``DEMO_PASSWORD``)."""
    return [
        DemoLogin(
            "firm manager",
            f"firm.manager@{DEMO_DOMAIN}",
            "Bangalore Enzymes (demo), India",
            "its opportunities (published, on hold, a draft); expressions of interest sent and received, "
            "one accepted (identities revealed)",
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
            "the review queue; the portfolio of firms it registered and their expressions of interest",
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

    def __init__(self, network: DemoNetwork, exchange: DemoExchange, today: datetime.date) -> None:
        self.network = network
        self.exchange = exchange
        self.shift = today - BASE_DATE  # every planned date moves by this much
        self.today = today
        self.password = make_password(DEMO_PASSWORD, salt=_DEMO_SALT)
        self.users: list[User] = []
        self.organisations: list[Organisation] = []
        self.intermediaries: dict[str, Intermediary] = {}
        self.staff: dict[str, User] = {}  # intermediary slug -> its manager, who records firms
        self.firms: dict[str, Firm] = {}  # firm key -> firm
        self.actors: dict[str, Actor] = {}  # firm key -> who acts for it

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
        reviewers = {slug: Actor(self.staff[slug], i.organisation) for slug, i in self.intermediaries.items()}
        reviewers["operator"] = Actor(operator, operator_org)
        first_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ExchangePlayer(
            self.exchange, firms=self.firms, actors=self.actors, reviewers=reviewers, today=self.today
        ).play()
        # Readiness and support instruments first: partnerships and matching read them.
        demo_readiness(
            firms=self.firms,
            intermediaries=self.intermediaries,
            staff=self.staff,
            actors=self.actors,
            today=self.today,
        )
        demo_partnerships(
            firms=self.firms,
            intermediaries=self.intermediaries,
            staff=self.staff,
            actors=self.actors,
            today=self.today,
        )
        demo_cases(
            firms=self.firms,
            intermediaries=self.intermediaries,
            staff=self.staff,
            actors=self.actors,
            today=self.today,
        )
        _register(self.organisations)
        _register(self.users)
        # Notifications the demo sent to users outside it (reviewers of the installation) go with it.
        _register(
            list(
                Notification.objects.filter(pk__gt=first_notification)
                .exclude(recipient__in=[user.pk for user in self.users])
                .only("pk")
            )
        )
        Delivery.objects.filter(notification__pk__gt=first_notification).delete()
        opportunities, interests = status_counts([firm.pk for firm in self.firms.values()])
        report = DemoLoadReport(
            intermediaries=len(self.intermediaries),
            firms=len(self.network.firms),
            represented_firms=represented,
            users=len(self.users),
            opportunities=opportunities,
            interests=interests,
        )
        audit_record(
            actor=operator,
            acting_for=operator_org,
            action="demo.load",
            obj=operator_org,
            changes=asdict(report),
        )
        demo_matching(today=self.today)  # last: the suggestions are made on everything loaded above
        return report

    def firm(self, spec: FirmSpec) -> bool:
        """Write one firm; return whether an intermediary registered it."""
        created_on = (spec.created_on or BASE_DATE) + self.shift
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
                consent_given_on=spec.consent.given_on + self.shift,
                consent_given_by=spec.consent.given_by,
                consent_note=spec.consent.note,
                sectors=list(spec.sectors),
                certifications=list(spec.certifications),
                markets=list(spec.markets),
                languages=list(spec.languages),
                **fields,
            )
            self.actors[spec.key] = Actor(
                self.staff[spec.consent.intermediary_slug], intermediary.organisation
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
            self.actors[spec.key] = Actor(managers[0], firm.organisation)
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
        self.firms[spec.key] = firm
        return spec.consent is not None


def _check_can_load(network: DemoNetwork, exchange: DemoExchange) -> None:
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
    references = [spec.reference for spec in exchange.opportunities]
    taken = sorted(Opportunity.objects.filter(reference__in=references).values_list("reference", flat=True))
    if taken:
        raise DemoError(f"Demo opportunity references are already taken: {', '.join(taken[:5])}")


@contextmanager
def demo_notifications_quiet() -> Iterator[None]:
    """Inside the block, send e-mail to Django's in-memory backend and hand background tasks to the dummy
    backend, which neither queues nor runs them; afterwards restore both and drop what the block put in
    the in-memory outbox (see the module docstring)."""
    had_outbox = hasattr(mail, "outbox")
    kept = len(mail.outbox) if had_outbox else 0
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS={**settings.TASKS, "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    ):
        try:
            yield
        finally:
            if had_outbox:
                del mail.outbox[kept:]
            elif hasattr(mail, "outbox"):
                del mail.outbox


def demo_load(
    *,
    network: DemoNetwork | None = None,
    exchange: DemoExchange | None = None,
    today: datetime.date | None = None,
) -> DemoLoadReport | None:
    """Load the demo network unless it is already there; return what was loaded (None if nothing).

    ``today`` (the current date by default) is where the planned dates are moved to. The notifications
    the load sends reach the demo users' inboxes, not the console (``demo_notifications_quiet``).
    Raises ``DemoError`` when the reference data is missing or demo identifiers are taken by real data.
    """
    with demo_notifications_quiet():
        return _demo_load(network=network, exchange=exchange, today=today or timezone.localdate())


@transaction.atomic
def _demo_load(
    *, network: DemoNetwork | None, exchange: DemoExchange | None, today: datetime.date
) -> DemoLoadReport | None:
    if demo_is_loaded():
        return None
    network = network or build_network()
    exchange = exchange or build_exchange(
        network, expiry_days=settings.EOI_EXPIRY_DAYS, max_open=settings.EOI_MAX_OPEN_PER_FIRM
    )
    _check_can_load(network, exchange)
    return _Writer(network, exchange, today).write()


@transaction.atomic
def demo_delete() -> int:
    """Delete the demo network — the organisations and users the loader registered and what hangs off
    them (firms, intermediaries, memberships, contacts, representations, opportunities with their
    reviews, search entries and expressions of interest, notifications) — and nothing else. Return
    how many registered objects were deleted. The audit trail keeps its entries (it is never edited)."""
    registry = DemoObject.objects.all()

    def registered(model: type[models.Model]) -> list[int]:
        content_type = ContentType.objects.get_for_model(model)
        return [
            int(pk) for pk in registry.filter(content_type=content_type).values_list("object_id", flat=True)
        ]

    organisation_ids = registered(Organisation)
    user_ids = registered(User)
    count = registry.count()
    Notification.objects.filter(pk__in=registered(Notification)).delete()
    # Cases drawn from demo partnerships first: they keep pointers to the firms they describe.
    demo_cases_delete(organisation_ids=organisation_ids)
    # Partnerships first: deleting their firms would leave them without parties.
    demo_partnerships_delete(organisation_ids=organisation_ids)
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


def demo_exchange_fingerprint() -> list[tuple[str, ...]]:
    """Return the demo's opportunities (reference, title, kind, status, days to the deadline) and
    expressions of interest (opportunity, interested firm, status), sorted: equal after equal loads
    (on the same day or not, since the dates follow the day of loading)."""
    organisation_type = ContentType.objects.get_for_model(Organisation)
    organisation_ids = [
        int(pk)
        for pk in DemoObject.objects.filter(content_type=organisation_type).values_list(
            "object_id", flat=True
        )
    ]
    today = timezone.localdate()
    opportunities = Opportunity.objects.filter(firm__organisation_id__in=organisation_ids)
    rows: list[tuple[str, ...]] = [
        ("opportunity", reference, title, kind, status, str((deadline - today).days))
        for reference, title, kind, status, deadline in opportunities.values_list(
            "reference", "title", "kind", "status", "deadline"
        )
    ]
    rows += [
        ("interest", *row)
        for row in ExpressionOfInterest.objects.filter(opportunity__in=opportunities).values_list(
            "opportunity__reference", "firm__reference", "status"
        )
    ]
    return sorted(rows)
