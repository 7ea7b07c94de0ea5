"""The stage machine of partnerships, driven at random.

Random moves to any stage, with or without a reason and a failure reason, on dates that sometimes go
backwards. A model written here, independently of ``services.ALLOWED_FROM``, predicts whether each move
may happen; after each step: the move succeeded exactly when the model said so, the stored stage is
the model's, every accepted move left one dated ``StageChange``, an ended partnership has its end date
and reason (a failed one its failure reason), and a partnership that has ended never moves again.

Each example runs inside a savepoint that is rolled back at its end, within one ``django_db`` test.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from interfirm.partnerships.models import (
    FailureReason,
    Partnership,
    PartnershipParty,
    PartnershipStage,
    StageChange,
)
from interfirm.partnerships.services import PartnershipError, partnership_stage_change
from interfirm.testing import make_firm, make_user

pytestmark = pytest.mark.django_db

# The life of a partnership as the issue tells it: contact → negotiation → agreement → implementation
# → review → completed / renewed (→ implementation again) / terminated / failed. Failure can happen at
# any stage before the end; termination once an agreement exists.
NEXT = {
    "contact": {"negotiation", "failed"},
    "negotiation": {"agreement", "failed"},
    "agreement": {"implementation", "terminated", "failed"},
    "implementation": {"review", "completed", "terminated", "failed"},
    "review": {"implementation", "completed", "renewed", "terminated", "failed"},
    "renewed": {"implementation", "terminated", "failed"},
    "completed": set(),
    "terminated": set(),
    "failed": set(),
}
ENDINGS = {"completed", "terminated", "failed"}
START = datetime.date(2024, 1, 1)


class Stages(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        self.user = make_user()
        first, second = make_firm(manager=self.user), make_firm(country="DEU", manager=make_user())
        self.partnership = Partnership.objects.create(title="Machine", started_on=START)
        for firm in (first, second):
            PartnershipParty.objects.create(partnership=self.partnership, firm=firm, joined_on=START)
        StageChange.objects.create(partnership=self.partnership, to_stage="contact", changed_on=START)
        self.organisation = first.organisation
        self.stage = "contact"
        self.day = START
        self.moves = 1

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    @rule(
        to=st.sampled_from(PartnershipStage.values),
        days=st.integers(min_value=-3, max_value=40),
        reason=st.sampled_from(["", "  ", "Both sides agreed."]),
        failure=st.sampled_from(["", FailureReason.HIDDEN_MOTIVES, FailureReason.NO_MONITORING]),
    )
    def move(self, to: str, days: int, reason: str, failure: str) -> None:
        on = self.day + datetime.timedelta(days=days)
        expected = (
            to in NEXT[self.stage]
            and on >= self.day
            and (to not in ENDINGS or bool(reason.strip()))
            and (to != "failed" or bool(failure))
        )
        try:
            partnership_stage_change(
                actor=self.user,
                acting_for=self.organisation,
                partnership=self.partnership,
                to_stage=to,
                changed_on=on,
                reason=reason,
                failure_reason=failure,
            )
        except PartnershipError as error:
            assert not expected, error.message
            assert error.status == 409
        else:
            assert expected
            self.stage, self.day, self.moves = to, on, self.moves + 1

    @invariant()
    def stored_state_is_the_models(self) -> None:
        stored = Partnership.objects.get(pk=self.partnership.pk)
        assert stored.stage == self.stage
        changes = list(StageChange.objects.filter(partnership=stored).order_by("pk"))
        assert len(changes) == self.moves
        assert changes[-1].to_stage == self.stage
        assert all(a.changed_on <= b.changed_on for a, b in itertools.pairwise(changes))
        if self.stage in ENDINGS:
            assert stored.ended_on == self.day and stored.end_reason.strip()
            assert bool(stored.failure_reason) == (self.stage == "failed")
        else:
            assert stored.ended_on is None


def test_partnership_stages_follow_their_rules_whatever_is_tried():
    run_state_machine_as_test(
        Stages,
        settings=settings(
            max_examples=10,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
