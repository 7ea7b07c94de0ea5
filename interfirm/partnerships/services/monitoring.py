"""Monitoring a partnership: objectives and milestones, check-ins, early warnings, support, outcomes
and the daily run."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interfirm.audit.services import audit_record
from interfirm.partnerships import warnings as early
from interfirm.partnerships.models import (
    ENDING_STAGES,
    RUNNING_STAGES,
    CheckIn,
    Confirmation,
    EarlyWarning,
    FollowUpTask,
    Milestone,
    Objective,
    Outcome,
    Partnership,
    PartnershipParty,
    SupportActivity,
    WarningKind,
)
from interfirm.partnerships.selectors import add_months, history_of

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.intermediaries.models import Intermediary

from interfirm.partnerships.services._shared import (
    PartnershipError,
    _acting_firm_ids,
    _checkin_months,
    _intermediary_organisations,
    _link_intermediary,
    _lock,
    _notify,
    _party_organisations,
    _require_open,
    _require_party,
)

# Objectives and milestones --------------------------------------------------------------------------


def _auto_confirming_parties(
    partnership: Partnership, acting_for: Organisation | None
) -> list[PartnershipParty]:
    firm_ids = _acting_firm_ids(acting_for)
    return [party for party in partnership.parties.all() if party.firm_id in firm_ids]


@transaction.atomic
def objective_add(
    *,
    actor: User,
    acting_for: Organisation | None,
    partnership: Partnership,
    title: str,
    target: str = "",
    owner: PartnershipParty | None = None,
    due_on: datetime.date | None = None,
) -> Objective:
    """Add a jointly agreed objective; the parties the actor acts for confirm it at once. Return it."""
    _require_open(partnership)
    objective = Objective.objects.create(
        partnership=partnership, title=title, target=target, owner=owner, due_on=due_on, created_by=actor
    )
    for party in _auto_confirming_parties(partnership, acting_for):
        Confirmation.objects.create(objective=objective, party=party, confirmed_by=actor)
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.objective_add",
        obj=objective,
        changes={"title": title},
    )
    return objective


@transaction.atomic
def milestone_add(
    *,
    actor: User,
    acting_for: Organisation | None,
    partnership: Partnership,
    title: str,
    owner: PartnershipParty,
    due_on: datetime.date,
    target: str = "",
    objective: Objective | None = None,
) -> Milestone:
    """Add a milestone with its target, owner party and due date; the parties the actor acts for
    confirm it at once, the others are asked to. Return it."""
    _require_open(partnership)
    milestone = Milestone.objects.create(
        partnership=partnership,
        objective=objective,
        title=title,
        target=target,
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )
    confirming = _auto_confirming_parties(partnership, acting_for)
    for party in confirming:
        Confirmation.objects.create(milestone=milestone, party=party, confirmed_by=actor)
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.milestone_add",
        obj=milestone,
        changes={"title": title, "due_on": due_on, "owner": owner.pk},
    )
    confirmed_firms = {p.firm_id for p in confirming}
    _notify(
        partnership,
        _party_organisations(partnership, except_firm_ids=confirmed_firms),
        subject=lambda: (
            _("Partnership %(reference)s: a milestone to confirm") % {"reference": partnership.reference}
        ),
        body=lambda: (
            _(
                "A milestone “%(title)s” due on %(date)s was proposed in %(reference)s. Confirm it if you agree."
            )
            % {"title": title, "date": due_on.isoformat(), "reference": partnership.reference}
        ),
        name="milestones",
    )
    return milestone


@transaction.atomic
def milestone_confirm(
    *, actor: User, acting_for: Organisation | None, milestone: Milestone, party: PartnershipParty
) -> Confirmation:
    """Record that ``party`` agrees to ``milestone`` (idempotent); return the confirmation."""
    _require_party(party, acting_for)
    confirmation, created = Confirmation.objects.get_or_create(
        milestone=milestone, party=party, defaults={"confirmed_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            acting_for=acting_for,
            action="partnerships.milestone_confirm",
            obj=milestone,
            changes={"party": party.pk},
        )
    return confirmation


@transaction.atomic
def objective_confirm(
    *, actor: User, acting_for: Organisation | None, objective: Objective, party: PartnershipParty
) -> Confirmation:
    """Record that ``party`` agrees to ``objective`` (idempotent); return the confirmation."""
    _require_party(party, acting_for)
    confirmation, created = Confirmation.objects.get_or_create(
        objective=objective, party=party, defaults={"confirmed_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            acting_for=acting_for,
            action="partnerships.objective_confirm",
            obj=objective,
            changes={"party": party.pk},
        )
    return confirmation


@transaction.atomic
def milestone_done(
    *, actor: User, acting_for: Organisation | None, milestone: Milestone, done_on: datetime.date
) -> Milestone:
    """Mark ``milestone`` as reached on ``done_on``; return it."""
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.milestone_done",
        obj=milestone,
        changes={"done_on": done_on},
    )
    return milestone


# Check-ins ------------------------------------------------------------------------------------------


def _due_dates(partnership: Partnership, until: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """Return the (period start, due date) of every scheduled check-in up to ``until``."""
    if partnership.agreement_signed_on is None:
        return []
    months = _checkin_months()
    end = min(until, partnership.ended_on) if partnership.ended_on else until
    periods: list[tuple[datetime.date, datetime.date]] = []
    start = partnership.agreement_signed_on
    k = 1
    while True:
        due = add_months(partnership.agreement_signed_on, months * k)
        if due > end:
            return periods
        periods.append((start, due))
        start = due
        k += 1


def checkins_schedule(*, partnership: Partnership, today: datetime.date) -> list[CheckIn]:
    """Create every check-in that has fallen due for each party since the agreement (every
    ``PARTNERSHIP_CHECKIN_MONTHS`` months, 3 by default) and not been made yet; return the new ones.
    Safe to run any number of times."""
    if partnership.stage not in RUNNING_STAGES:
        return []
    created: list[CheckIn] = []
    dates = _due_dates(partnership, today)
    if not dates:
        return created
    for party in partnership.parties.all():
        existing = set(CheckIn.objects.filter(party=party).values_list("due_on", flat=True))
        answered_to = (
            CheckIn.objects.filter(party=party, submitted_at__isnull=False).order_by("-period_end").first()
        )
        for start, due in dates:
            if due in existing:
                continue
            # An answer given early (ad hoc) covers the scheduled period it reached into.
            if answered_to is not None and answered_to.period_end >= due:
                continue
            created.append(
                CheckIn.objects.create(
                    partnership=partnership, party=party, due_on=due, period_start=start, period_end=due
                )
            )
    return created


@dataclass(frozen=True)
class CheckInAnswer:
    progress: int
    satisfaction: int
    trust_contractual: int
    trust_goodwill: int
    trust_competence: int
    progress_note: str = ""
    view_of_other: str = ""
    knowledge_transferred: str = ""
    staff_exchanged: int = 0
    training: str = ""
    problems: str = ""


@transaction.atomic
def checkin_submit(
    *,
    actor: User,
    acting_for: Organisation | None,
    party: PartnershipParty,
    answer: CheckInAnswer,
    today: datetime.date | None = None,
) -> CheckIn:
    """Answer ``party``'s oldest open check-in with ``answer`` (or, when none is open, a check-in for the
    period since its last one); raise the early warnings it shows; return it.

    Only the party itself or an intermediary representing it may answer; the partnership must have
    reached the agreement and not ended.
    """
    today = today or timezone.localdate()
    partnership = _lock(party.partnership)
    _require_party(party, acting_for)
    if partnership.stage not in RUNNING_STAGES:
        raise PartnershipError(
            _("Check-ins are made from the signed agreement until the partnership ends."), code="not_running"
        )
    checkins_schedule(partnership=partnership, today=today)
    check_in = (
        CheckIn.objects.select_for_update()
        .filter(party=party, submitted_at__isnull=True)
        .order_by("due_on")
        .first()
    )
    if check_in is None:
        last = CheckIn.objects.filter(party=party).order_by("-period_end").first()
        start = last.period_end if last else (partnership.agreement_signed_on or today)
        check_in, _created = CheckIn.objects.get_or_create(
            party=party,
            due_on=today,
            defaults={"partnership": partnership, "period_start": min(start, today), "period_end": today},
        )
        if check_in.submitted_at is not None:
            raise PartnershipError(_("This party already reported today."), code="already_reported")
    for name, value in answer.__dict__.items():
        setattr(check_in, name, value)
    check_in.submitted_at = timezone.now()
    check_in.submitted_by = actor
    check_in.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.checkin_submit",
        obj=check_in,
        changes={"party": party.pk, "due_on": check_in.due_on, "satisfaction": answer.satisfaction},
    )
    warnings_raise(partnership=partnership, today=today)
    return check_in


# Early warnings -------------------------------------------------------------------------------------

_TRUST_LABELS = {
    "contractual": lambda: _("contractual trust"),
    "goodwill": lambda: _("goodwill trust"),
    "competence": lambda: _("competence trust"),
    "satisfaction": lambda: _("satisfaction"),
}


def warning_detail(signal: early.Signal, labels: dict[int, str]) -> str:
    """Return the sentence describing ``signal`` (no firm named: parties by their reference)."""
    facts = signal.facts
    party = labels.get(signal.party_id or 0, "")
    if signal.kind == WarningKind.TRUST_FALLING:
        return _("%(party)s: %(trust)s fell from %(before)s to %(after)s (check-in due %(on)s).") % {
            "party": party,
            "trust": _TRUST_LABELS[str(facts["trust"])](),
            "before": facts["before"],
            "after": facts["after"],
            "on": facts["on"],
        }
    if signal.kind == WarningKind.TRUST_LOW:
        return _("%(party)s: %(trust)s is low, %(value)s out of 5 (check-in due %(on)s).") % {
            "party": party,
            "trust": _TRUST_LABELS[str(facts["trust"])](),
            "value": facts["value"],
            "on": facts["on"],
        }
    if signal.kind == WarningKind.MILESTONE_OVERDUE:
        return _("The milestone “%(title)s” was due on %(due)s and is not done (%(days)s days late).") % {
            "title": facts["title"],
            "due": facts["due_on"],
            "days": facts["days"],
        }
    if signal.kind == WarningKind.NO_ANSWER:
        return _("%(party)s has not answered the check-in due on %(due)s (%(days)s days ago).") % {
            "party": party,
            "due": facts["due_on"],
            "days": facts["days"],
        }
    values: Any = facts["values"]
    parties: Any = facts["parties"]
    first, second = parties
    return _(
        "The parties see the partnership differently: %(measure)s %(a)s for %(first)s, %(b)s for %(second)s."
    ) % {
        "measure": _TRUST_LABELS[str(facts["measure"])](),
        "a": values[0],
        "b": values[1],
        "first": labels.get(first, ""),
        "second": labels.get(second, ""),
    }


def warning_text(warning: EarlyWarning, labels: dict[int, str]) -> str:
    """Return the detail of ``warning`` in the current language, written from its facts (``labels``:
    the partnership's parties by id, as ``party_labels`` gives them); a warning stored without facts
    keeps the sentence it was raised with."""
    if not isinstance(warning.facts, dict) or not warning.facts:
        return warning.detail
    facts = dict(warning.facts)
    party_id, milestone_id = facts.pop("party_id", None), facts.pop("milestone_id", None)
    signal = early.Signal(
        kind=warning.kind, key=warning.key, party_id=party_id, milestone_id=milestone_id, facts=facts
    )
    try:
        return warning_detail(signal, labels)
    except (KeyError, TypeError, ValueError, IndexError):  # facts of another shape: as raised
        return warning.detail


def party_labels(partnership: Partnership) -> dict[int, str]:
    """Return how warnings name each party of ``partnership``: its firm's public reference."""
    return {party.pk: party.firm.reference for party in partnership.parties.select_related("firm")}


@transaction.atomic
def warnings_raise(*, partnership: Partnership, today: datetime.date) -> list[EarlyWarning]:
    """Record the early warnings the partnership's history shows that were never raised before, and
    alert its intermediaries. Return the new warnings. Safe to run any number of times."""
    if partnership.stage in ENDING_STAGES:
        return []
    signals = early.early_warnings(history_of(partnership), today)
    if not signals:
        return []
    known = set(EarlyWarning.objects.filter(partnership=partnership).values_list("key", flat=True))
    labels = party_labels(partnership)
    new = [
        EarlyWarning.objects.create(
            partnership=partnership,
            kind=signal.kind,
            key=signal.key,
            detail=warning_detail(signal, labels),
            facts={**signal.facts, "party_id": signal.party_id, "milestone_id": signal.milestone_id},
            raised_on=today,
        )
        for signal in signals
        if signal.key not in known
    ]
    if new:
        count = len(new)
        _notify(
            partnership,
            _intermediary_organisations(partnership),
            subject=lambda: (
                _("Partnership %(reference)s: early warning") % {"reference": partnership.reference}
            ),
            body=lambda: (
                _(
                    "%(count)s new early warning(s) in the partnership %(reference)s “%(title)s”. "
                    "Read them, and record any mediation or renegotiation."
                )
                % {"count": count, "reference": partnership.reference, "title": partnership.title}
            ),
            name="warnings",
        )
    return new


@transaction.atomic
def warning_resolve(
    *,
    actor: User,
    acting_for: Organisation | None,
    warning: EarlyWarning,
    resolution: str,
    resolved_on: datetime.date,
) -> EarlyWarning:
    """Close ``warning`` with how it was resolved; return it."""
    if warning.resolved_on is not None:
        raise PartnershipError(_("This warning is already resolved."), code="resolved")
    warning.resolved_on = resolved_on
    warning.resolved_by = actor
    warning.resolution = resolution
    warning.save(update_fields=["resolved_on", "resolved_by", "resolution"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.warning_resolve",
        obj=warning,
        changes={"resolved_on": resolved_on},
    )
    return warning


@transaction.atomic
def support_log(
    *,
    actor: User,
    acting_for: Organisation | None,
    partnership: Partnership,
    intermediary: Intermediary,
    kind: str,
    done_on: datetime.date,
    note: str,
    warning: EarlyWarning | None = None,
) -> SupportActivity:
    """Log support ``intermediary`` gave the partnership (advice, feasibility study, negotiation support,
    financing, mediation, renegotiation…), linking it to the partnership if it was not. Return it."""
    _link_intermediary(partnership, intermediary, None)
    activity = SupportActivity.objects.create(
        partnership=partnership,
        intermediary=intermediary,
        kind=kind,
        done_on=done_on,
        note=note,
        warning=warning,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.support_log",
        obj=activity,
        changes={"kind": kind},
    )
    return activity


@transaction.atomic
def task_done(*, actor: User, acting_for: Organisation | None, task: FollowUpTask) -> FollowUpTask:
    """Mark a follow-up task as done; return it."""
    if task.done_at is None:
        task.done_at = timezone.now()
        task.done_by = actor
        task.save(update_fields=["done_at", "done_by"])
        audit_record(actor=actor, acting_for=acting_for, action="partnerships.task_done", obj=task)
    return task


# Outcomes -------------------------------------------------------------------------------------------


@transaction.atomic
def outcome_report(
    *,
    actor: User,
    acting_for: Organisation | None,
    partnership: Partnership,
    reported_on: datetime.date,
    jobs_created: int = 0,
    export_sales: Decimal = Decimal(0),
    currency: str = "USD",
    new_products: int = 0,
    new_processes: int = 0,
    local_suppliers: int = 0,
    certifications_obtained: int = 0,
    note: str = "",
) -> Outcome:
    """Report what the partnership produced so far (para 19, 22); return the report."""
    outcome = Outcome.objects.create(
        partnership=partnership,
        reported_on=reported_on,
        reported_by=actor,
        jobs_created=jobs_created,
        export_sales=export_sales,
        currency=currency.upper(),
        new_products=new_products,
        new_processes=new_processes,
        local_suppliers=local_suppliers,
        certifications_obtained=certifications_obtained,
        note=note,
    )
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.outcome_report",
        obj=outcome,
        changes={"jobs_created": jobs_created, "export_sales": export_sales, "currency": currency},
    )
    return outcome


# The daily run --------------------------------------------------------------------------------------


@dataclass
class DailyReport:
    check_ins_created: int = 0
    check_in_reminders: int = 0
    warnings_raised: int = 0
    task_reminders: int = 0


def _remind_check_ins(partnership: Partnership, today: datetime.date) -> int:
    """Remind each party of its unanswered check-ins: on the due date, then two weeks later."""
    count = 0
    for check_in in CheckIn.objects.filter(
        partnership=partnership, submitted_at__isnull=True, due_on__lte=today
    ).select_related("party__firm__organisation"):
        wanted = 1 if (today - check_in.due_on).days < 14 else 2
        if check_in.reminders_sent >= wanted:
            continue
        check_in.reminders_sent = wanted
        check_in.save(update_fields=["reminders_sent"])
        due = check_in.due_on
        _notify(
            partnership,
            [check_in.party.firm.organisation],
            subject=lambda: (
                _("Partnership %(reference)s: your check-in is due") % {"reference": partnership.reference}
            ),
            body=lambda due=due: (
                _(
                    "Your check-in for the partnership %(reference)s “%(title)s” was due on %(date)s: report "
                    "progress, satisfaction, trust and problems. It takes five minutes."
                )
                % {"reference": partnership.reference, "title": partnership.title, "date": due.isoformat()}
            ),
            name="checkin",
        )
        count += 1
    return count


def _remind_tasks(partnership: Partnership, today: datetime.date) -> int:
    """Remind intermediaries of their open tasks past due, at most once a week."""
    count = 0
    for task in FollowUpTask.objects.filter(
        partnership=partnership, done_at__isnull=True, due_on__lte=today
    ).select_related("intermediary__organisation"):
        if task.reminded_on is not None and (today - task.reminded_on).days < 7:
            continue
        task.reminded_on = today
        task.save(update_fields=["reminded_on"])
        title = task.title
        _notify(
            partnership,
            [task.intermediary.organisation],
            subject=lambda: (
                _("Partnership %(reference)s: a follow-up task is due") % {"reference": partnership.reference}
            ),
            body=lambda title=title: (
                _("Follow-up of %(reference)s “%(ptitle)s”: %(task)s")
                % {"reference": partnership.reference, "ptitle": partnership.title, "task": _(title)}
            ),
        )
        count += 1
    return count


def partnerships_daily(*, today: datetime.date | None = None) -> DailyReport:
    """Schedule the check-ins that fell due, remind parties and intermediaries, and raise early
    warnings, for every partnership that has not ended. Return what was done. Safe to rerun."""
    today = today or timezone.localdate()
    report = DailyReport()
    for partnership in Partnership.objects.exclude(stage__in=ENDING_STAGES).order_by("pk"):
        with transaction.atomic():
            report.check_ins_created += len(checkins_schedule(partnership=partnership, today=today))
            report.check_in_reminders += _remind_check_ins(partnership, today)
            report.warnings_raised += len(warnings_raise(partnership=partnership, today=today))
            report.task_reminders += _remind_tasks(partnership, today)
    return report
