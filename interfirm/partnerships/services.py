"""Writes to partnerships: open, record, change stage, objectives and milestones, check-ins, outcomes,
early warnings, support and follow-up tasks, and the daily run.

Each function runs in one transaction and records an audit entry. A change the rules do not allow
raises ``PartnershipError`` (views answer it with the form error and the status, the API with 409 and
``detail``). Notifications name no firm: they refer to the partnership by reference and title.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interfirm.audit.services import audit_record
from interfirm.firms.models import Firm, Representation
from interfirm.introductions.models import EoiStatus, ExpressionOfInterest
from interfirm.partnerships import warnings as early
from interfirm.partnerships.models import (
    ENDING_STAGES,
    RUNNING_STAGES,
    CheckIn,
    Confirmation,
    EarlyWarning,
    FailureReason,
    FollowUpTask,
    Milestone,
    Objective,
    Outcome,
    Partnership,
    PartnershipIntermediary,
    PartnershipParty,
    PartnershipStage,
    PartyRole,
    StageChange,
    SupportActivity,
    WarningKind,
)
from interfirm.partnerships.selectors import add_months, history_of

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.intermediaries.models import Intermediary

S = PartnershipStage

# The stages each stage may be reached from. Nothing leaves completed, terminated or failed; a renewed
# partnership goes back into implementation for a new cycle.
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    S.CONTACT: (),
    S.NEGOTIATION: (S.CONTACT,),
    S.AGREEMENT: (S.NEGOTIATION,),
    S.IMPLEMENTATION: (S.AGREEMENT, S.REVIEW, S.RENEWED),
    S.REVIEW: (S.IMPLEMENTATION,),
    S.COMPLETED: (S.IMPLEMENTATION, S.REVIEW),
    S.RENEWED: (S.REVIEW,),
    S.TERMINATED: (S.AGREEMENT, S.IMPLEMENTATION, S.REVIEW, S.RENEWED),
    S.FAILED: (S.CONTACT, S.NEGOTIATION, S.AGREEMENT, S.IMPLEMENTATION, S.REVIEW, S.RENEWED),
}

# Stages an intermediary may record a partnership made elsewhere in.
RECORDABLE_STAGES: tuple[str, ...] = (S.CONTACT, S.NEGOTIATION, S.AGREEMENT, S.IMPLEMENTATION)

# What an intermediary is asked to do at each stage (para 36, 39), and in how many days.
STAGE_TASKS: dict[str, tuple[str, int]] = {
    S.CONTACT: (
        gettext_noop("Help the parties prepare: clarify motives, exchange information, check readiness."),
        14,
    ),
    S.NEGOTIATION: (
        gettext_noop("Support the negotiation: terms, feasibility, financing; agree objectives."),
        30,
    ),
    S.AGREEMENT: (
        gettext_noop("Check that objectives and milestones with dates are agreed by every party."),
        14,
    ),
    S.IMPLEMENTATION: (
        gettext_noop("Follow the implementation: read the check-ins and answer early warnings."),
        90,
    ),
    S.REVIEW: (
        gettext_noop("Review the results with the parties: renew, complete or end the partnership."),
        30,
    ),
    S.RENEWED: (gettext_noop("Agree the objectives and milestones of the new cycle with the parties."), 30),
}

__all__ = [
    "ALLOWED_FROM",
    "PartnershipError",
    "PartyInput",
    "allowed_next_stages",
    "checkin_submit",
    "checkins_schedule",
    "milestone_add",
    "milestone_confirm",
    "milestone_done",
    "objective_add",
    "objective_confirm",
    "outcome_report",
    "partnership_open_from_eoi",
    "partnership_record",
    "partnership_stage_change",
    "partnerships_daily",
    "support_log",
    "task_done",
    "warning_resolve",
    "warnings_raise",
]


class PartnershipError(Exception):
    """A change to a partnership the rules do not allow. ``message`` is for the user; ``code`` names the
    rule; ``field`` the input at fault, when there is one; ``status`` the HTTP status (409 by default)."""

    def __init__(self, message: str, *, code: str, field: str = "", status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.status = status


_rendered_later = lazy(lambda render: render(), str)


def _checkin_months() -> int:
    return int(getattr(settings, "PARTNERSHIP_CHECKIN_MONTHS", 3))


def _url(partnership: Partnership, name: str = "detail") -> str:
    return reverse(f"partnerships:{name}", kwargs={"reference": partnership.reference})


def _intermediary_organisations(partnership: Partnership) -> list[Organisation]:
    return [
        link.intermediary.organisation
        for link in partnership.intermediaries.select_related("intermediary__organisation")
    ]


def _party_organisations(
    partnership: Partnership, *, except_firm_ids: Iterable[int] = ()
) -> list[Organisation]:
    skip = set(except_firm_ids)
    return [
        party.firm.organisation
        for party in partnership.parties.select_related("firm__organisation")
        if party.firm_id not in skip
    ]


def _notify(
    partnership: Partnership,
    recipients: Sequence[Any],
    *,
    subject: Any,
    body: Any,
    name: str = "detail",
) -> None:
    from interfirm.notifications.models import Topic
    from interfirm.notifications.services import notify

    if not recipients:
        return
    notify(
        topic=Topic.PARTNERSHIP,
        recipients=list(recipients),
        subject=_rendered_later(subject),
        body=_rendered_later(body),
        url=_url(partnership, name),
    )


def _acting_firm_ids(acting_for: Organisation | None) -> set[int]:
    if acting_for is None:
        return set()
    ids = set(Firm.objects.filter(organisation_id=acting_for.pk).values_list("pk", flat=True))
    ids |= set(
        Representation.objects.filter(
            intermediary__organisation_id=acting_for.pk, ended_at__isnull=True
        ).values_list("firm_id", flat=True)
    )
    return ids


def _lock(partnership: Partnership) -> Partnership:
    current = Partnership.objects.select_for_update().get(pk=partnership.pk)
    for name in ("stage", "agreement_signed_on", "ended_on", "agreement_types"):
        setattr(partnership, name, getattr(current, name))
    return partnership


def _link_intermediary(
    partnership: Partnership, intermediary: Intermediary, party: PartnershipParty | None
) -> None:
    PartnershipIntermediary.objects.get_or_create(
        partnership=partnership, intermediary=intermediary, defaults={"supports": party}
    )


def _link_representing_intermediaries(partnership: Partnership) -> None:
    """Link the intermediaries actively representing each party (both sides' intermediaries)."""
    for party in partnership.parties.all():
        for representation in Representation.objects.filter(
            firm_id=party.firm_id, ended_at__isnull=True
        ).select_related("intermediary"):
            _link_intermediary(partnership, representation.intermediary, party)


def _tasks_for_stage(partnership: Partnership, stage: str, today: datetime.date) -> None:
    """Close the intermediaries' open tasks of earlier stages and give each its task for ``stage``."""
    FollowUpTask.objects.filter(partnership=partnership, done_at__isnull=True).exclude(stage=stage).update(
        done_at=timezone.now()
    )
    if stage not in STAGE_TASKS:
        return
    title, days = STAGE_TASKS[stage]
    for link in partnership.intermediaries.all():
        FollowUpTask.objects.get_or_create(
            partnership=partnership,
            intermediary_id=link.intermediary_id,
            stage=stage,
            done_at=None,
            defaults={"title": title, "due_on": today + datetime.timedelta(days=days)},
        )


# Opening --------------------------------------------------------------------------------------------


def _require_on_eoi(eoi: ExpressionOfInterest, acting_for: Organisation | None) -> None:
    from interfirm.introductions.selectors import eoi_sides_of_organisation

    if not eoi_sides_of_organisation(eoi, acting_for.pk if acting_for is not None else None):
        raise PartnershipError(
            _("Only the two sides of the introduction, or their intermediaries, can open its partnership."),
            code="not_a_side",
            status=404,
        )


@transaction.atomic
def partnership_open_from_eoi(
    *,
    actor: User,
    acting_for: Organisation | None,
    eoi: ExpressionOfInterest,
    title: str = "",
    arrangement_types: Sequence[str] | None = None,
    started_on: datetime.date | None = None,
) -> Partnership:
    """Open the partnership record of an accepted expression of interest; return it.

    The owner of the opportunity and the interested firm become its parties, the intermediaries
    actively representing either of them are linked to it, and it starts at the contact stage on the
    day the interest was expressed. One partnership per expression: opening twice is refused.
    """
    ExpressionOfInterest.objects.select_for_update().filter(pk=eoi.pk).first()
    _require_on_eoi(eoi, acting_for)
    if eoi.status != EoiStatus.ACCEPTED:
        raise PartnershipError(
            _("A partnership is opened only from an accepted expression of interest."), code="not_accepted"
        )
    existing = Partnership.objects.filter(expression=eoi).first()
    if existing is not None:
        raise PartnershipError(
            _("The partnership of this introduction is already open: %(reference)s.")
            % {"reference": existing.reference},
            code="already_open",
        )
    opportunity = eoi.opportunity
    started = started_on or timezone.localdate(eoi.created_at)
    partnership = Partnership.objects.create(
        title=title or opportunity.title,
        stage=S.CONTACT,
        arrangement_types=list(
            arrangement_types if arrangement_types is not None else opportunity.arrangement_types
        ),
        expression=eoi,
        opportunity=opportunity,
        started_on=started,
        created_by=actor,
    )
    PartnershipParty.objects.create(
        partnership=partnership,
        firm=opportunity.firm,
        role=PartyRole.OWNER,
        brings=opportunity.summary,
        joined_on=started,
    )
    PartnershipParty.objects.create(
        partnership=partnership,
        firm=eoi.firm,
        role=PartyRole.INTERESTED,
        brings=eoi.message,
        joined_on=started,
    )
    _link_representing_intermediaries(partnership)
    StageChange.objects.create(
        partnership=partnership, from_stage="", to_stage=S.CONTACT, changed_on=started, changed_by=actor
    )
    _tasks_for_stage(partnership, S.CONTACT, timezone.localdate())
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.partnership_open",
        obj=partnership,
        changes={
            "expression": eoi.pk,
            "stage": S.CONTACT,
            "arrangement_types": partnership.arrangement_types,
        },
    )
    acting_firms = _acting_firm_ids(acting_for)
    _notify(
        partnership,
        _party_organisations(partnership, except_firm_ids=acting_firms)
        + _intermediary_organisations(partnership),
        subject=lambda: _("Partnership %(reference)s opened") % {"reference": partnership.reference},
        body=lambda: (
            _(
                "The partnership record %(reference)s “%(title)s” was opened from your introduction. "
                "Agree its objectives and milestones there, and follow it to the agreement and beyond."
            )
            % {"reference": partnership.reference, "title": partnership.title}
        ),
    )
    return partnership


@dataclass(frozen=True)
class PartyInput:
    firm: Firm
    brings: str = ""
    consent_note: str = ""
    role: str = PartyRole.PARTY


@transaction.atomic
def partnership_record(
    *,
    actor: User,
    acting_for: Organisation | None,
    intermediary: Intermediary,
    title: str,
    parties: Sequence[PartyInput],
    arrangement_types: Sequence[str],
    stage: str,
    started_on: datetime.date,
    agreement_signed_on: datetime.date | None = None,
    agreement_types: Sequence[str] = (),
) -> Partnership:
    """Record a partnership made outside the exchange, by ``intermediary``; return it.

    ``parties`` are two or more different firms (of the intermediary's portfolio, or other firms known
    to the installation), each with the note of how it consented to the record. ``stage`` is one of
    ``RECORDABLE_STAGES``; a stage from the agreement on needs ``agreement_signed_on``.
    """
    if len({p.firm.pk for p in parties}) < 2 or len(parties) != len({p.firm.pk for p in parties}):
        raise PartnershipError(
            _("A partnership has two or more different firms."), code="parties", field="parties"
        )
    if stage not in RECORDABLE_STAGES:
        raise PartnershipError(_("This stage cannot be recorded directly."), code="stage", field="stage")
    if stage in (S.AGREEMENT, S.IMPLEMENTATION) and agreement_signed_on is None:
        raise PartnershipError(
            _("Give the date the agreement was signed."), code="agreement_date", field="agreement_signed_on"
        )
    partnership = Partnership.objects.create(
        title=title,
        stage=stage,
        arrangement_types=list(arrangement_types),
        agreement_types=list(agreement_types or (arrangement_types if agreement_signed_on else ())),
        recorded_by_intermediary=intermediary,
        started_on=started_on,
        agreement_signed_on=agreement_signed_on if stage in (S.AGREEMENT, S.IMPLEMENTATION) else None,
        created_by=actor,
    )
    for p in parties:
        PartnershipParty.objects.create(
            partnership=partnership,
            firm=p.firm,
            role=p.role,
            brings=p.brings,
            consent_note=p.consent_note,
            joined_on=started_on,
        )
    _link_intermediary(partnership, intermediary, None)
    _link_representing_intermediaries(partnership)
    StageChange.objects.create(
        partnership=partnership,
        from_stage="",
        to_stage=S.CONTACT,
        changed_on=started_on,
        changed_by=actor,
        reason=_("Recorded by an intermediary."),
    )
    previous = S.CONTACT
    order = (S.NEGOTIATION, S.AGREEMENT, S.IMPLEMENTATION)
    for next_stage in order[: order.index(stage) + 1] if stage != S.CONTACT else ():
        on = agreement_signed_on if next_stage != S.NEGOTIATION and agreement_signed_on else started_on
        StageChange.objects.create(
            partnership=partnership, from_stage=previous, to_stage=next_stage, changed_on=on, changed_by=actor
        )
        previous = next_stage
    _tasks_for_stage(partnership, stage, timezone.localdate())
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.partnership_record",
        obj=partnership,
        changes={
            "stage": stage,
            "parties": [p.firm.pk for p in parties],
            "arrangement_types": list(arrangement_types),
        },
    )
    _notify(
        partnership,
        _party_organisations(partnership),
        subject=lambda: _("Partnership %(reference)s recorded") % {"reference": partnership.reference},
        body=lambda: (
            _(
                "An intermediary recorded your partnership %(reference)s “%(title)s”, with your consent. "
                "You can follow it, agree milestones and report check-ins there."
            )
            % {"reference": partnership.reference, "title": partnership.title}
        ),
    )
    return partnership


# The stage machine ----------------------------------------------------------------------------------


def allowed_next_stages(stage: str) -> list[str]:
    """Return the stages a partnership in ``stage`` may move to, in the order of ``PartnershipStage``."""
    return [to for to in S.values if stage in ALLOWED_FROM[to]]


def stage_refusal(from_stage: str, to_stage: str) -> str:
    """Return the message refusing the move from ``from_stage`` to ``to_stage``."""
    if from_stage in ENDING_STAGES:
        return _("This partnership has ended (“%(stage)s”): its stage cannot change any more.") % {
            "stage": S(from_stage).label
        }
    allowed = ", ".join(str(S(s).label) for s in allowed_next_stages(from_stage))
    return _(
        "A partnership at the stage “%(from)s” cannot move to “%(to)s”. It can move to: %(allowed)s."
    ) % {
        "from": S(from_stage).label,
        "to": S(to_stage).label,
        "allowed": allowed,
    }


@transaction.atomic
def partnership_stage_change(
    *,
    actor: User,
    acting_for: Organisation | None,
    partnership: Partnership,
    to_stage: str,
    changed_on: datetime.date,
    reason: str = "",
    failure_reason: str = "",
    agreement_types: Sequence[str] = (),
) -> StageChange:
    """Move ``partnership`` to ``to_stage`` on ``changed_on``; return the recorded change.

    The move must be in ``ALLOWED_FROM``; an ending (completed, terminated, failed) needs a ``reason``
    and a failure also a ``failure_reason`` (``FailureReason``); the signed agreement is typed by
    ``agreement_types`` (the arrangement types when not given). The date may not precede the last change.
    """
    _lock(partnership)
    from_stage = partnership.stage
    if from_stage not in ALLOWED_FROM[to_stage]:
        raise PartnershipError(stage_refusal(from_stage, to_stage), code="transition", field="stage")
    if to_stage in ENDING_STAGES and not reason.strip():
        raise PartnershipError(_("Say why the partnership ends."), code="reason_required", field="reason")
    if to_stage == S.FAILED and failure_reason not in FailureReason.values:
        raise PartnershipError(
            _("Choose why the partnership failed."), code="failure_reason_required", field="failure_reason"
        )
    last = partnership.stage_changes.order_by("-changed_on", "-changed_at", "-pk").first()
    if last is not None and changed_on < last.changed_on:
        raise PartnershipError(
            _("The date cannot be before the last change of stage (%(date)s).")
            % {"date": last.changed_on.isoformat()},
            code="date_order",
            field="changed_on",
        )
    change = StageChange.objects.create(
        partnership=partnership,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_on=changed_on,
        changed_by=actor,
        reason=reason,
    )
    partnership.stage = to_stage
    fields = ["stage", "updated_at"]
    if to_stage == S.AGREEMENT:
        partnership.agreement_signed_on = changed_on
        partnership.agreement_types = list(agreement_types or partnership.arrangement_types)
        fields += ["agreement_signed_on", "agreement_types"]
    if to_stage in ENDING_STAGES:
        partnership.ended_on = changed_on
        partnership.end_reason = reason
        partnership.failure_reason = failure_reason if to_stage == S.FAILED else ""
        fields += ["ended_on", "end_reason", "failure_reason"]
        CheckIn.objects.filter(
            partnership=partnership, submitted_at__isnull=True, due_on__gt=changed_on
        ).delete()
    partnership.save(update_fields=fields)
    _tasks_for_stage(partnership, to_stage, timezone.localdate())
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.stage_change",
        obj=partnership,
        changes={"stage": [from_stage, to_stage], "changed_on": changed_on, "failure_reason": failure_reason},
    )
    _notify(
        partnership,
        _party_organisations(partnership, except_firm_ids=_acting_firm_ids(acting_for))
        + [
            o for o in _intermediary_organisations(partnership) if acting_for is None or o.pk != acting_for.pk
        ],
        subject=lambda: (
            _("Partnership %(reference)s: %(stage)s")
            % {"reference": partnership.reference, "stage": S(to_stage).label}
        ),
        body=lambda: (
            _("The partnership %(reference)s “%(title)s” moved from “%(from)s” to “%(to)s” on %(date)s.")
            % {
                "reference": partnership.reference,
                "title": partnership.title,
                "from": S(from_stage).label,
                "to": S(to_stage).label,
                "date": changed_on.isoformat(),
            }
        ),
    )
    return change


# Objectives and milestones --------------------------------------------------------------------------


def _require_open(partnership: Partnership) -> None:
    if partnership.stage in ENDING_STAGES:
        raise PartnershipError(_("This partnership has ended: it cannot be changed any more."), code="ended")


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


def _require_party(party: PartnershipParty, acting_for: Organisation | None) -> None:
    if party.firm_id not in _acting_firm_ids(acting_for):
        raise PartnershipError(
            _("Only the party itself, or its intermediary, can do this for it."),
            code="not_the_party",
            status=404,
        )


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
    labels = {party.pk: party.firm.reference for party in partnership.parties.select_related("firm")}
    new = [
        EarlyWarning.objects.create(
            partnership=partnership,
            kind=signal.kind,
            key=signal.key,
            detail=warning_detail(signal, labels),
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
