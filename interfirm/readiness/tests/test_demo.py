"""The demo's readiness and support instruments (``interfirm.demo.readiness``), on a small network of
firms and intermediaries made here, so the test stays fast."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from interfirm.demo.data.cases import LOGIN_FIRM_KEY
from interfirm.demo.readiness import INSTRUMENTS, demo_readiness
from interfirm.firms.models import Representation
from interfirm.instruments.models import SupportInstrument
from interfirm.readiness.models import Assessment, Source
from interfirm.testing import make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@dataclass
class Actor:
    user: Any
    organisation: Any


def _network():
    intermediaries = {}
    staff = {}
    for slug in sorted({spec.provider for spec in INSTRUMENTS}):
        user = make_user()
        intermediaries[slug] = make_intermediary(slug, slug=slug, country="IND", staff=user)
        staff[slug] = user
    firms, actors = {}, {}
    for n in range(30):
        key = LOGIN_FIRM_KEY if n == 0 else f"firm-{n:02d}"
        manager = make_user()
        firm = make_firm(f"Demo Firm {n}", country=("IND", "ETH", "KEN")[n % 3], manager=manager)
        firms[key] = firm
        actors[key] = Actor(manager, firm.organisation)
        if n % 4 == 0:
            Representation.objects.create(
                firm=firm,
                intermediary=intermediaries[
                    "bharat-investment-desk-demo" if False else sorted(intermediaries)[0]
                ],
                consent_method="email",
                consent_given_on=TODAY,
                consent_given_by="The manager",
            )
    return firms, intermediaries, staff, actors


def _load():
    firms, intermediaries, staff, actors = _network()
    report = demo_readiness(
        firms=firms, intermediaries=intermediaries, staff=staff, actors=actors, today=TODAY
    )
    return firms, report


def test_the_demo_writes_every_kind_of_instrument_and_assessments_of_every_source():
    _firms, report = _load()
    assert report["instruments"] == len(INSTRUMENTS) == SupportInstrument.objects.count()
    assert set(SupportInstrument.objects.values_list("kind", flat=True)) == {
        "concessional_loan",
        "risk_guarantee",
        "venture_capital",
        "cost_sharing_grant",
        "training",
        "study_tour",
    }
    assert report["assessments"] == Assessment.objects.filter(status="submitted").count() >= 10
    assert set(Assessment.objects.values_list("source", flat=True)) == {
        Source.SELF,
        Source.GUIDED,
        Source.VALIDATED,
    }


def test_the_login_firm_has_three_assessments_showing_progress():
    firms, _report = _load()
    history = list(Assessment.objects.filter(firm=firms[LOGIN_FIRM_KEY]).order_by("submitted_at"))
    assert [a.source for a in history] == [Source.SELF, Source.GUIDED, Source.VALIDATED]
    scores = [float(a.overall_score or 0) for a in history]
    assert scores == sorted(scores) and scores[0] < scores[-1]


def test_the_demo_is_deterministic():
    _load()
    first = sorted(Assessment.objects.values_list("firm__legal_name", "level", "overall_score"))
    Assessment.objects.all().delete()
    SupportInstrument.objects.all().delete()
    demo_readiness(
        firms={k: f for k, f in _reuse_firms().items()},
        intermediaries=_reuse_intermediaries(),
        staff={},
        actors=_reuse_actors(),
        today=TODAY,
    )
    assert sorted(Assessment.objects.values_list("firm__legal_name", "level", "overall_score")) == first


def _reuse_firms():
    from interfirm.firms.models import Firm

    firms = {}
    for firm in Firm.objects.filter(legal_name__startswith="Demo Firm "):
        n = int(firm.legal_name.rsplit(" ", 1)[1])
        firms[LOGIN_FIRM_KEY if n == 0 else f"firm-{n:02d}"] = firm
    return firms


def _reuse_intermediaries():
    from interfirm.intermediaries.models import Intermediary

    return {i.slug: i for i in Intermediary.objects.filter(slug__endswith="-demo")}


def _reuse_actors():
    return {
        key: Actor(firm.organisation.memberships.get().user, firm.organisation)
        for key, firm in _reuse_firms().items()
    }
