"""A state machine of expressions of interest, driven by random actors.

Actors — the owner firm, its intermediary, two interested firms (one with an intermediary) and a
stranger firm — submit, accept, decline, withdraw, write and let expressions expire, at random. A
simple model predicts what each attempt should do; after every step the invariants are checked:

- every attempt succeeds exactly when the model says it may, and then the database agrees with it;
- accepted, declined, withdrawn and expired are final (only an accepted case takes messages);
- at most ``EOI_MAX_OPEN_PER_FIRM`` open expressions per firm, one per firm and opportunity;
- a party sees the other firm's identity (``user_can_see_identity``, ``eoi_counterpart_view``) if and
  only if an accepted expression links them.

Each example runs inside a savepoint that is rolled back at its end, within one ``django_db`` test.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.http import Http404
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from interfirm.accounts.models import Membership, Organisation, User
from interfirm.firms.models import Firm
from interfirm.firms.selectors import user_can_see_identity
from interfirm.introductions.models import DeclineReason, EoiStatus, ExpressionOfInterest, Side
from interfirm.introductions.selectors import eoi_counterpart_view, eoi_get_for_user
from interfirm.introductions.services import (
    IntroductionError,
    eoi_accept,
    eoi_decline,
    eoi_message_send,
    eoi_submit,
    eoi_withdraw,
    eois_expire_due,
)
from interfirm.introductions.tests.factories import MESSAGE, make_offer, represent
from interfirm.testing import make_firm, make_intermediary, make_user

CAP = 2
KEYS = ("k1", "k2", "k3")


@dataclass
class Actor:
    """A user acting for an organisation, and the firms that organisation speaks for."""

    name: str
    user: User
    organisation: Organisation
    firms: frozenset[int]  # ids of the firms the organisation is or represents


@dataclass
class Model:
    status: dict[int, str] = field(default_factory=dict)  # eoi id -> status
    pair: dict[int, tuple[int, int]] = field(default_factory=dict)  # eoi id -> (firm id, opportunity id)
    keys: dict[tuple[int, str], int] = field(default_factory=dict)  # (user id, key) -> eoi id


class ExpressionsOfInterest(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        owner = make_firm("Owner Werke GmbH", country="DEU", manager=make_user())
        interested_a = make_firm("Interested A Ltd", manager=make_user())
        interested_b = make_firm("Interested B Ltd", country="GHA", manager=make_user())
        stranger = make_firm("Stranger Ltd", country="BRA", manager=make_user())
        owner_intermediary = make_intermediary("Owner Chamber", country="DEU", staff=make_user())
        a_intermediary = make_intermediary("A Chamber", staff=make_user())
        represent(owner_intermediary, owner)
        represent(a_intermediary, interested_a)
        self.firms: dict[int, Firm] = {f.pk: f for f in (owner, interested_a, interested_b, stranger)}
        self.opportunities = {
            o.pk: o
            for o in (
                make_offer(owner, title="First offer"),
                make_offer(owner, title="Second offer"),
                make_offer(interested_a, title="A's own request", kind="request"),
                make_offer(owner, title="A draft", status="draft"),
            )
        }

        def member(organisation: Organisation) -> User:
            return Membership.objects.filter(organisation=organisation).first().user  # type: ignore[union-attr]

        self.actors = [
            Actor(f.legal_name, member(f.organisation), f.organisation, frozenset({f.pk}))
            for f in (owner, interested_a, interested_b, stranger)
        ] + [
            Actor(
                "Owner Chamber",
                member(owner_intermediary.organisation),
                owner_intermediary.organisation,
                frozenset({owner.pk}),
            ),
            Actor(
                "A Chamber",
                member(a_intermediary.organisation),
                a_intermediary.organisation,
                frozenset({interested_a.pk}),
            ),
        ]
        self.model = Model()
        self.touched: set[int] = set()  # the cases the last step acted on

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    # The model ----------------------------------------------------------------------------------

    def _owner_of(self, eoi_id: int) -> int:
        return self.opportunities[self.model.pair[eoi_id][1]].firm_id

    def _open_count(self, firm_id: int) -> int:
        return sum(
            1
            for e, s in self.model.status.items()
            if s == EoiStatus.OPEN and self.model.pair[e][0] == firm_id
        )

    def _linked(self, x: int, y: int) -> bool:
        """Whether an accepted expression links firms x and y."""
        for eoi_id, status in self.model.status.items():
            if status == EoiStatus.ACCEPTED and {self.model.pair[eoi_id][0], self._owner_of(eoi_id)} == {
                x,
                y,
            }:
                return True
        return False

    def _sides(self, actor: Actor, eoi_id: int) -> set[str]:
        sides: set[str] = set()
        if self.model.pair[eoi_id][0] in actor.firms:
            sides.add(Side.INTERESTED)
        if self._owner_of(eoi_id) in actor.firms:
            sides.add(Side.OWNER)
        return sides

    def _eoi(self, eoi_id: int) -> ExpressionOfInterest:
        return ExpressionOfInterest.objects.select_related("firm", "opportunity__firm").get(pk=eoi_id)

    # Rules --------------------------------------------------------------------------------------

    @rule(data=st.data())
    def submit(self, data: st.DataObject) -> None:
        actor = data.draw(st.sampled_from(self.actors), label="actor")
        firm_id = data.draw(st.sampled_from(sorted(self.firms)), label="firm")
        opportunity_id = data.draw(st.sampled_from(sorted(self.opportunities)), label="opportunity")
        key = data.draw(st.sampled_from(KEYS), label="key")
        opportunity = self.opportunities[opportunity_id]
        self.touched = set()
        replayed = self.model.keys.get((actor.user.pk, key))
        if replayed is not None:
            expected = "replay" if self.model.pair[replayed] == (firm_id, opportunity_id) else "error"
        elif (
            firm_id not in actor.firms
            or opportunity.status != "published"
            or opportunity.firm_id == firm_id
            or any(
                s == EoiStatus.OPEN and self.model.pair[e] == (firm_id, opportunity_id)
                for e, s in self.model.status.items()
            )
            or self._open_count(firm_id) >= CAP
        ):
            expected = "error"
        else:
            expected = "new"
        try:
            eoi = eoi_submit(
                actor=actor.user,
                acting_for=actor.organisation,
                firm=self.firms[firm_id],
                opportunity=opportunity,
                message=MESSAGE,
                idempotency_key=key,
            )
        except IntroductionError:
            assert expected == "error", f"{actor.name} was refused a submission the rules allow"
            return
        assert expected != "error", f"{actor.name} submitted where the rules forbid it"
        if expected == "replay":
            assert eoi.pk == replayed
            return
        assert eoi.pk not in self.model.status
        self.touched = {eoi.pk}
        self.model.status[eoi.pk] = EoiStatus.OPEN
        self.model.pair[eoi.pk] = (firm_id, opportunity_id)
        self.model.keys[(actor.user.pk, key)] = eoi.pk

    def _answer(self, data: st.DataObject, action: str) -> None:
        actor = data.draw(st.sampled_from(self.actors), label="actor")
        eoi_id = data.draw(st.sampled_from(sorted(self.model.status)), label="eoi")
        self.touched = {eoi_id}
        needed = Side.INTERESTED if action == "withdraw" else Side.OWNER
        allowed = self.model.status[eoi_id] == EoiStatus.OPEN and needed in self._sides(actor, eoi_id)
        eoi = self._eoi(eoi_id)
        kwargs = {"actor": actor.user, "acting_for": actor.organisation, "eoi": eoi}
        try:
            if action == "accept":
                eoi_accept(**kwargs)  # type: ignore[arg-type]
            elif action == "decline":
                reason = data.draw(st.sampled_from(DeclineReason.values), label="reason")
                eoi_decline(**kwargs, reason=reason, note="")  # type: ignore[arg-type]
            else:
                eoi_withdraw(**kwargs)  # type: ignore[arg-type]
        except IntroductionError:
            assert not allowed, f"{actor.name} was refused to {action} a case where it may"
            return
        assert allowed, f"{actor.name} could {action} a case in state {self.model.status[eoi_id]}"
        self.model.status[eoi_id] = {
            "accept": EoiStatus.ACCEPTED,
            "decline": EoiStatus.DECLINED,
            "withdraw": EoiStatus.WITHDRAWN,
        }[action]

    @precondition(lambda self: self.model.status)
    @rule(data=st.data())
    def accept(self, data: st.DataObject) -> None:
        self._answer(data, "accept")

    @precondition(lambda self: self.model.status)
    @rule(data=st.data())
    def decline(self, data: st.DataObject) -> None:
        self._answer(data, "decline")

    @precondition(lambda self: self.model.status)
    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        self._answer(data, "withdraw")

    @precondition(lambda self: self.model.status)
    @rule(data=st.data())
    def message(self, data: st.DataObject) -> None:
        actor = data.draw(st.sampled_from(self.actors), label="actor")
        eoi_id = data.draw(st.sampled_from(sorted(self.model.status)), label="eoi")
        self.touched = {eoi_id}
        allowed = bool(self._sides(actor, eoi_id)) and self.model.status[eoi_id] in (
            EoiStatus.OPEN,
            EoiStatus.ACCEPTED,
        )
        before = ExpressionOfInterest.objects.get(pk=eoi_id).messages.count()
        try:
            eoi_message_send(
                actor=actor.user, acting_for=actor.organisation, eoi=self._eoi(eoi_id), body="Hello"
            )
        except IntroductionError:
            assert not allowed, f"{actor.name} was refused a message it may send"
            assert ExpressionOfInterest.objects.get(pk=eoi_id).messages.count() == before
            return
        assert allowed, f"{actor.name} wrote in a case in state {self.model.status[eoi_id]}"

    @precondition(lambda self: self.model.status)
    @rule(data=st.data())
    def time_passes(self, data: st.DataObject) -> None:
        """The expiry date of one expression passes; the daily job runs."""
        eoi_id = data.draw(st.sampled_from(sorted(self.model.status)), label="eoi")
        self.touched = {eoi_id}
        ExpressionOfInterest.objects.filter(pk=eoi_id).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        expired = eois_expire_due()
        was_open = self.model.status[eoi_id] == EoiStatus.OPEN
        assert expired == (1 if was_open else 0)
        if was_open:
            self.model.status[eoi_id] = EoiStatus.EXPIRED

    # Invariants ---------------------------------------------------------------------------------

    @invariant()
    def the_database_agrees_with_the_model(self) -> None:
        actual = dict(ExpressionOfInterest.objects.values_list("pk", "status"))
        assert actual == self.model.status

    @invariant()
    def caps_hold(self) -> None:
        open_ = ExpressionOfInterest.objects.filter(status=EoiStatus.OPEN)
        for firm_id in self.firms:
            assert open_.filter(firm_id=firm_id).count() <= CAP
        pairs = list(open_.values_list("firm_id", "opportunity_id"))
        assert len(pairs) == len(set(pairs))

    @invariant()
    def identities_are_visible_iff_an_accepted_expression_links_the_firms(self) -> None:
        # Visibility can change only between the two firms of the case the last step acted on.
        touched_firms = {
            firm for eoi_id in self.touched for firm in (self.model.pair[eoi_id][0], self._owner_of(eoi_id))
        }
        for actor in self.actors:
            for firm_id in touched_firms:
                firm = self.firms[firm_id]
                own = firm_id in actor.firms
                expected = own or any(self._linked(mine, firm_id) for mine in actor.firms)
                assert user_can_see_identity(actor.user, firm) == expected, (
                    f"{actor.name} {'sees' if not expected else 'does not see'} {firm.legal_name}"
                )

    @invariant()
    def each_case_reveals_the_counterpart_iff_accepted(self) -> None:
        # Only the case the last step acted on can have changed (the database invariant checks the rest).
        for eoi_id in self.touched:
            status = self.model.status[eoi_id]
            eoi = self._eoi(eoi_id)
            for side in (Side.OWNER, Side.INTERESTED):
                view = eoi_counterpart_view(eoi, side)
                assert (view.identity is not None) == (status == EoiStatus.ACCEPTED)
            for actor in self.actors:
                membership = Membership.objects.get(user=actor.user, organisation=actor.organisation)
                party = bool(self._sides(actor, eoi_id))
                try:
                    eoi_get_for_user(user=actor.user, membership=membership, pk=eoi_id)
                    reached = True
                except Http404:
                    reached = False
                assert reached == party


@pytest.mark.django_db
def test_expressions_of_interest_follow_their_rules_whatever_the_actors_do():
    with override_settings(EOI_MAX_OPEN_PER_FIRM=CAP):
        run_state_machine_as_test(
            ExpressionsOfInterest,
            settings=settings(
                max_examples=15,
                stateful_step_count=12,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
                database=None,
            ),
        )
