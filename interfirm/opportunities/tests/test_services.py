"""The life cycle of opportunities: transitions, review thresholds, identity, expiry and reminders."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from interfirm.audit.models import AuditEntry
from interfirm.notifications.models import Notification, Topic
from interfirm.opportunities import services
from interfirm.opportunities.models import Opportunity, Review, Status
from interfirm.opportunities.services import TransitionNotAllowed
from interfirm.opportunities.tests.factories import in_days, make_opportunity, opportunity_data
from interfirm.search.models import SearchEntry

pytestmark = pytest.mark.django_db

ALL_STATUSES = [status for status, _label in Status.choices]
GOOD_SCORES: dict[str, Any] = {"clarity": 4, "innovation": 4, "cooperation": 4, "language": 4}


def _act(action: str, opportunity: Opportunity, personas) -> Opportunity:
    owner = {"actor": personas.amani_manager, "acting_for": personas.kenyan_sme.organisation}
    if action == "update":
        return services.opportunity_update(
            **owner, opportunity=opportunity, data={"title": "Solar dryer licence"}
        )
    if action == "review":
        services.opportunity_review(
            actor=personas.chamber_staff,
            acting_for=personas.chamber.organisation,
            opportunity=opportunity,
            **GOOD_SCORES,
        )
        return Opportunity.objects.get(pk=opportunity.pk)
    if action == "renew":
        return services.opportunity_renew(**owner, opportunity=opportunity, deadline=in_days(200))
    service = getattr(services, f"opportunity_{action}")
    return service(**owner, opportunity=opportunity)


# What each legal transition leads to, by (action, status before).
LEGAL = {
    ("update", Status.DRAFT): Status.DRAFT,
    ("update", Status.ON_HOLD): Status.ON_HOLD,
    ("update", Status.PUBLISHED): Status.PUBLISHED,
    ("submit", Status.DRAFT): Status.SUBMITTED,
    ("review", Status.SUBMITTED): Status.PUBLISHED,
    ("resubmit", Status.ON_HOLD): Status.SUBMITTED,
    ("withdraw", Status.DRAFT): Status.WITHDRAWN,
    ("withdraw", Status.SUBMITTED): Status.WITHDRAWN,
    ("withdraw", Status.ON_HOLD): Status.WITHDRAWN,
    ("withdraw", Status.PUBLISHED): Status.WITHDRAWN,
    ("withdraw", Status.EXPIRED): Status.WITHDRAWN,
    ("close", Status.PUBLISHED): Status.CLOSED,
    ("close", Status.EXPIRED): Status.CLOSED,
    ("renew", Status.PUBLISHED): Status.PUBLISHED,
    ("renew", Status.EXPIRED): Status.PUBLISHED,
}
ACTIONS = ["update", "submit", "review", "resubmit", "withdraw", "close", "renew"]


def _made(personas, status: str) -> Opportunity:
    opportunity = make_opportunity(personas.kenyan_sme, status=status)
    if status == Status.EXPIRED:
        Opportunity.objects.filter(pk=opportunity.pk).update(published_at=timezone.now())
        opportunity.refresh_from_db()
    return opportunity


@pytest.mark.parametrize(("action", "before"), sorted(LEGAL))
def test_a_legal_transition_reaches_its_status(personas, action, before):
    opportunity = _made(personas, before)
    assert _act(action, opportunity, personas).status == LEGAL[(action, before)]


@pytest.mark.parametrize(("action", "before"), sorted(LEGAL))
def test_a_legal_transition_is_audited(personas, action, before):
    opportunity = _made(personas, before)
    _act(action, opportunity, personas)
    entries = AuditEntry.objects.filter(action=f"opportunity.{action}", object_id=str(opportunity.pk))
    assert entries.count() == 1


@pytest.mark.parametrize(
    ("action", "before"), [(a, s) for a in ACTIONS for s in ALL_STATUSES if (a, s) not in LEGAL]
)
def test_an_illegal_transition_is_refused_and_changes_nothing(personas, action, before):
    opportunity = _made(personas, before)
    with pytest.raises(TransitionNotAllowed):
        _act(action, opportunity, personas)
    opportunity.refresh_from_db()
    assert opportunity.status == before
    assert not Review.objects.filter(opportunity=opportunity).exists()


def test_the_transition_table_matches_the_services(personas):
    assert {(a, s) for a, statuses in services.ALLOWED_FROM.items() for s in statuses} == set(LEGAL)


# Creating and submitting --------------------------------------------------------------------------


def test_create_makes_a_draft_with_its_sectors_and_an_audit_entry(personas):
    opportunity = services.opportunity_create(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        firm=personas.kenyan_sme,
        data=opportunity_data(sectors=["1030"], partner_countries=["UGA"]),
    )
    assert opportunity.status == Status.DRAFT
    assert opportunity.created_by == personas.amani_manager
    assert [s.code for s in opportunity.sectors.all()] == ["1030"]
    assert [c.iso3 for c in opportunity.partner_countries.all()] == ["UGA"]
    entry = AuditEntry.objects.get(action="opportunity.create", object_id=str(opportunity.pk))
    assert entry.acting_for == personas.kenyan_sme.organisation


def test_submit_flags_the_identity_found_in_the_text(personas):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="draft", description="Made by Amani Fresh in Nairobi."
    )
    submitted = services.opportunity_submit(
        actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, opportunity=opportunity
    )
    assert submitted.status == Status.SUBMITTED
    assert submitted.identity_flags == [{"field": "description", "found": "Amani Fresh"}]
    assert submitted.submitted_at is not None


def test_submit_asks_the_intermediaries_covering_the_country_to_review(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    services.opportunity_submit(
        actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, opportunity=opportunity
    )
    notification = Notification.objects.get(topic=Topic.REVIEW_REQUEST)
    assert notification.recipient == personas.chamber_staff
    assert notification.url == f"/opportunities/{opportunity.reference}/review/"
    assert "Amani" not in notification.subject + notification.body


def test_submit_asks_the_operators_when_no_intermediary_covers_the_country(personas):
    opportunity = make_opportunity(personas.german_manufacturer, status="draft")
    services.opportunity_submit(
        actor=personas.rheinwerk_manager,
        acting_for=personas.german_manufacturer.organisation,
        opportunity=opportunity,
    )
    recipients = set(
        Notification.objects.filter(topic=Topic.REVIEW_REQUEST).values_list("recipient", flat=True)
    )
    assert recipients == {personas.operator_user.pk}


def test_editing_a_published_opportunity_keeps_it_published_while_it_names_nobody(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    updated = services.opportunity_update(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        opportunity=opportunity,
        data={"summary": "Now also for pineapple."},
    )
    assert (updated.status, updated.summary, updated.identity_flags) == (
        Status.PUBLISHED,
        "Now also for pineapple.",
        [],
    )


def test_editing_a_published_opportunity_to_name_the_firm_sends_it_back_to_review(
    personas, django_capture_on_commit_callbacks
):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    assert SearchEntry.objects.filter(opportunity=opportunity).exists()
    with django_capture_on_commit_callbacks(execute=True):
        updated = services.opportunity_update(
            actor=personas.amani_manager,
            acting_for=personas.kenyan_sme.organisation,
            opportunity=opportunity,
            data={"summary": "See amanifresh.example"},
        )
    assert updated.status == Status.SUBMITTED
    assert updated.identity_flags == [{"field": "summary", "found": "amanifresh.example"}]
    assert not SearchEntry.objects.filter(opportunity=opportunity).exists()


# Review -------------------------------------------------------------------------------------------


def _review(personas, opportunity, **scores):
    return services.opportunity_review(
        actor=personas.chamber_staff,
        acting_for=personas.chamber.organisation,
        opportunity=opportunity,
        **scores,
    )


@pytest.mark.parametrize(
    ("scores", "decision", "status"),
    [
        ((3, 3, 3, 3), "publish", Status.PUBLISHED),
        ((5, 5, 5, 3), "publish", Status.PUBLISHED),
        ((3, 3, 3, 2), "hold", Status.ON_HOLD),
        ((1, 1, 1, 1), "hold", Status.ON_HOLD),
        ((0, 5, 5, 5), "reject", Status.REJECTED),
        ((5, 5, 5, 0), "reject", Status.REJECTED),
    ],
)
def test_review_decides_by_the_default_thresholds(personas, scores, decision, status):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    review = _review(
        personas, opportunity, **dict(zip(GOOD_SCORES, scores, strict=True)), comments="Reasons."
    )
    opportunity.refresh_from_db()
    assert (review.decision, opportunity.status) == (decision, status)


@override_settings(OPPORTUNITY_REVIEW_PUBLISH_MIN=4, OPPORTUNITY_REVIEW_REJECT_BELOW=2)
@pytest.mark.parametrize(
    ("scores", "decision"),
    [((4, 4, 4, 4), "publish"), ((3, 4, 4, 4), "hold"), ((2, 2, 2, 2), "hold"), ((1, 5, 5, 5), "reject")],
)
def test_review_thresholds_come_from_the_settings(personas, scores, decision):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    review = _review(
        personas, opportunity, **dict(zip(GOOD_SCORES, scores, strict=True)), comments="Reasons."
    )
    assert review.decision == decision


def test_a_reviewer_may_put_on_hold_what_the_scores_would_publish(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    review = _review(personas, opportunity, **GOOD_SCORES, decision="hold", comments="Add the capacity.")
    opportunity.refresh_from_db()
    assert (review.decision, opportunity.status) == ("hold", Status.ON_HOLD)


def test_a_reviewer_cannot_be_milder_than_the_scores(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    review = _review(
        personas, opportunity, clarity=0, innovation=4, cooperation=4, language=4, decision="hold"
    )
    assert review.decision == "reject"


def test_publishing_is_refused_while_identity_flags_remain(personas):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="submitted", identity_flags=[{"field": "title", "found": "Amani Fresh"}]
    )
    with pytest.raises(TransitionNotAllowed):
        _review(personas, opportunity, **GOOD_SCORES)
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED
    assert not opportunity.reviews.exists()


def test_a_flagged_opportunity_can_be_put_on_hold(personas):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="submitted", identity_flags=[{"field": "title", "found": "Amani Fresh"}]
    )
    review = _review(personas, opportunity, **GOOD_SCORES, decision="hold", comments="Remove your name.")
    assert review.decision == "hold"


def test_the_owner_is_told_the_review_result_with_the_comments(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    _review(
        personas,
        opportunity,
        clarity=2,
        innovation=3,
        cooperation=3,
        language=3,
        comments="Say more on the fan.",
    )
    notification = Notification.objects.get(topic=Topic.REVIEW, recipient=personas.amani_manager)
    assert notification.subject == f"Your opportunity {opportunity.reference} needs changes"
    assert "Say more on the fan." in notification.body
    assert "clarity 2" in notification.body


def test_publishing_indexes_the_opportunity_for_search(personas, django_capture_on_commit_callbacks):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        _review(personas, opportunity, **GOOD_SCORES)
    assert SearchEntry.objects.filter(opportunity=opportunity).exists()


def test_resubmitting_recomputes_the_flags(personas):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="on_hold", identity_flags=[{"field": "title", "found": "Amani Fresh"}]
    )
    resubmitted = services.opportunity_resubmit(
        actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, opportunity=opportunity
    )
    assert (resubmitted.status, resubmitted.identity_flags) == (Status.SUBMITTED, [])


def test_withdrawing_removes_the_opportunity_from_search(personas, django_capture_on_commit_callbacks):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_withdraw(
            actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, opportunity=opportunity
        )
    assert not SearchEntry.objects.filter(opportunity=opportunity).exists()


# Renewal, expiry and reminders --------------------------------------------------------------------


def test_renewing_an_expired_opportunity_publishes_it_again_with_the_new_deadline(personas):
    opportunity = _made(personas, Status.EXPIRED)
    Opportunity.objects.filter(pk=opportunity.pk).update(reminders_sent=[14, 2], closed_at=timezone.now())
    renewed = services.opportunity_renew(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        opportunity=opportunity,
        deadline=in_days(90),
    )
    assert (renewed.status, renewed.deadline, renewed.reminders_sent, renewed.closed_at) == (
        Status.PUBLISHED,
        in_days(90),
        [],
        None,
    )


def test_renewing_a_published_opportunity_moves_its_deadline(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(10))
    renewed = services.opportunity_renew(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        opportunity=opportunity,
        deadline=in_days(300),
    )
    assert (renewed.status, renewed.deadline) == (Status.PUBLISHED, in_days(300))


def test_published_opportunities_expire_after_their_deadline_once(personas):
    due = make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(3))
    later = make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(30))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4), tick=False):
        assert services.opportunities_expire_due() == 1
        assert services.opportunities_expire_due() == 0
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == (Status.EXPIRED, Status.PUBLISHED)


def test_an_opportunity_is_not_expired_on_its_deadline_day(personas):
    make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(3))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3), tick=False):
        assert services.opportunities_expire_due() == 0


def _travel_to(deadline: datetime.date, days_before: int):
    moment = datetime.datetime.combine(
        deadline - datetime.timedelta(days=days_before), datetime.time(6), datetime.UTC
    )
    return time_machine.travel(moment, tick=False)


def test_the_owner_is_reminded_14_and_2_days_before_the_deadline_once_each(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(30))
    sent = []
    for days_before in (20, 14, 14, 10, 2, 2, 1, 0):
        with _travel_to(opportunity.deadline, days_before):
            sent.append(services.opportunity_deadline_reminders())
    assert sent == [0, 1, 0, 0, 1, 0, 0, 0]
    opportunity.refresh_from_db()
    assert opportunity.reminders_sent == [14, 2]
    subjects = list(
        Notification.objects.filter(topic=Topic.DEADLINE, recipient=personas.amani_manager)
        .order_by("created_at", "pk")
        .values_list("subject", flat=True)
    )
    assert subjects == [
        f"Your opportunity {opportunity.reference} ends in 14 days",
        f"Your opportunity {opportunity.reference} ends in 2 days",
    ]


def test_a_missed_run_sends_only_the_most_urgent_reminder(personas):
    opportunity = make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(30))
    with _travel_to(opportunity.deadline, 1):
        assert services.opportunity_deadline_reminders() == 1
    opportunity.refresh_from_db()
    assert opportunity.reminders_sent == [14, 2]


def test_the_daily_command_expires_and_reminds(personas, capsys):
    make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(-1))
    make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(2))
    call_command("opportunities_daily")
    assert capsys.readouterr().out.strip() == "expired 1, reminders sent 1"


def test_the_expiry_task_calls_the_service(personas):
    from interfirm.opportunities import tasks

    make_opportunity(personas.kenyan_sme, status="published", deadline=in_days(-1))
    result = tasks.opportunities_expire_due.enqueue()
    assert result.return_value == 1
