"""Early warnings: signs of trouble read from a partnership's history, as a pure function.

The signs follow the failure causes of para 20 of the report (loss of trust, absence of monitoring,
badly kept objectives) and the monitoring of "the perceptions of partners" of para 14:

- **trust falling**: a party's contractual, goodwill or competence trust dropped by ``TRUST_DROP`` or
  more between two of its consecutive check-ins;
- **trust low**: a party's latest answer puts a kind of trust below ``TRUST_LOW``;
- **milestone overdue**: a milestone past its due date and not done;
- **a party not answering**: a check-in unanswered more than ``NO_ANSWER_DAYS`` after its due date;
- **diverging perceptions**: the latest answers of two parties differ by ``DIVERGENCE`` or more in
  satisfaction or in a kind of trust.

Each sign has a ``key`` naming its evidence (the check-ins or the milestone and its due date), so the
same evidence raises one warning only, even after it was resolved; new evidence raises a new one.
No Django model is read here: the caller passes plain values (``History``), and tests build them by hand.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

TRUST_DROP = 1
TRUST_LOW = 2.5
NO_ANSWER_DAYS = 21
DIVERGENCE = 2
TRUST_KINDS = ("contractual", "goodwill", "competence")


@dataclass(frozen=True)
class CheckInPoint:
    """One check-in of one party: due, and (when answered) its scores."""

    id: int
    party_id: int
    due_on: datetime.date
    submitted_on: datetime.date | None = None
    satisfaction: int | None = None
    contractual: int | None = None
    goodwill: int | None = None
    competence: int | None = None

    def trust(self, kind: str) -> int | None:
        value: int | None = getattr(self, kind)
        return value


@dataclass(frozen=True)
class MilestonePoint:
    id: int
    title: str
    due_on: datetime.date
    done_on: datetime.date | None = None


@dataclass(frozen=True)
class History:
    check_ins: Sequence[CheckInPoint] = ()
    milestones: Sequence[MilestonePoint] = ()
    party_labels: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Signal:
    """A sign of trouble; ``kind`` is a ``models.WarningKind`` value."""

    kind: str
    key: str
    party_id: int | None = None
    milestone_id: int | None = None
    facts: dict[str, object] = field(default_factory=dict)


def _answered_by_party(history: History) -> dict[int, list[CheckInPoint]]:
    by_party: dict[int, list[CheckInPoint]] = {}
    for point in sorted(history.check_ins, key=lambda p: (p.due_on, p.id)):
        if point.submitted_on is not None:
            by_party.setdefault(point.party_id, []).append(point)
    return by_party


def trust_falling(history: History) -> list[Signal]:
    """A kind of trust of a party dropped by ``TRUST_DROP`` or more between consecutive check-ins."""
    signals = []
    for party_id, points in _answered_by_party(history).items():
        for before, after in itertools.pairwise(points):
            for kind in TRUST_KINDS:
                old, new = before.trust(kind), after.trust(kind)
                if old is not None and new is not None and old - new >= TRUST_DROP:
                    signals.append(
                        Signal(
                            kind="trust_falling",
                            key=f"trust_falling:{after.id}:{kind}",
                            party_id=party_id,
                            facts={
                                "trust": kind,
                                "before": old,
                                "after": new,
                                "on": after.due_on.isoformat(),
                            },
                        )
                    )
    return signals


def trust_low(history: History) -> list[Signal]:
    """A party's latest answer puts a kind of trust below ``TRUST_LOW``."""
    signals = []
    for party_id, points in _answered_by_party(history).items():
        latest = points[-1]
        for kind in TRUST_KINDS:
            value = latest.trust(kind)
            if value is not None and value < TRUST_LOW:
                signals.append(
                    Signal(
                        kind="trust_low",
                        key=f"trust_low:{latest.id}:{kind}",
                        party_id=party_id,
                        facts={"trust": kind, "value": value, "on": latest.due_on.isoformat()},
                    )
                )
    return signals


def milestones_overdue(history: History, today: datetime.date) -> list[Signal]:
    """A milestone is past its due date and not done."""
    return [
        Signal(
            kind="milestone_overdue",
            key=f"milestone_overdue:{m.id}:{m.due_on.isoformat()}",
            milestone_id=m.id,
            facts={"title": m.title, "due_on": m.due_on.isoformat(), "days": (today - m.due_on).days},
        )
        for m in sorted(history.milestones, key=lambda m: (m.due_on, m.id))
        if m.done_on is None and m.due_on < today
    ]


def parties_not_answering(history: History, today: datetime.date) -> list[Signal]:
    """A check-in unanswered more than ``NO_ANSWER_DAYS`` days after it was due."""
    return [
        Signal(
            kind="no_answer",
            key=f"no_answer:{p.id}",
            party_id=p.party_id,
            facts={"due_on": p.due_on.isoformat(), "days": (today - p.due_on).days},
        )
        for p in sorted(history.check_ins, key=lambda p: (p.due_on, p.id))
        if p.submitted_on is None and (today - p.due_on).days > NO_ANSWER_DAYS
    ]


def perceptions_diverging(history: History) -> list[Signal]:
    """The latest answers of two parties differ by ``DIVERGENCE`` or more in satisfaction or a trust."""
    latest = {party: points[-1] for party, points in _answered_by_party(history).items()}
    parties = sorted(latest)
    signals = []
    for i, first in enumerate(parties):
        for second in parties[i + 1 :]:
            a, b = latest[first], latest[second]
            for measure in ("satisfaction", *TRUST_KINDS):
                x, y = getattr(a, measure), getattr(b, measure)
                if x is not None and y is not None and abs(x - y) >= DIVERGENCE:
                    signals.append(
                        Signal(
                            kind="diverging",
                            key=f"diverging:{a.id}:{b.id}:{measure}",
                            facts={"measure": measure, "values": [x, y], "parties": [first, second]},
                        )
                    )
    return signals


def early_warnings(history: History, today: datetime.date) -> list[Signal]:
    """Return every sign of trouble in ``history`` as of ``today``, in a stable order."""
    return [
        *trust_falling(history),
        *trust_low(history),
        *milestones_overdue(history, today),
        *parties_not_answering(history, today),
        *perceptions_diverging(history),
    ]
