"""Writes to opportunities: the whole life cycle.

draft → submitted → (review) → published | on hold | rejected; on hold → submitted (resubmit);
published → expired (deadline passed) | withdrawn | closed (partner found); expired → published (renew).

Every function here runs in one transaction, locks the opportunity, checks that the transition is
allowed from its current status (``TransitionNotAllowed`` otherwise: the page or API answers 409),
records an audit entry and, after commit, refreshes the search index. Who may act is checked before,
by the selectors; what is valid, by the forms.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext

from interfirm.audit.services import audit_record, diff, snapshot
from interfirm.opportunities.identity import identity_flags_for
from interfirm.opportunities.models import Kind, Opportunity, Review, ReviewDecision, Status

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.firms.models import Firm

# The fields an owner writes: plain ones, and many-to-many ones (given as lists of objects or keys).
SCALAR_FIELDS: tuple[str, ...] = (
    "kind",
    "domains",
    "title",
    "summary",
    "description",
    "advantages",
    "stage",
    "ip_status",
    "arrangement_types",
    "partner_role",
    "partner_sizes",
    "partner_types",
    "partner_regions",
    "partner_economy_groups",
    "partner_corridors",
    "required_capacity",
    "keywords",
    "deadline",
)
M2M_FIELDS: tuple[str, ...] = (
    "partner_countries",
    "required_certifications",
    "required_languages",
    "sectors",
)

# From which statuses each action may be taken.
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "update": (Status.DRAFT, Status.ON_HOLD, Status.PUBLISHED),
    "submit": (Status.DRAFT,),
    "review": (Status.SUBMITTED,),
    "resubmit": (Status.ON_HOLD,),
    "withdraw": (Status.DRAFT, Status.SUBMITTED, Status.ON_HOLD, Status.PUBLISHED, Status.EXPIRED),
    "close": (Status.PUBLISHED, Status.EXPIRED),
    "renew": (Status.PUBLISHED, Status.EXPIRED),
}


class TransitionNotAllowed(Exception):
    """The opportunity's status does not allow the action (for instance, reviewing a draft)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def transition_allowed(opportunity: Opportunity, action: str) -> bool:
    """Return whether ``action`` (a key of ``ALLOWED_FROM``) may be taken in the current status."""
    return opportunity.status in ALLOWED_FROM[action]


def allowed_actions(opportunity: Opportunity) -> set[str]:
    """Return the actions the opportunity's status allows."""
    return {action for action in ALLOWED_FROM if transition_allowed(opportunity, action)}


def transition_refusal(opportunity: Opportunity, action: str) -> str:
    """Return the message saying that ``action`` is not possible in the opportunity's status."""
    labels = {
        "update": _("edited"),
        "submit": _("submitted for review"),
        "review": _("reviewed"),
        "resubmit": _("resubmitted"),
        "withdraw": _("withdrawn"),
        "close": _("closed"),
        "renew": _("renewed"),
    }
    return _("An opportunity with the status “%(status)s” cannot be %(action)s.") % {
        "status": opportunity.get_status_display(),
        "action": labels[action],
    }


def _lock(opportunity: Opportunity, action: str) -> Opportunity:
    """Return the opportunity re-read under a row lock; raise if ``action`` is not allowed now."""
    locked = Opportunity.objects.select_for_update().select_related("firm").get(pk=opportunity.pk)
    if not transition_allowed(locked, action):
        raise TransitionNotAllowed(transition_refusal(locked, action))
    return locked


def _state(opportunity: Opportunity) -> dict[str, Any]:
    return snapshot(opportunity, [*SCALAR_FIELDS, *M2M_FIELDS, "status", "identity_flags"])


def _refresh_index_on_commit(opportunity: Opportunity) -> None:
    from interfirm.matching.services import matching_index_refresh_on_commit
    from interfirm.search.services import search_index_refresh

    transaction.on_commit(partial(search_index_refresh, opportunity_id=opportunity.pk))
    matching_index_refresh_on_commit(opportunity.pk)


def _apply(opportunity: Opportunity, data: dict[str, Any]) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            value = data[name]
            setattr(opportunity, name, list(value) if isinstance(value, list | tuple) else value)
    opportunity.save()
    for name in M2M_FIELDS:
        if name in data:
            getattr(opportunity, name).set(list(data[name]))


# Notifications ------------------------------------------------------------------------------------


def _later(template: Any, **params: Any) -> Any:
    """Return ``template % params`` as a lazy text, translated when rendered: ``notify`` renders it
    in each recipient's language. ``template`` is a ``gettext_lazy`` text (or a callable giving one)."""

    def render() -> str:
        text = template() if callable(template) else template
        return str(text) % {
            key: str(value) if isinstance(value, Promise) else value for key, value in params.items()
        }

    return lazy(render, str)()


def _notify(*, topic: str, recipients: Iterable[Any], subject: Any, body: Any, url: str) -> None:
    from interfirm.notifications.services import notify

    recipients = list(recipients)
    if recipients:
        notify(topic=topic, recipients=recipients, subject=subject, body=body, url=url)


def reviewer_organisations(firm: Firm) -> list[Organisation]:
    """Return the organisations asked to review ``firm``'s opportunities: the intermediaries that
    represent it or cover its country; the operators when there are none."""
    from interfirm.accounts.models import Organisation, OrganisationKind

    intermediaries = Organisation.objects.filter(kind=OrganisationKind.INTERMEDIARY).filter(
        Q(intermediary__representations__firm=firm, intermediary__representations__ended_at__isnull=True)
        | Q(intermediary__countries_covered=firm.country_id)
    )
    found = list(intermediaries.distinct().order_by("pk"))
    return found or list(Organisation.objects.filter(kind=OrganisationKind.OPERATOR).order_by("pk"))


def _ask_for_review(opportunity: Opportunity) -> None:
    """Tell the reviewers an opportunity waits. The text names no firm: reviewers may be non-parties."""
    from interfirm.notifications.models import Topic

    _notify(
        topic=Topic.REVIEW_REQUEST,
        recipients=reviewer_organisations(opportunity.firm),
        subject=_later(_l("An opportunity waits for review: %(reference)s"), reference=opportunity.reference),
        body=_later(
            _l("%(kind)s from %(country)s, submitted for review."),
            kind=Kind(opportunity.kind).label,
            country=opportunity.firm.country.lazy_label(),
        ),
        url=_url("opportunities:review", opportunity),
    )


def _url(name: str, opportunity: Opportunity) -> str:
    from django.urls import reverse

    return reverse(name, kwargs={"reference": opportunity.reference})


# Creating and editing -----------------------------------------------------------------------------


@transaction.atomic
def opportunity_create(
    *, actor: User | None, acting_for: Organisation | None, firm: Firm, data: dict[str, Any]
) -> Opportunity:
    """Create a draft opportunity of ``firm`` from ``data`` (``SCALAR_FIELDS`` and ``M2M_FIELDS``).

    The actor is the firm or an intermediary representing it. The draft is checked for the firm's
    identity at once, so that the owner sees the flags before submitting.
    """
    opportunity = Opportunity(firm=firm, created_by=actor, status=Status.DRAFT)
    _apply(opportunity, data)
    opportunity.identity_flags = identity_flags_for(opportunity)
    opportunity.save(update_fields=["identity_flags", "updated_at"])
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="opportunity.create",
        obj=opportunity,
        changes=_state(opportunity),
    )
    _refresh_index_on_commit(opportunity)
    return opportunity


@transaction.atomic
def opportunity_update(
    *, actor: User | None, acting_for: Organisation | None, opportunity: Opportunity, data: dict[str, Any]
) -> Opportunity:
    """Change a draft, on-hold or published opportunity; keys missing from ``data`` keep their value.

    The identity flags are computed again. A published opportunity stays published while its text
    names nobody; once it does, it goes back to review (status submitted) and leaves the search.
    """
    opportunity = _lock(opportunity, "update")
    before = _state(opportunity)
    _apply(opportunity, data)
    opportunity.identity_flags = identity_flags_for(opportunity)
    back_to_review = opportunity.status == Status.PUBLISHED and bool(opportunity.identity_flags)
    if back_to_review:
        opportunity.status = Status.SUBMITTED
        opportunity.submitted_at = timezone.now()
    opportunity.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="opportunity.update",
        obj=opportunity,
        changes=diff(before, _state(opportunity)),
    )
    if back_to_review:
        _ask_for_review(opportunity)
    _refresh_index_on_commit(opportunity)
    return opportunity


# Review -------------------------------------------------------------------------------------------


def _submit(
    opportunity: Opportunity, *, actor: User | None, acting_for: Organisation | None, action: str
) -> None:
    before = _state(opportunity)
    opportunity.status = Status.SUBMITTED
    opportunity.submitted_at = timezone.now()
    opportunity.identity_flags = identity_flags_for(opportunity)
    opportunity.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action=action,
        obj=opportunity,
        changes=diff(before, _state(opportunity)),
    )
    _ask_for_review(opportunity)
    _refresh_index_on_commit(opportunity)


@transaction.atomic
def opportunity_submit(
    *, actor: User | None, acting_for: Organisation | None, opportunity: Opportunity
) -> Opportunity:
    """Send a draft for review, with the identity found in its text flagged for owner and reviewer."""
    opportunity = _lock(opportunity, "submit")
    _submit(opportunity, actor=actor, acting_for=acting_for, action="opportunity.submit")
    return opportunity


@transaction.atomic
def opportunity_resubmit(
    *, actor: User | None, acting_for: Organisation | None, opportunity: Opportunity
) -> Opportunity:
    """Send an opportunity put on hold back for review (after the owner has acted on the comments)."""
    opportunity = _lock(opportunity, "resubmit")
    _submit(opportunity, actor=actor, acting_for=acting_for, action="opportunity.resubmit")
    return opportunity


_STRICTNESS = {ReviewDecision.PUBLISH: 0, ReviewDecision.HOLD: 1, ReviewDecision.REJECT: 2}


def review_decision_for(*, clarity: int, innovation: int, cooperation: int, language: int) -> str:
    """Return the decision the scores call for under the thresholds in the settings.

    Any criterion below ``OPPORTUNITY_REVIEW_REJECT_BELOW``: reject; every criterion at least
    ``OPPORTUNITY_REVIEW_PUBLISH_MIN``: publish; otherwise: on hold.
    """
    lowest = min(clarity, innovation, cooperation, language)
    if lowest < settings.OPPORTUNITY_REVIEW_REJECT_BELOW:
        return ReviewDecision.REJECT
    if lowest >= settings.OPPORTUNITY_REVIEW_PUBLISH_MIN:
        return ReviewDecision.PUBLISH
    return ReviewDecision.HOLD


def review_final_decision(*, scored: str, chosen: str | None) -> str:
    """Return the decision taken: the reviewer may be stricter than the scores, never milder."""
    if chosen and _STRICTNESS[ReviewDecision(chosen)] > _STRICTNESS[ReviewDecision(scored)]:
        return chosen
    return scored


@transaction.atomic
def opportunity_review(
    *,
    actor: User | None,
    acting_for: Organisation | None,
    opportunity: Opportunity,
    clarity: int,
    innovation: int,
    cooperation: int,
    language: int,
    comments: str = "",
    decision: str | None = None,
) -> Review:
    """Score a submitted opportunity and publish it, put it on hold or reject it; tell the owner.

    The decision follows the scores (``review_decision_for``); ``decision`` may only make it
    stricter. An opportunity whose text still identifies the firm cannot be published.
    """
    from interfirm.notifications.models import Topic

    opportunity = _lock(opportunity, "review")
    final = review_final_decision(
        scored=review_decision_for(
            clarity=clarity, innovation=innovation, cooperation=cooperation, language=language
        ),
        chosen=decision,
    )
    if final == ReviewDecision.PUBLISH and opportunity.identity_flags:
        raise TransitionNotAllowed(_("The text still identifies the firm: it cannot be published."))
    if final == ReviewDecision.PUBLISH:
        from interfirm.readiness.selectors import publication_refusal

        # READINESS_MIN_LEVEL_TO_PUBLISH (off by default): the firm's readiness must reach it.
        if refusal := publication_refusal(opportunity.firm):
            raise TransitionNotAllowed(refusal)
    before = _state(opportunity)
    review = Review.objects.create(
        opportunity=opportunity,
        reviewer=actor,
        reviewer_organisation=acting_for,
        clarity=clarity,
        innovation=innovation,
        cooperation=cooperation,
        language=language,
        decision=final,
        comments=comments,
    )
    now = timezone.now()
    if final == ReviewDecision.PUBLISH:
        opportunity.status = Status.PUBLISHED
        opportunity.published_at = now
        opportunity.reminders_sent = []
    elif final == ReviewDecision.HOLD:
        opportunity.status = Status.ON_HOLD
    else:
        opportunity.status = Status.REJECTED
        opportunity.closed_at = now
    opportunity.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="opportunity.review",
        obj=opportunity,
        changes={**diff(before, _state(opportunity)), "review": review.pk, "decision": final},
    )
    subjects = {
        ReviewDecision.PUBLISH: _l("Your opportunity %(reference)s is published"),
        ReviewDecision.HOLD: _l("Your opportunity %(reference)s needs changes"),
        ReviewDecision.REJECT: _l("Your opportunity %(reference)s was not accepted"),
    }
    body = _later(
        _l(
            "%(title)s\nScores: clarity %(c)d, innovation %(i)d, cooperation %(o)d, "
            "language %(l)d.%(comments)s"
        ),
        title=opportunity.title,
        c=clarity,
        i=innovation,
        o=cooperation,
        l=language,
        comments=f"\n\n{comments}" if comments else "",
    )
    _notify(
        topic=Topic.REVIEW,
        recipients=[opportunity.firm.organisation],
        subject=_later(subjects[ReviewDecision(final)], reference=opportunity.reference),
        body=body,
        url=_url("opportunities:detail", opportunity),
    )
    _refresh_index_on_commit(opportunity)
    return review


# Ending and renewing ------------------------------------------------------------------------------


def _end(
    *, actor: User | None, acting_for: Organisation | None, opportunity: Opportunity, action: str, status: str
) -> Opportunity:
    opportunity = _lock(opportunity, action)
    before = _state(opportunity)
    opportunity.status = status
    opportunity.closed_at = timezone.now()
    opportunity.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action=f"opportunity.{action}",
        obj=opportunity,
        changes=diff(before, _state(opportunity)),
    )
    _refresh_index_on_commit(opportunity)
    return opportunity


@transaction.atomic
def opportunity_withdraw(
    *, actor: User | None, acting_for: Organisation | None, opportunity: Opportunity
) -> Opportunity:
    """Withdraw an opportunity that has not ended yet; it leaves the search at once."""
    return _end(
        actor=actor,
        acting_for=acting_for,
        opportunity=opportunity,
        action="withdraw",
        status=Status.WITHDRAWN,
    )


@transaction.atomic
def opportunity_close(
    *, actor: User | None, acting_for: Organisation | None, opportunity: Opportunity
) -> Opportunity:
    """Close a published (or expired) opportunity because a partner was found."""
    return _end(
        actor=actor, acting_for=acting_for, opportunity=opportunity, action="close", status=Status.CLOSED
    )


def _was_published(opportunity: Opportunity) -> bool:
    return (
        opportunity.published_at is not None
        or opportunity.reviews.filter(decision=ReviewDecision.PUBLISH).exists()
    )


@transaction.atomic
def opportunity_renew(
    *, actor: User | None, acting_for: Organisation | None, opportunity: Opportunity, deadline: datetime.date
) -> Opportunity:
    """Give a published or expired opportunity a new deadline.

    An expired one that was published before is published again without a new review; the deadline
    reminders start afresh.
    """
    opportunity = _lock(opportunity, "renew")
    before = _state(opportunity)
    opportunity.deadline = deadline
    opportunity.reminders_sent = []
    if opportunity.status == Status.EXPIRED:
        opportunity.closed_at = None
        if _was_published(opportunity) and not opportunity.identity_flags:
            opportunity.status = Status.PUBLISHED
            opportunity.published_at = timezone.now()
        else:
            opportunity.status = Status.SUBMITTED
            opportunity.submitted_at = timezone.now()
            _ask_for_review(opportunity)
    opportunity.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="opportunity.renew",
        obj=opportunity,
        changes=diff(before, _state(opportunity)),
    )
    _refresh_index_on_commit(opportunity)
    return opportunity


# Daily jobs ---------------------------------------------------------------------------------------


def opportunities_expire_due(*, today: datetime.date | None = None) -> int:
    """Expire every published opportunity whose deadline has passed; return how many.

    Each opportunity is expired in its own transaction, so a run that stops half-way loses nothing
    and a second run does nothing more (idempotent).
    """
    from interfirm.notifications.models import Topic

    day = today or timezone.localdate()
    expired = 0
    for pk in Opportunity.objects.filter(status=Status.PUBLISHED, deadline__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            opportunity = Opportunity.objects.select_for_update().select_related("firm").get(pk=pk)
            if opportunity.status != Status.PUBLISHED or opportunity.deadline >= day:
                continue
            opportunity.status = Status.EXPIRED
            opportunity.closed_at = timezone.now()
            opportunity.save(update_fields=["status", "closed_at", "updated_at"])
            audit_record(
                actor=None,
                acting_for=None,
                action="opportunity.expire",
                obj=opportunity,
                changes={
                    "status": [Status.PUBLISHED, Status.EXPIRED],
                    "deadline": opportunity.deadline.isoformat(),
                },
            )
            _notify(
                topic=Topic.DEADLINE,
                recipients=[opportunity.firm.organisation],
                subject=_later(
                    _l("Your opportunity %(reference)s has expired"), reference=opportunity.reference
                ),
                body=_later(
                    _l("%(title)s\nIts deadline has passed. Renew it to publish it again."),
                    title=opportunity.title,
                ),
                url=_url("opportunities:detail", opportunity),
            )
            _refresh_index_on_commit(opportunity)
            expired += 1
    return expired


def _reminder_due(opportunity: Opportunity, day: datetime.date) -> int | None:
    """Return the reminder (days before the deadline) to send now, or None.

    When a run was missed, only the most urgent reminder goes out; the earlier ones count as sent.
    """
    days_left = (opportunity.deadline - day).days
    if days_left < 0:
        return None
    sent = set(opportunity.reminders_sent or [])
    due = [d for d in settings.OPPORTUNITY_REMINDER_DAYS if days_left <= d and d not in sent]
    return min(due) if due else None


def opportunity_deadline_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the owners of published opportunities that the deadline is near; return how many.

    Each reminder day of ``OPPORTUNITY_REMINDER_DAYS`` (14 and 2 by default) is sent once, and
    recorded in ``reminders_sent``: running twice a day sends nothing twice.
    """
    from interfirm.notifications.models import Topic

    day = today or timezone.localdate()
    horizon = day + datetime.timedelta(days=max(settings.OPPORTUNITY_REMINDER_DAYS, default=0))
    candidates = Opportunity.objects.filter(status=Status.PUBLISHED, deadline__gte=day, deadline__lte=horizon)
    sent = 0
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            opportunity = Opportunity.objects.select_for_update().select_related("firm").get(pk=pk)
            if opportunity.status != Status.PUBLISHED:
                continue
            reminder = _reminder_due(opportunity, day)
            if reminder is None:
                continue
            already = set(opportunity.reminders_sent or [])
            covered = {d for d in settings.OPPORTUNITY_REMINDER_DAYS if d >= reminder}
            opportunity.reminders_sent = sorted(already | covered, reverse=True)
            opportunity.save(update_fields=["reminders_sent", "updated_at"])
            days_left = (opportunity.deadline - day).days
            audit_record(
                actor=None,
                acting_for=None,
                action="opportunity.remind",
                obj=opportunity,
                changes={"reminder_days": reminder, "deadline": opportunity.deadline.isoformat()},
            )
            _notify(
                topic=Topic.DEADLINE,
                recipients=[opportunity.firm.organisation],
                subject=_later(
                    partial(
                        ngettext,
                        "Your opportunity %(reference)s ends in %(days)d day",
                        "Your opportunity %(reference)s ends in %(days)d days",
                        days_left,
                    ),
                    reference=opportunity.reference,
                    days=days_left,
                ),
                body=_later(
                    _l("%(title)s\nDeadline: %(deadline)s. Renew it if you are still looking for a partner."),
                    title=opportunity.title,
                    deadline=opportunity.deadline.isoformat(),
                ),
                url=_url("opportunities:detail", opportunity),
            )
            sent += 1
    return sent
