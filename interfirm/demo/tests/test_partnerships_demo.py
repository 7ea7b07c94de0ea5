"""The demo's partnerships (``demo/partnerships.py``): every stage, charts and warnings with something to
show, survival both ways, the login firm among the parties. Uses the demo loaded once for this package."""

from __future__ import annotations

from collections import Counter

from interfirm.demo.data.cases import LOGIN_FIRM_KEY
from interfirm.partnerships.models import (
    CheckIn,
    EarlyWarning,
    Partnership,
    PartnershipStage,
    SupportActivity,
)
from interfirm.partnerships.selectors import survival


def test_the_demo_has_partnerships_in_every_stage(demo, db):
    stages = Counter(Partnership.objects.values_list("stage", flat=True))
    assert set(stages) == set(PartnershipStage.values), stages


def test_the_demo_partnerships_raise_every_kind_of_warning_and_log_mediation(demo, db):
    kinds = set(EarlyWarning.objects.values_list("kind", flat=True))
    assert kinds == {"trust_falling", "trust_low", "milestone_overdue", "no_answer", "diverging"}
    assert EarlyWarning.objects.filter(resolved_on__isnull=False).exists()
    assert SupportActivity.objects.filter(kind__in=["mediation", "renegotiation"]).exists()


def test_the_demo_has_check_ins_over_two_years_and_failures_with_reasons(demo, db):
    longest = max(
        (p.check_ins.filter(submitted_at__isnull=False).count(), p.reference)
        for p in Partnership.objects.all()
    )
    assert longest[0] >= 16  # two parties, eight quarters
    assert CheckIn.objects.filter(submitted_at__isnull=True).exists()
    assert all(p.failure_reason for p in Partnership.objects.filter(stage="failed"))


def test_the_demo_shows_survival_at_12_and_24_months_both_ways(demo, db):
    partnerships = list(Partnership.objects.all())
    assert {survival(p, 12) for p in partnerships} == {True, False, None}
    assert {survival(p, 24) for p in partnerships} >= {True, False}


def test_the_login_firm_takes_part_in_partnerships(demo, db):
    from interfirm.firms.models import Firm

    firm = Firm.objects.get(reference__isnull=False, legal_name__startswith="Bangalore Enzymes")
    assert Partnership.objects.filter(parties__firm=firm).count() >= 2
    assert LOGIN_FIRM_KEY
