"""Unit tests of the matching engine (pure Python: no database)."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from interfirm.matching.engine import (
    ALGORITHMS,
    DEFAULT,
    FEATURES,
    MatchingIndex,
    Network,
    PastPartnership,
    Profile,
    Requirements,
    explain,
)
from interfirm.matching.engine.features import (
    complementarity,
    field_activity,
    follow_up,
    geography,
    mutuality,
    network_proximity,
    past_partners,
    requirements_met,
    sector_fit,
    size_complementarity,
    text_relevance,
)
from interfirm.matching.engine.network import follow_up_ties, tie_weights
from interfirm.matching.engine.text import words

TODAY = datetime.date(2026, 12, 1)


def offer(key: str = "opp:1", firm: int = 1, **kw: object) -> Profile:
    base: dict[str, object] = {
        "key": key,
        "firm_id": firm,
        "kind": "offer",
        "domains": frozenset({"production"}),
        "arrangement_types": frozenset({"supply"}),
    }
    base.update(kw)
    return Profile(**base)  # type: ignore[arg-type]


def request(key: str = "opp:2", firm: int = 2, **kw: object) -> Profile:
    kw.setdefault("kind", "request")
    return offer(key, firm, **kw)


def context(network: Network | None = None, query: Profile | None = None) -> object:
    index = MatchingIndex([], network)
    return index.context(query or offer(), today=TODAY, algorithm=DEFAULT)


def test_complementarity_scores_offer_meeting_request_with_a_common_arrangement() -> None:
    assert complementarity(offer(), request(), context()) == (  # type: ignore[arg-type]
        1.0,
        "offer meets request in production, both open to supply",
    )


def test_complementarity_is_lower_without_a_common_arrangement() -> None:
    score, _ = complementarity(offer(), request(arrangement_types=frozenset({"licensing"})), context())  # type: ignore[arg-type]
    assert score == 0.7


def test_complementarity_is_zero_across_domains() -> None:
    score, why = complementarity(offer(), request(domains=frozenset({"marketing"})), context())  # type: ignore[arg-type]
    assert (score, why) == (0.0, "no domain where one side offers what the other seeks")


def test_mutuality_needs_each_side_to_bring_something() -> None:
    a = Profile(key="firm:1", firm_id=1, offers=frozenset({"production"}), seeks=frozenset({"marketing"}))
    b = Profile(key="firm:2", firm_id=2, offers=frozenset({"marketing"}), seeks=frozenset({"production"}))
    assert mutuality(a, b, context())[0] == 1.0  # type: ignore[arg-type]
    assert mutuality(a, b.evolve(offers=frozenset()), context())[0] == 0.0  # type: ignore[arg-type]


def test_sector_fit_follows_the_isic_hierarchy() -> None:
    ctx = context()
    q = offer(sectors=("1071",))
    assert sector_fit(q, request(sectors=("1071",)), ctx) == (1.0, "same ISIC class (1071)")  # type: ignore[arg-type]
    assert sector_fit(q, request(sectors=("1079",)), ctx)[0] == 0.75  # type: ignore[arg-type]
    assert sector_fit(q, request(sectors=("1050",)), ctx)[0] == 0.5  # type: ignore[arg-type]
    assert sector_fit(q, request(sectors=("2011",)), ctx) == (0.25, "same ISIC section (C)")  # type: ignore[arg-type]
    assert sector_fit(q, request(sectors=("C",)), ctx)[0] == 0.25  # type: ignore[arg-type]
    assert sector_fit(q, request(sectors=("0111",)), ctx) == (0.0, "different sectors")  # type: ignore[arg-type]
    assert sector_fit(q, request(sectors=("zz",)), ctx)[0] == 0.0  # type: ignore[arg-type]


def test_text_relevance_links_other_words_through_the_thesaurus() -> None:
    score, why = text_relevance(
        offer(text="we sell through our sales network"),
        request(text="distributor wanted"),
        context(),  # type: ignore[arg-type]
    )
    assert score > 0
    assert why == "both speak of distribution"


def test_text_relevance_never_names_the_words_of_a_firms_own_profile() -> None:
    # A firm profile's description is not shown to whom it is suggested: a query that writes a name
    # learns nothing from the reason, however the texts overlap.
    firm = Profile(key="firm:9", firm_id=9, kind="profile", text="Acmetech patented solar inverters")
    score, why = text_relevance(offer(text="Acmetech solar inverters"), firm, context())  # type: ignore[arg-type]
    assert score > 0
    assert "acmetech" not in why.lower() and "inverter" not in why.lower()


def test_arabic_texts_are_matched_whatever_the_article_and_the_spelling_of_a_letter() -> None:
    # "الطاقة الشمسية" (solar energy, with the article) and "طاقة شمسية" (without), "وأدوية" (and
    # medicines) and "ادوية": the same words once folded.
    assert words("نبحث عن شريك في الطاقة الشمسية وأدوية") == ["نبحث", "شريك", "طاقه", "شمسيه", "ادويه"]
    score, _ = text_relevance(
        offer(text="الطاقة الشمسية وأدوية"),
        request(text="مصنع ألواح طاقة شمسية و ادوية في مصر"),
        context(),  # type: ignore[arg-type]
    )
    assert score > 0


def test_elisions_and_the_possessive_are_no_part_of_a_word() -> None:
    assert words("L'énergie d'une PME, the firm's R&D, dell'impresa") == [
        "energie", "pme", "firm", "r&d", "impresa"
    ]  # fmt: skip


def test_text_relevance_of_an_empty_query_is_zero_with_a_reason() -> None:
    assert text_relevance(offer(), request(text="distributor"), context()) == (0.0, "no text to compare")  # type: ignore[arg-type]


def test_requirements_met_lists_what_is_missing() -> None:
    q = offer(
        requires=Requirements(certifications=frozenset({"iso9001", "haccp"}), languages=frozenset({"fr"}))
    )
    c = request(certifications=frozenset({"iso9001"}), languages=frozenset({"fr", "en"}))
    score, why = requirements_met(q, c, context())  # type: ignore[arg-type]
    assert (round(score, 3), why) == (0.667, "meets 2 of 3 requirements; lacks the certification haccp")


def test_requirements_met_without_requirements_is_neutral() -> None:
    assert requirements_met(offer(), request(), context()) == (1.0, "no requirements on either side")  # type: ignore[arg-type]


def test_geography_is_honoured_both_ways() -> None:
    q = offer(country="KEN", economy_group="developing", requires=Requirements(countries=frozenset({"DEU"})))
    good = request(
        country="DEU", economy_group="developed", requires=Requirements(corridors=frozenset({"north_south"}))
    )
    assert geography(q, good, context())[0] == 1.0  # type: ignore[arg-type]
    wrong = good.evolve(requires=Requirements(countries=frozenset({"FRA"})))
    assert geography(q, wrong, context()) == (0.5, "outside where they look for a partner")  # type: ignore[arg-type]


def test_size_complementarity_prefers_large_with_small() -> None:
    assert size_complementarity(offer(size_class="large"), request(size_class="micro"), context()) == (  # type: ignore[arg-type]
        1.0,
        "large with micro",
    )
    assert size_complementarity(offer(size_class="small"), request(size_class="small"), context())[0] == 0.3  # type: ignore[arg-type]


def _network() -> Network:
    d = datetime.date(2024, 1, 1)
    return Network(
        (
            PastPartnership("p1", (1, 2), d, fields=frozenset({"SC5"})),
            PastPartnership("p2", (2, 3), d, fields=frozenset({"SC5"})),
            PastPartnership("p3", (3, 4), d, fields=frozenset({"ICT"})),
        ),
        {1: "KEN", 2: "DEU", 3: "FRA", 4: "IND"},
        {},
    )


def test_past_partners_and_partners_of_partners_have_reasons() -> None:
    q = offer(firm=1, keywords=frozenset({"SC5"}))
    ctx = context(_network(), q)
    assert past_partners(q, request(firm=2), ctx)[1] == "worked with you on 1 past partnership (latest 2024)"  # type: ignore[arg-type]
    score, why = network_proximity(q, request(firm=3), ctx)  # type: ignore[arg-type]
    assert (score > 0, why) == (True, "partner of 1 of your past partners")
    assert network_proximity(q, request(firm=4), ctx)[0] == 0.0  # type: ignore[arg-type]
    # A past partner no other partner of yours worked with: near through your own partnership with it.
    score, why = network_proximity(q, request(firm=2), ctx)  # type: ignore[arg-type]
    assert (score > 0, why) == (True, "close to you in the network of past partnerships")
    assert field_activity(q, request(firm=3), ctx)[1] == "active in SC5 in 1 partnership since 2024"  # type: ignore[arg-type]


def _ties_network() -> Network:
    d = datetime.date(2024, 1, 1)
    return Network(
        (
            PastPartnership("pair", (1, 2), d),
            PastPartnership("consortium", (1, 3, 10, 11, 12, 13, 14, 15, 16), d),
        ),
        {},
        {},
    )


def test_a_tie_made_in_a_pair_outweighs_one_made_in_a_consortium() -> None:
    q = offer(firm=1)
    ctx = MatchingIndex([], _ties_network()).context(q, today=TODAY, algorithm=ALGORITHMS["2026-12-b"])
    pair, consortium = past_partners(q, request(firm=2), ctx), past_partners(q, request(firm=3), ctx)
    assert pair[0] > consortium[0] > 0.0
    assert consortium[1] == "worked with you on 1 past partnership (latest 2024)"


def test_tie_weights_count_a_partnership_of_five_once_and_a_pair_four_times() -> None:
    graph = MatchingIndex([], _ties_network()).graph
    weights = tie_weights(graph, np.array([True, True]), datetime.date(2024, 1, 1), 2190.0, 4.0)
    assert weights.tolist() == [4.0, 0.5]


def test_the_earlier_algorithm_counts_every_shared_partnership_alike() -> None:
    q = offer(firm=1)
    ctx = MatchingIndex([], _ties_network()).context(q, today=TODAY, algorithm=ALGORITHMS["2026-12-a"])
    assert past_partners(q, request(firm=2), ctx)[0] == past_partners(q, request(firm=3), ctx)[0]


def _follow_up_network() -> Network:
    start = datetime.date(2023, 1, 1)
    return Network(
        (
            PastPartnership("ending now", (1, 2), start, datetime.date(2026, 12, 31), frozenset({"SC5"})),
            PastPartnership("ended long ago", (1, 3), start, datetime.date(2023, 6, 30), frozenset({"SC5"})),
            PastPartnership("other field", (1, 4), start, datetime.date(2026, 12, 31), frozenset({"SC1"})),
            PastPartnership("still running", (1, 5), datetime.date(2026, 11, 1), None, frozenset({"SC5"})),
        ),
        {},
        {},
    )


def test_a_joint_partnership_in_the_field_ending_now_suggests_a_follow_up() -> None:
    q = offer(firm=1, keywords=frozenset({"SC5"}))
    ctx = MatchingIndex([], _follow_up_network()).context(q, today=TODAY, algorithm=ALGORITHMS["2026-12-c"])
    score, why = follow_up(q, request(firm=2), ctx)
    assert (round(score, 4), why) == (0.9997, "your joint partnership in SC5 ends December 2026")
    assert round(follow_up(q, request(firm=3), ctx)[0], 4) == 0.0225  # ended 3.4 years ago
    assert follow_up(q, request(firm=4), ctx) == (0.0, "no joint partnership in this field ending about now")
    assert follow_up(q, request(firm=5), ctx)[0] == 0.0  # no end date: still running, not ending


def test_follow_up_ties_weigh_the_end_date_and_the_parties() -> None:
    graph = MatchingIndex([], _follow_up_network()).graph
    weights = follow_up_ties(
        graph,
        np.array([True, True, True, True]),
        np.array([1.0, 1.0, 0.0, 1.0]),
        datetime.date(2026, 12, 31),
        365.0,
        4.0,
    )
    assert weights[0] == 4.0 and weights[2] == weights[3] == 0.0
    assert round(weights[1], 4) == 0.0085  # ended three and a half years before


def test_the_earlier_algorithms_have_no_follow_up_signal() -> None:
    q = offer(firm=1, keywords=frozenset({"SC5"}))
    ctx = MatchingIndex([], _follow_up_network()).context(q, today=TODAY, algorithm=ALGORITHMS["2026-12-b"])
    assert follow_up(q, request(firm=2), ctx)[0] == 0.0


def test_every_feature_has_an_explanation() -> None:
    assert all(explain(name) for name in FEATURES)
    assert set(DEFAULT.weights) == set(FEATURES)


def _index(profiles: list[Profile]) -> MatchingIndex:
    return MatchingIndex(profiles, _network())


def test_hard_rules_exclude_own_firm_group_expired_withdrawn_and_dismissed() -> None:
    q = offer(firm=1, group_id=7)
    profiles = [
        request("opp:own", firm=1),
        request("opp:group", firm=9, group_id=7),
        request("opp:expired", firm=3, deadline=TODAY - datetime.timedelta(days=1)),
        request("opp:withdrawn", firm=4, status="withdrawn"),
        request("opp:dismissed", firm=5),
        request("opp:offer", firm=6, kind="offer"),
        request("opp:ok", firm=8),
    ]
    out = _index(profiles).suggest(q, today=TODAY, exclude={"opp:dismissed"})
    assert [s.key for s in out] == ["opp:ok"]


def test_allowed_limits_suggestions_to_what_the_viewer_may_see() -> None:
    out = _index([request("opp:a", firm=3), request("opp:b", firm=4)]).suggest(
        offer(), today=TODAY, allowed={"opp:b"}
    )
    assert [s.key for s in out] == ["opp:b"]


def test_an_empty_index_says_why_there_is_nothing() -> None:
    out = MatchingIndex().suggest(offer(), today=TODAY)
    assert (len(out), out.explanation) == (0, "no suggestions yet, because nothing has been published")


def test_a_query_with_no_text_no_codes_and_no_history_still_gets_suggestions() -> None:
    q = Profile(key="firm:99", firm_id=99, sectors=("??",), country="XXX")
    out = _index([request("opp:a", firm=3, sectors=("9999",))]).suggest(q, today=TODAY)
    assert [s.key for s in out] == ["opp:a"]
    assert 0.0 <= out[0].score <= 1.0


def test_only_own_profiles_gives_an_honest_reason() -> None:
    out = _index([request("opp:a", firm=1)]).suggest(offer(firm=1), today=TODAY)
    assert len(out) == 0
    assert out.explanation.startswith("no suggestions yet, because every open profile is your own")


def test_incremental_add_update_remove_is_reflected_at_once() -> None:
    index = _index([request("opp:a", firm=3, text="cassava flour")])
    index.add(request("opp:b", firm=4, text="mango pulp supplier"))
    q = offer(text="mango pulp")
    assert next(s.key for s in index.suggest(q, today=TODAY)) == "opp:b"
    index.update(request("opp:b", firm=4, status="withdrawn"))
    assert [s.key for s in index.suggest(q, today=TODAY)] == ["opp:a"]
    assert index.remove("opp:a") is True
    assert len(index.suggest(q, today=TODAY)) == 0


def test_save_and_load_give_the_same_suggestions(tmp_path: Path) -> None:
    profiles = [
        request("opp:a", firm=3, text="cassava flour", sectors=("1061",), deadline=TODAY),
        request("opp:b", firm=4, text="mango pulp", requires=Requirements(languages=frozenset({"fr"}))),
    ]
    index = _index(profiles)
    index.save(tmp_path / "index.npz")
    loaded = MatchingIndex.load(tmp_path / "index.npz")
    q = offer(text="mango", keywords=frozenset({"SC5"}))
    assert index.suggest(q, today=TODAY) == loaded.suggest(q, today=TODAY)


def test_weights_from_settings_change_the_version_name() -> None:
    out = _index([request("opp:a", firm=3)]).suggest(offer(), today=TODAY, weights={"complementarity": 9.0})
    assert out[0].algorithm == f"{DEFAULT.version}+custom"


def test_reasons_add_up_to_the_score() -> None:
    out = _index([request("opp:a", firm=2, text="supplier")]).suggest(offer(text="supply"), today=TODAY)
    s = out[0]
    assert abs(sum(r.contribution for r in s.reasons) - s.score) < 1e-9


def test_reasons_that_had_nothing_to_compare_come_after_those_that_tell_the_candidate_apart() -> None:
    from interfirm.matching.engine import is_uninformed

    out = _index([request("opp:a", firm=2, text="supplier", sectors=("1071",))]).suggest(
        offer(text="supply", sectors=("1079",)), today=TODAY
    )
    reasons = out[0].reasons
    flags = [is_uninformed(r.message) for r in reasons]
    assert "no requirements on either side" in [r.text for r in reasons]
    assert flags == sorted(flags)  # every informed reason first
    informed = [r for r in reasons if not is_uninformed(r.message)]
    # "no requirements" weighs 1.0 x its weight, more than the sector's 0.75: it still comes after.
    assert reasons[0].feature == "complementarity" and "sector_fit" in [r.feature for r in informed]
    assert [r.contribution for r in informed] == sorted((r.contribution for r in informed), reverse=True)


_kinds = st.sampled_from(["offer", "request", "profile"])
_domains = st.frozensets(st.sampled_from(["technology", "production", "marketing", "investment"]), max_size=2)
_profile = st.builds(
    Profile,
    key=st.text("abc", min_size=1, max_size=3).map(lambda s: "k:" + s),
    firm_id=st.integers(1, 5),
    kind=_kinds,
    group_id=st.one_of(st.none(), st.integers(1, 2)),
    domains=_domains,
    sectors=st.lists(st.sampled_from(["1071", "10", "C", "2011", "x"]), max_size=2).map(tuple),
    text=st.sampled_from(["", "distributor", "mango pulp", "software engineers"]),
    size_class=st.sampled_from(["", "micro", "large"]),
    status=st.sampled_from(["published", "withdrawn"]),
    deadline=st.one_of(st.none(), st.just(TODAY - datetime.timedelta(days=1))),
)


@settings(max_examples=25, deadline=None)
@given(st.lists(_profile, max_size=8, unique_by=lambda p: p.key), _profile)
def test_random_profiles_give_sorted_scores_in_range_without_hard_rule_violations(
    profiles: list[Profile], query: Profile
) -> None:
    out = _index(profiles).suggest(query, today=TODAY, k=5)
    scores = [s.score for s in out]
    assert scores == sorted(scores, reverse=True)
    by_key = {p.key: p for p in profiles}
    for s in out:
        p = by_key[s.key]
        assert 0.0 <= s.score <= 1.0
        assert p.firm_id != query.firm_id
        assert query.group_id is None or p.group_id != query.group_id
        assert p.status == "published" and (p.deadline is None or p.deadline >= TODAY)


_rich_profile = st.builds(
    Profile,
    key=st.text("abcd", min_size=1, max_size=3).map(lambda s: "k:" + s),
    firm_id=st.integers(1, 6),
    kind=_kinds,
    domains=_domains,
    offers=_domains,
    seeks=_domains,
    arrangement_types=st.frozensets(st.sampled_from(["supply", "licensing", "joint_venture"]), max_size=2),
    sectors=st.lists(st.sampled_from(["1071", "1079", "10", "C", "2011", "0111", "99"]), max_size=3).map(
        tuple
    ),
    text=st.sampled_from(["", "distributor network", "mango pulp juice", "software engineers", "supplier"]),
    country=st.sampled_from(["", "IND", "IRL", "KEN"]),
    economy_group=st.sampled_from(["", "developed", "developing"]),
    size_class=st.sampled_from(["", "micro", "medium", "large"]),
    certifications=st.frozensets(st.sampled_from(["iso9001", "haccp"]), max_size=2),
    languages=st.frozensets(st.sampled_from(["en", "fr"]), max_size=2),
    capacity=st.sampled_from(["", "10 t/day"]),
    requires=st.builds(
        Requirements,
        certifications=st.frozensets(st.sampled_from(["iso9001", "haccp"]), max_size=1),
        languages=st.frozensets(st.sampled_from(["en", "fr"]), max_size=1),
        countries=st.frozensets(st.sampled_from(["IND", "KEN"]), max_size=1),
        economy_groups=st.frozensets(st.sampled_from(["developing"]), max_size=1),
    ),
    readiness_level=st.one_of(st.none(), st.integers(1, 5)),
    published_at=st.one_of(st.none(), st.just(TODAY - datetime.timedelta(days=30))),
    deadline=st.one_of(st.none(), st.just(TODAY + datetime.timedelta(days=3))),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_rich_profile, min_size=1, max_size=10, unique_by=lambda p: p.key), _rich_profile)
def test_the_vectorised_index_ranks_exactly_like_the_feature_functions(
    profiles: list[Profile], query: Profile
) -> None:
    """The index ranks on vectorised features; the slow, obviously correct stages (``candidates``,
    ``score``, ``rank``) must give the same suggestions with the same scores."""
    from interfirm.matching.engine import candidates, rank, score

    index = _index(profiles)
    fast = index.suggest(query, today=TODAY, k=len(profiles))
    ctx = index.context(query, today=TODAY, algorithm=DEFAULT)
    slow = rank([score(query, p, ctx) for p in candidates(query, profiles, today=TODAY)], k=len(profiles))
    assert [(s.key, round(s.score, 9)) for s in fast] == [(s.key, round(s.score, 9)) for s in slow]
    assert all(s.reasons == t.reasons for s, t in zip(fast, slow, strict=True))


def test_one_per_firm_prefers_an_opportunity_to_the_whole_profile() -> None:
    whole = Profile(key="firm:3", firm_id=3, offers=frozenset({"production"}), text="mango pulp supplier")
    opp = request("opp:9", firm=3, domains=frozenset({"marketing"}))
    other = request("opp:5", firm=4)
    query = Profile(key="firm:1", firm_id=1, seeks=frozenset({"production"}), text="mango pulp")
    out = _index([whole, opp, other]).suggest(query, today=TODAY, one_per_firm=True, prefer="opp:")
    assert sorted(s.key for s in out) == ["opp:5", "opp:9"]
    plain = _index([whole, opp, other]).suggest(query, today=TODAY, one_per_firm=True)
    assert "firm:3" in [s.key for s in plain]
