"""Expressions of interest: submitting, answering, withdrawing, messages, expiry, notifications."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from interfirm.audit.models import AuditEntry
from interfirm.introductions import services
from interfirm.introductions.models import DeclineReason, EoiStatus, ExpressionOfInterest, Message, Side
from interfirm.introductions.services import (
    IntroductionError,
    eoi_accept,
    eoi_decline,
    eoi_message_send,
    eoi_submit,
    eoi_submit_or_replay,
    eoi_withdraw,
    eois_expire_due,
)
from interfirm.introductions.tests.factories import (
    MESSAGE,
    canary_strings,
    make_canary_firm,
    make_eoi,
    make_offer,
    manager_of,
    represent,
)
from interfirm.notifications.models import Notification, Topic
from interfirm.testing import make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(personas):
    """Rheinwerk's published offer of food-processing technology."""
    return make_offer(personas.german_manufacturer, title="Licence for pulping and pasteurising lines")


def _submit(personas, offer, **kwargs):
    kwargs.setdefault("actor", personas.amani_manager)
    kwargs.setdefault("acting_for", personas.kenyan_sme.organisation)
    kwargs.setdefault("firm", personas.kenyan_sme)
    kwargs.setdefault("message", MESSAGE)
    kwargs.setdefault("idempotency_key", "k1")
    return eoi_submit(opportunity=offer, **kwargs)


# Submitting ---------------------------------------------------------------------------------------


def test_a_firm_expresses_interest_in_a_published_opportunity(personas, offer):
    eoi = _submit(personas, offer)
    assert (eoi.status, eoi.firm, eoi.opportunity_id, eoi.submitted_by, eoi.submitted_for) == (
        EoiStatus.OPEN,
        personas.kenyan_sme,
        offer.pk,
        personas.amani_manager,
        personas.kenyan_sme.organisation,
    )


@override_settings(EOI_EXPIRY_DAYS=12)
def test_an_expression_expires_after_the_configured_days(personas, offer):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        eoi = _submit(personas, offer)
    assert eoi.expires_at == datetime.datetime(2026, 3, 13, 9, 0, tzinfo=datetime.UTC)


def test_submitting_is_audited(personas, offer):
    eoi = _submit(personas, offer)
    entry = AuditEntry.objects.get(action="introductions.eoi_submit", object_id=str(eoi.pk))
    assert (entry.actor, entry.acting_for) == (personas.amani_manager, personas.kenyan_sme.organisation)


def test_the_owner_is_notified_of_a_new_expression(personas, offer):
    eoi = _submit(personas, offer)
    notification = Notification.objects.get(recipient=personas.rheinwerk_manager)
    assert (notification.topic, notification.url) == (Topic.NEW_EXPRESSION, f"/introductions/{eoi.pk}/")
    assert notification.subject == f"New expression of interest in {offer.reference}"


def test_the_same_idempotency_key_twice_makes_one_expression(personas, offer):
    first = _submit(personas, offer, idempotency_key="retry-me")
    second = _submit(personas, offer, idempotency_key="retry-me")
    assert second.pk == first.pk
    assert ExpressionOfInterest.objects.count() == 1


def test_a_retry_reports_that_it_made_nothing_new(personas, offer):
    _submit(personas, offer, idempotency_key="retry-me")
    _eoi, created = eoi_submit_or_replay(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        firm=personas.kenyan_sme,
        opportunity=offer,
        message=MESSAGE,
        idempotency_key="retry-me",
    )
    assert created is False
    assert Notification.objects.filter(recipient=personas.rheinwerk_manager).count() == 1


def test_a_retry_that_loses_the_race_returns_the_first_expression(personas, offer):
    first = _submit(personas, offer, idempotency_key="raced")
    real_replay = services._replay
    calls = []

    def replay_unseen_at_first(**kwargs):
        # The concurrent request does not see the first one's row until its insert fails.
        calls.append(1)
        return None if len(calls) <= 2 else real_replay(**kwargs)

    with (
        mock.patch.object(services, "_replay", side_effect=replay_unseen_at_first),
        mock.patch.object(services, "_check_submission"),
    ):
        again, created = eoi_submit_or_replay(
            actor=personas.amani_manager,
            acting_for=personas.kenyan_sme.organisation,
            firm=personas.kenyan_sme,
            opportunity=offer,
            message=MESSAGE,
            idempotency_key="raced",
        )
    assert (again.pk, created) == (first.pk, False)
    assert ExpressionOfInterest.objects.count() == 1


def test_a_key_reused_for_another_opportunity_is_refused(personas, offer):
    other = make_offer(personas.german_manufacturer, title="Supply of drying trays")
    _submit(personas, offer, idempotency_key="reused")
    with pytest.raises(IntroductionError) as raised:
        _submit(personas, other, idempotency_key="reused")
    assert raised.value.code == "idempotency_key_reused"


@override_settings(EOI_MAX_OPEN_PER_FIRM=2)
def test_the_cap_on_open_expressions_is_enforced_and_named(personas):
    owner = personas.german_manufacturer
    offers = [make_offer(owner, title=f"Offer {n}") for n in range(3)]
    make_eoi(personas.kenyan_sme, offers[0])
    make_eoi(personas.kenyan_sme, offers[1])
    with pytest.raises(IntroductionError) as raised:
        make_eoi(personas.kenyan_sme, offers[2])
    assert raised.value.code == "cap_reached"
    assert "2 open expressions of interest" in raised.value.message


@override_settings(EOI_MAX_OPEN_PER_FIRM=1)
def test_a_withdrawn_expression_frees_a_place_under_the_cap(personas):
    first, second = (make_offer(personas.german_manufacturer, title=t) for t in ("One", "Two"))
    eoi = make_eoi(personas.kenyan_sme, first)
    eoi_withdraw(actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, eoi=eoi)
    assert make_eoi(personas.kenyan_sme, second).status == EoiStatus.OPEN


def test_a_firm_cannot_express_interest_in_its_own_opportunity(personas):
    own = make_offer(personas.kenyan_sme)
    with pytest.raises(IntroductionError) as raised:
        make_eoi(personas.kenyan_sme, own)
    assert raised.value.code == "own_opportunity"


@pytest.mark.parametrize(
    "status", ["draft", "submitted", "on_hold", "rejected", "expired", "withdrawn", "closed"]
)
def test_an_unpublished_opportunity_takes_no_expressions(personas, status):
    unpublished = make_offer(personas.german_manufacturer, status=status)
    with pytest.raises(IntroductionError) as raised:
        make_eoi(personas.kenyan_sme, unpublished)
    assert raised.value.code == "not_published"


def test_one_open_expression_per_firm_and_opportunity(personas, offer):
    make_eoi(personas.kenyan_sme, offer)
    with pytest.raises(IntroductionError) as raised:
        make_eoi(personas.kenyan_sme, offer)
    assert raised.value.code == "already_open"


def test_a_firm_may_express_interest_again_after_a_decline(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_decline(
        actor=personas.rheinwerk_manager,
        acting_for=personas.german_manufacturer.organisation,
        eoi=eoi,
        reason=DeclineReason.TIMING,
    )
    assert make_eoi(personas.kenyan_sme, offer).status == EoiStatus.OPEN


def test_an_intermediary_expresses_interest_for_a_firm_it_represents(personas, offer):
    represent(personas.chamber, personas.kenyan_sme)
    eoi = _submit(
        personas,
        offer,
        actor=personas.chamber_staff,
        acting_for=personas.chamber.organisation,
        idempotency_key="c1",
    )
    assert (eoi.firm, eoi.submitted_by, eoi.submitted_for) == (
        personas.kenyan_sme,
        personas.chamber_staff,
        personas.chamber.organisation,
    )


def test_an_intermediary_cannot_act_for_a_firm_it_does_not_represent(personas, offer):
    with pytest.raises(IntroductionError) as raised:
        _submit(personas, offer, actor=personas.chamber_staff, acting_for=personas.chamber.organisation)
    assert (raised.value.code, raised.value.status) == ("not_representing", 403)


# Answering ----------------------------------------------------------------------------------------


def test_the_owner_accepts(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    eoi.refresh_from_db()
    assert (eoi.status, eoi.decided_by) == (EoiStatus.ACCEPTED, personas.rheinwerk_manager)


def test_the_owners_intermediary_may_accept(personas):
    owner = make_firm("Nairobi Agro Machines Ltd")
    represent(personas.chamber, owner)
    opportunity = make_offer(owner)
    eoi = make_eoi(personas.german_manufacturer, opportunity)
    eoi_accept(actor=personas.chamber_staff, acting_for=personas.chamber.organisation, eoi=eoi)
    assert ExpressionOfInterest.objects.get(pk=eoi.pk).status == EoiStatus.ACCEPTED


def test_the_interested_side_cannot_accept_its_own_expression(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    with pytest.raises(IntroductionError) as raised:
        eoi_accept(actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, eoi=eoi)
    assert (raised.value.code, raised.value.status) == ("wrong_side", 403)


def test_the_interested_firm_is_told_of_the_acceptance(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    notification = Notification.objects.get(recipient=personas.amani_manager)
    assert (notification.topic, notification.subject) == (
        Topic.DECISION,
        f"Your expression of interest in {offer.reference} was accepted",
    )


def test_a_decline_keeps_its_reason_and_note(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_decline(
        actor=personas.rheinwerk_manager,
        acting_for=personas.german_manufacturer.organisation,
        eoi=eoi,
        reason=DeclineReason.CAPACITY,
        note="We need at least 50 tonnes a day.",
    )
    eoi.refresh_from_db()
    assert (eoi.status, eoi.decline_reason, eoi.decline_note) == (
        EoiStatus.DECLINED,
        "capacity",
        "We need at least 50 tonnes a day.",
    )


@pytest.mark.parametrize("first", ["accept", "decline", "withdraw"])
@pytest.mark.parametrize("then", ["accept", "decline", "withdraw"])
def test_a_closed_expression_cannot_be_answered_again(personas, offer, first, then):
    eoi = make_eoi(personas.kenyan_sme, offer)
    owner = {"actor": personas.rheinwerk_manager, "acting_for": personas.german_manufacturer.organisation}
    interested = {"actor": personas.amani_manager, "acting_for": personas.kenyan_sme.organisation}
    actions = {
        "accept": lambda: eoi_accept(eoi=eoi, **owner),
        "decline": lambda: eoi_decline(eoi=eoi, reason=DeclineReason.OTHER, **owner),
        "withdraw": lambda: eoi_withdraw(eoi=eoi, **interested),
    }
    actions[first]()
    status = ExpressionOfInterest.objects.get(pk=eoi.pk).status
    with pytest.raises(IntroductionError) as raised:
        actions[then]()
    assert raised.value.code == "not_open"
    assert ExpressionOfInterest.objects.get(pk=eoi.pk).status == status


def test_the_owner_cannot_withdraw_someone_elses_expression(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    with pytest.raises(IntroductionError) as raised:
        eoi_withdraw(
            actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
        )
    assert raised.value.code == "wrong_side"


def test_a_stranger_cannot_answer(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    stranger = make_firm("Unrelated Traders Ltd")
    with pytest.raises(IntroductionError) as raised:
        eoi_accept(actor=make_user(), acting_for=stranger.organisation, eoi=eoi)
    assert raised.value.code == "wrong_side"


# Expiry -------------------------------------------------------------------------------------------


@override_settings(EOI_EXPIRY_DAYS=30)
def test_an_unanswered_expression_expires_after_the_set_days(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=29)):
        assert eois_expire_due() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert eois_expire_due() == 1
    assert ExpressionOfInterest.objects.get(pk=eoi.pk).status == EoiStatus.EXPIRED


def test_expiry_tells_the_interested_firm(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    eois_expire_due(now=eoi.expires_at)
    notification = Notification.objects.get(recipient=personas.amani_manager)
    assert notification.subject == f"Your expression of interest in {offer.reference} expired"


def test_an_open_expression_past_its_date_cannot_be_accepted(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    with (
        time_machine.travel(eoi.expires_at + datetime.timedelta(minutes=1)),
        pytest.raises(IntroductionError) as raised,
    ):
        eoi_accept(
            actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
        )
    assert raised.value.code == "expired"


def test_the_daily_command_expires_due_expressions(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    ExpressionOfInterest.objects.filter(pk=eoi.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("introductions_daily", stdout=mock.MagicMock())
    assert ExpressionOfInterest.objects.get(pk=eoi.pk).status == EoiStatus.EXPIRED


def test_the_expiry_task_expires_due_expressions(personas, offer):
    from interfirm.introductions.tasks import introductions_expire_due

    eoi = make_eoi(personas.kenyan_sme, offer)
    ExpressionOfInterest.objects.filter(pk=eoi.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    result = introductions_expire_due.enqueue()
    assert result.return_value == 1


# Messages -----------------------------------------------------------------------------------------


def test_both_sides_write_while_the_expression_is_open(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_message_send(
        actor=personas.rheinwerk_manager,
        acting_for=personas.german_manufacturer.organisation,
        eoi=eoi,
        body="What drying capacity do you need?",
    )
    eoi_message_send(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        eoi=eoi,
        body="About 2 tonnes a day.",
    )
    assert list(Message.objects.filter(expression=eoi).values_list("side", flat=True)) == [
        Side.OWNER,
        Side.INTERESTED,
    ]


def test_a_message_notifies_the_other_side_only(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    Notification.objects.all().delete()
    eoi_message_send(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        eoi=eoi,
        body="About 2 tonnes a day.",
    )
    assert list(Notification.objects.values_list("recipient", "topic")) == [
        (personas.rheinwerk_manager.pk, Topic.MESSAGE)
    ]


def test_messages_continue_after_acceptance(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    message = eoi_message_send(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        eoi=eoi,
        body="When can we meet?",
    )
    assert message.side == Side.INTERESTED


@pytest.mark.parametrize("close", ["decline", "withdraw", "expire"])
def test_no_messages_once_the_case_is_closed(personas, offer, close):
    eoi = make_eoi(personas.kenyan_sme, offer)
    if close == "decline":
        eoi_decline(
            actor=personas.rheinwerk_manager,
            acting_for=personas.german_manufacturer.organisation,
            eoi=eoi,
            reason=DeclineReason.OTHER,
        )
    elif close == "withdraw":
        eoi_withdraw(actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, eoi=eoi)
    else:
        eois_expire_due(now=eoi.expires_at)
    with pytest.raises(IntroductionError) as raised:
        eoi_message_send(
            actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, eoi=eoi, body="Hello?"
        )
    assert raised.value.code == "not_open"


def test_an_intermediary_on_both_sides_must_say_which_side_it_writes_for(personas):
    owner = make_firm("Nairobi Agro Machines Ltd")
    represent(personas.chamber, owner)
    represent(personas.chamber, personas.kenyan_sme)
    eoi = make_eoi(personas.kenyan_sme, make_offer(owner))
    with pytest.raises(IntroductionError) as raised:
        eoi_message_send(
            actor=personas.chamber_staff, acting_for=personas.chamber.organisation, eoi=eoi, body="Hi"
        )
    assert raised.value.code == "side_required"


# What notifications say ---------------------------------------------------------------------------


def test_notifications_before_acceptance_never_name_either_firm(personas):
    owner = make_canary_firm("OWN", country="DEU")
    interested = make_canary_firm("INT")
    intermediary = make_intermediary("Canary Chamber", staff=make_user())
    represent(intermediary, interested)
    opportunity = make_offer(owner)
    eoi = make_eoi(interested, opportunity)
    for actor_firm, body in ((owner, "What capacity?"), (interested, "Two tonnes a day.")):
        eoi_message_send(
            actor=manager_of(actor_firm),
            acting_for=actor_firm.organisation,
            eoi=eoi,
            body=body,
        )
    eoi_decline(
        actor=manager_of(owner),
        acting_for=owner.organisation,
        eoi=eoi,
        reason=DeclineReason.GEOGRAPHY,
    )
    notifications = list(Notification.objects.select_related("recipient"))
    assert len(notifications) == 6  # new expression, two messages, decline; the intermediary too
    owner_side = {m.user_id for m in owner.organisation.memberships.all()}
    leaks = []
    for notification in notifications:
        # The intermediary's copy starts "For <its own firm>:"; nothing may name the other side.
        other = interested if notification.recipient_id in owner_side else owner
        text = f"{notification.subject}\n{notification.body}"
        leaks += [value for value in canary_strings(other) if value in text]
        leaks += [
            value
            for value in canary_strings(owner) + canary_strings(interested)
            if value in notification.body
        ]
    assert leaks == []


def test_notifications_describe_the_other_side_anonymously(personas, offer):
    make_eoi(personas.kenyan_sme, offer)
    notification = Notification.objects.get(recipient=personas.rheinwerk_manager)
    assert notification.body.startswith(
        "A small firm from Kenya (processing and preserving of fruit and vegetables) has expressed interest"
    )
