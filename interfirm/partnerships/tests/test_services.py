"""Partnerships: opening, recording, the stage machine, milestones, check-ins, warnings, survival, daily run."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from interfirm.audit.models import AuditEntry
from interfirm.introductions.models import EoiStatus
from interfirm.introductions.tests.factories import make_eoi, make_offer, manager_of
from interfirm.notifications.models import Notification, Topic
from interfirm.partnerships import services
from interfirm.partnerships.models import (
    CheckIn,
    EarlyWarning,
    FollowUpTask,
    PartnershipStage,
    StageChange,
)
from interfirm.partnerships.selectors import add_months, survival
from interfirm.partnerships.services import PartnershipError, PartyInput
from interfirm.partnerships.tests.factories import add_milestone, answer, make_deal, move
from interfirm.testing import make_firm, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def test_opening_from_an_accepted_introduction_makes_both_firms_parties_and_links_their_intermediary(
    personas,
):
    deal = make_deal(personas)
    p = deal.partnership
    assert p.stage == "contact"
    assert p.reference.startswith("PA") and len(p.reference) == 10
    assert [(x.firm_id, x.role) for x in p.parties.all()] == [
        (deal.owner.pk, "owner"),
        (deal.interested.pk, "interested"),
    ]
    assert [(i.intermediary_id, i.supports_id) for i in p.intermediaries.all()] == [
        (deal.chamber.pk, p.parties.get(firm=deal.interested).pk)
    ]
    assert p.arrangement_types == ["licensing", "technical_cooperation"]
    assert p.keywords == "food processing, cold chain"  # the opportunity's: matching reads them as fields
    assert list(p.stage_changes.values_list("from_stage", "to_stage")) == [("", "contact")]
    assert FollowUpTask.objects.filter(partnership=p, intermediary=deal.chamber, stage="contact").count() == 1
    assert AuditEntry.objects.filter(action="partnerships.partnership_open", object_id=str(p.pk)).count() == 1
    assert Notification.objects.filter(topic=Topic.PARTNERSHIP, recipient=personas.amani_manager).count() == 1


def test_opening_twice_from_the_same_introduction_is_refused(personas):
    deal = make_deal(personas)
    with pytest.raises(PartnershipError) as error:
        services.partnership_open_from_eoi(
            actor=personas.amani_manager, acting_for=deal.interested.organisation, eoi=deal.eoi
        )
    assert error.value.code == "already_open"


def test_opening_from_an_open_expression_is_refused(personas):
    offer = make_offer(personas.german_manufacturer)
    eoi = make_eoi(personas.kenyan_sme, offer)
    assert eoi.status == EoiStatus.OPEN
    with pytest.raises(PartnershipError) as error:
        services.partnership_open_from_eoi(
            actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
        )
    assert error.value.code == "not_accepted"


def test_a_stranger_cannot_open_the_partnership_of_someone_elses_introduction(personas):
    deal = make_deal(personas)
    deal.partnership.delete()
    stranger = make_firm(manager=make_user())
    with pytest.raises(PartnershipError) as error:
        services.partnership_open_from_eoi(
            actor=manager_of(stranger), acting_for=stranger.organisation, eoi=deal.eoi
        )
    assert error.value.status == 404


def test_a_stage_change_that_skips_the_rules_is_refused_with_the_allowed_stages(personas):
    deal = make_deal(personas)
    with pytest.raises(PartnershipError) as error:
        move(deal, "implementation", on=D(2025, 3, 1))
    assert error.value.code == "transition"
    assert error.value.message == (
        "A partnership at the stage “First contact” cannot move to “Implementation”. "
        "It can move to: Negotiation, Failed."
    )
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "contact"


def test_every_stage_change_is_dated_and_signed_and_the_agreement_is_typed(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", on=D(2025, 2, 1))
    services.partnership_stage_change(
        actor=personas.rheinwerk_manager,
        acting_for=deal.owner.organisation,
        partnership=deal.partnership,
        to_stage="agreement",
        changed_on=D(2025, 3, 1),
        agreement_types=["licensing"],
    )
    p = deal.partnership
    p.refresh_from_db()
    assert (p.stage, p.agreement_signed_on, p.agreement_types) == ("agreement", D(2025, 3, 1), ["licensing"])
    assert list(
        StageChange.objects.filter(partnership=p).values_list("to_stage", "changed_on", "changed_by")
    ) == [
        ("contact", p.started_on, personas.rheinwerk_manager.pk),
        ("negotiation", D(2025, 2, 1), personas.rheinwerk_manager.pk),
        ("agreement", D(2025, 3, 1), personas.rheinwerk_manager.pk),
    ]


def test_an_ending_needs_a_reason_and_a_failure_a_reason_from_the_list(personas):
    deal = make_deal(personas)
    common = {
        "actor": personas.rheinwerk_manager,
        "acting_for": deal.owner.organisation,
        "partnership": deal.partnership,
        "changed_on": D(2025, 3, 1),
    }
    with pytest.raises(PartnershipError) as error:
        services.partnership_stage_change(
            to_stage="failed", reason="  ", failure_reason="loss_of_trust", **common
        )
    assert (error.value.code, error.value.field) == ("reason_required", "reason")
    with pytest.raises(PartnershipError) as error:
        services.partnership_stage_change(to_stage="failed", reason="They stopped answering.", **common)
    assert (error.value.code, error.value.field) == ("failure_reason_required", "failure_reason")
    services.partnership_stage_change(
        to_stage="failed", reason="They stopped answering.", failure_reason="hidden_motives", **common
    )
    deal.partnership.refresh_from_db()
    assert (deal.partnership.stage, deal.partnership.failure_reason, deal.partnership.ended_on) == (
        "failed",
        "hidden_motives",
        D(2025, 3, 1),
    )


def test_an_ended_partnership_cannot_change_stage_again(personas):
    deal = make_deal(personas)
    move(deal, "failed", on=D(2025, 3, 1))
    with pytest.raises(PartnershipError) as error:
        move(deal, "negotiation", on=D(2025, 3, 2))
    assert error.value.message == "This partnership has ended (“Failed”): its stage cannot change any more."


def test_a_renewal_is_recorded_and_leads_back_into_implementation(personas):
    deal = make_deal(personas)
    move(
        deal,
        "negotiation",
        "agreement",
        "implementation",
        "review",
        "renewed",
        "implementation",
        on=D(2025, 3, 1),
    )
    assert list(deal.partnership.stage_changes.values_list("to_stage", flat=True)) == [
        "contact",
        "negotiation",
        "agreement",
        "implementation",
        "review",
        "renewed",
        "implementation",
    ]


def test_a_stage_change_dated_before_the_previous_one_is_refused(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", on=D(2025, 3, 1))
    with pytest.raises(PartnershipError) as error:
        move(deal, "agreement", on=D(2025, 2, 1))
    assert error.value.code == "date_order"


def test_each_stage_gives_the_intermediary_a_new_task_and_closes_the_old_one(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", on=D(2025, 3, 1))
    tasks = FollowUpTask.objects.filter(partnership=deal.partnership).order_by("pk")
    assert [(t.stage, t.done_at is not None) for t in tasks] == [("contact", True), ("negotiation", False)]


def test_an_intermediary_records_a_partnership_made_elsewhere_with_the_parties_consent(personas):
    other = make_firm("Kisumu Dryers Ltd", manager=make_user())
    p = services.partnership_record(
        actor=personas.chamber_staff,
        acting_for=personas.chamber.organisation,
        intermediary=personas.chamber,
        title="Dryer supply",
        parties=[
            PartyInput(firm=personas.kenyan_sme, consent_note="Signed form, 3 March"),
            PartyInput(firm=other, consent_note="E-mail of 4 March"),
        ],
        arrangement_types=["supply"],
        stage="implementation",
        started_on=D(2024, 6, 1),
        agreement_signed_on=D(2024, 9, 1),
    )
    assert p.recorded_by_intermediary == personas.chamber
    assert list(p.parties.values_list("consent_note", flat=True)) == [
        "Signed form, 3 March",
        "E-mail of 4 March",
    ]
    assert list(p.stage_changes.values_list("to_stage", "changed_on")) == [
        ("contact", D(2024, 6, 1)),
        ("negotiation", D(2024, 6, 1)),
        ("agreement", D(2024, 9, 1)),
        ("implementation", D(2024, 9, 1)),
    ]
    assert (p.agreement_signed_on, p.agreement_types) == (D(2024, 9, 1), ["supply"])


def test_recording_with_a_single_firm_is_refused(personas):
    with pytest.raises(PartnershipError) as error:
        services.partnership_record(
            actor=personas.chamber_staff,
            acting_for=personas.chamber.organisation,
            intermediary=personas.chamber,
            title="Alone",
            parties=[PartyInput(firm=personas.kenyan_sme), PartyInput(firm=personas.kenyan_sme)],
            arrangement_types=["supply"],
            stage="contact",
            started_on=D(2024, 6, 1),
        )
    assert error.value.field == "parties"


def test_a_milestone_added_by_one_party_is_confirmed_by_it_and_waits_for_the_other(personas):
    deal = make_deal(personas)
    owner_party, interested_party = deal.partnership.parties.all()
    milestone = services.milestone_add(
        actor=personas.rheinwerk_manager,
        acting_for=deal.owner.organisation,
        partnership=deal.partnership,
        title="Pilot dryer installed",
        owner=owner_party,
        due_on=D(2025, 9, 1),
    )
    assert list(milestone.confirmations.values_list("party_id", flat=True)) == [owner_party.pk]
    services.milestone_confirm(
        actor=personas.amani_manager,
        acting_for=deal.interested.organisation,
        milestone=milestone,
        party=interested_party,
    )
    assert sorted(milestone.confirmations.values_list("party_id", flat=True)) == [
        owner_party.pk,
        interested_party.pk,
    ]


def test_a_party_cannot_confirm_for_the_other_party(personas):
    deal = make_deal(personas)
    owner_party, interested_party = deal.partnership.parties.all()
    milestone = services.milestone_add(
        actor=personas.rheinwerk_manager,
        acting_for=deal.owner.organisation,
        partnership=deal.partnership,
        title="Pilot",
        owner=owner_party,
        due_on=D(2025, 9, 1),
    )
    with pytest.raises(PartnershipError) as error:
        services.milestone_confirm(
            actor=personas.rheinwerk_manager,
            acting_for=deal.owner.organisation,
            milestone=milestone,
            party=interested_party,
        )
    assert error.value.status == 404


def test_a_check_in_by_a_non_party_is_refused(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", on=D(2025, 1, 1))
    stranger = make_firm(manager=make_user())
    party = deal.partnership.parties.get(firm=deal.interested)
    with pytest.raises(PartnershipError) as error:
        services.checkin_submit(
            actor=manager_of(stranger), acting_for=stranger.organisation, party=party, answer=answer()
        )
    assert error.value.status == 404
    assert CheckIn.objects.filter(submitted_at__isnull=False).count() == 0


def test_the_representing_intermediary_may_answer_the_check_in_for_its_firm(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", on=D(2025, 1, 1))
    party = deal.partnership.parties.get(firm=deal.interested)
    check_in = services.checkin_submit(
        actor=personas.chamber_staff,
        acting_for=deal.chamber.organisation,
        party=party,
        answer=answer(),
        today=D(2025, 2, 1),
    )
    assert (check_in.period_start, check_in.period_end, check_in.satisfaction) == (
        D(2025, 1, 1),
        D(2025, 2, 1),
        4,
    )


def test_check_ins_before_the_agreement_are_refused(personas):
    deal = make_deal(personas)
    party = deal.partnership.parties.get(firm=deal.interested)
    with pytest.raises(PartnershipError) as error:
        services.checkin_submit(
            actor=personas.amani_manager,
            acting_for=deal.interested.organisation,
            party=party,
            answer=answer(),
        )
    assert error.value.code == "not_running"


@override_settings(PARTNERSHIP_CHECKIN_MONTHS=6)
def test_check_ins_are_scheduled_every_setting_months_for_each_party_and_only_once(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", "implementation", on=D(2024, 1, 31))
    services.checkins_schedule(partnership=deal.partnership, today=D(2025, 2, 1))
    services.checkins_schedule(partnership=deal.partnership, today=D(2025, 2, 1))
    dues = sorted(set(CheckIn.objects.filter(partnership=deal.partnership).values_list("due_on", flat=True)))
    assert dues == [D(2024, 7, 31), D(2025, 1, 31)]
    assert CheckIn.objects.filter(partnership=deal.partnership).count() == 4


def test_a_falling_trust_check_in_raises_a_warning_and_alerts_the_intermediary(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", "implementation", on=D(2025, 1, 1))
    party = deal.partnership.parties.get(firm=deal.interested)
    kwargs = {"actor": personas.amani_manager, "acting_for": deal.interested.organisation, "party": party}
    services.checkin_submit(answer=answer(trust=4), today=D(2025, 4, 1), **kwargs)
    before = Notification.objects.filter(recipient=personas.chamber_staff, topic=Topic.PARTNERSHIP).count()
    services.checkin_submit(answer=answer(trust=3), today=D(2025, 7, 1), **kwargs)
    assert sorted(
        EarlyWarning.objects.filter(partnership=deal.partnership).values_list("kind", flat=True)
    ) == [
        "no_answer",
        "trust_falling",
        "trust_falling",
        "trust_falling",
    ]
    assert (
        Notification.objects.filter(recipient=personas.chamber_staff, topic=Topic.PARTNERSHIP).count()
        == before + 1
    )


def test_a_resolved_warning_is_not_raised_again_for_the_same_evidence(personas):
    deal = make_deal(personas)
    add_milestone(deal, title="Samples sent", due_on=D(2025, 1, 1))
    (warning,) = services.warnings_raise(partnership=deal.partnership, today=D(2025, 2, 1))
    assert warning.kind == "milestone_overdue"
    assert (
        warning.detail == "The milestone “Samples sent” was due on 2025-01-01 and is not done (31 days late)."
    )
    services.support_log(
        actor=personas.chamber_staff,
        acting_for=deal.chamber.organisation,
        partnership=deal.partnership,
        intermediary=deal.chamber,
        kind="renegotiation",
        done_on=D(2025, 2, 3),
        note="New date agreed.",
        warning=warning,
    )
    services.warning_resolve(
        actor=personas.chamber_staff,
        acting_for=deal.chamber.organisation,
        warning=warning,
        resolution="Renegotiated",
        resolved_on=D(2025, 2, 3),
    )
    assert services.warnings_raise(partnership=deal.partnership, today=D(2025, 2, 4)) == []


def test_the_daily_run_schedules_reminds_and_is_idempotent(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", "implementation", on=D(2025, 1, 1))
    first = services.partnerships_daily(today=D(2025, 4, 1))
    second = services.partnerships_daily(today=D(2025, 4, 1))
    assert (first.check_ins_created, first.check_in_reminders) == (2, 2)
    assert (second.check_ins_created, second.check_in_reminders, second.warnings_raised) == (0, 0, 0)


def test_survival_is_unknown_before_the_date_true_when_still_going_and_false_after_an_early_failure(personas):
    deal = make_deal(personas)
    p = deal.partnership
    assert survival(p, 12, today=D(2026, 1, 1)) is None
    move(deal, "negotiation", "agreement", on=D(2025, 1, 15))
    p.refresh_from_db()
    assert survival(p, 12, today=D(2025, 12, 1)) is None
    assert survival(p, 12, today=D(2026, 1, 15)) is True
    move(deal, "implementation", on=D(2025, 2, 1))
    move(deal, "terminated", on=D(2025, 6, 1))
    p.refresh_from_db()
    assert survival(p, 12, today=D(2026, 2, 1)) is False
    assert survival(p, 24, today=D(2026, 2, 1)) is False


def test_a_partnership_completed_before_the_horizon_counts_as_surviving(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", "implementation", on=D(2024, 1, 15))
    move(deal, "completed", on=D(2024, 10, 1))
    deal.partnership.refresh_from_db()
    assert survival(deal.partnership, 12, today=D(2026, 1, 1)) is True


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)
    assert add_months(D(2025, 5, 15), 24) == D(2027, 5, 15)


def test_stage_values_match_the_issue():
    assert PartnershipStage.values == [
        "contact",
        "negotiation",
        "agreement",
        "implementation",
        "review",
        "completed",
        "renewed",
        "terminated",
        "failed",
    ]


def test_the_daily_command_reports_what_it_did(personas):
    from io import StringIO

    from django.core.management import call_command

    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", "implementation", on=D(2025, 1, 1))
    out = StringIO()
    call_command("partnerships_daily", "--date", "2025-04-01", stdout=out)
    assert out.getvalue().strip() == (
        "2 check-in(s) scheduled, 2 check-in reminder(s), 0 early warning(s) raised, 0 task reminder(s)."
    )


def test_a_recorded_partnership_may_name_its_lead_party_once(personas):
    other = make_firm("Kisumu Dryers Ltd", manager=make_user())
    record = {
        "actor": personas.chamber_staff,
        "acting_for": personas.chamber.organisation,
        "intermediary": personas.chamber,
        "title": "Dryer supply",
        "arrangement_types": ["supply"],
        "stage": "contact",
        "started_on": D(2024, 6, 1),
    }
    for roles in (("lead", "lead"), ("owner", "party")):
        with pytest.raises(PartnershipError) as error:
            services.partnership_record(
                **record,
                parties=[
                    PartyInput(firm=personas.kenyan_sme, role=roles[0]),
                    PartyInput(firm=other, role=roles[1]),
                ],
            )
        assert error.value.field == "lead"
    p = services.partnership_record(
        **record,
        parties=[
            PartyInput(firm=personas.kenyan_sme, role=services.party_role(personas.kenyan_sme, other)),
            PartyInput(firm=other, role=services.party_role(other, other)),
        ],
    )
    assert dict(p.parties.values_list("firm_id", "role")) == {
        personas.kenyan_sme.pk: "party",
        other.pk: "lead",
    }
    entry = AuditEntry.objects.get(action="partnerships.partnership_record", object_id=str(p.pk))
    assert entry.changes["lead"] == other.pk
