"""The ``score`` stage: every feature of the algorithm on one (query, candidate) pair, weighted."""

from __future__ import annotations

from .algorithms import DEFAULT
from .features import FEATURES, MatchContext, requirement_gaps
from .types import Algorithm, Profile, Reason, Suggestion


def score(
    query: Profile, candidate: Profile, ctx: MatchContext, algorithm: Algorithm = DEFAULT
) -> Suggestion:
    """Return the scored suggestion of ``candidate`` for ``query`` (rank 0, ranked later).

    The score is the weighted mean of the feature scores, so it lies in [0, 1]; each reason carries
    its contribution, and the contributions add up to the score. Reasons are ordered by contribution.
    """
    weights = {name: w for name, w in algorithm.weights.items() if w > 0 and name in FEATURES}
    total = sum(weights.values()) or 1.0
    reasons = []
    value = 0.0
    for name, weight in weights.items():
        s, why = FEATURES[name](query, candidate, ctx)
        s = min(1.0, max(0.0, float(s)))
        contribution = weight * s / total
        value += contribution
        reasons.append(Reason(name, s, weight, contribution, why, code=name))
    reasons.sort(key=lambda r: (-r.contribution, r.feature))
    gaps = tuple(requirement_gaps(query, candidate))
    return Suggestion(
        candidate.key, candidate.firm_id, min(1.0, value), 0, tuple(reasons), gaps, algorithm.version
    )
