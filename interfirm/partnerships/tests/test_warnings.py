"""Early warnings on hand-made histories (no database)."""

from __future__ import annotations

import datetime

from interfirm.partnerships.warnings import CheckInPoint, History, MilestonePoint, early_warnings

D = datetime.date


def point(
    pk: int,
    party: int,
    due: datetime.date,
    *,
    trust: tuple[int, int, int] | None = (4, 4, 4),
    satisfaction: int = 4,
) -> CheckInPoint:
    if trust is None:
        return CheckInPoint(id=pk, party_id=party, due_on=due)
    return CheckInPoint(
        id=pk,
        party_id=party,
        due_on=due,
        submitted_on=due,
        satisfaction=satisfaction,
        contractual=trust[0],
        goodwill=trust[1],
        competence=trust[2],
    )


TODAY = D(2025, 6, 1)


def kinds(history: History, today: datetime.date = TODAY) -> list[tuple[str, str]]:
    return [(s.kind, s.key) for s in early_warnings(history, today)]


def test_a_steady_history_raises_nothing():
    history = History(
        check_ins=[
            point(1, 10, D(2025, 1, 1)),
            point(2, 11, D(2025, 1, 1)),
            point(3, 10, D(2025, 4, 1)),
            point(4, 11, D(2025, 4, 1)),
        ],
        milestones=[MilestonePoint(1, "Pilot line", D(2025, 5, 1), done_on=D(2025, 4, 20))],
    )
    assert kinds(history) == []


def test_a_drop_of_one_point_in_goodwill_trust_between_consecutive_check_ins_is_trust_falling():
    history = History(
        check_ins=[point(1, 10, D(2025, 1, 1), trust=(4, 4, 4)), point(2, 10, D(2025, 4, 1), trust=(4, 3, 4))]
    )
    assert kinds(history) == [("trust_falling", "trust_falling:2:goodwill")]


def test_a_drop_of_less_than_one_point_is_not_trust_falling_and_trust_at_three_is_not_low():
    history = History(
        check_ins=[point(1, 10, D(2025, 1, 1), trust=(3, 3, 3)), point(2, 10, D(2025, 4, 1), trust=(3, 3, 3))]
    )
    assert kinds(history) == []


def test_trust_below_two_and_a_half_in_the_latest_answer_is_low():
    history = History(check_ins=[point(1, 10, D(2025, 1, 1), trust=(2, 3, 3))])
    assert kinds(history) == [("trust_low", "trust_low:1:contractual")]


def test_only_the_latest_answer_of_a_party_counts_for_low_trust():
    history = History(
        check_ins=[point(1, 10, D(2025, 1, 1), trust=(2, 3, 3)), point(2, 10, D(2025, 4, 1), trust=(3, 3, 3))]
    )
    assert kinds(history) == []


def test_a_milestone_past_its_date_and_not_done_is_overdue():
    history = History(
        milestones=[
            MilestonePoint(7, "First shipment", D(2025, 5, 1)),
            MilestonePoint(8, "Later", D(2025, 7, 1)),
        ]
    )
    signals = early_warnings(history, D(2025, 6, 1))
    assert [(s.kind, s.key, s.facts["days"]) for s in signals] == [
        ("milestone_overdue", "milestone_overdue:7:2025-05-01", 31)
    ]


def test_a_check_in_unanswered_more_than_21_days_after_its_date_is_a_party_not_answering():
    history = History(
        check_ins=[point(1, 10, D(2025, 5, 10), trust=None), point(2, 11, D(2025, 5, 11), trust=None)]
    )
    # 22 days after the first, 21 after the second (not yet "more than 21").
    assert kinds(history, D(2025, 6, 1)) == [("no_answer", "no_answer:1")]


def test_two_parties_two_points_apart_in_satisfaction_diverge():
    history = History(
        check_ins=[point(1, 10, D(2025, 4, 1), satisfaction=5), point(2, 11, D(2025, 4, 1), satisfaction=3)]
    )
    assert kinds(history) == [("diverging", "diverging:1:2:satisfaction")]


def test_divergence_compares_the_latest_answer_of_each_party():
    history = History(
        check_ins=[
            point(1, 10, D(2025, 1, 1), satisfaction=5),
            point(2, 11, D(2025, 1, 1), satisfaction=5),
            point(3, 11, D(2025, 4, 1), satisfaction=4),
        ]
    )
    assert kinds(history) == []


def test_a_falling_history_raises_every_sign_in_a_stable_order():
    history = History(
        check_ins=[
            point(1, 10, D(2025, 1, 1), trust=(4, 4, 4)),
            point(2, 10, D(2025, 4, 1), trust=(2, 4, 4), satisfaction=2),
            point(3, 11, D(2025, 4, 1), trust=(4, 4, 4), satisfaction=4),
            point(4, 11, D(2025, 1, 1), trust=None),
        ],
        milestones=[MilestonePoint(5, "Licence signed", D(2025, 3, 1))],
    )
    assert kinds(history) == [
        ("trust_falling", "trust_falling:2:contractual"),
        ("trust_low", "trust_low:2:contractual"),
        ("milestone_overdue", "milestone_overdue:5:2025-03-01"),
        ("no_answer", "no_answer:4"),
        ("diverging", "diverging:2:3:satisfaction"),
        ("diverging", "diverging:2:3:contractual"),
    ]
