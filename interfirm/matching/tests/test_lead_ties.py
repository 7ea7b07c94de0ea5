"""Who chose whom: ties in a partnership one of the two led count in full, ties between fellow parties
of a partnership a third firm led count ``incidental_tie`` (algorithm "2026-12-d" on)."""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from interfirm.matching.engine import ALGORITHMS, DEFAULT, MatchingIndex, Network, PastPartnership, Profile
from interfirm.matching.engine.features import past_partners
from interfirm.matching.engine.network import chosen_ties

TODAY = datetime.date(2026, 12, 1)
START = datetime.date(2025, 6, 1)
QUERY = 1


def _network() -> Network:
    """Firm 1 led a partnership with 2; firm 3 led one with 1 and 4; nobody is known to have led the
    one of 1 and 5. Every partnership has three parties, so that only the leads tell them apart."""
    return Network(
        (
            PastPartnership("1 led", (1, 2, 6), START, None, frozenset({"SC5"}), lead_ids=(1,)),
            PastPartnership("3 led", (1, 3, 4), START, None, frozenset({"SC5"}), lead_ids=(3,)),
            PastPartnership("lead unknown", (1, 5, 7), START, None, frozenset({"SC5"})),
        ),
        {},
        {},
    )


def _profile(firm: int) -> Profile:
    return Profile(key=f"firm:{firm}", firm_id=firm, kind="profile", keywords=frozenset({"SC5"}))


def _context(version: str) -> tuple[MatchingIndex, object]:
    index = MatchingIndex([], _network())
    return index, index.context(_profile(QUERY), today=TODAY, algorithm=ALGORITHMS[version])


def test_a_tie_counts_in_full_where_one_of_the_two_led_and_half_between_fellow_parties() -> None:
    _, ctx = _context("2026-12-d")
    score = {firm: past_partners(_profile(QUERY), _profile(firm), ctx)[0] for firm in (2, 3, 4, 5)}  # type: ignore[arg-type]
    # 2: the query firm led; 3: the candidate led; 5: nobody known to have led. All in full.
    assert score[2] == score[3] == score[5] > 0
    # 4 was only a fellow party of a partnership firm 3 led: half the tie, a lower score.
    assert 0 < score[4] < score[2]


def test_the_reason_says_when_the_partnership_was_led_by_another_firm() -> None:
    _, ctx = _context("2026-12-d")
    assert past_partners(_profile(QUERY), _profile(4), ctx)[1] == (  # type: ignore[arg-type]
        "worked beside you on 1 past partnership led by another firm (latest 2025)"
    )
    assert past_partners(_profile(QUERY), _profile(3), ctx)[1] == (  # type: ignore[arg-type]
        "worked with you on 1 past partnership (latest 2025)"
    )


def test_the_earlier_algorithms_count_every_tie_alike() -> None:
    _, ctx = _context("2026-12-c")
    scores = {past_partners(_profile(QUERY), _profile(firm), ctx)[0] for firm in (2, 3, 4, 5)}  # type: ignore[arg-type]
    assert len(scores) == 1
    assert past_partners(_profile(QUERY), _profile(4), ctx)[1].startswith("worked with you")  # type: ignore[arg-type]


def test_default_algorithm_weighs_incidental_ties() -> None:
    assert 0 < DEFAULT.params["incidental_tie"] < 1


def test_a_network_with_no_lead_known_scores_as_before() -> None:
    unknown = Network(
        tuple(PastPartnership(p.key, p.firm_ids, p.started_on) for p in _network().partnerships)
    )
    graph = MatchingIndex([], unknown).graph
    ties = np.ones((graph.n_parts, 1))
    row = graph.firm_row[QUERY]
    assert np.array_equal(chosen_ties(graph, row, ties, 0.5), graph.incidence @ ties)


@settings(max_examples=60, deadline=None)
@given(
    parties=st.lists(
        st.lists(st.integers(1, 8), min_size=2, max_size=5, unique=True), min_size=1, max_size=8
    ),
    leads=st.lists(st.integers(-1, 4), min_size=8, max_size=8),
    incidental=st.floats(0.0, 1.0),
)
def test_chosen_ties_lie_between_the_incidental_share_and_the_full_count(
    parties: list[list[int]], leads: list[int], incidental: float
) -> None:
    partnerships = tuple(
        PastPartnership(
            f"p{j}",
            tuple(ids),
            START,
            lead_ids=(ids[leads[j]],) if 0 <= leads[j] < len(ids) else (),
        )
        for j, ids in enumerate(parties)
    )
    graph = MatchingIndex([], Network(partnerships)).graph
    row = graph.firm_row.get(parties[0][0], -1)
    mine = np.zeros((graph.n_parts, 1))
    mine[graph.incidence.indices[graph.incidence.indptr[row] : graph.incidence.indptr[row + 1]], 0] = 1.0
    full = graph.incidence @ mine
    chosen = chosen_ties(graph, row, mine, incidental)
    assert np.all(chosen <= full + 1e-9)
    assert np.all(chosen >= incidental * full - 1e-9)
