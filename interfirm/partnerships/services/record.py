"""The partnership record: opening it from an accepted introduction, recording one made elsewhere,
and the stage machine."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interfirm.audit.services import audit_record
from interfirm.firms.models import Firm
from interfirm.introductions.models import EoiStatus, ExpressionOfInterest
from interfirm.partnerships.models import (
    ENDING_STAGES,
    CheckIn,
    FailureReason,
    Partnership,
    PartnershipParty,
    PartyRole,
    StageChange,
)

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.intermediaries.models import Intermediary

from interfirm.partnerships.services._shared import (
    ALLOWED_FROM,
    RECORDABLE_STAGES,
    PartnershipError,
    S,
    _acting_firm_ids,
    _intermediary_organisations,
    _link_intermediary,
    _link_representing_intermediaries,
    _lock,
    _notify,
    _party_organisations,
    _tasks_for_stage,
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
        keywords=opportunity.keywords,  # the field it works in: what matching reads as its fields
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


def party_role(firm: Firm, lead: Firm | None) -> str:
    """Return the role of ``firm`` in a recorded partnership led by ``lead`` (None: no party led it)."""
    return PartyRole.LEAD if lead is not None and firm.pk == lead.pk else PartyRole.PARTY


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
    keywords: str = "",
) -> Partnership:
    """Record a partnership made outside the exchange, by ``intermediary``; return it.

    ``parties`` are two or more different firms (of the intermediary's portfolio, or other firms known
    to the installation), each with the note of how it consented to the record and its role (at most
    one ``PartyRole.LEAD``, the party that led it and chose the partners; ``party_role``). ``stage`` is one of
    ``RECORDABLE_STAGES``; a stage from the agreement on needs ``agreement_signed_on``. ``keywords``
    are the fields the partnership works in, separated by commas (trimmed, each once).
    """
    from interfirm.opportunities.selectors import keyword_list

    if len({p.firm.pk for p in parties}) < 2 or len(parties) != len({p.firm.pk for p in parties}):
        raise PartnershipError(
            _("A partnership has two or more different firms."), code="parties", field="parties"
        )
    if any(p.role not in (PartyRole.PARTY, PartyRole.LEAD) for p in parties) or (
        sum(p.role == PartyRole.LEAD for p in parties) > 1
    ):
        raise PartnershipError(
            _("A recorded partnership has parties and at most one lead party."), code="roles", field="lead"
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
        keywords=", ".join(keyword_list(keywords)),
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
    changes: dict[str, object] = {
        "stage": stage,
        "parties": [p.firm.pk for p in parties],
        "arrangement_types": list(arrangement_types),
    }
    for p in parties:
        if p.role == PartyRole.LEAD:
            changes["lead"] = p.firm.pk
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="partnerships.partnership_record",
        obj=partnership,
        changes=changes,
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
