"""Build the demo exchange — about 400 opportunities and their expressions of interest — as plain specs.

Deterministic like ``generator``: one seeded RNG, times as day offsets from the base date (see
``specs``). Nothing here touches the database; ``timeline`` plays what ``build_exchange`` returns
through the opportunities and introductions services.

- The report's cases come first (``data.opportunities``), then one or two opportunities for each
  generated firm, written from its sector template and its own profile: requests drawn from the
  template's needs, and offers of production capacity, technology, distribution, investment.
- Statuses: most published (reviewed by an intermediary that covers the firm's country, or by the
  operator where none does), some drafts, some waiting for review (so that the demo intermediary has
  a queue), a few on hold with comments, rejected, withdrawn, closed and expired.
- Expressions of interest in every state, planned so that no firm ever has more than the allowed
  number open, each answered before it would expire and before its opportunity ends.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field

from interfirm.demo.data.cases import LOGIN_FIRM_KEY
from interfirm.demo.data.intermediaries import INTERMEDIARIES
from interfirm.demo.data.introductions import CASE_INTERESTS, CASE_MESSAGES
from interfirm.demo.data.opportunities import CASE_HOLD_COMMENTS, CASE_OPPORTUNITIES, CASE_STATUSES
from interfirm.demo.data.phrases import (
    AFTER_ACCEPTANCE,
    DECLINE_NOTES,
    HOLD_COMMENTS,
    HOLD_FIXES,
    PUBLISH_COMMENTS,
    QUESTIONS,
    REJECT_COMMENTS,
    SERVICE_SECTORS,
)
from interfirm.demo.data.places import DEVELOPED
from interfirm.demo.generator import BASE_DATE, SEED
from interfirm.demo.specs import (
    DemoExchange,
    DemoNetwork,
    FirmSpec,
    InterestSpec,
    OpportunityContent,
    OpportunitySpec,
    Step,
)
from interfirm.demo.writing import (
    TEMPLATES,
    Idea,
    OpportunityWriter,
    classify_need,
    interest_message,
    size_of,
    template_of,
)

OPPORTUNITY_COUNT = 400
# How many opportunities end in each status (the rest are published).
STATUS_COUNTS: dict[str, int] = {
    "draft": 25,
    "submitted": 25,
    "on_hold": 10,
    "rejected": 4,
    "withdrawn": 10,
    "closed": 12,
    "expired": 14,
}
# Expressions of interest beyond the cases, by final status.
INTEREST_COUNTS: dict[str, int] = {"accepted": 22, "declined": 35, "withdrawn": 14, "expired": 20, "open": 32}
# Countries the demo intermediary (the Nairobi chamber) reviews for: its queue gets some of the drafts
# that are waiting for review.
LOGIN_REVIEW_COUNTRIES = ("KEN", "UGA", "TZA", "RWA")
QUEUE_FOR_LOGIN_INTERMEDIARY = 6

_DECLINE_REASONS = (
    "not_relevant",
    "capacity",
    "geography",
    "already_found",
    "timing",
    "information",
    "other",
)


# Statuses and time lines --------------------------------------------------------------------------


@dataclass
class _Plan:
    """An opportunity being planned: its content, status, time line and the window open to interest."""

    content: OpportunityContent
    firm: FirmSpec
    status: str = "published"
    steps: list[Step] = field(default_factory=list)
    deadline: int = 0
    published: int | None = None
    ends: int = 0  # the last day expressions of interest may be answered (0: still published today)


def _reviewer(firm: FirmSpec) -> str:
    """Return who reviews ``firm``'s opportunities: its representing intermediary, else the first that
    covers its country, else the operator (as ``opportunities.services.reviewer_organisations``)."""
    if firm.consent is not None:
        return firm.consent.intermediary_slug
    for intermediary in INTERMEDIARIES:
        if firm.country in intermediary.countries_covered:
            return intermediary.slug
    return "operator"


class _Clock:
    """Hand out minutes of the day so that the steps of one object keep their order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def steps(self, *events: tuple[int, str, dict[str, object]]) -> list[Step]:
        steps: list[Step] = []
        last_day, last_minute = None, 0
        for day, action, extra in events:
            minute = self.rng.randint(0, 420)
            if day == last_day:
                minute = last_minute + 1 + self.rng.randint(0, 30)
            steps.append(Step(day=day, minute=minute, action=action, **extra))  # type: ignore[arg-type]
            last_day, last_minute = day, minute
        return steps


def _scores(rng: random.Random, decision: str) -> tuple[int, int, int, int]:
    if decision == "publish":
        return (rng.randint(3, 5), rng.randint(3, 5), rng.randint(3, 5), rng.randint(4, 5))
    if decision == "hold":
        scores = [rng.randint(3, 4) for _ in range(4)]
        scores[rng.randrange(4)] = 2
        return (scores[0], scores[1], scores[2], scores[3])
    return (rng.randint(1, 2), 0, rng.randint(0, 2), rng.randint(2, 4))


def _plan_timeline(rng: random.Random, clock: _Clock, plan: _Plan, *, firm_day: int) -> None:
    """Fill in the plan's steps, deadline and window for its status. Days are offsets from the base date."""
    status, key = plan.status, plan.content.key
    reviewer = _reviewer(plan.firm)
    earliest = firm_day + 2

    def review(day: int, decision: str) -> tuple[int, str, dict[str, object]]:
        comments = {
            "publish": rng.choice(PUBLISH_COMMENTS),
            "hold": CASE_HOLD_COMMENTS.get(key) or rng.choice(HOLD_COMMENTS),
            "reject": rng.choice(REJECT_COMMENTS),
        }[decision]
        return (
            day,
            "review",
            {"scores": _scores(rng, decision), "decision": decision, "comments": comments, "by": reviewer},
        )

    def created(low: int, high: int) -> int:
        return rng.randint(max(low, earliest), max(high, earliest))

    events: list[tuple[int, str, dict[str, object]]] = []
    if status == "draft":
        events.append((created(-60, -1), "create", {}))
        plan.deadline = rng.randint(90, 240)
    elif status in ("submitted", "on_hold", "rejected"):
        start = created(-40, -3) if status != "submitted" else created(-20, -2)
        events += [(start, "create", {}), (start + rng.randint(0, 1), "submit", {})]
        if status != "submitted":
            reviewed = min(events[-1][0] + rng.randint(1, 3), -1)
            events.append(review(reviewed, {"on_hold": "hold", "rejected": "reject"}[status]))
        plan.deadline = rng.randint(60, 240)
    else:
        low, high = {
            "published": (-230, -160) if key.startswith("case-") else (-240, -4),
            "withdrawn": (-200, -45),
            "closed": (-240, -70),
            "expired": (-330, -110),
        }[status]
        start = created(low, high)
        submitted = start + rng.randint(0, 2)
        events += [(start, "create", {}), (submitted, "submit", {})]
        reviewed = submitted + rng.randint(1, 4)
        if rng.random() < 0.15 and reviewed + 6 < -1 and not key.startswith("case-"):
            # Held first; the owner adds what the reviewer asked for and sends it back.
            events.append(review(reviewed, "hold"))
            fix = f"{plan.content.description} {rng.choice(HOLD_FIXES)}"
            events.append((reviewed + 1, "update", {"changes": (("description", fix),)}))
            events.append((reviewed + 1, "resubmit", {}))
            reviewed += rng.randint(3, 5)
        reviewed = min(reviewed, -1)
        events.append(review(reviewed, "publish"))
        plan.published = reviewed
        if status == "expired":
            plan.deadline = rng.randint(max(reviewed + 40, -60), -2)
            plan.ends = plan.deadline
        else:
            plan.deadline = rng.randint(4, 14) if rng.random() < 0.08 else rng.randint(20, 330)
        if status in ("withdrawn", "closed"):
            ended = rng.randint(min(reviewed + 25, -1), -1)
            events.append((ended, "withdraw" if status == "withdrawn" else "close", {}))
            plan.ends = ended
    plan.steps = clock.steps(*events)


# Expressions of interest --------------------------------------------------------------------------


@dataclass
class _Interests:
    """Plans expressions of interest under the cap on open ones per firm."""

    rng: random.Random
    clock: _Clock
    firms: dict[str, FirmSpec]
    firm_days: dict[str, int]
    expiry_days: int
    max_open: int
    open_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    taken: set[tuple[str, str]] = field(default_factory=set)
    specs: list[InterestSpec] = field(default_factory=list)

    def can_open(self, firm_key: str, day: int, until: int) -> bool:
        """Return whether ``firm_key`` may have one more expression open from ``day`` to ``until``."""
        spans = self.open_spans.get(firm_key, [])
        overlapping = sum(1 for start, end in spans if start <= until and day <= end)
        return overlapping < self.max_open and self.firm_days[firm_key] < day

    def window(self, plan: _Plan, status: str) -> tuple[int, int] | None:
        """Return the days an expression of ``status`` may be submitted on ``plan``, or None."""
        if plan.published is None:
            return None
        first, last_day = plan.published + 1, (plan.ends or 0) - 1
        x = self.expiry_days
        if status == "open":
            if plan.ends:
                return None
            first = max(first, -(x - 3))
            last = -1
        elif status == "expired":
            last = min(last_day - x, -(x + 1))
        else:
            last = min(last_day, -1) - 2
        return (first, last) if first <= last else None

    def add(
        self,
        key: str,
        plan: _Plan,
        firm_key: str,
        status: str,
        *,
        reason: str = "",
        message: str = "",
        day: int | None = None,
    ) -> bool:
        """Plan one expression (sent on ``day`` if given and possible); return False when its window
        or the cap on open expressions leaves no room."""
        rng = self.rng
        span = self.window(plan, status)
        if span is None or (plan.content.key, firm_key) in self.taken or firm_key == plan.firm.key:
            return False
        first, last = span
        if day is not None and first <= day <= last:
            first = last = day
        for _attempt in range(6):
            day = rng.randint(first, last)
            events, until = self._events(plan, day, status, reason)
            if self.can_open(firm_key, day, until):
                break
        else:
            return False
        self.open_spans.setdefault(firm_key, []).append((day, until))
        self.taken.add((plan.content.key, firm_key))
        self.specs.append(
            InterestSpec(
                key=key,
                opportunity_key=plan.content.key,
                firm_key=firm_key,
                message=message or interest_message(plan.content, self.firms[firm_key]),
                status=status,
                steps=tuple(self.clock.steps(*events)),
            )
        )
        return True

    def _events(
        self, plan: _Plan, day: int, status: str, reason: str
    ) -> tuple[list[tuple[int, str, dict[str, object]]], int]:
        """Return the events of an expression submitted on ``day`` and the last day it is open."""
        rng, x = self.rng, self.expiry_days
        events: list[tuple[int, str, dict[str, object]]] = [(day, "submit", {})]
        question, answer = rng.choice(QUESTIONS)
        if status == "open":
            if day < -2 and rng.random() < 0.6:
                asked = rng.randint(day + 1, -2)
                events.append((asked, "message", {"side": "owner", "body": question}))
                if rng.random() < 0.6:
                    events.append((rng.randint(asked, -1), "message", {"side": "interested", "body": answer}))
            return events, 10_000
        if status == "expired":
            if rng.random() < 0.3:
                later = rng.randint(1, max(1, min(10, x - 2)))
                events.append((day + later, "message", {"side": "interested", "body": answer}))
            return events, day + x
        latest = min((plan.ends or 0) - 1, -1, day + x - 2)
        decided = rng.randint(day + 1, max(day + 1, min(latest, day + 14)))
        if decided - day >= 2 and rng.random() < 0.7:
            asked = rng.randint(day + 1, decided - 1)
            events.append((asked, "message", {"side": "owner", "body": question}))
            events.append(
                (rng.randint(asked, decided - 1), "message", {"side": "interested", "body": answer})
            )
        if status == "accepted":
            events.append((decided, "accept", {}))
            if decided < -2:
                first, second = rng.choice(AFTER_ACCEPTANCE)
                said = rng.randint(decided + 1, -2)
                events.append((said, "message", {"side": "owner", "body": first}))
                events.append((rng.randint(said, -1), "message", {"side": "interested", "body": second}))
        elif status == "declined":
            reason = reason or rng.choice(_DECLINE_REASONS)
            note = rng.choice(DECLINE_NOTES[reason]) if rng.random() < 0.8 else ""
            events.append((decided, "decline", {"reason": reason, "note": note}))
        else:
            events.append((decided, "withdraw", {}))
        return events, decided


# Building -----------------------------------------------------------------------------------------


def _identifiers(rng: random.Random, count: int) -> list[tuple[str, str]]:
    seen: set[str] = set()
    result: list[tuple[str, str]] = []
    while len(result) < count:
        uid = uuid.UUID(int=rng.getrandbits(128), version=4)
        reference = "OP" + uid.hex[:8].upper()
        if reference not in seen:
            seen.add(reference)
            result.append((str(uid), reference))
    return result


def _generated_contents(rng: random.Random, firms: list[FirmSpec], count: int) -> list[OpportunityContent]:
    """Return ``count`` opportunities of the generated firms: one each, two for some."""
    writer = OpportunityWriter(rng)
    second = set(rng.sample(range(len(firms)), k=max(0, count - len(firms))))
    contents: list[OpportunityContent] = []
    for index, firm in enumerate(firms):
        template = TEMPLATES[firm.sectors[0]]
        size = size_of(firm)
        ideas = [classify_need(need, template.key) for need in template.needs]
        rng.shuffle(ideas)
        extra = [
            Idea(
                "capacity",
                "offer",
                ("production",),
                ("services_outsourcing",)
                if template.key in SERVICE_SECTORS
                else ("subcontracting", "supply"),
            ),
            Idea("technology", "offer", ("technology",), ("licensing", "technical_cooperation")),
            Idea("distribution", "request", ("marketing",), ("distribution",)),
            Idea("investment_request", "request", ("investment",), ("equity_investment",)),
        ]
        if size in ("medium", "large"):
            extra.append(Idea("research", "request", ("technology",), ("rd_cooperation",)))
            if firm.country in DEVELOPED or size == "large":
                extra.append(
                    Idea(
                        "investment_offer",
                        "offer",
                        ("investment", "production"),
                        ("equity_investment", "joint_venture"),
                    )
                )
        rng.shuffle(extra)
        chosen = [ideas[0] if rng.random() < 0.5 else extra[0]]
        if index in second:
            chosen.append(extra[0] if chosen[0] is ideas[0] else ideas[0])
        for number, idea in enumerate(chosen, start=1):
            contents.append(writer.write(firm, template, idea, f"{firm.key}-op{number}"))
    return contents[:count]


def _assign_statuses(rng: random.Random, plans: list[_Plan], firm_days: dict[str, int]) -> None:
    """Give the generated plans their statuses: long-lived ones to old firms, a queue for the demo
    intermediary, the rest published."""
    counts = Counter({status: n for status, n in STATUS_COUNTS.items()})
    counts.subtract(Counter(plan.status for plan in plans if plan.content.key.startswith("case-")))
    free = [plan for plan in plans if not plan.content.key.startswith("case-")]
    rng.shuffle(free)
    old = [plan for plan in free if firm_days[plan.firm.key] <= -150]
    for status in ("expired", "closed", "withdrawn"):
        for plan in [p for p in old if p.status == "published"][: max(counts[status], 0)]:
            plan.status = status
    queue = [p for p in free if p.firm.country in LOGIN_REVIEW_COUNTRIES and p.status == "published"]
    for plan in queue[:QUEUE_FOR_LOGIN_INTERMEDIARY]:
        plan.status = "submitted"
    counts["submitted"] -= min(len(queue), QUEUE_FOR_LOGIN_INTERMEDIARY)
    rest = [p for p in free if p.status == "published"]
    position = 0
    for status in ("submitted", "draft", "on_hold", "rejected"):
        for plan in rest[position : position + max(counts[status], 0)]:
            plan.status = status
        position += max(counts[status], 0)


def _candidates(rng: random.Random, firms: list[FirmSpec], rule: str, plan: _Plan) -> list[str]:
    """Return the generated firms a "pick:<sector keys>:<countries>" rule names, best first: those of
    the sectors and countries, then of the sectors, then of the countries, then any."""
    _pick, sectors_part, countries_part = rule.split(":")
    sectors = set(filter(None, sectors_part.split(",")))
    countries = set(filter(None, countries_part.split(",")))

    def in_sectors(firm: FirmSpec) -> bool:
        template = template_of(firm)
        return not sectors or (template is not None and template.key in sectors)

    def in_countries(firm: FirmSpec) -> bool:
        return not countries or firm.country in countries

    ordered: list[str] = []
    for test in (
        lambda f: in_sectors(f) and in_countries(f),
        in_sectors,
        in_countries,
        lambda f: True,
    ):
        level = [firm.key for firm in firms if test(firm) and firm.key != plan.firm.key]
        rng.shuffle(level)
        ordered += [key for key in level if key not in ordered]
    return ordered


def _pick_plan(
    rng: random.Random, plans: list[_Plan], rule: str, interests: _Interests, status: str
) -> _Plan | None:
    """Resolve "pick:<sector keys>:<kind>" to a generated opportunity of a firm of those sectors, of
    that kind, that can take an expression of ``status``."""
    _pick, sectors_part, kind = rule.split(":")
    sectors = set(sectors_part.split(","))
    candidates = [
        plan
        for plan in plans
        if (template := template_of(plan.firm)) is not None
        and template.key in sectors
        and plan.content.kind == kind
        and interests.window(plan, status) is not None
    ]
    return rng.choice(candidates) if candidates else None


def _fit(plan: _Plan, firm: FirmSpec) -> int:
    """Return how well ``firm`` fits ``plan`` as the interested side (higher is better)."""
    score = 0
    owner_template, template = template_of(plan.firm), template_of(firm)
    if owner_template and template and owner_template.key == template.key:
        score += 4
    countries = plan.content.partner_countries
    if countries:
        score += 2 if firm.country in countries else -2
    if plan.content.partner_sizes and size_of(firm) in plan.content.partner_sizes:
        score += 1
    return score


def build_exchange(
    network: DemoNetwork,
    *,
    seed: int = SEED + 2,
    count: int = OPPORTUNITY_COUNT,
    expiry_days: int = 30,
    max_open: int = 5,
) -> DemoExchange:
    """Return the demo's opportunities and expressions of interest for ``network``.

    ``expiry_days`` and ``max_open`` are the installation's ``EOI_EXPIRY_DAYS`` and
    ``EOI_MAX_OPEN_PER_FIRM``: expressions are planned to be answered before they would expire, and
    never more than ``max_open`` of a firm are open at once. The same arguments give the same exchange.
    """
    rng = random.Random(seed)
    clock = _Clock(rng)
    firms = {firm.key: firm for firm in network.firms}
    firm_days = {firm.key: ((firm.created_on or BASE_DATE) - BASE_DATE).days for firm in network.firms}
    generated = [firm for firm in network.firms if firm.key.startswith("generated-")]
    contents = [*CASE_OPPORTUNITIES, *_generated_contents(rng, generated, count - len(CASE_OPPORTUNITIES))]
    plans = [
        _Plan(content, firms[content.firm_key], status=CASE_STATUSES.get(content.key, "published"))
        for content in contents
    ]
    _assign_statuses(rng, plans, firm_days)
    for plan in plans:
        _plan_timeline(rng, clock, plan, firm_day=firm_days[plan.firm.key])
    by_key = {plan.content.key: plan for plan in plans}

    interests = _Interests(rng, clock, firms, firm_days, expiry_days, max_open)
    for case in CASE_INTERESTS:
        if case.opportunity.startswith("pick:"):
            picked = _pick_plan(rng, plans, case.opportunity, interests, case.status)
            if picked is None:
                continue
            plan = picked
        else:
            plan = by_key[case.opportunity]
        keys = _candidates(rng, generated, case.firm, plan) if case.firm.startswith("pick:") else [case.firm]
        message = CASE_MESSAGES.get(case.key, "")
        for firm_key in keys[:30]:
            if interests.add(
                case.key, plan, firm_key, case.status, reason=case.reason, message=message, day=case.day
            ):
                break
    wanted = Counter(INTEREST_COUNTS)
    # A closed opportunity found its partner: an accepted expression on each.
    published = [plan for plan in plans if plan.published is not None]
    order = sorted(published, key=lambda plan: (plan.status != "closed", rng.random()))
    serial = 0
    for status in ("accepted", "declined", "withdrawn", "expired", "open"):
        candidates = [plan for plan in order if interests.window(plan, status)]
        if status != "accepted":
            rng.shuffle(candidates)
        made = 0
        for plan in candidates * 2:
            if made >= wanted[status]:
                break
            ranked = sorted([*generated, firms[LOGIN_FIRM_KEY]], key=lambda f: (-_fit(plan, f), rng.random()))
            for firm in ranked[:8]:
                serial += 1
                if interests.add(f"interest-{serial:03d}", plan, firm.key, status):
                    made += 1
                    break
    identifiers = _identifiers(random.Random(seed + 1), len(plans))
    opportunities = tuple(
        OpportunitySpec(
            content=plan.content,
            status=plan.status,
            deadline=plan.deadline,
            steps=tuple(plan.steps),
            uid=uid,
            reference=reference,
        )
        for plan, (uid, reference) in zip(plans, identifiers, strict=True)
    )
    return DemoExchange(opportunities=opportunities, interests=tuple(interests.specs))
