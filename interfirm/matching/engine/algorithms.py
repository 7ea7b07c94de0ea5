"""The matching algorithms, declared as data. A version name is never reused: change a weight or a
parameter, add a version. ``DEFAULT`` is the one suggestions are made with unless the installation
overrides weights (``Algorithm.with_weights``, from the settings).

The network weights of "2026-12-a" were chosen with a coarse grid on the CORDIS dev split (history to
2017, queries 2018; ``bench/cordis.py --grid``) and checked on a split made from its history alone
(history to 2016, queries 2017). The other weights are set by judgement: on an exchange, an offer
that meets a request is the strongest signal, then the text and the sector.
"""

from __future__ import annotations

from .types import Algorithm

ALGORITHM_2026_12_A = Algorithm(
    version="2026-12-a",
    weights={
        "complementarity": 3.0,
        "mutuality": 1.0,
        "sector_fit": 1.5,
        "text_relevance": 2.0,
        "requirements_met": 1.0,
        "geography": 1.0,
        "size_complementarity": 0.5,
        "readiness": 0.5,
        "freshness": 0.5,
        "track_record": 0.25,
        "past_partners": 1.0,
        "network_proximity": 1.0,
        "past_partners_in_field": 1.0,
        "proximity_in_field": 0.5,
        "field_activity": 1.0,
        "country_affinity": 2.0,
        # Measured on CORDIS: adds nothing once the network features are in; kept for installations
        # that want it (a weight in the settings), not shown in reasons at 0.
        "org_type_affinity": 0.0,
    },
    params={
        "half_life_days": 1095.0,
        "field_half_life_days": 730.0,
        "tie_scale": 1.0,
        "proximity_power": 0.5,
        "country_gamma": 1.0,
        "type_gamma": 1.0,
        "text_scale": 2.0,
        "freshness_half_life_days": 90.0,
        "shortlist": 60.0,  # rows reranked exactly: max(this, 3 x k)
    },
    description="Complementarity, text, sector and requirements; track record and network proximity.",
)

# "2026-12-b": the ties to the querying firm (past_partners, past_partners_in_field) remember longer
# (half-life six years) and weigh each shared partnership by how few parties it had (reference five
# parties; network.tie_weights), with a steeper saturation. CORDIS recall@20: dev 0.1677 -> 0.1755,
# sanity split (history to 2016, queries 2017) 0.1885 -> 0.1900. The other weights are unchanged: a
# coordinate search over them on dev found nothing the sanity split confirmed.
ALGORITHM_2026_12_B = Algorithm(
    version="2026-12-b",
    weights=ALGORITHM_2026_12_A.weights,
    params={
        **ALGORITHM_2026_12_A.params,
        "tie_half_life_days": 2190.0,
        "tie_reference_parties": 4.0,
        "tie_scale": 0.5,
    },
    description=(
        "As 2026-12-a; past partners weighted by how few parties each shared partnership had, "
        "and remembered longer."
    ),
)

# "2026-12-c": a feature for consortia that re-form for a follow-up: partnerships with the querying
# firm in the query's fields that end about when the new one starts (within about a year, Gaussian),
# weighed by how few parties they had (features.follow_up). CORDIS recall@20: dev 0.1755 -> 0.1764,
# sanity split 0.1900 -> 0.1921; small, within the noise of either split, but the same sign on both
# and on the firm-partner slice. Consortium coherence with the first-round suggestions, ongoing
# partnerships, the coordinator's last few consortia by rank, tie-weighted two-step walks and recent
# activity in the field were measured too and moved neither split (bench notes in the commit).
ALGORITHM_2026_12_C = Algorithm(
    version="2026-12-c",
    weights={**ALGORITHM_2026_12_B.weights, "follow_up": 0.5},
    params={**ALGORITHM_2026_12_B.params, "follow_up_days": 365.0, "follow_up_scale": 0.5},
    description="As 2026-12-b; and partners of a joint partnership in the field that ends about now.",
)

# "2026-12-d": who chose whom. A tie where one of the two led the shared partnership (the owner of
# the opportunity, a consortium's coordinator: it chose its partners) counts in full; fellow parties
# of a partnership someone else led count half (``incidental_tie``; network.chosen_ties). On CORDIS a
# past partner met in a project one of the two coordinated joined again 3-5 times as often as one
# met in a project led by a third party, at every consortium size. recall@20: dev 0.1764 -> 0.1782,
# sanity splits (history to 2016, queries 2017) 0.1921 -> 0.1937 and (to 2015, queries 2016)
# 0.1564 -> 0.1591. Half was best of 0.25, 0.5, 0.7 on dev; the same factor on the two-step walk
# moved nothing. Partnerships whose lead is not known count every tie in full, as before.
ALGORITHM_2026_12_D = Algorithm(
    version="2026-12-d",
    weights=ALGORITHM_2026_12_C.weights,
    params={**ALGORITHM_2026_12_C.params, "incidental_tie": 0.5},
    description="As 2026-12-c; a past partner counts in full where one of you led the partnership.",
)

ALGORITHMS: dict[str, Algorithm] = {
    a.version: a for a in (ALGORITHM_2026_12_A, ALGORITHM_2026_12_B, ALGORITHM_2026_12_C, ALGORITHM_2026_12_D)
}
DEFAULT = ALGORITHM_2026_12_D
