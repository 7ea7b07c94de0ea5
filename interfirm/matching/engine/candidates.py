"""The hard rules, applied before any scoring, and the ``rank`` stage.

A candidate is never: the querying firm itself or a firm of its group; an opportunity that is not
published (draft, expired, withdrawn, closed ...) or whose deadline has passed; a key the user
dismissed; a firm the user dismissed; anything outside ``allowed`` when the caller passes it (what the
viewer may see); an offer for an offer or a request for a request.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable

from .types import SUGGESTABLE_STATUSES, Profile, Suggestion


def kinds_compatible(query_kind: str, candidate_kind: str) -> bool:
    """Return False for two offers or two requests: they cannot complement each other."""
    return not (query_kind == candidate_kind and query_kind in ("offer", "request"))


def hard_rule_violation(
    query: Profile,
    candidate: Profile,
    *,
    today: datetime.date,
    exclude: Collection[str] = (),
    exclude_firms: Collection[int] = (),
    allowed: Collection[str] | None = None,
) -> str:
    """Return why ``candidate`` may never be suggested for ``query`` ("" when it may)."""
    if candidate.firm_id == query.firm_id:
        return "own firm"
    if query.group_id is not None and candidate.group_id == query.group_id:
        return "same group"
    if candidate.status not in SUGGESTABLE_STATUSES:
        return f"status {candidate.status}"
    if candidate.deadline is not None and candidate.deadline < today:
        return "deadline passed"
    if candidate.key in exclude:
        return "dismissed"
    if candidate.firm_id in exclude_firms:
        return "firm dismissed"
    if allowed is not None and candidate.key not in allowed:
        return "not visible to the viewer"
    if not kinds_compatible(query.kind, candidate.kind):
        return "same kind"
    return ""


def candidates(
    query: Profile,
    profiles: Iterable[Profile],
    *,
    today: datetime.date,
    exclude: Collection[str] = (),
    exclude_firms: Collection[int] = (),
    allowed: Collection[str] | None = None,
) -> list[Profile]:
    """Return the profiles that pass every hard rule (the slow, obviously correct form of the index's
    vectorised filter; used for small sets and in tests)."""
    return [
        p
        for p in profiles
        if not hard_rule_violation(
            query, p, today=today, exclude=exclude, exclude_firms=exclude_firms, allowed=allowed
        )
    ]


def rank(scored: Iterable[Suggestion], k: int, *, one_per_firm: bool = False) -> list[Suggestion]:
    """Return the ``k`` best suggestions, best first (ties by key), ranks numbered from 1."""
    ordered = sorted(scored, key=lambda s: (-s.score, s.key))
    out: list[Suggestion] = []
    seen: set[int] = set()
    for s in ordered:
        if one_per_firm:
            if s.firm_id in seen:
                continue
            seen.add(s.firm_id)
        out.append(Suggestion(s.key, s.firm_id, s.score, len(out) + 1, s.reasons, s.gaps, s.algorithm))
        if len(out) >= k:
            break
    return out
