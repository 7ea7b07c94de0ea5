"""A hand-counted network for the statistics tests.

Five partnerships, all begun in 2024:

| | parties | corridor | stage | arrangement | first contact → agreement |
|---|---|---|---|---|---|
| P1 | Kenya, Germany | North-South | completed 2025-06-01 | licensing | 2024-01-10 → 2024-03-10 (60 days) |
| P2 | Kenya, Ethiopia (LDC) | South-South | failed 2024-08-01, hidden motives | subcontracting | 2024-01-10 → 2024-02-09 (30 days) |
| P3 | Germany, France | North-North | implementation | joint venture | 2024-04-01 → 2024-05-09 (38 days) |
| P4 | Germany, Ukraine | North-transition | contact | licensing | – |
| P5 | Kenya, Kenya | domestic | negotiation | supply | – |

Four opportunities (three offers, one request), five expressions of interest (two accepted, one
declined, one expired, one open), and seven answered check-ins: five about 2024 Q2, two about 2024 Q3.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from interfirm.cases.tests.factories import make_partnership
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.partnerships.models import CheckIn, Partnership
from interfirm.testing import make_firm, make_opportunity

D = datetime.date
TODAY = D(2026, 6, 1)


@dataclass
class Network:
    partnerships: list[Partnership]
    opportunities: list[Any]
    firms: dict[str, Any]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12))


def make_network() -> Network:
    firms = {
        "ken": make_firm("Kenyan Statfirm Ltd", country="KEN", sectors=("1030",)),
        "ken2": make_firm("Second Kenyan Statfirm Ltd", country="KEN", sectors=("1030",)),
        "deu": make_firm("German Statfirm GmbH", country="DEU", size_class="large", sectors=("2829",)),
        "eth": make_firm("Ethiopian Statfirm PLC", country="ETH", sectors=("1410",)),
        "fra": make_firm("French Statfirm SA", country="FRA", sectors=("2829",)),
        "ukr": make_firm("Ukrainian Statfirm LLC", country="UKR", sectors=("0111",)),
    }
    p = [
        make_partnership(
            firms["ken"],
            firms["deu"],
            stage="completed",
            arrangement_types=("licensing",),
            started_on=D(2024, 1, 10),
            agreement_signed_on=D(2024, 3, 10),
            ended_on=D(2025, 6, 1),
        ),
        make_partnership(
            firms["ken"],
            firms["eth"],
            stage="failed",
            arrangement_types=("subcontracting",),
            started_on=D(2024, 1, 10),
            agreement_signed_on=D(2024, 2, 9),
            ended_on=D(2024, 8, 1),
            failure_reason="hidden_motives",
        ),
        make_partnership(
            firms["deu"],
            firms["fra"],
            stage="implementation",
            arrangement_types=("joint_venture",),
            started_on=D(2024, 4, 1),
            agreement_signed_on=D(2024, 5, 9),
        ),
        make_partnership(firms["deu"], firms["ukr"], stage="contact", started_on=D(2024, 6, 1)),
        make_partnership(
            firms["ken"],
            firms["ken2"],
            stage="negotiation",
            arrangement_types=("supply",),
            started_on=D(2024, 7, 1),
        ),
    ]
    opportunities = [
        make_opportunity(firms["ken"], title="Offer one"),
        make_opportunity(firms["deu"], title="Offer two", domains=("technology", "production")),
        make_opportunity(firms["fra"], title="Offer three", status="draft"),
        make_opportunity(firms["eth"], title="Request one", kind="request", domains=("marketing",)),
    ]
    decided = _aware(D(2024, 2, 1))
    for status, firm in (
        ("accepted", "deu"),
        ("accepted", "eth"),
        ("declined", "fra"),
        ("expired", "ukr"),
        ("open", "ken2"),
    ):
        ExpressionOfInterest.objects.create(
            opportunity=opportunities[0],
            firm=firms[firm],
            message="We would like to talk.",
            status=status,
            expires_at=_aware(D(2030, 1, 1)),
            decided_at=decided if status in ("accepted", "declined") else None,
        )
    parties = list(p[0].parties.all()) + list(p[2].parties.all())
    answers = [
        (parties[0], D(2024, 6, 30), (4, 4, 4)),
        (parties[1], D(2024, 6, 30), (4, 3, 5)),
        (parties[2], D(2024, 6, 30), (5, 5, 5)),
        (parties[3], D(2024, 6, 30), (3, 3, 3)),
        (parties[0], D(2024, 5, 31), (4, 5, 4)),
        (parties[0], D(2024, 9, 30), (2, 2, 2)),
        (parties[1], D(2024, 9, 30), (3, 3, 3)),
    ]
    for party, end, (contractual, goodwill, competence) in answers:
        CheckIn.objects.create(
            partnership=party.partnership,
            party=party,
            due_on=end,
            period_start=end - datetime.timedelta(days=90),
            period_end=end,
            submitted_at=_aware(end),
            satisfaction=4,
            trust_contractual=contractual,
            trust_goodwill=goodwill,
            trust_competence=competence,
        )
    return Network(partnerships=p, opportunities=opportunities, firms=firms)
