"""The demo's partnership readiness and support instruments: a realistic set of instruments offered by
the demo intermediaries, and readiness diagnostics for a good share of the demo firms — self-assessed,
guided or validated by an intermediary, some re-assessed with progress; the login firm (Bangalore
Enzymes) has three, from self-assessment to validation. Written through the readiness and instruments
services, deterministic (one seeded RNG, dates relative to ``today``)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from interfirm.demo.data.cases import LOGIN_FIRM_KEY
from interfirm.firms.models import Firm, Representation
from interfirm.instruments.services import support_instrument_create
from interfirm.intermediaries.models import Intermediary
from interfirm.readiness.content import version_content
from interfirm.readiness.models import Assessment, ItemKind
from interfirm.readiness.selectors import published_version
from interfirm.readiness.services import (
    assessment_save_answers,
    assessment_start,
    assessment_submit,
    assessment_validate,
)

SEED = 1998
SHARE_ASSESSED = 0.35
SHARE_REASSESSED = 0.25


@dataclass(frozen=True)
class InstrumentSpec:
    provider: str
    name: str
    kind: str
    description: str
    amount: tuple[int, int] | None = None
    currency: str = ""
    deadline_days: int | None = None
    rules: tuple[tuple[str, Any], ...] = ()
    countries: tuple[str, ...] = ()


INSTRUMENTS: tuple[InstrumentSpec, ...] = (
    InstrumentSpec(
        "lowlands-development-finance-demo",
        "Partnership investment loan (demo)",
        "concessional_loan",
        "Loans at low interest with long pay-back periods for investors from developed countries who set up "
        "a joint venture with a firm in a developing country (para 34).",
        (50_000, 1_500_000),
        "EUR",
        None,
        (
            ("economy_groups", ["developing"]),
            ("arrangement_types", ["joint_venture", "equity_investment"]),
            ("min_readiness", "ready"),
            ("cofinancing_required", True),
        ),
    ),
    InstrumentSpec(
        "lowlands-development-finance-demo",
        "Technology partnership risk guarantee (demo)",
        "risk_guarantee",
        "Covers part of the risk of a technology partnership, as export guarantees do, so that firms are "
        "readier to enter cooperation agreements (para 44).",
        (100_000, 2_000_000),
        "USD",
        None,
        (("economy_groups", ["developing", "transition"]), ("min_readiness", "emerging")),
    ),
    InstrumentSpec(
        "montevideo-development-corporation-demo",
        "Credit for SME technology partnerships (demo)",
        "concessional_loan",
        "Credit for micro, small and medium firms that bring in new technology through a partnership.",
        (20_000, 300_000),
        "USD",
        None,
        (("size_classes", ["micro", "small", "medium"]),),
        ("URY",),
    ),
    InstrumentSpec(
        "enterprise-eire-demo",
        "Venture capital for partnering manufacturers (demo)",
        "venture_capital",
        "Equity for manufacturers whose international partnership needs capital; both partners invest too.",
        (250_000, 3_000_000),
        "EUR",
        120,
        (("isic_prefixes", ["C"]), ("min_readiness", "ready"), ("cofinancing_required", True)),
    ),
    InstrumentSpec(
        "international-partnering-programme-demo",
        "LDC partnership cost-sharing grant (demo)",
        "cost_sharing_grant",
        "Shares the cost of preparing a partnership with a firm in a least developed country: feasibility, "
        "expert visits, first training. Both partners contribute from the start (para 41).",
        (10_000, 100_000),
        "USD",
        90,
        (("ldc_only", True), ("cofinancing_required", True)),
    ),
    InstrumentSpec(
        "international-partnering-programme-demo",
        "Study tour: food processing partners in Europe (demo)",
        "study_tour",
        "Ten days visiting food processors, equipment makers and buyers, with brokerage meetings (para 10, 21).",
        None,
        "",
        60,
        (("isic_prefixes", ["10", "11"]), ("economy_groups", ["developing", "transition"])),
    ),
    InstrumentSpec(
        "empretec-accra-demo",
        "EMPRETEC entrepreneurship workshop (demo)",
        "training",
        "Six days of behavioural training for entrepreneurs: initiative, commitment, openness to learning.",
        None,
        "",
        None,
        (("size_classes", ["micro", "small", "medium"]),),
        ("GHA", "NGA", "SEN", "KEN"),
    ),
    InstrumentSpec(
        "nile-sme-agency-demo",
        "Quality certification cost-sharing (demo)",
        "cost_sharing_grant",
        "Pays half of the consultancy and audit costs of a first ISO 9001 or food-safety certification.",
        (2_000, 20_000),
        "USD",
        None,
        (("size_classes", ["micro", "small", "medium"]),),
        ("EGY",),
    ),
    InstrumentSpec(
        "philippine-food-garment-federation-demo",
        "Food safety and HACCP training (demo)",
        "training",
        "A three-month programme with plant visits to put a HACCP plan in place (para 28).",
        None,
        "",
        None,
        (("isic_prefixes", ["10"]),),
        ("PHL",),
    ),
    InstrumentSpec(
        "anatolia-technology-zone-demo",
        "Technology partnership grant (demo)",
        "cost_sharing_grant",
        "Co-finances licensing, technical cooperation and joint R&D between Turkish SMEs and foreign partners.",
        (15_000, 250_000),
        "EUR",
        150,
        (
            ("arrangement_types", ["licensing", "technical_cooperation", "rd_cooperation"]),
            ("min_readiness", "emerging"),
            ("cofinancing_required", True),
        ),
        ("TUR",),
    ),
    InstrumentSpec(
        "rhein-ruhr-chamber-demo",
        "Trade mission to East Africa (demo)",
        "study_tour",
        "A week in Nairobi, Addis Ababa and Dar es Salaam for firms looking for suppliers and partners.",
        None,
        "",
        45,
        (("economy_groups", ["developed"]),),
    ),
    InstrumentSpec(
        "rhein-ruhr-chamber-demo",
        "Buyers' mission, last season (demo)",
        "study_tour",
        "Closed: shown only to operators and to the chamber.",
        None,
        "",
        -30,
    ),
)


def _instruments(intermediaries: dict[str, Intermediary], staff: dict[str, Any], today: datetime.date) -> int:
    made = 0
    for spec in INSTRUMENTS:
        provider = intermediaries.get(spec.provider)
        if provider is None:
            continue
        values: dict[str, Any] = dict(spec.rules)
        if spec.amount:
            values["amount_min"], values["amount_max"] = (Decimal(a) for a in spec.amount)
        support_instrument_create(
            actor=staff.get(spec.provider),
            acting_for=provider.organisation,
            countries=list(spec.countries),
            name=spec.name,
            kind=spec.kind,
            provider=provider,
            description=spec.description,
            currency=spec.currency,
            deadline=today + datetime.timedelta(days=spec.deadline_days)
            if spec.deadline_days is not None
            else None,
            **values,
        )
        made += 1
    return made


def _answers(items: list[Any], strength: float, rng: random.Random, certificate: str) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for item in items:
        p = min(1.0, max(0.0, strength + rng.uniform(-0.25, 0.25)))
        if item.kind == ItemKind.YES_NO:
            answers[item.code] = "yes" if rng.random() < p else "no"
        elif item.kind == ItemKind.SCALE:
            answers[item.code] = round(p * item.scale_max)
        elif item.kind == ItemKind.CHOICE:
            answers[item.code] = item.choices[round(p * (len(item.choices) - 1))]["value"]
        elif item.kind == ItemKind.NUMBER:
            answers[item.code] = round(float(item.target or 1) * p * rng.uniform(0.6, 1.4), 1)
        elif certificate and rng.random() < p:
            answers[item.code] = certificate
    return answers


@dataclass
class _Assessor:
    firms: dict[str, Firm]
    intermediaries: dict[str, Intermediary]
    staff: dict[str, Any]
    actors: dict[str, Any]
    today: datetime.date
    rng: random.Random

    def __post_init__(self) -> None:
        version = published_version()
        assert version is not None
        self.version = version
        self.content = version_content(version)
        self.representing: dict[int, Intermediary] = {}
        by_pk = {i.pk: i for i in self.intermediaries.values()}
        for firm_id, intermediary_id in Representation.objects.filter(ended_at__isnull=True).values_list(
            "firm_id", "intermediary_id"
        ):
            if intermediary_id in by_pk:
                self.representing.setdefault(firm_id, by_pk[intermediary_id])
        self.covering: dict[str, list[Intermediary]] = {}
        for intermediary in self.intermediaries.values():
            for country in intermediary.countries_covered.values_list("pk", flat=True):
                self.covering.setdefault(country, []).append(intermediary)

    def assess(self, key: str, strength: float, days_ago: int, source: str) -> Assessment:
        firm = self.firms[key]
        actor = self.actors[key]
        guide = None
        if source in ("guided", "validated"):
            guide = self.representing.get(firm.pk) or next(iter(self.covering.get(firm.country_id, [])), None)
        acting_user = self.staff.get(guide.slug) if guide is not None else actor.user
        acting_for = guide.organisation if guide is not None else actor.organisation
        assessment = assessment_start(
            actor=acting_user, acting_for=acting_for, firm=firm, version=self.version, guided_by=guide
        )
        certificate = ", ".join(c.name for c in firm.certifications.all())
        items = self.content.asked(list(assessment.variants))
        assessment_save_answers(
            actor=acting_user,
            acting_for=acting_for,
            assessment=assessment,
            answers=_answers(items, strength, self.rng, certificate),
        )
        assessment = assessment_submit(actor=acting_user, acting_for=acting_for, assessment=assessment)
        when = timezone.now() - datetime.timedelta(days=days_ago)
        dates: dict[str, Any] = {"created_at": when - datetime.timedelta(days=2), "submitted_at": when}
        if source == "validated":
            validator = guide or self.representing.get(firm.pk)
            if validator is not None:
                assessment = assessment_validate(
                    actor=self.staff.get(validator.slug),
                    acting_for=validator.organisation,
                    assessment=assessment,
                    intermediary=validator,
                    note="Answers checked with the managers during a visit to the plant.",
                )
                dates["validated_at"] = when + datetime.timedelta(days=7)
        # Dated like the rest of the demo: in the past, in order.
        Assessment.objects.filter(pk=assessment.pk).update(**dates)
        return assessment


def demo_readiness(
    *,
    firms: dict[str, Firm],
    intermediaries: dict[str, Intermediary],
    staff: dict[str, Any],
    actors: dict[str, Any],
    today: datetime.date,
) -> dict[str, int]:
    """Write the demo's support instruments and readiness diagnostics; return what was made."""
    rng = random.Random(SEED)
    instruments = _instruments(intermediaries, staff, today)
    if published_version() is None:
        return {"instruments": instruments, "assessments": 0}
    assessor = _Assessor(firms, intermediaries, staff, actors, today, rng)
    made = 0
    if LOGIN_FIRM_KEY in firms:
        for strength, days_ago, source in (
            (0.45, 400, "self"),
            (0.62, 220, "guided"),
            (0.8, 40, "validated"),
        ):
            assessor.assess(LOGIN_FIRM_KEY, strength, days_ago, source)
            made += 1
    for key in sorted(firms):
        if key == LOGIN_FIRM_KEY or rng.random() > SHARE_ASSESSED:
            continue
        strength = rng.uniform(0.25, 0.85)
        source = rng.choices(("self", "guided", "validated"), weights=(5, 3, 2))[0]
        if rng.random() < SHARE_REASSESSED:
            assessor.assess(key, strength, rng.randint(250, 500), "self")
            strength = min(0.95, strength + rng.uniform(0.08, 0.25))
            made += 1
        assessor.assess(key, strength, rng.randint(10, 200), source)
        made += 1
    return {"instruments": instruments, "assessments": made}
