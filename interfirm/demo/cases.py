"""The demo's best-practice cases drawn from its own completed partnerships.

Besides the source report's six cases (reference data, ``cases.loaders``), the demo shares its first
completed partnerships as cases, the way a live installation would: every party consents (the first
case anonymised, the second with the parties agreeing to be named), the partnership's intermediary
drafts the case from the record, completes its texts from the history (stages, support, check-ins) and
publishes it. Written through the cases services under the demo clock; deterministic (no randomness:
the partnerships are taken in the order of their first contact).
"""

from __future__ import annotations

import datetime
import statistics
from typing import Any

from django.utils import timezone

from interfirm.cases.models import Case
from interfirm.cases.services import (
    case_consent_give,
    case_draft_from_partnership,
    case_publish,
    case_update,
)
from interfirm.demo.timeline import Actor, demo_clock
from interfirm.firms.models import Firm
from interfirm.intermediaries.models import Intermediary
from interfirm.partnerships.models import CheckIn, Partnership, PartnershipStage

CASES = 2
LESSONS = (
    "Agree the objectives and the milestones in writing at the start, and review them at each check-in.",
    "Report each side's perception of the other regularly: problems raised early were solved early.",
    "Keep the intermediary involved until the deal is concluded, not only at the introduction.",
)


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))


def _unfolded(partnership: Partnership) -> str:
    labels = dict(PartnershipStage.choices)
    steps = [
        f"{labels.get(change.to_stage, change.to_stage)}: {change.changed_on:%B %Y}"
        for change in partnership.stage_changes.order_by("changed_on", "pk")
    ]
    support = sorted({str(a.get_kind_display()).lower() for a in partnership.support_activities.all()})
    text = "; ".join(steps) + "."
    if support:
        text += " The intermediary supported the partners with " + ", ".join(support) + "."
    return text


def _success_factors(partnership: Partnership) -> list[str]:
    answered = CheckIn.objects.filter(partnership=partnership, submitted_at__isnull=False)
    trusts = [
        value
        for row in answered.values_list("trust_contractual", "trust_goodwill", "trust_competence")
        for value in row
        if value is not None
    ]
    factors = []
    if trusts:
        factors.append(
            f"Trust held: a mean of {statistics.fmean(trusts):.1f} out of 5 over {answered.count()} check-ins."
        )
    if partnership.milestones.exists():
        done = partnership.milestones.filter(done_on__isnull=False).count()
        factors.append(f"Milestones agreed by both parties: {done} of {partnership.milestones.count()} done.")
    factors.append("Both partners brought something the other lacked.")
    return factors


def _publisher(
    partnership: Partnership, intermediaries: dict[str, Intermediary], staff: dict[str, Any]
) -> Actor | None:
    slugs = {i.pk: slug for slug, i in intermediaries.items()}
    for link in partnership.intermediaries.order_by("pk"):
        slug = slugs.get(link.intermediary_id)
        if slug is not None and slug in staff:
            return Actor(staff[slug], intermediaries[slug].organisation)
    return None


def demo_cases(
    *,
    firms: dict[str, Firm],
    intermediaries: dict[str, Intermediary],
    staff: dict[str, Any],
    actors: dict[str, Actor],
    today: datetime.date,
) -> int:
    """Share the first completed demo partnerships as best-practice cases; return how many."""
    key_of = {firm.pk: key for key, firm in firms.items()}
    candidates = (
        Partnership.objects.filter(stage=PartnershipStage.COMPLETED, parties__firm_id__in=list(key_of))
        .distinct()
        .order_by("started_on", "pk")
    )
    # Cases already drawn from these partnerships count: a second run adds nothing.
    made = Case.objects.filter(partnership__in=candidates).count()
    already = made
    for partnership in candidates:
        if made >= CASES:
            break
        parties = list(partnership.parties.order_by("pk"))
        publisher = _publisher(partnership, intermediaries, staff)
        if (
            publisher is None
            or any(key_of.get(p.firm_id) not in actors for p in parties)
            or Case.objects.filter(partnership=partnership).exists()
        ):
            continue
        named = made == 1
        day = min((partnership.ended_on or today) + datetime.timedelta(days=20), today)
        with demo_clock(_moment(day)):
            for party in parties:
                actor = actors[key_of[party.firm_id]]
                case_consent_give(
                    actor=actor.user,
                    acting_for=actor.organisation,
                    partnership=partnership,
                    party=party,
                    named=named,
                )
            case = case_draft_from_partnership(
                actor=publisher.user, acting_for=publisher.organisation, partnership=partnership
            )
            case_update(
                actor=publisher.user,
                acting_for=publisher.organisation,
                case=case,
                unfolded=_unfolded(partnership),
                success_factors=_success_factors(partnership),
                lessons=list(LESSONS[: 2 + made]),
            )
            case_publish(actor=publisher.user, acting_for=publisher.organisation, case=case)
        made += 1
    return made - already


def demo_cases_delete(*, organisation_ids: list[int]) -> int:
    """Delete the cases drawn from the partnerships of the given (demo) organisations' firms; return
    how many. Called by the demo reset before the firms go (the report's cases are reference data and
    stay)."""
    cases = Case.objects.filter(parties__firm__organisation_id__in=organisation_ids).distinct()
    ids = list(cases.values_list("pk", flat=True))
    Case.objects.filter(pk__in=ids).delete()
    return len(ids)
