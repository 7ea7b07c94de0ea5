"""Play the demo exchange through the services, in time order, as if it had happened over months.

Every step — creating, submitting, reviewing, withdrawing and closing opportunities; submitting,
answering, withdrawing expressions of interest and writing messages — goes through the owning app's
service, so the audit trail, the search index and the notifications are real.

Dates. The exchange is planned in days from the base date (``specs``); here each planned day is placed
relative to ``today`` (a shift of today − base date), so deadlines are always ahead and the history
always behind, whatever the day of loading. Each step runs under a *demo clock*:
``django.utils.timezone.now`` returns the step's planned moment, so rows, audit entries and
notifications carry those moments. The two time stamps whose model default captured the real clock
(``Opportunity.created_at``, ``Review.created_at``) are set to the same moment just after.

Identifiers. ``Opportunity.reference`` is drawn from ``uuid.uuid4`` when the row is made; the player
lets it draw the planned one (and sets the planned ``uid``), so that demo URLs are the same on every
load. Then the daily jobs run once, at the real time: published opportunities past their deadline
expire, and unanswered expressions past their date expire.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from unittest import mock

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from interfirm.demo.specs import DemoExchange, InterestSpec, OpportunitySpec, Step
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.introductions.services import (
    eoi_accept,
    eoi_decline,
    eoi_message_send,
    eoi_submit,
    eoi_withdraw,
    eois_expire_due,
)
from interfirm.opportunities.models import Opportunity, Review
from interfirm.opportunities.services import (
    opportunities_expire_due,
    opportunity_close,
    opportunity_create,
    opportunity_resubmit,
    opportunity_review,
    opportunity_submit,
    opportunity_update,
    opportunity_withdraw,
)

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.firms.models import Firm

# A planned day starts at this hour (UTC); a step's minute counts from it.
DAY_STARTS_AT = datetime.time(7, 30)


@dataclass(frozen=True)
class Actor:
    """Who acts for a firm (its manager, or the manager of the intermediary that represents it), or
    who reviews (an intermediary's manager, or the operator)."""

    user: User
    organisation: Organisation


@contextmanager
def demo_clock(moment: datetime.datetime) -> Iterator[None]:
    """Make ``timezone.now()`` return ``moment`` inside the block (the demo's history, see the module).

    The patch holds for the whole process while the block runs: only the loader, which runs alone in
    its command (or a test), may use it.
    """
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def opportunity_content_data(spec: OpportunitySpec, today: datetime.date) -> dict[str, Any]:
    """Return the service input (``opportunity_create``) of a planned opportunity."""
    content = spec.content
    return {
        "kind": content.kind,
        "domains": list(content.domains),
        "title": content.title,
        "summary": content.summary,
        "description": content.description,
        "advantages": content.advantages,
        "stage": content.stage,
        "ip_status": content.ip_status,
        "arrangement_types": list(content.arrangement_types),
        "partner_role": content.partner_role,
        "partner_sizes": list(content.partner_sizes),
        "partner_types": list(content.partner_types),
        "partner_regions": list(content.partner_regions),
        "partner_economy_groups": list(content.partner_economy_groups),
        "partner_corridors": list(content.partner_corridors),
        "required_capacity": content.required_capacity,
        "keywords": content.keywords,
        "deadline": today + datetime.timedelta(days=spec.deadline),
        # Many-to-many fields take primary keys: ISO3 codes, certification and language codes, ISIC codes.
        "partner_countries": list(content.partner_countries),
        "required_certifications": list(content.required_certifications),
        "required_languages": list(content.required_languages),
        "sectors": list(content.sectors),
    }


class ExchangePlayer:
    """Play one ``DemoExchange`` for the firms already written."""

    def __init__(
        self,
        exchange: DemoExchange,
        *,
        firms: dict[str, Firm],
        actors: dict[str, Actor],
        reviewers: dict[str, Actor],
        today: datetime.date,
    ) -> None:
        self.exchange = exchange
        self.firms = firms
        self.actors = actors  # firm key -> who acts for the firm
        self.reviewers = reviewers  # intermediary slug or "operator" -> who reviews
        self.today = today
        self.opportunities: dict[str, Opportunity] = {}
        self.owners: dict[str, str] = {}  # opportunity key -> owner firm key
        self.interests: dict[str, ExpressionOfInterest] = {}

    def moment(self, step: Step) -> datetime.datetime:
        day = self.today + datetime.timedelta(days=step.day)
        start = datetime.datetime.combine(day, DAY_STARTS_AT, tzinfo=datetime.UTC)
        return start + datetime.timedelta(minutes=step.minute)

    def play(self) -> None:
        """Run every step in time order, then the daily expiry jobs."""
        events: list[tuple[int, int, int, Callable[[], None]]] = []
        for spec in self.exchange.opportunities:
            for step in spec.steps:
                events.append((step.day, step.minute, len(events), self._opportunity_step(spec, step)))
        for interest in self.exchange.interests:
            for step in interest.steps:
                events.append((step.day, step.minute, len(events), self._interest_step(interest, step)))
        for _day, _minute, _order, run in sorted(events, key=lambda event: event[:3]):
            run()
        opportunities_expire_due(today=self.today)
        eois_expire_due(now=timezone.now())

    # Opportunities ------------------------------------------------------------------------------

    def _opportunity_step(self, spec: OpportunitySpec, step: Step) -> Callable[[], None]:
        def run() -> None:
            moment = self.moment(step)
            try:
                with demo_clock(moment):
                    self._play_opportunity(spec, step, moment)
            except Exception as error:
                error.add_note(f"demo opportunity {spec.content.key}, step {step.action} on day {step.day}")
                raise

        return run

    def _play_opportunity(self, spec: OpportunitySpec, step: Step, moment: datetime.datetime) -> None:
        key = spec.content.key
        owner = self.actors[spec.content.firm_key]
        actor, acting_for = owner.user, owner.organisation
        if step.action == "create":
            # The reference is drawn from uuid4 when the row is made: draw the planned one.
            planned = uuid.UUID(spec.uid)
            with mock.patch.object(uuid, "uuid4", return_value=planned):
                opportunity = opportunity_create(
                    actor=actor,
                    acting_for=acting_for,
                    firm=self.firms[spec.content.firm_key],
                    data=opportunity_content_data(spec, self.today),
                )
            Opportunity.objects.filter(pk=opportunity.pk).update(uid=planned, created_at=moment)
            self.opportunities[key] = opportunity
            self.owners[key] = spec.content.firm_key
            return
        opportunity = self.opportunities[key]
        if step.action == "submit":
            opportunity_submit(actor=actor, acting_for=acting_for, opportunity=opportunity)
        elif step.action == "review":
            self._review(opportunity, step, moment)
        elif step.action == "update":
            opportunity_update(
                actor=actor, acting_for=acting_for, opportunity=opportunity, data=dict(step.changes)
            )
        elif step.action == "resubmit":
            opportunity_resubmit(actor=actor, acting_for=acting_for, opportunity=opportunity)
        elif step.action == "withdraw":
            opportunity_withdraw(actor=actor, acting_for=acting_for, opportunity=opportunity)
        elif step.action == "close":
            opportunity_close(actor=actor, acting_for=acting_for, opportunity=opportunity)
        else:  # pragma: no cover - the exchange only plans the actions above
            raise ValueError(f"unknown opportunity action {step.action!r}")

    def _review(self, opportunity: Opportunity, step: Step, moment: datetime.datetime) -> None:
        reviewer = self.reviewers[step.by]
        scores = step.scores
        decision: str | None = step.decision
        if step.decision == "publish":
            # Scores that publish under the installation's thresholds, whatever they are.
            floor = settings.OPPORTUNITY_REVIEW_PUBLISH_MIN
            scores = (
                max(scores[0], floor),
                max(scores[1], floor),
                max(scores[2], floor),
                max(scores[3], floor),
            )
            decision = None
        review = opportunity_review(
            actor=reviewer.user,
            acting_for=reviewer.organisation,
            opportunity=opportunity,
            clarity=scores[0],
            innovation=scores[1],
            cooperation=scores[2],
            language=scores[3],
            comments=step.comments,
            decision=decision,
        )
        Review.objects.filter(pk=review.pk).update(created_at=moment)

    # Expressions of interest --------------------------------------------------------------------

    def _interest_step(self, spec: InterestSpec, step: Step) -> Callable[[], None]:
        def run() -> None:
            try:
                with demo_clock(self.moment(step)):
                    self._play_interest(spec, step)
            except Exception as error:
                error.add_note(f"demo expression {spec.key}, step {step.action} on day {step.day}")
                raise

        return run

    def _play_interest(self, spec: InterestSpec, step: Step) -> None:
        interested = self.actors[spec.firm_key]
        owner = self.actors[self.owners[spec.opportunity_key]]
        if step.action == "submit":
            self.interests[spec.key] = eoi_submit(
                actor=interested.user,
                acting_for=interested.organisation,
                firm=self.firms[spec.firm_key],
                opportunity=self.opportunities[spec.opportunity_key],
                message=spec.message,
                idempotency_key=f"demo-{spec.key}",
            )
            return
        eoi = self.interests[spec.key]
        if step.action == "message":
            writer = owner if step.side == "owner" else interested
            eoi_message_send(
                actor=writer.user, acting_for=writer.organisation, eoi=eoi, body=step.body, side=step.side
            )
        elif step.action == "accept":
            eoi_accept(actor=owner.user, acting_for=owner.organisation, eoi=eoi)
        elif step.action == "decline":
            eoi_decline(
                actor=owner.user, acting_for=owner.organisation, eoi=eoi, reason=step.reason, note=step.note
            )
        elif step.action == "withdraw":
            eoi_withdraw(actor=interested.user, acting_for=interested.organisation, eoi=eoi)
        else:  # pragma: no cover - the exchange only plans the actions above
            raise ValueError(f"unknown expression action {step.action!r}")


def status_counts(firm_ids: list[int]) -> tuple[dict[str, int], dict[str, int]]:
    """Return the opportunities of ``firm_ids`` by status, and the expressions of interest in them."""
    opportunities = Opportunity.objects.filter(firm_id__in=firm_ids)
    by_status = dict(opportunities.values_list("status").annotate(n=Count("pk")).order_by("status"))
    interests = ExpressionOfInterest.objects.filter(opportunity__in=opportunities)
    interests_by_status = dict(interests.values_list("status").annotate(n=Count("pk")).order_by("status"))
    return by_status, interests_by_status
