"""The batch path of the matching engine (``MatchingIndex.suggest_many``) and the caches and exact
columns that make it fast: each must give what ``suggest`` and the feature functions give."""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.matching import generate
from interfirm.matching.engine import (
    DEFAULT,
    MatchingIndex,
    Profile,
    Requirements,
    candidates,
    rank,
    score,
)
from interfirm.matching.engine.features import requirements_value

TODAY = datetime.date(2026, 12, 1)


def _world(n: int = 400) -> tuple[MatchingIndex, list[Profile]]:
    profiles, network = generate(n, seed=5)
    return MatchingIndex(profiles, network), profiles


def test_suggest_many_gives_what_suggest_gives_query_by_query_in_one_process_and_in_two() -> None:
    index, profiles = _world()
    newcomer = Profile(key="firm:new", firm_id=99_999, seeks=frozenset({"production"}), text="mango pulp")
    # An indexed profile's key on a profile that differs from it (edited since): asked as given.
    edited = profiles[95].evolve(text="aseptic mango pulp and juice concentrate", sectors=("1030",))
    queries = [*sorted(profiles[:90], key=lambda p: p.firm_id), newcomer, edited]
    exclude = {q.key: {profiles[i + 1].key} for i, q in enumerate(queries[:40])}
    exclude_firms = {q.key: {profiles[i + 2].firm_id} for i, q in enumerate(queries[:40])}
    for options in ({}, {"one_per_firm": True, "prefer": "opp:"}):
        expected = [
            index.suggest(
                q,
                k=20,
                today=TODAY,
                exclude=exclude.get(q.key, ()),
                exclude_firms=exclude_firms.get(q.key, ()),
                **options,  # type: ignore[arg-type]
            )
            for q in queries
        ]
        assert any(len(out) for out in expected)
        for workers in (1, 2):
            got = list(
                index.suggest_many(
                    queries,
                    k=20,
                    today=TODAY,
                    exclude=exclude,
                    exclude_firms=exclude_firms,
                    workers=workers,
                    chunk=7,
                    **options,  # type: ignore[arg-type]
                )
            )
            assert got == expected
            assert [s.reasons for out in got for s in out] == [s.reasons for out in expected for s in out]


def test_a_batch_session_is_undone_when_it_ends() -> None:
    import gc

    index, profiles = _world(120)
    frozen, limit = gc.get_freeze_count(), index._loaded_limit
    with index.batch_session():
        with index.batch_session():  # nested: the outer one prepares and restores
            list(index.suggest_many(profiles[:5], today=TODAY, workers=1))
            assert len(index._loaded) == len(index)  # every profile held while the batch runs
        assert index._loaded_limit > limit
    assert index._loaded_limit == limit and len(index._loaded) <= limit
    assert gc.get_freeze_count() == frozen
    assert index.suggest(profiles[0], today=TODAY) == next(index.suggest_many(profiles[:1], today=TODAY))


def test_suggest_many_of_nothing_and_of_an_empty_index() -> None:
    index, profiles = _world(50)
    assert list(index.suggest_many([], today=TODAY, workers=2)) == []
    empty = MatchingIndex([])
    out = list(empty.suggest_many(profiles[:3], today=TODAY, workers=2))
    assert [o.explanation for o in out] == [empty.suggest(profiles[0], today=TODAY).explanation] * 3


def test_cached_columns_follow_every_change_of_the_index() -> None:
    index, profiles = _world(200)
    cold, _ = _world(200)
    for q in profiles[:20]:
        index.suggest(q, today=TODAY)  # fills the caches
    changed = profiles[5].evolve(
        text="mango pulp aseptic", certifications=frozenset({"brc"}), sectors=("1030",), country="KEN"
    )
    for each in (index, cold):  # the same changes; only ``index`` had its caches filled before
        each.add(changed)
        each.remove(profiles[7].key)
    for q in profiles[:20]:
        assert index.suggest(q, today=TODAY) == cold.suggest(q, today=TODAY)


_names = st.sampled_from(["iso9001", "haccp", "gmp", ""])
_sizes = st.sampled_from(["", "micro", "small", "large", "huge"])
_types = st.sampled_from(["firm", "research", "", "ngo"])
_requirements = st.builds(
    Requirements,
    certifications=st.frozensets(st.sampled_from(["iso9001", "haccp", "gmp", "brc"]), max_size=2),
    languages=st.frozensets(st.sampled_from(["en", "fr", "sw"]), max_size=2),
    capacity=st.sampled_from(["", "5 t/day"]),
    partner_sizes=st.frozensets(_sizes, max_size=2),
    partner_types=st.frozensets(_types, max_size=2),
)
_party = st.builds(
    Profile,
    key=st.text("abcd", min_size=1, max_size=3).map(lambda s: "k:" + s),
    firm_id=st.integers(1, 6),
    kind=st.sampled_from(["offer", "request", "profile"]),
    domains=st.frozensets(st.sampled_from(["production", "marketing"]), max_size=1),
    certifications=st.frozensets(st.sampled_from(["iso9001", "haccp", "gmp"]), max_size=2),
    languages=st.frozensets(st.sampled_from(["en", "fr", "pt"]), max_size=2),
    capacity=st.sampled_from(["", "10 t/day"]),
    size_class=_sizes,
    org_type=_types,
    requires=_requirements,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_party, min_size=1, max_size=8, unique_by=lambda p: p.key), _party)
def test_the_exact_requirement_columns_equal_the_feature(profiles: list[Profile], query: Profile) -> None:
    index = MatchingIndex(profiles)
    rows = np.arange(len(profiles))
    held = index._requirements_exact(query, rows)
    assert held is not None
    values, exact = held
    assert exact.all()
    for row, p in enumerate(profiles):
        assert values[row] == requirements_value(query, p)


@settings(max_examples=30, deadline=None)
@given(st.lists(_party, min_size=1, max_size=8, unique_by=lambda p: p.key), _party)
def test_the_index_with_requirements_ranks_like_the_feature_functions(
    profiles: list[Profile], query: Profile
) -> None:
    index = MatchingIndex(profiles)
    fast = index.suggest(query, today=TODAY, k=len(profiles))
    ctx = index.context(query, today=TODAY, algorithm=DEFAULT)
    slow = rank([score(query, p, ctx) for p in candidates(query, profiles, today=TODAY)], k=len(profiles))
    assert [(s.key, round(s.score, 9), s.reasons, s.gaps) for s in fast] == [
        (s.key, round(s.score, 9), s.reasons, s.gaps) for s in slow
    ]


def test_names_past_the_63rd_are_checked_on_the_profile() -> None:
    many = [f"cert{i}" for i in range(70)]
    profiles = [
        Profile(
            key=f"opp:{i}",
            firm_id=i + 2,
            kind="request",
            domains=frozenset({"production"}),
            certifications=frozenset(many[i : i + 2]),
            requires=Requirements(certifications=frozenset({many[(i * 7) % 70]})),
        )
        for i in range(68)
    ]
    query = Profile(
        key="opp:q",
        firm_id=1,
        kind="offer",
        domains=frozenset({"production"}),
        certifications=frozenset(many[60:66]),
        requires=Requirements(certifications=frozenset({many[65]})),
    )
    index = MatchingIndex(profiles)
    assert index._requirements_exact(query, np.arange(len(profiles))) is None  # cert65 has no bit
    fast = index.suggest(query, today=TODAY, k=len(profiles))
    ctx = index.context(query, today=TODAY, algorithm=DEFAULT)
    slow = rank([score(query, p, ctx) for p in candidates(query, profiles, today=TODAY)], k=len(profiles))
    assert [(s.key, s.score) for s in fast] == [(s.key, s.score) for s in slow]
    plain = query.evolve(requires=Requirements())
    fast = index.suggest(plain, today=TODAY, k=len(profiles))
    ctx = index.context(plain, today=TODAY, algorithm=DEFAULT)
    slow = rank([score(plain, p, ctx) for p in candidates(plain, profiles, today=TODAY)], k=len(profiles))
    assert [(s.key, s.score) for s in fast] == [(s.key, s.score) for s in slow]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 6), min_size=2, max_size=400),  # few distinct values: many ties
    st.integers(0, 2**32 - 1),
    st.integers(1, 60),
)
def test_the_best_rows_are_the_m_best_of_the_rows_masked_in(levels: list[int], seed: int, m: int) -> None:
    from interfirm.matching.engine.index import _best_rows

    rng = np.random.default_rng(seed)
    values = np.asarray(levels, dtype=np.float32) / 7
    mask = rng.random(len(values)) < 0.7
    considered = int(mask.sum())
    if m >= considered:
        return  # the index takes every row masked in then, without a partition
    rows = _best_rows(values, mask, m)
    assert len(rows) == m == len(set(rows.tolist()))
    assert mask[rows].all()
    expected = np.sort(values[mask])[::-1][:m]
    assert np.array_equal(np.sort(values[rows])[::-1], expected)


def test_workers_tables_of_reasons_restart_without_changing_a_result(monkeypatch) -> None:
    import interfirm.matching.engine.index as engine_index

    monkeypatch.setattr(engine_index, "_TABLE_LIMIT", 10)  # read by the workers, forked after this
    index, profiles = _world(200)
    queries = sorted(profiles[:60], key=lambda p: p.firm_id)
    expected = [index.suggest(q, today=TODAY) for q in queries]
    got = list(index.suggest_many(queries, today=TODAY, workers=2, chunk=3))
    assert got == expected
    assert [g for out in got for s in out for g in s.gaps] == [
        g for out in expected for s in out for g in s.gaps
    ]
