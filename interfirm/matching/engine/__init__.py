"""The matching engine: explainable partner suggestions. Pure Python (numpy, scipy), no Django.

How to call it (the Django side reads the database once into these plain objects, ``fetch.py``)::

    from interfirm.matching.engine import MatchingIndex, Network, PastPartnership, Profile, Requirements

    index = MatchingIndex(profiles, Network(partnerships, firm_country, firm_org_type))
    outcome = index.suggest(query_profile, k=20, today=date, exclude={"opp:9"},
                            exclude_firms={12}, allowed=None, weights=settings_weights)
    for s in outcome:            # Suggestion: key, firm_id, score in [0, 1], rank, reasons, gaps
        s.reasons[0].text        # "offer meets request in production, both open to supply"
    outcome.explanation          # "" or "no suggestions yet, because ..." when it is empty

- ``Profile``: one candidate or query. ``key`` unique ("opp:123" for an opportunity, "firm:45" for a
  whole firm), ``firm_id``, ``group_id`` (firms of one group never match each other), ``kind``
  ("offer" offers its ``domains``; "request" seeks them; "profile" offers ``offers`` and seeks
  ``seeks``), ``arrangement_types``, ``sectors`` (ISIC codes, any level, letters allowed), ``text``
  and ``seeks_text``, ``country`` (ISO alpha-3), ``regions`` (M49 codes), ``economy_group``
  ("developed"/"developing"/"transition"), ``is_ldc``, ``size_class``, ``org_type``
  ("firm"/"research"/"public"/"other"), ``certifications``, ``languages``, ``capacity``,
  ``requires`` (a ``Requirements``), ``readiness_level`` (1..5) and ``readiness_validated``,
  ``completed_partnerships``, ``keywords`` (the fields it seeks partners in; matched against the
  ``fields`` of past partnerships), ``published_at``, ``deadline``, ``status`` ("published" or
  "active" can be suggested; anything else never).
- ``Network``: ``PastPartnership(key, firm_ids, started_on, ended_on, fields, arrangement_types)``
  and each firm's country and org type (for the country-pair and org-type affinities).
- Stages: ``candidates`` (hard rules) -> ``score`` (every feature of ``features.FEATURES``) ->
  ``rank``. The index does the same vectorised over whole columns, corrects a shortlist exactly where
  its vectorised form is only a bound, and writes reasons with the feature functions for the
  suggestions it returns, so every reason shown is the one that scored.
- ``index.add(p)`` / ``index.update(p)`` / ``index.remove(key)``: incremental, immediate.
  ``index.save(path)`` / ``MatchingIndex.load(path)``: one ``.npz`` file.
- ``suggest_for_firm(firm_profile, ...)``: one suggestion per other firm (the dashboard);
  ``suggest(..., one_per_firm=True, prefer="opp:")`` keeps a firm's best opportunity before its profile.
- Algorithms are data (``algorithms.py``): ``DEFAULT.version`` is stored with each suggestion;
  ``weights=`` overrides weights by feature name (the installation's settings).
- ``explain(feature)``: the user-facing explanation of a feature. ``limit_blas_threads()``: call once
  per web worker.
"""

from __future__ import annotations

from .algorithms import ALGORITHMS, DEFAULT
from .candidates import candidates, hard_rule_violation, rank
from .features import FEATURES, ISIC_SECTIONS, MatchContext, explain, is_uninformed, requirement_gaps
from .index import MatchingIndex, limit_blas_threads
from .scoring import score
from .types import (
    Algorithm,
    Gap,
    Network,
    Outcome,
    PastPartnership,
    Profile,
    Reason,
    Requirements,
    Suggestion,
)

__all__ = [
    "ALGORITHMS",
    "DEFAULT",
    "FEATURES",
    "ISIC_SECTIONS",
    "Algorithm",
    "Gap",
    "MatchContext",
    "MatchingIndex",
    "Network",
    "Outcome",
    "PastPartnership",
    "Profile",
    "Reason",
    "Requirements",
    "Suggestion",
    "candidates",
    "explain",
    "hard_rule_violation",
    "is_uninformed",
    "limit_blas_threads",
    "rank",
    "requirement_gaps",
    "score",
]
