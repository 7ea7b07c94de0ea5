"""The demo's partnerships: opened from the demo's accepted expressions of interest, and recorded by
intermediaries for partnerships their firms made elsewhere, in every stage of the life cycle, with
objectives and milestones, quarterly check-ins over up to two and a half years, outcomes, support,
and the early warnings their histories raise (trust falling, milestones overdue, a party silent,
perceptions diverging), failures with their reasons, completions and renewals — so every chart and
warning of the partnership pages and the statistics shows something real. The login firm (Bangalore
Enzymes) takes part in a few.

Written through the partnerships services, step by step in time order under the demo clock;
deterministic (one seeded RNG, dates relative to ``today``).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from interfirm.demo.data.cases import LOGIN_FIRM_KEY
from interfirm.demo.timeline import Actor, demo_clock
from interfirm.firms.models import Firm, Representation
from interfirm.intermediaries.models import Intermediary
from interfirm.introductions.models import EoiStatus, ExpressionOfInterest
from interfirm.partnerships import services
from interfirm.partnerships.models import (
    EarlyWarning,
    FailureReason,
    Partnership,
    PartnershipParty,
    StageChange,
)
from interfirm.partnerships.selectors import add_months
from interfirm.partnerships.services import CheckInAnswer, PartyInput

SEED = 20
RECORDED = 11
D = datetime.timedelta

# Scenario → the days of history it needs from the first contact.
SPANS: dict[str, int] = {
    "contact": 0,
    "negotiation": 25,
    "failed_negotiation": 70,
    "agreement": 75,
    "steady": 230,
    "overdue": 230,
    "diverging": 330,
    "trust_falling": 330,
    "silent": 330,
    "review": 470,
    "renewed": 560,
    "renewed_now": 470,
    "terminated": 400,
    "completed": 620,
    "failed_late": 620,
    "long_running": 860,
    "long_completed": 900,
}
# The scenarios of the partnerships recorded by intermediaries (made one to three years ago).
LONG = (
    "long_running",
    "long_completed",
    "failed_late",
    "completed",
    "renewed",
    "trust_falling",
    "terminated",
    "review",
    "renewed_now",
    "silent",
    "diverging",
)
MILESTONES = (
    ("Technology transfer plan agreed", 2),
    ("Pilot production run", 6),
    ("First export shipment", 12),
)
FAILURES = (
    FailureReason.HIDDEN_MOTIVES,
    FailureReason.POOR_PREPARATION,
    FailureReason.LACK_OF_INFORMATION,
    FailureReason.BAD_OBJECTIVES,
    FailureReason.PARTNER_CAPABILITY,
)


@dataclass
class _Deal:
    partnership: Partnership
    actors: dict[int, Actor]  # party id -> who acts for it
    owner: PartnershipParty
    scenario: str
    start: datetime.date
    events: list[tuple[datetime.date, int, Callable[[], object]]] = field(default_factory=list)

    def at(self, day: datetime.date, step: Callable[[], object]) -> None:
        self.events.append((day, len(self.events), step))


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=datetime.UTC)


class _Player:
    def __init__(
        self,
        *,
        firms: dict[str, Firm],
        intermediaries: dict[str, Intermediary],
        staff: dict[str, Any],
        actors: dict[str, Actor],
        today: datetime.date,
    ) -> None:
        self.rng = random.Random(SEED)
        self.firms = firms
        self.intermediaries = intermediaries
        self.staff = staff
        self.today = today
        self.actor_of_firm = {firms[key].pk: actor for key, actor in actors.items() if key in firms}
        self.login_firm = firms.get(LOGIN_FIRM_KEY)

    # Building the deals -----------------------------------------------------------------------------

    def _scenario(self, span: int, wanted: list[str]) -> str:
        """Return the most demanding wanted scenario that fits in ``span`` days (each once), or else any
        scenario that fits."""
        fits = [name for name in wanted if SPANS[name] <= span]
        if fits:
            name = max(fits, key=lambda n: (SPANS[n], n))
            wanted.remove(name)
            return name
        fitting = [name for name, need in SPANS.items() if need <= span]
        return self.rng.choice(fitting)

    def deals(self) -> list[_Deal]:
        firm_ids = [firm.pk for firm in self.firms.values()]
        accepted = list(
            ExpressionOfInterest.objects.filter(status=EoiStatus.ACCEPTED, firm_id__in=firm_ids)
            .select_related("opportunity__firm", "firm")
            .order_by("pk")
        )
        wanted = [name for name in SPANS if name not in LONG] + ["silent", "diverging", "trust_falling"]
        deals = []
        for eoi in accepted:
            owner_actor = self.actor_of_firm.get(eoi.opportunity.firm_id)
            interested_actor = self.actor_of_firm.get(eoi.firm_id)
            if owner_actor is None or interested_actor is None or eoi.decided_at is None:
                continue
            start = eoi.decided_at.date()
            scenario = self._scenario((self.today - start).days, wanted)
            with demo_clock(_moment(start)):
                partnership = services.partnership_open_from_eoi(
                    actor=owner_actor.user, acting_for=owner_actor.organisation, eoi=eoi, started_on=start
                )
            owner, interested = partnership.parties.order_by("pk")
            deals.append(
                _Deal(
                    partnership,
                    {owner.pk: owner_actor, interested.pk: interested_actor},
                    owner,
                    scenario,
                    start,
                )
            )
        deals += self._recorded()
        return deals

    def _recorded(self) -> list[_Deal]:
        """Partnerships an intermediary recorded for firms of its portfolio with a firm known to the
        installation (the login firm in two of them), made one to three years ago."""
        representations = list(
            Representation.objects.filter(
                intermediary__in=self.intermediaries.values(), ended_at__isnull=True
            )
            .select_related("intermediary", "firm")
            .order_by("pk")
        )
        if not representations:
            return []
        representations = [r for r in representations if r.firm_id in self.actor_of_firm]
        known = sorted((f for f in self.firms.values() if f.pk in self.actor_of_firm), key=lambda f: f.pk)
        if not representations or len(known) < 2:
            return []
        deals = []
        for index in range(RECORDED):
            representation = representations[(index * 7) % len(representations)]
            partner = self.login_firm if index in (0, 4) and self.login_firm in known else None
            while partner is None or partner.pk == representation.firm_id:
                partner = self.rng.choice(known)
            own_actor = self.actor_of_firm[representation.firm_id]
            partner_actor = self.actor_of_firm[partner.pk]
            scenario = LONG[index % len(LONG)]
            start = self.today - D(days=SPANS[scenario] + self.rng.randint(20, 120))
            staff = self.staff[representation.intermediary.slug]
            with demo_clock(_moment(start)):
                partnership = services.partnership_record(
                    actor=staff,
                    acting_for=representation.intermediary.organisation,
                    intermediary=representation.intermediary,
                    title=self.rng.choice(RECORDED_TITLES),
                    parties=[
                        PartyInput(
                            firm=representation.firm,
                            consent_note="Signed consent form held by the intermediary.",
                        ),
                        PartyInput(firm=partner, consent_note="Consent given by e-mail to the intermediary."),
                    ],
                    arrangement_types=[self.rng.choice(RECORDED_ARRANGEMENTS)],
                    stage="contact",
                    started_on=start,
                )
            first, second = partnership.parties.order_by("pk")
            deals.append(
                _Deal(partnership, {first.pk: own_actor, second.pk: partner_actor}, first, scenario, start)
            )
        return deals

    # Planning one deal ------------------------------------------------------------------------------

    def plan(self, deal: _Deal) -> None:
        rng, scenario, p = self.rng, deal.scenario, deal.partnership
        owner_actor = deal.actors[deal.owner.pk]
        parties = list(p.parties.order_by("pk"))
        other = next(party for party in parties if party.pk != deal.owner.pk)

        def stage(to: str, on: datetime.date, reason: str = "", failure: str = "") -> None:
            deal.at(
                on,
                lambda: services.partnership_stage_change(
                    actor=owner_actor.user,
                    acting_for=owner_actor.organisation,
                    partnership=p,
                    to_stage=to,
                    changed_on=on,
                    reason=reason,
                    failure_reason=failure,
                ),
            )

        if scenario == "contact":
            return
        negotiation = deal.start + D(days=rng.randint(10, 25))
        stage("negotiation", negotiation)
        self._support(
            deal, negotiation + D(days=5), "negotiation", "Helped both sides draft the heads of terms."
        )
        if scenario == "negotiation":
            return
        if scenario == "failed_negotiation":
            failure = rng.choice(FAILURES)
            stage(
                "failed",
                negotiation + D(days=rng.randint(30, 45)),
                "Talks broke off before an agreement.",
                failure,
            )
            return
        signed = negotiation + D(days=rng.randint(25, 45))
        stage("agreement", signed)
        self._milestones(
            deal, signed, owner_actor, other, overdue=scenario in ("overdue", "trust_falling", "failed_late")
        )
        if scenario == "agreement":
            return
        stage("implementation", signed + D(days=rng.randint(5, 14)))
        end = self._ending(deal, signed, stage)
        self._check_ins(deal, signed, end or self.today, parties)
        self._outcomes(deal, signed, end or self.today, owner_actor)
        if scenario == "overdue":
            self._support(
                deal, signed + D(days=200), "advice", "Reminded both sides of the pilot-run milestone."
            )

    def _ending(self, deal: _Deal, signed: datetime.date, stage: Callable[..., None]) -> datetime.date | None:
        """Plan the later stages of ``deal``'s scenario; return the day it ends, if it does."""
        scenario = deal.scenario
        review = add_months(signed, 12)
        if scenario in (
            "review",
            "completed",
            "renewed",
            "renewed_now",
            "long_completed",
            "failed_late",
            "long_running",
        ):
            if scenario == "long_running":
                stage("review", review)
                stage("implementation", review + D(days=20))
                return None
            if scenario != "failed_late":
                stage("review", review)
        if scenario == "review":
            return None
        if scenario == "renewed_now":
            stage(
                "renewed",
                review + D(days=30),
                "Both parties agreed a second cycle; the new plan is being drawn up.",
            )
            return None
        if scenario == "renewed":
            stage("renewed", review + D(days=30), "Both parties agreed a second cycle with a larger volume.")
            stage("implementation", review + D(days=40))
            return None
        if scenario == "completed":
            end = add_months(signed, 18)
            stage("completed", end, "The licence was fully transferred and production runs locally.")
            return end
        if scenario == "long_completed":
            end = add_months(signed, 25)
            stage("completed", end, "Objectives met: the joint line exports and the contract ran its course.")
            return end
        if scenario == "terminated":
            end = add_months(signed, 8)
            stage("terminated", end, "The larger partner changed its sourcing strategy.")
            return end
        if scenario == "failed_late":
            end = add_months(signed, 14)
            stage(
                "failed", end, "Trust broke down after repeated late deliveries.", FailureReason.LOSS_OF_TRUST
            )
            return end
        return None

    def _milestones(
        self,
        deal: _Deal,
        signed: datetime.date,
        owner_actor: Actor,
        other: PartnershipParty,
        *,
        overdue: bool,
    ) -> None:
        p = deal.partnership

        def add(title: str, months: int, index: int) -> None:
            due = add_months(signed, months)
            made: dict[str, Any] = {}

            def step() -> None:
                made["milestone"] = services.milestone_add(
                    actor=owner_actor.user,
                    acting_for=owner_actor.organisation,
                    partnership=p,
                    title=title,
                    target="",
                    owner=deal.owner if index % 2 == 0 else other,
                    due_on=due,
                )
                other_actor = deal.actors[other.pk]
                services.milestone_confirm(
                    actor=other_actor.user,
                    acting_for=other_actor.organisation,
                    milestone=made["milestone"],
                    party=other,
                )

            deal.at(signed + D(days=2), step)
            if due < self.today and not (overdue and index == 1):
                done = max(signed + D(days=3), due - D(days=self.rng.randint(0, 12)))
                deal.at(
                    done,
                    lambda: services.milestone_done(
                        actor=owner_actor.user,
                        acting_for=owner_actor.organisation,
                        milestone=made["milestone"],
                        done_on=done,
                    ),
                )

        for index, (title, months) in enumerate(MILESTONES):
            add(title, months, index)

    def _answer(self, scenario: str, party_index: int, quarter: int) -> CheckInAnswer:
        rng = self.rng
        # Steady partners answer the same from quarter to quarter; the scenarios bend that.
        trust = [4, 4, 5] if party_index == 0 else [5, 4, 4]
        satisfaction = 4
        if scenario in ("trust_falling", "failed_late") and party_index == 1:
            trust = [max(1, 5 - quarter), max(1, 4 - quarter // 2), max(2, 4 - quarter // 2)]
            satisfaction = max(1, 4 - quarter // 2)
        if scenario == "diverging":
            satisfaction = 5 if party_index == 0 else 2
            trust[1] = 5 if party_index == 0 else 3
        trust = [min(5, max(1, t)) for t in trust]
        progress = min(100, 15 + quarter * 12 + rng.randint(0, 8))
        return CheckInAnswer(
            progress=progress,
            satisfaction=min(5, satisfaction),
            trust_contractual=trust[0],
            trust_goodwill=trust[1],
            trust_competence=trust[2],
            progress_note=f"Quarter {quarter + 1}: work on the milestones goes on as planned.",
            view_of_other=rng.choice(VIEWS_GOOD if satisfaction >= 4 else VIEWS_POOR),
            knowledge_transferred=rng.choice(KNOWLEDGE) if party_index == 1 else "",
            staff_exchanged=rng.randint(0, 3),
            training=rng.choice(TRAINING) if rng.random() < 0.5 else "",
            problems="" if satisfaction >= 4 else rng.choice(PROBLEMS),
        )

    def _check_ins(
        self, deal: _Deal, signed: datetime.date, until: datetime.date, parties: list[PartnershipParty]
    ) -> None:
        quarter = 0
        while True:
            due = add_months(signed, 3 * (quarter + 1))
            if due > until or due > self.today:
                return
            for index, party in enumerate(parties):
                if deal.scenario == "silent" and index == 1 and quarter >= 1:
                    continue
                answered_on = due + D(days=self.rng.randint(0, 9))
                if answered_on > self.today or (until != self.today and answered_on >= until):
                    continue
                actor = deal.actors[party.pk]
                answer = self._answer(deal.scenario, index, quarter)

                def step(
                    party: PartnershipParty = party,
                    actor: Actor = actor,
                    answer: CheckInAnswer = answer,
                    day: datetime.date = answered_on,
                ) -> None:
                    services.checkin_submit(
                        actor=actor.user, acting_for=actor.organisation, party=party, answer=answer, today=day
                    )

                deal.at(answered_on, step)
            quarter += 1

    def _outcomes(self, deal: _Deal, signed: datetime.date, until: datetime.date, owner_actor: Actor) -> None:
        p, rng = deal.partnership, self.rng
        months, jobs, sales = 6, 0, Decimal(0)
        while add_months(signed, months) <= min(until, self.today):
            jobs += rng.randint(1, 12)
            sales += Decimal(rng.randint(10, 180) * 1000)
            day = add_months(signed, months)
            data = {
                "jobs_created": jobs,
                "export_sales": sales,
                "currency": "USD",
                "new_products": months // 12 + rng.randint(0, 1),
                "new_processes": rng.randint(0, 2),
                "local_suppliers": rng.randint(0, 6),
                "certifications_obtained": 1 if months >= 12 and rng.random() < 0.5 else 0,
            }

            def step(day: datetime.date = day, data: dict[str, Any] = data) -> None:
                services.outcome_report(
                    actor=owner_actor.user,
                    acting_for=owner_actor.organisation,
                    partnership=p,
                    reported_on=day,
                    **data,
                )

            deal.at(day, step)
            months += 6

    def _support(self, deal: _Deal, day: datetime.date, kind: str, note: str) -> None:
        if day > self.today:
            return
        p = deal.partnership

        def step() -> None:
            link = p.intermediaries.select_related("intermediary__organisation").first()
            if link is None:
                return
            staff = self.staff[link.intermediary.slug]
            services.support_log(
                actor=staff,
                acting_for=link.intermediary.organisation,
                partnership=p,
                intermediary=link.intermediary,
                kind=kind,
                done_on=day,
                note=note,
            )

        deal.at(day, step)

    # Playing ---------------------------------------------------------------------------------------

    def play(self) -> int:
        deals = self.deals()
        for deal in deals:
            self.plan(deal)
            for day, _order, step in sorted(deal.events, key=lambda e: (e[0], e[1])):
                with demo_clock(_moment(day)):
                    step()
            self._answer_warnings(deal)
        self._stamp(deals)
        services.partnerships_daily(today=self.today)
        return len(deals)

    def _answer_warnings(self, deal: _Deal) -> None:
        """The intermediary mediates on the first warning of each falling partnership and resolves it;
        later warnings stay open, for the pages to show."""
        p = deal.partnership
        link = p.intermediaries.select_related("intermediary__organisation").first()
        first = (
            EarlyWarning.objects.filter(partnership=p, resolved_on__isnull=True)
            .order_by("raised_on", "pk")
            .first()
        )
        if link is None or first is None or deal.scenario not in ("trust_falling", "diverging", "overdue"):
            return
        staff = self.staff[link.intermediary.slug]
        day = min(first.raised_on + D(days=6), self.today)
        kind = "renegotiation" if first.kind == "milestone_overdue" else "mediation"
        with demo_clock(_moment(day)):
            services.support_log(
                actor=staff,
                acting_for=link.intermediary.organisation,
                partnership=p,
                intermediary=link.intermediary,
                kind=kind,
                done_on=day,
                note="Met both managers to hear each side and agree the next steps.",
                warning=first,
            )
            services.warning_resolve(
                actor=staff,
                acting_for=link.intermediary.organisation,
                warning=first,
                resolution="Discussed with both parties; a revised plan was agreed.",
                resolved_on=day,
            )

    def _stamp(self, deals: list[_Deal]) -> None:
        """Give the rows whose model default read the real clock their demo moments."""
        for deal in deals:
            Partnership.objects.filter(pk=deal.partnership.pk).update(created_at=_moment(deal.start))
        for change in StageChange.objects.filter(partnership__in=[d.partnership for d in deals]).only(
            "changed_on"
        ):
            StageChange.objects.filter(pk=change.pk).update(changed_at=_moment(change.changed_on))


def demo_partnerships(
    *,
    firms: dict[str, Firm],
    intermediaries: dict[str, Intermediary],
    staff: dict[str, Any],
    actors: dict[str, Actor],
    today: datetime.date,
) -> int:
    """Write the demo's partnerships (see the module); return how many."""
    return _Player(firms=firms, intermediaries=intermediaries, staff=staff, actors=actors, today=today).play()


def demo_partnerships_delete(*, organisation_ids: list[int]) -> int:
    """Delete the partnerships in which a firm of the given (demo) organisations takes part; return how
    many. Called by the demo reset before the firms go, which would leave the records without parties."""
    partnerships = Partnership.objects.filter(parties__firm__organisation_id__in=organisation_ids).distinct()
    count = partnerships.count()
    Partnership.objects.filter(pk__in=list(partnerships.values_list("pk", flat=True))).delete()
    return count


RECORDED_TITLES = (
    "Joint processing line for tropical fruit",
    "Licensed enzyme formulation for local brewers",
    "Regional distribution of farm machinery",
    "Subcontracted machining of pump housings",
    "Technical cooperation on cold-chain packaging",
)
RECORDED_ARRANGEMENTS = (
    "joint_venture",
    "licensing",
    "distribution",
    "subcontracting",
    "technical_cooperation",
)
VIEWS_GOOD = (
    "Open and reliable; they answer quickly and share what they know.",
    "A serious partner: deliveries on time and good engineering support.",
)
VIEWS_POOR = (
    "Slow to answer and not transparent about their plans for the market.",
    "We do not feel they share the information they promised.",
)
KNOWLEDGE = (
    "Process documentation and quality-control procedures for the pilot line.",
    "Fermentation scale-up know-how and the test protocols.",
    "Maintenance routines and spare-parts management.",
)
TRAINING = (
    "Two technicians trained on site for a week.",
    "Quality staff attended the partner's ISO 9001 course.",
)
PROBLEMS = (
    "Payments for the last shipment were late.",
    "Agreed volumes were cut without notice.",
    "Technical questions stay unanswered for weeks.",
)
