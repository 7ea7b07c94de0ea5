"""The one place where the Django side calls the matching engine (``interfirm.matching.engine``).

The index is shared between processes through a file and a version stamp:

- whoever changes the index (the refresh task, ``matching_rebuild``) locks the ``IndexState`` row,
  brings its in-memory copy up to the stamped version, applies the change, writes the index to a new
  file named by a new version (``VAR_DIR/matching/index-<version>``) and stamps the row with it; the
  transaction commits the stamp, then older files are removed;
- a process about to compute suggestions reads the stamp (one indexed query) and reloads the file
  when its copy is older. A process that finds no file for the stamp (a web host that does not share
  ``VAR_DIR``) builds the index from the database itself.

Suggestions are computed on demand and stored (``Suggestion`` rows tagged with the index version):
a page reads stored rows of the current version and computes only when they are missing or stale.
"""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interfirm.matching.engine import DEFAULT, Algorithm, MatchingIndex, Outcome, Profile
from interfirm.matching.fetch import (
    fetch_all,
    fetch_firm_profiles,
    fetch_opportunity_profiles,
    firm_key,
    opportunity_key,
)
from interfirm.matching.models import Feedback, FeedbackKind, IndexState, Suggestion

logger = logging.getLogger(__name__)

SUGGESTIONS_PER_VIEWER = 20
# Below this many profiles, a rebuild also computes every firm's and opportunity's suggestions at
# once (the demo, small installations); above it they are computed when first asked for.
PRECOMPUTE_MAX = 3000

_lock = threading.Lock()
_loaded: dict[str, Any] = {"version": None, "index": None}


def algorithm() -> Algorithm:
    """Return the algorithm in use: the engine's default with the installation's weights
    (``settings.MATCHING_WEIGHTS``, feature name → weight)."""
    return DEFAULT.with_weights(getattr(settings, "MATCHING_WEIGHTS", {}) or {})


def index_dir() -> Path:
    """Return the folder of the index files (``settings.MATCHING_INDEX_DIR``, default VAR_DIR/matching)."""
    configured = getattr(settings, "MATCHING_INDEX_DIR", None)
    if configured:
        return Path(configured)
    if getattr(settings, "TESTING", False):  # never the real var/ folder from a test run
        return Path(tempfile.gettempdir()) / f"interfirm-matching-test-{os.getpid()}"
    return Path(settings.VAR_DIR) / "matching"


def _path(version: str) -> Path:
    return index_dir() / f"index-{version}.npz"


def current_version() -> str:
    """Return the version stamp of the index ("" before the first build)."""
    return IndexState.objects.order_by("pk").values_list("version", flat=True).first() or ""


def _build(inputs: Any | None = None) -> MatchingIndex:
    data = inputs if inputs is not None else fetch_all()
    return MatchingIndex([*data.opportunities, *data.firms], data.network, algorithm=algorithm())


def _suggest(
    current: MatchingIndex,
    query: Profile,
    *,
    k: int,
    today: datetime.date,
    exclude: set[str],
    exclude_firms: set[int],
) -> Outcome:
    """Ask the engine, and keep one suggestion per other firm: its best published opportunity when it
    has one that fits (what an expression of interest is made on), else its whole profile. The engine
    writes reasons only for the suggestions kept."""
    return current.suggest(
        query,
        k=k,
        today=today,
        exclude=exclude,
        exclude_firms=exclude_firms,
        one_per_firm=True,
        prefer="opp:",
    )


def _index_for(version: str, *, wait: bool = True) -> tuple[Any, str]:
    """Return the index of ``version`` and its version: the process's copy, the file, or (no file)
    built from the DB.

    With ``wait=False`` (a page), a process whose copy is of an older version gets that copy and its
    version at once, while a thread loads the current one (loading takes seconds at 100 000 profiles,
    and every publication stamps a new version): what the page computes on it is stored under the
    older version, so that the task worker computes it again on the current one.
    """
    with _lock:
        held, held_version = _loaded["index"], _loaded["version"]
        if held is not None and held_version == version:
            return held, version
        if held is not None and not wait:
            if version not in _loading:
                _loading.add(version)
                threading.Thread(
                    target=_load_in_background, args=(version,), name="matching-index-load", daemon=True
                ).start()
            return held, held_version
    index = _read(version)
    with _lock:
        _loaded["version"], _loaded["index"] = version, index
    return index, version


_loading: set[str] = set()  # versions a thread of this process is loading


def _read(version: str) -> Any:
    path = _path(version)
    if path.exists():
        try:
            return MatchingIndex.load(path, algorithm=algorithm())
        except Exception:  # a half-removed or foreign file: rebuild rather than fail the page
            logger.exception("could not load the matching index %s; building it", path)
    return _build()


def _load_in_background(version: str) -> None:
    from django.db import connection

    try:
        index = _read(version)
        warm(index)  # before it is installed: the first page on it does not pay for the caches
        if current_version() == version:  # not overtaken meanwhile (a newer one would be replaced)
            with _lock:
                _loaded["version"], _loaded["index"] = version, index
    except Exception:  # the next page tries again
        logger.exception("could not load the matching index %s", version)
    finally:
        _loading.discard(version)
        connection.close()


def index(*, wait: bool = True) -> tuple[str, Any | None]:
    """Return the version of the index returned and the index (None before the first build); with
    ``wait=False``, possibly the process's copy of an older version while the current one loads."""
    version = current_version()
    if not version:
        return version, None
    current, held = _index_for(version, wait=wait)
    return held, current


def warm(current: Any) -> None:
    """Ask the index once, for any of its profiles, so that what it caches per day (readiness,
    freshness, track record, the candidates' half of geography) is made before a page needs it: in a
    server's master before it forks (``config/gunicorn.py``), and on a copy loaded in the
    background. Nothing is stored; a failure is logged, the first page then makes the caches."""
    try:
        query = next(iter(current), None)
        if query is not None:
            _suggest(
                current,
                query,
                k=SUGGESTIONS_PER_VIEWER,
                today=timezone.localdate(),
                exclude=set(),
                exclude_firms=set(),
            )
    except Exception:
        logger.exception("could not warm the matching index")


def _stamp(index: Any, *, opportunities: int | None = None, firms: int | None = None) -> str:
    """Write ``index`` to a new version's file and stamp the state row (locked by the caller)."""
    version = uuid.uuid4().hex
    folder = index_dir()
    folder.mkdir(parents=True, exist_ok=True)
    index.save(_path(version))
    state = IndexState.objects.select_for_update().order_by("pk").first() or IndexState(version="")
    previous = state.version
    state.version, state.algorithm, state.updated_at = version, algorithm().version, timezone.now()
    if opportunities is not None:
        state.opportunities, state.firms, state.built_at = opportunities, firms or 0, timezone.now()
    state.save()
    with _lock:
        _loaded["version"], _loaded["index"] = version, index
    transaction.on_commit(lambda: _remove_other_files(keep=version))
    del previous
    return version


def _remove_other_files(*, keep: str) -> None:
    for path in index_dir().glob("index-*.npz"):
        if path.name != _path(keep).name:
            path.unlink(missing_ok=True)


def _locked_index() -> Any:
    """Lock the state row and return the index at its version (building it the first time)."""
    state = IndexState.objects.select_for_update().order_by("pk").first()
    if state is None or not state.version:
        return None
    return _index_for(state.version)[0]


@dataclass(frozen=True)
class RebuildReport:
    opportunities: int
    firms: int
    seconds: float
    precomputed: int
    version: str


@transaction.atomic
def rebuild(*, precompute: bool | None = None) -> RebuildReport:
    """Rebuild the index from the database, stamp a new version and drop the stored suggestions (they
    were made on the old index); at a small size compute them all again at once."""
    start = time.perf_counter()
    IndexState.objects.select_for_update().order_by("pk").first()
    inputs = fetch_all()
    built = _build(inputs)
    version = _stamp(built, opportunities=len(inputs.opportunities), firms=len(inputs.firms))
    Suggestion.objects.all().delete()
    precomputed = 0
    if precompute is None:
        precompute = len(inputs.opportunities) + len(inputs.firms) <= PRECOMPUTE_MAX
    if precompute:
        for profile in inputs.firms:
            precomputed += len(_compute(built, version, profile, viewer_firm_id=profile.firm_id))
        for profile in inputs.opportunities:
            precomputed += len(
                _compute(
                    built,
                    version,
                    profile,
                    viewer_firm_id=profile.firm_id,
                    viewer_opportunity_id=_id_of(profile.key),
                )
            )
    return RebuildReport(
        opportunities=len(inputs.opportunities),
        firms=len(inputs.firms),
        seconds=time.perf_counter() - start,
        precomputed=precomputed,
        version=version,
    )


def compute_for_firms(*, firm_ids: list[int]) -> int:
    """Compute and store the suggestions of these firms and of their published opportunities."""
    from interfirm.opportunities.models import Opportunity, Status

    stored = 0
    for firm_id in firm_ids:
        stored += len(recompute(viewer_firm_id=firm_id))
        for opportunity_id in Opportunity.objects.filter(
            firm_id=firm_id, status=Status.PUBLISHED
        ).values_list("pk", flat=True):
            stored += len(recompute(viewer_firm_id=firm_id, viewer_opportunity_id=opportunity_id))
    return stored


def refresh_opportunity(*, opportunity_id: int, published: bool) -> int:
    """Update the index for one opportunity (and its owner's firm profile) and stamp a new version.

    The caller holds a transaction. Before the first build the whole index is built.
    """
    current = _locked_index()
    if current is None:
        rebuild()
        return 0
    from interfirm.opportunities.models import Opportunity

    firm_id = Opportunity.objects.filter(pk=opportunity_id).values_list("firm_id", flat=True).first()
    key = opportunity_key(opportunity_id)
    if not published and key not in current:
        return 0  # a draft or a review changed: nothing any viewer is suggested changes
    profiles = fetch_opportunity_profiles([opportunity_id]) if published else []
    if profiles:
        current.update(profiles[0])
    else:
        current.remove(key)
    if firm_id is not None:
        _upsert_firm(current, firm_id)
    _stamp(current)
    return len(profiles)


def refresh_firm(*, firm_id: int) -> int:
    """Update one firm's profile in the index and stamp a new version."""
    with transaction.atomic():
        current = _locked_index()
        if current is None:
            return 0
        _upsert_firm(current, firm_id)
        _stamp(current)
    return 1


def _upsert_firm(current: Any, firm_id: int) -> None:
    profiles = fetch_firm_profiles([firm_id])
    if profiles:
        current.update(profiles[0])
    else:
        current.remove(firm_key(firm_id))


def _id_of(key: str) -> int:
    return int(key.split(":", 1)[1])


def _dismissed(viewer_firm_id: int) -> tuple[set[str], set[int]]:
    """Return the keys and the firms the viewer firm dismissed (never suggested again)."""
    keys: set[str] = set()
    firms: set[int] = set()
    for candidate_firm_id, candidate_opportunity_id in Feedback.objects.filter(
        viewer_firm_id=viewer_firm_id, kind=FeedbackKind.DISMISSED
    ).values_list("candidate_firm_id", "candidate_opportunity_id"):
        if candidate_opportunity_id is None:
            keys.add(firm_key(candidate_firm_id))
            firms.add(candidate_firm_id)
        else:
            keys.add(opportunity_key(candidate_opportunity_id))
    return keys, firms


def _row_values(suggestion: Any) -> dict[str, Any]:
    kind, _sep, pk = suggestion.key.partition(":")
    return {
        "candidate_firm_id": suggestion.firm_id,
        "candidate_opportunity_id": int(pk) if kind == "opp" else None,
        "rank": suggestion.rank,
        "score": round(float(suggestion.score), 4),
        "reasons": [
            {
                "feature": r.feature,
                "score": round(float(r.score), 4),
                "weight": float(r.weight),
                "contribution": round(float(r.contribution), 4),
                "text": r.text,
                "code": r.code,
                "params": {k: v for k, v in dict(r.params).items() if isinstance(v, str | int | float)},
                "message": r.message,
                "plural": r.plural,
                "count": r.count,
            }
            for r in suggestion.reasons
        ],
        "gaps": [{"kind": g.kind, "item": g.item, "side": g.side, "text": g.text} for g in suggestion.gaps],
        "algorithm": suggestion.algorithm,
    }


def _compute(
    current: Any,
    version: str,
    query: Profile,
    *,
    viewer_firm_id: int,
    viewer_opportunity_id: int | None = None,
    today: datetime.date | None = None,
) -> list[Suggestion]:
    """Compute the suggestions of one viewer and store them; keep the rows (and their ids) of the
    candidates still suggested, so that a page open while the index changes can still act on them."""
    exclude, exclude_firms = _dismissed(viewer_firm_id)
    outcome = _suggest(
        current,
        query,
        k=SUGGESTIONS_PER_VIEWER,
        today=today or timezone.localdate(),
        exclude=exclude,
        exclude_firms=exclude_firms,
    )
    wanted = [_row_values(s) for s in outcome.suggestions]
    if wanted:  # the index may be a moment behind a deletion
        from interfirm.firms.models import Firm
        from interfirm.opportunities.models import Opportunity

        firms = set(
            Firm.objects.filter(pk__in=[w["candidate_firm_id"] for w in wanted]).values_list("pk", flat=True)
        )
        opportunities = set(
            Opportunity.objects.filter(
                pk__in=[w["candidate_opportunity_id"] for w in wanted if w["candidate_opportunity_id"]]
            ).values_list("pk", flat=True)
        )
        wanted = [
            w
            for w in wanted
            if w["candidate_firm_id"] in firms
            and (w["candidate_opportunity_id"] is None or w["candidate_opportunity_id"] in opportunities)
        ]
    with transaction.atomic():
        existing = {
            (row.candidate_firm_id, row.candidate_opportunity_id): row
            for row in Suggestion.objects.select_for_update().filter(
                viewer_firm_id=viewer_firm_id, viewer_opportunity_id=viewer_opportunity_id
            )
        }
        rows: list[Suggestion] = []
        now = timezone.now()
        for values in wanted:
            row = existing.pop((values["candidate_firm_id"], values["candidate_opportunity_id"]), None)
            if row is None:
                row = Suggestion(viewer_firm_id=viewer_firm_id, viewer_opportunity_id=viewer_opportunity_id)
            for name, value in values.items():
                setattr(row, name, value)
            row.index_version, row.computed_at = version, now
            rows.append(row)
        if existing:
            Suggestion.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
        Suggestion.objects.bulk_update(
            [row for row in rows if row.pk],
            ["rank", "score", "reasons", "gaps", "algorithm", "index_version", "computed_at"],
        )
        Suggestion.objects.bulk_create([row for row in rows if not row.pk])
    _explanations[(viewer_firm_id, viewer_opportunity_id)] = outcome.explanation
    return rows


# The engine's "no suggestions, because …" of the last computation per viewer, for the empty state.
_explanations: dict[tuple[int, int | None], str] = {}


def explanation(viewer_firm_id: int, viewer_opportunity_id: int | None) -> str:
    """Return the engine's explanation of an empty result for this viewer ("" when unknown)."""
    return _explanations.get((viewer_firm_id, viewer_opportunity_id), "")


def suggestions_for(
    *, viewer_firm_id: int, viewer_opportunity_id: int | None = None
) -> tuple[list[Suggestion], str]:
    """Return the stored suggestions of a viewer and the index version ("" while no index exists:
    nothing can be suggested).

    Rows of the current version are returned as they are. Rows of an older version (the index has
    changed since: every publication stamps a new one) are returned too while they are younger than
    ``settings.MATCHING_STALE_SECONDS``, and a task computes the viewer's rows again in the
    background (once per viewer and version in this process); the page stays fast while firms
    publish, and shows the new rows on its next view. A candidate withdrawn, closed or dismissed
    since is never shown: its rows are deleted when that happens, and the page reads the candidates'
    state anyway. Without rows, or with rows older than that, the rows are computed now.
    """
    version = current_version()
    if not version:
        return [], ""
    rows = _stored(viewer_firm_id, viewer_opportunity_id)
    if rows and all(row.index_version == version for row in rows):
        return rows, version
    if not rows and _computed_empty.get((viewer_firm_id, viewer_opportunity_id)) == version:
        return [], version
    if rows and _young(rows):
        if _refresh_later(viewer_firm_id, viewer_opportunity_id, version):
            rows = _stored(viewer_firm_id, viewer_opportunity_id)  # a backend that runs tasks at once
        return rows, version
    computed = recompute(
        viewer_firm_id=viewer_firm_id, viewer_opportunity_id=viewer_opportunity_id, wait=False
    )
    return computed, version


def _stored(viewer_firm_id: int, viewer_opportunity_id: int | None) -> list[Suggestion]:
    return list(
        Suggestion.objects.filter(viewer_firm_id=viewer_firm_id, viewer_opportunity_id=viewer_opportunity_id)
    )


def _young(rows: list[Suggestion]) -> bool:
    limit = int(getattr(settings, "MATCHING_STALE_SECONDS", 900))
    oldest = min(row.computed_at for row in rows)
    return limit > 0 and timezone.now() - oldest <= datetime.timedelta(seconds=limit)


# The (viewer, version) whose background refresh this process has enqueued, so that a page viewed
# many times while a version is current enqueues it once. Per process, bounded; losing it only costs
# one more task (which finds the rows current and does nothing).
_refresh_enqueued: dict[tuple[int, int | None], str] = {}
_REFRESH_ENQUEUED_LIMIT = 50_000


def _refresh_later(viewer_firm_id: int, viewer_opportunity_id: int | None, version: str) -> bool:
    """Enqueue the recomputation of a viewer's rows; return True when it has already run (the
    immediate backend of tests and ``TASKS_IMMEDIATE``)."""
    from django_tasks import TaskResultStatus

    from interfirm.matching.tasks import matching_refresh_suggestions

    viewer = (viewer_firm_id, viewer_opportunity_id)
    if _refresh_enqueued.get(viewer) == version:
        return False
    if len(_refresh_enqueued) >= _REFRESH_ENQUEUED_LIMIT:
        _refresh_enqueued.clear()
    _refresh_enqueued[viewer] = version
    try:
        result = matching_refresh_suggestions.enqueue(
            viewer_firm_id=viewer_firm_id, viewer_opportunity_id=viewer_opportunity_id
        )
    except Exception:  # the queue is unavailable: the stale rows serve, the next view tries again
        logger.exception("could not enqueue the refresh of the suggestions of %s", viewer)
        _refresh_enqueued.pop(viewer, None)
        return False
    return result.status == TaskResultStatus.SUCCESSFUL


def recompute(
    *, viewer_firm_id: int, viewer_opportunity_id: int | None = None, wait: bool = True
) -> list[Suggestion]:
    """Compute and store a viewer's suggestions at the current version unless they are current
    already; return the rows (the refresh task, and a page that finds none: ``wait=False``, see
    ``_index_for``)."""
    version = current_version()
    if not version:
        return []
    rows = _stored(viewer_firm_id, viewer_opportunity_id)
    if rows and all(row.index_version == version for row in rows):
        return rows
    if viewer_opportunity_id is not None:
        profiles = fetch_opportunity_profiles([viewer_opportunity_id], any_status=True)
    else:
        profiles = fetch_firm_profiles([viewer_firm_id])
    if not profiles:
        return []
    current, version = _index_for(version, wait=wait)
    computed = _compute(
        current,
        version,
        profiles[0],
        viewer_firm_id=viewer_firm_id,
        viewer_opportunity_id=viewer_opportunity_id,
    )
    if not computed:
        _computed_empty[(viewer_firm_id, viewer_opportunity_id)] = version
    return computed


# Viewers with no suggestion at a version (nothing is stored for them), so that a page does not
# compute again until the index changes. Per process; losing it only costs one computation.
_computed_empty: dict[tuple[int, int | None], str] = {}


def opportunities_like(*, opportunity_id: int, limit: int, viewer_firm_id: int = 0) -> list[int]:
    """Return the ids of published opportunities like ``opportunity_id`` (same kind), best first.

    The engine suggests complements, so it is asked with the opportunity's mirror: a profile that seeks
    what the opportunity offers and offers what it seeks finds the opportunities that resemble it.
    """
    version, current = index(wait=False)
    profiles = fetch_opportunity_profiles([opportunity_id], any_status=True)
    if current is None or not profiles:
        return []
    source = profiles[0]
    mirror = source.evolve(
        key=f"like:{opportunity_id}",
        firm_id=viewer_firm_id,
        kind="profile",
        domains=frozenset(),
        offers=source.sought_domains(),
        seeks=source.offered_domains(),
        text=source.text,
        seeks_text=source.text,
    )
    outcome = _suggest(
        current,
        mirror,
        k=limit,
        today=timezone.localdate(),
        exclude={source.key},
        exclude_firms={source.firm_id},
    )
    del version
    ids = []
    for suggestion in outcome.suggestions:
        kind, _sep, pk = suggestion.key.partition(":")
        if kind == "opp":
            ids.append(int(pk))
    return ids


def opportunity_ids(keys: Iterable[str]) -> list[int]:
    """Return the opportunity ids among engine keys."""
    return [_id_of(key) for key in keys if key.startswith("opp:")]
