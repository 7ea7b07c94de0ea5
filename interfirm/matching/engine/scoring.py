"""The ``score`` stage: every feature of the algorithm on one (query, candidate) pair, weighted.

What makes it fast (it runs for every suggestion returned, and a batch returns millions): the
positive weights of an algorithm are read once (``_plan``), and a reason is one immutable object per
(feature, score, text) of an algorithm, shared by every suggestion that has it (most reasons repeat:
"no partnership on record yet", "readiness level 3 of 5" ...), so it is built once, not per pair.
"""

from __future__ import annotations

from collections.abc import Mapping

from .algorithms import DEFAULT
from .features import FEATURES, Feature, MatchContext, _gaps, is_uninformed
from .types import Algorithm, Gap, Profile, Reason, Suggestion

_PLAN_LIMIT = 16  # algorithms held (``with_weights`` makes a new one per settings change)
_REASON_LIMIT = 50_000  # reasons held per algorithm; emptied when full (texts with numbers vary)
_Plan = tuple[Algorithm, tuple[tuple[str, Feature, float], ...], float, dict[tuple[str, float, str], Reason]]
_plans: dict[int, _Plan] = {}


def _plan(algorithm: Algorithm) -> _Plan:
    """Return (algorithm, its (feature name, function, weight) of positive weight, the weights' sum,
    its reasons by (feature, score, text)); held by the algorithm's identity (the entry keeps it
    alive)."""
    held = _plans.get(id(algorithm))
    if held is not None and held[0] is algorithm:
        return held
    weights = tuple(
        (name, FEATURES[name], w) for name, w in algorithm.weights.items() if w > 0 and name in FEATURES
    )
    total = sum(w for _, _, w in weights) or 1.0
    plan: _Plan = (algorithm, weights, total, {})
    if len(_plans) >= _PLAN_LIMIT:
        _plans.clear()
    _plans[id(algorithm)] = plan
    return plan


def score(
    query: Profile, candidate: Profile, ctx: MatchContext, algorithm: Algorithm = DEFAULT
) -> Suggestion:
    """Return the scored suggestion of ``candidate`` for ``query`` (rank 0, ranked later).

    The score is the weighted mean of the feature scores, so it lies in [0, 1]; each reason carries
    its contribution, and the contributions add up to the score. Reasons are ordered by contribution,
    those that say their feature had nothing to compare ("no requirements on either side") last.
    """
    value, reasons, gaps = scored(query, candidate, ctx, algorithm)
    return Suggestion(candidate.key, candidate.firm_id, value, 0, reasons, gaps, algorithm.version)


def scored(
    query: Profile, candidate: Profile, ctx: MatchContext, algorithm: Algorithm = DEFAULT
) -> tuple[float, tuple[Reason, ...], tuple[Gap, ...]]:
    """Return the score, the reasons and the gaps of ``score`` (for a caller that ranks before it
    makes the ``Suggestion``, as the index does)."""
    _, weights, total, reasons_held = _plan(algorithm)
    ordered = []
    value = 0.0
    for name, feature, weight in weights:
        s, why = feature(query, candidate, ctx)
        s = float(s)
        if not s > 0.0:  # below 0, or NaN
            s = 0.0
        elif s > 1.0:
            s = 1.0
        contribution = weight * s / total
        value += contribution
        key = (name, s, why)
        reason = reasons_held.get(key)
        if reason is None:
            if len(reasons_held) >= _REASON_LIMIT:
                reasons_held.clear()
            reason = reasons_held[key] = Reason(
                name,
                s,
                weight,
                contribution,
                str(why),
                name,
                *_source(why),
            )
        # Feature names are unique: reasons are never compared.
        ordered.append((is_uninformed(reason.message), -contribution, name, reason))
    ordered.sort()
    reasons = tuple([item[3] for item in ordered])
    return min(1.0, value), reasons, tuple(_gaps(query, candidate, ctx))


def _source(why: str) -> tuple[Mapping[str, object], str, str, int | None]:
    """Return (params, message, plural, count) of a reason line (``wording.Why``); empty for a plain
    string (a feature of an installation's own)."""
    source = getattr(why, "source", None)
    if source is None:
        return {}, "", "", None
    message, plural, count, params = source
    return params, message, plural, count
