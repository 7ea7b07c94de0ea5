"""The demo's cases drawn from completed partnerships (``interfirm.demo.cases``), on a small network."""

from __future__ import annotations

import datetime

import pytest

from interfirm.cases.models import Case, CaseOrigin, CaseStatus
from interfirm.cases.tests.factories import make_partnership
from interfirm.demo.cases import demo_cases, demo_cases_delete
from interfirm.demo.timeline import Actor
from interfirm.testing import make_firm, make_user

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def small_network(personas):
    firms = {"a": personas.kenyan_sme, "b": personas.german_manufacturer}
    firms["c"] = make_firm("Third Demo Firm Ltd", country="GHA", manager=make_user())
    actors = {key: Actor(f.organisation.memberships.first().user, f.organisation) for key, f in firms.items()}
    intermediaries = {"chamber": personas.chamber}
    staff = {"chamber": personas.chamber_staff}
    for i, (x, y) in enumerate((("a", "b"), ("b", "c"), ("a", "c"))):
        make_partnership(
            firms[x],
            firms[y],
            stage="completed",
            started_on=datetime.date(2023, 1 + i, 1),
            agreement_signed_on=datetime.date(2023, 4 + i, 1),
            ended_on=datetime.date(2025, 1 + i, 1),
            intermediary=personas.chamber,
        )
    return {"firms": firms, "actors": actors, "intermediaries": intermediaries, "staff": staff}


def test_the_demo_publishes_two_cases_the_first_anonymised(small_network):
    assert demo_cases(today=TODAY, **small_network) == 2
    cases = list(Case.objects.filter(origin=CaseOrigin.PARTNERSHIP).order_by("period_start", "pk"))
    assert [(c.status, c.anonymised) for c in cases] == [
        (CaseStatus.PUBLISHED, True),
        (CaseStatus.PUBLISHED, False),
    ]
    assert cases[0].parties.filter(name="").count() == 2
    published_at = cases[0].published_at
    assert published_at is not None and published_at.date() == datetime.date(2025, 1, 21)


def test_a_second_run_adds_nothing(small_network):
    demo_cases(today=TODAY, **small_network)
    assert demo_cases(today=TODAY, **small_network) == 0
    assert Case.objects.filter(origin=CaseOrigin.PARTNERSHIP).count() == 2


def test_the_reset_deletes_the_demo_cases_and_keeps_the_report_cases(small_network):
    demo_cases(today=TODAY, **small_network)
    organisation_ids = [f.organisation_id for f in small_network["firms"].values()]
    assert demo_cases_delete(organisation_ids=organisation_ids) == 2
    assert Case.objects.filter(origin=CaseOrigin.SEEDED).count() == 6
