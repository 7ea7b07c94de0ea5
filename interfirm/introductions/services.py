"""Writes to expressions of interest: submit, accept, decline, withdraw, message, expire.

Each function runs in one transaction, records an audit entry and notifies the other side. Each
raises ``IntroductionError`` for a change the rules do not allow (a decided expression, the wrong
side, the cap reached…); views and the API answer it with a 4xx and its message.

Notifications never name either firm: they refer to the opportunity by reference and title and to
the other side by its anonymous description ("a small firm from Kenya (…)").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from interfirm.audit.services import audit_record
from interfirm.firms.models import Firm, Representation
from interfirm.introductions.models import DeclineReason, EoiStatus, ExpressionOfInterest, Message, Side
from interfirm.introductions.selectors import eoi_sides_of_organisation, firm_anonymous_description
from interfirm.notifications.models import Topic
from interfirm.opportunities.models import Opportunity, Status

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User

__all__ = [
    "IntroductionError",
    "eoi_accept",
    "eoi_decline",
    "eoi_message_send",
    "eoi_submit",
    "eoi_submit_or_replay",
    "eoi_withdraw",
    "eois_expire_due",
]


class IntroductionError(Exception):
    """A change to an expression of interest that the rules do not allow.

    ``message`` is translated and meant for the user; ``code`` names the rule broken; ``status`` is the
    HTTP status to answer with (409 for a conflict with the current state, 403 for the wrong party).
    """

    def __init__(self, message: str, *, code: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _case_url(eoi: ExpressionOfInterest) -> str:
    return reverse("introductions:detail", kwargs={"pk": eoi.pk})


# Renders a text when it is read, so that ``notify`` gives each recipient the text in their language.
_rendered_later = lazy(lambda render: render(), str)


def _notify(
    *, topic: str, firm: Firm, subject: Callable[[], str], body: Callable[[], str], eoi: ExpressionOfInterest
) -> None:
    from interfirm.notifications.services import notify

    notify(
        topic=topic,
        recipients=[firm.organisation],
        subject=_rendered_later(subject),
        body=_rendered_later(body),
        url=_case_url(eoi),
    )


def _lock(eoi: ExpressionOfInterest) -> ExpressionOfInterest:
    """Lock the row and bring the in-memory state up to date, so two answers cannot both win."""
    current = ExpressionOfInterest.objects.select_for_update().only("status", "expires_at").get(pk=eoi.pk)
    eoi.status = current.status
    eoi.expires_at = current.expires_at
    return eoi


def _require_side(eoi: ExpressionOfInterest, acting_for: Organisation | None, side: str) -> None:
    sides = eoi_sides_of_organisation(eoi, acting_for.pk if acting_for is not None else None)
    if side not in sides:
        if side == Side.OWNER:
            message = _(
                "Only the owner of the opportunity, or its intermediary, can answer "
                "this expression of interest."
            )
        else:
            message = _(
                "Only the interested firm, or its intermediary, can withdraw this expression of interest."
            )
        raise IntroductionError(message, code="wrong_side", status=403)


def _require_open(eoi: ExpressionOfInterest, now: datetime.datetime) -> None:
    if eoi.status != EoiStatus.OPEN:
        raise IntroductionError(
            _("This expression of interest is no longer open: it is “%(status)s”.")
            % {"status": eoi.get_status_display()},
            code="not_open",
        )
    if eoi.expires_at <= now:
        raise IntroductionError(
            _("This expression of interest has expired without an answer."), code="expired"
        )


def _expire(eoi: ExpressionOfInterest, *, now: datetime.datetime) -> None:
    eoi.status = EoiStatus.EXPIRED
    eoi.decided_at = now
    eoi.save(update_fields=["status", "decided_at"])
    audit_record(
        actor=None, acting_for=None, action="introductions.eoi_expire", obj=eoi, changes={"status": "expired"}
    )
    opportunity = eoi.opportunity
    _notify(
        topic=Topic.DECISION,
        firm=eoi.firm,
        subject=lambda: (
            _("Your expression of interest in %(reference)s expired") % {"reference": opportunity.reference}
        ),
        body=lambda: (
            _(
                "Your expression of interest in %(reference)s “%(title)s” expired without an answer. "
                "You may express interest again while the opportunity is published."
            )
            % {"reference": opportunity.reference, "title": opportunity.title}
        ),
        eoi=eoi,
    )


def _acts_for(acting_for: Organisation | None, firm: Firm) -> bool:
    if acting_for is None:
        return False
    if acting_for.pk == firm.organisation_id:
        return True
    return Representation.objects.filter(
        firm=firm, intermediary__organisation_id=acting_for.pk, ended_at__isnull=True
    ).exists()


# Submitting -----------------------------------------------------------------------------------------


def _replay(*, actor: User, key: str, firm: Firm, opportunity: Opportunity) -> ExpressionOfInterest | None:
    existing = ExpressionOfInterest.objects.filter(submitted_by=actor, idempotency_key=key).first()
    if existing is None:
        return None
    if existing.firm_id != firm.pk or existing.opportunity_id != opportunity.pk:
        raise IntroductionError(
            _("This idempotency key was already used for another expression of interest; use a new key."),
            code="idempotency_key_reused",
            status=422,
        )
    return existing


def eoi_submit_or_replay(
    *,
    actor: User,
    acting_for: Organisation | None,
    firm: Firm,
    opportunity: Opportunity,
    message: str,
    idempotency_key: str,
) -> tuple[ExpressionOfInterest, bool]:
    """Express ``firm``'s interest in ``opportunity``; return the expression and whether it is new.

    A request repeated by the same user with the same ``idempotency_key`` returns the expression the
    first one made and changes nothing, also when both arrive at once.
    """
    key = idempotency_key.strip()
    if key:
        existing = _replay(actor=actor, key=key, firm=firm, opportunity=opportunity)
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            # Serialise a firm's submissions, so that two at once cannot both slip under the cap, and
            # a retry that waited here for the first request finds what it made.
            Firm.objects.select_for_update().filter(pk=firm.pk).first()
            if key:
                existing = _replay(actor=actor, key=key, firm=firm, opportunity=opportunity)
                if existing is not None:
                    return existing, False
            _check_submission(acting_for=acting_for, firm=firm, opportunity=opportunity)
            eoi = _create(
                actor=actor,
                acting_for=acting_for,
                firm=firm,
                opportunity=opportunity,
                message=message,
                key=key,
            )
            return eoi, True
    except IntegrityError:
        # A concurrent request won the race (where the lock above does not serialise): the same
        # retry, or another expression of the firm in the same opportunity.
        if key:
            existing = _replay(actor=actor, key=key, firm=firm, opportunity=opportunity)
            if existing is not None:
                return existing, False
        raise IntroductionError(
            _("This firm already has an open expression of interest in this opportunity."),
            code="already_open",
        ) from None


def eoi_submit(
    *,
    actor: User,
    acting_for: Organisation | None,
    firm: Firm,
    opportunity: Opportunity,
    message: str,
    idempotency_key: str,
) -> ExpressionOfInterest:
    """Express ``firm``'s interest in the published ``opportunity`` of another firm; return the expression.

    ``acting_for`` is the firm's organisation or an intermediary representing the firm. At most
    ``EOI_MAX_OPEN_PER_FIRM`` open expressions per firm, one per firm and opportunity; it expires after
    ``EOI_EXPIRY_DAYS`` without an answer. Retried with the same key, returns the first expression.
    """
    eoi, _created = eoi_submit_or_replay(
        actor=actor,
        acting_for=acting_for,
        firm=firm,
        opportunity=opportunity,
        message=message,
        idempotency_key=idempotency_key,
    )
    return eoi


def _check_submission(*, acting_for: Organisation | None, firm: Firm, opportunity: Opportunity) -> None:
    """Raise ``IntroductionError`` unless ``firm`` may express interest in ``opportunity`` now.

    Expires the firm's open expressions past their date first, so that they do not count.
    """
    now = timezone.now()
    if not _acts_for(acting_for, firm):
        raise IntroductionError(
            _("You can express interest only for your own firm or a firm your organisation represents."),
            code="not_representing",
            status=403,
        )
    current = Opportunity.objects.filter(pk=opportunity.pk).values_list("status", "firm_id").first()
    if current is None or current[0] != Status.PUBLISHED:
        raise IntroductionError(
            _("This opportunity is not published: it takes no expressions of interest."), code="not_published"
        )
    if current[1] == firm.pk:
        raise IntroductionError(
            _("A firm cannot express interest in its own opportunity."), code="own_opportunity"
        )
    for due in ExpressionOfInterest.objects.filter(
        firm=firm, status=EoiStatus.OPEN, expires_at__lte=now
    ).select_related("opportunity", "firm__organisation"):
        _expire(due, now=now)
    if ExpressionOfInterest.objects.filter(
        firm=firm, opportunity_id=opportunity.pk, status=EoiStatus.OPEN
    ).exists():
        raise IntroductionError(
            _("This firm already has an open expression of interest in this opportunity."),
            code="already_open",
        )
    cap = settings.EOI_MAX_OPEN_PER_FIRM
    if ExpressionOfInterest.objects.filter(firm=firm, status=EoiStatus.OPEN).count() >= cap:
        raise IntroductionError(
            _(
                "This firm already has %(cap)d open expressions of interest, the most allowed. Withdraw one, "
                "or wait for an answer, before expressing interest again."
            )
            % {"cap": cap},
            code="cap_reached",
        )


def _create(
    *,
    actor: User,
    acting_for: Organisation | None,
    firm: Firm,
    opportunity: Opportunity,
    message: str,
    key: str,
) -> ExpressionOfInterest:
    now = timezone.now()
    eoi = ExpressionOfInterest.objects.create(
        opportunity_id=opportunity.pk,
        firm=firm,
        submitted_by=actor,
        submitted_for=acting_for,
        idempotency_key=key,
        message=message,
        expires_at=now + datetime.timedelta(days=settings.EOI_EXPIRY_DAYS),
        created_at=now,
    )
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="introductions.eoi_submit",
        obj=eoi,
        changes={"opportunity": opportunity.pk, "firm": firm.pk, "status": EoiStatus.OPEN},
    )
    _notify(
        topic=Topic.NEW_EXPRESSION,
        firm=opportunity.firm,
        subject=lambda: (
            _("New expression of interest in %(reference)s") % {"reference": opportunity.reference}
        ),
        body=lambda: (
            _(
                "%(who)s has expressed interest in your opportunity %(reference)s “%(title)s”. "
                "Open the case to read what they bring, and accept or decline. "
                "Each side sees the other's identity only if you accept."
            )
            % {
                "who": _capitalised(firm_anonymous_description(firm)),
                "reference": opportunity.reference,
                "title": opportunity.title,
            }
        ),
        eoi=eoi,
    )
    return eoi


# Answering and withdrawing --------------------------------------------------------------------------


@transaction.atomic
def eoi_accept(
    *, actor: User, acting_for: Organisation | None, eoi: ExpressionOfInterest
) -> ExpressionOfInterest:
    """Accept an open expression (the owner side): from now on both sides see each other's identity
    and contacts. Return the expression."""
    now = timezone.now()
    _lock(eoi)
    _require_side(eoi, acting_for, Side.OWNER)
    _require_open(eoi, now)
    eoi.status = EoiStatus.ACCEPTED
    eoi.decided_by = actor
    eoi.decided_at = now
    eoi.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="introductions.eoi_accept",
        obj=eoi,
        changes={"status": "accepted"},
    )
    opportunity = eoi.opportunity
    _notify(
        topic=Topic.DECISION,
        firm=eoi.firm,
        subject=lambda: (
            _("Your expression of interest in %(reference)s was accepted")
            % {"reference": opportunity.reference}
        ),
        body=lambda: (
            _(
                "The owner of the opportunity %(reference)s “%(title)s” accepted your "
                "expression of interest. "
                "Open the case to see each other's identity and contacts."
            )
            % {"reference": opportunity.reference, "title": opportunity.title}
        ),
        eoi=eoi,
    )
    return eoi


@transaction.atomic
def eoi_decline(
    *, actor: User, acting_for: Organisation | None, eoi: ExpressionOfInterest, reason: str, note: str = ""
) -> ExpressionOfInterest:
    """Decline an open expression (the owner side) with a reason, kept for statistics, and an optional
    note to the interested side. Identities stay hidden. Return the expression."""
    now = timezone.now()
    _lock(eoi)
    _require_side(eoi, acting_for, Side.OWNER)
    _require_open(eoi, now)
    eoi.status = EoiStatus.DECLINED
    eoi.decided_by = actor
    eoi.decided_at = now
    eoi.decline_reason = reason
    eoi.decline_note = note
    eoi.save(update_fields=["status", "decided_by", "decided_at", "decline_reason", "decline_note"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="introductions.eoi_decline",
        obj=eoi,
        changes={"status": "declined", "decline_reason": reason},
    )
    opportunity = eoi.opportunity
    _notify(
        topic=Topic.DECISION,
        firm=eoi.firm,
        subject=lambda: (
            _("Your expression of interest in %(reference)s was declined")
            % {"reference": opportunity.reference}
        ),
        body=lambda: (
            _(
                "The owner of the opportunity %(reference)s “%(title)s” declined your "
                "expression of interest. Reason: %(reason)s."
            )
            % {
                "reference": opportunity.reference,
                "title": opportunity.title,
                "reason": DeclineReason(reason).label,
            }
        ),
        eoi=eoi,
    )
    return eoi


@transaction.atomic
def eoi_withdraw(
    *, actor: User, acting_for: Organisation | None, eoi: ExpressionOfInterest
) -> ExpressionOfInterest:
    """Withdraw an open expression (the interested side). Return the expression."""
    now = timezone.now()
    _lock(eoi)
    _require_side(eoi, acting_for, Side.INTERESTED)
    _require_open(eoi, now)
    eoi.status = EoiStatus.WITHDRAWN
    eoi.decided_at = now
    eoi.save(update_fields=["status", "decided_at"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="introductions.eoi_withdraw",
        obj=eoi,
        changes={"status": "withdrawn"},
    )
    return eoi


@transaction.atomic
def eoi_message_send(
    *,
    actor: User,
    acting_for: Organisation | None,
    eoi: ExpressionOfInterest,
    body: str,
    side: str | None = None,
) -> Message:
    """Send a message to the other side of an open or accepted expression; return it.

    ``side`` is needed only when the acting organisation stands on both sides (an intermediary
    representing both firms).
    """
    now = timezone.now()
    _lock(eoi)
    sides = eoi_sides_of_organisation(eoi, acting_for.pk if acting_for is not None else None)
    if not sides:
        raise IntroductionError(
            _("Only the two sides of this case can write in it."), code="wrong_side", status=403
        )
    if side is None:
        if len(sides) > 1:
            raise IntroductionError(
                _("Your organisation represents both sides: say which side you write for."),
                code="side_required",
                status=422,
            )
        (side,) = sides
    elif side not in sides:
        raise IntroductionError(
            _("Your organisation is not on that side of this case."), code="wrong_side", status=403
        )
    if eoi.status == EoiStatus.OPEN:
        _require_open(eoi, now)
    elif eoi.status != EoiStatus.ACCEPTED:
        raise IntroductionError(
            _("This case is closed (“%(status)s”): no more messages.") % {"status": eoi.get_status_display()},
            code="not_open",
        )
    message = Message.objects.create(expression=eoi, side=side, author=actor, body=body, created_at=now)
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="introductions.message_send",
        obj=message,
        changes={"side": side},
    )
    sender = eoi.opportunity.firm if side == Side.OWNER else eoi.firm
    recipient = eoi.firm if side == Side.OWNER else eoi.opportunity.firm
    opportunity = eoi.opportunity
    _notify(
        topic=Topic.MESSAGE,
        firm=recipient,
        subject=lambda: _("New message about %(reference)s") % {"reference": opportunity.reference},
        body=lambda: (
            _("%(who)s wrote to you about %(reference)s “%(title)s”. Open the case to read it and answer.")
            % {
                "who": _capitalised(firm_anonymous_description(sender)),
                "reference": opportunity.reference,
                "title": opportunity.title,
            }
        ),
        eoi=eoi,
    )
    return message


# Expiry ---------------------------------------------------------------------------------------------


@transaction.atomic
def eois_expire_due(*, now: datetime.datetime | None = None) -> int:
    """Mark every open expression past its expiry date as expired and tell the interested side.
    Return how many expired. Safe to run any number of times."""
    now = now or timezone.now()
    due = (
        ExpressionOfInterest.objects.select_for_update(of=("self",))
        .filter(status=EoiStatus.OPEN, expires_at__lte=now)
        .select_related("opportunity", "firm__organisation")
        .order_by("pk")
    )
    count = 0
    for eoi in due:
        _expire(eoi, now=now)
        count += 1
    return count
