"""What the services of partnerships share: the stage rules as data, the error, notification and
acting-for helpers, and the follow-up tasks of each stage."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interfirm.firms.models import Firm, Representation
from interfirm.partnerships.models import (
    ENDING_STAGES,
    FollowUpTask,
    Partnership,
    PartnershipIntermediary,
    PartnershipParty,
    PartnershipStage,
)

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation
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


def _require_open(partnership: Partnership) -> None:
    if partnership.stage in ENDING_STAGES:
        raise PartnershipError(_("This partnership has ended: it cannot be changed any more."), code="ended")


def _require_party(party: PartnershipParty, acting_for: Organisation | None) -> None:
    if party.firm_id not in _acting_firm_ids(acting_for):
        raise PartnershipError(
            _("Only the party itself, or its intermediary, can do this for it."),
            code="not_the_party",
            status=404,
        )
