"""``MatchingIndex``: profiles held as numpy columns for fast filtering and scoring.

``suggest`` runs the named stages: the hard rules (``candidates``) as vectorised masks on the
structured columns; a vectorised score of every feature over the rows left, from which a shortlist
(``params["shortlist"]``, 200 by default) is taken with ``np.argpartition(-x, m)``; then the exact
``score`` of each feature function on the shortlist (the reasons users see), and ``rank``. The
vectorised forms are equal to the feature functions or (for requirements and the candidate's own
geographic preferences) an upper bound, so the rerank can only correct, never lose, an explanation.

Incremental: ``add`` / ``update`` / ``remove`` change one profile in place (new text goes to a small
delta scored apart, folded into the main matrix by ``compact``, which ``add`` calls itself when the
delta grows past 5 000 rows). ``save`` / ``load`` write and read one ``.npz`` file.

Web workers: set BLAS to one thread per process (``limit_blas_threads()``), or latency triples under
load; the engine only uses sparse products and elementwise numpy, which do not use BLAS threads.
"""

from __future__ import annotations

import datetime
import json
import os
import zlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .algorithms import DEFAULT
from .candidates import hard_rule_violation, rank
from .features import ISIC_SECTIONS, MatchContext, _sector_parts, corridor
from .network import NetworkGraph, network_signals
from .scoring import score
from .text import Vocabulary, tokens
from .types import (
    SUGGESTABLE_STATUSES,
    Algorithm,
    Network,
    Outcome,
    PastPartnership,
    Profile,
    Requirements,
)

_KIND = {"offer": 0, "request": 1, "profile": 2}
_DOMAIN_BITS = {"technology": 1, "production": 2, "marketing": 4, "investment": 8}
_SIZE = {"micro": 0, "small": 1, "medium": 2, "large": 3}
_FAR_FUTURE = datetime.date(9999, 12, 31).toordinal()
_DELTA_LIMIT = 5000
_SLOTS = 3  # sectors per profile held in the columns (the exact rerank uses all of them)


def limit_blas_threads() -> None:
    """Limit BLAS/OpenMP to one thread in this process (call once in each web worker)."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # the environment variables apply to pools started from now on
        return
    threadpool_limits(1)


def _bit(name: str) -> int:
    """A stable bit (of 63) for a certification or language code, for the upper-bound filter."""
    return 1 << (zlib.crc32(name.encode()) % 63)


def _mask(items: Iterable[str]) -> int:
    out = 0
    for item in items:
        out |= _bit(item)
    return out


def _domains(items: Iterable[str]) -> int:
    out = 0
    for item in items:
        out |= _DOMAIN_BITS.get(item, 0) or (1 << (4 + zlib.crc32(item.encode()) % 11))
    return out


class MatchingIndex:
    """The profiles that can be suggested, the network of past partnerships, and their text index."""

    def __init__(
        self,
        profiles: Iterable[Profile] = (),
        network: Network | None = None,
        *,
        algorithm: Algorithm = DEFAULT,
        sections: Mapping[str, str] | None = None,
    ) -> None:
        self.algorithm = algorithm
        self.sections = dict(sections or ISIC_SECTIONS)
        self.network = network or Network()
        self.graph = NetworkGraph(self.network)
        items = list(profiles)
        self._profiles: list[Profile | None] = []
        self._row: dict[str, int] = {}
        self._country: dict[str, int] = {}
        self._orgtype: dict[str, int] = {}
        self._arrangement: dict[str, int] = {}
        self._alloc(max(len(items), 16))
        self.vocabulary = Vocabulary()
        token_lists = [tokens(p.text + " " + p.seeks_text) for p in items]
        self.vocabulary.fit(token_lists)
        for p in items:
            self._put(p)
        self._text = self._matrix([self.vocabulary.vector(t) for t in token_lists], len(items))
        self._text_rows = len(items)
        self._delta: dict[int, dict[int, float]] = {}

    # -- columns ---------------------------------------------------------------------------------

    _COLUMNS: Mapping[str, tuple[Any, Any]] = {
        "firm_id": (np.int64, -1),
        "group_id": (np.int64, -1),
        "kind": (np.int8, 2),
        "offered": (np.int16, 0),
        "sought": (np.int16, 0),
        "arrangements": (np.int64, 0),
        "ok": (np.bool_, False),
        "deadline": (np.int32, _FAR_FUTURE),
        "published": (np.int32, -1),
        "country": (np.int32, -1),
        "economy": (np.int8, -1),
        "ldc": (np.bool_, False),
        "size": (np.int8, -1),
        "orgtype": (np.int16, -1),
        "readiness": (np.float32, 0.4),
        "completed": (np.int32, 0),
        "firm_row": (np.int32, -1),
        "certs": (np.int64, 0),
        "langs": (np.int64, 0),
        "has_capacity": (np.bool_, False),
        "geo_pref": (np.bool_, False),
    }

    def _alloc(self, capacity: int) -> None:
        self._n = 0
        self._cols: dict[str, np.ndarray] = {
            name: np.full(capacity, default, dtype=dtype) for name, (dtype, default) in self._COLUMNS.items()
        }
        self._sectors = np.full((capacity, _SLOTS, 4), -1, dtype=np.int16)

    def _grow(self) -> None:
        capacity = len(self._cols["ok"])
        if self._n < capacity:
            return
        new = capacity * 2
        for name, (dtype, default) in self._COLUMNS.items():
            col: np.ndarray = np.full(new, default, dtype=dtype)
            col[:capacity] = self._cols[name]
            self._cols[name] = col
        sectors = np.full((new, _SLOTS, 4), -1, dtype=np.int16)
        sectors[:capacity] = self._sectors
        self._sectors = sectors

    def _sector_code(self, code: str) -> tuple[int, int, int, int]:
        section, division, group, cls = _sector_parts(code, self.sections)
        return (
            ord(section) - 64 if section else -1,
            int(division) if division else -1,
            int(group) if group else -1,
            int(cls) if cls else -1,
        )

    def _put(self, p: Profile) -> int:
        self._grow()
        row = self._n
        self._n += 1
        self._profiles.append(p)
        self._row[p.key] = row
        c = self._cols
        c["firm_id"][row] = p.firm_id
        c["group_id"][row] = -1 if p.group_id is None else p.group_id
        c["kind"][row] = _KIND.get(p.kind, 2)
        c["offered"][row] = _domains(p.offered_domains())
        c["sought"][row] = _domains(p.sought_domains())
        arr = 0
        for a in p.arrangement_types:
            arr |= 1 << (self._arrangement.setdefault(a, len(self._arrangement)) % 63)
        c["arrangements"][row] = arr
        c["ok"][row] = p.status in SUGGESTABLE_STATUSES
        c["deadline"][row] = p.deadline.toordinal() if p.deadline else _FAR_FUTURE
        c["published"][row] = p.published_at.toordinal() if p.published_at else -1
        c["country"][row] = self._country.setdefault(p.country, len(self._country)) if p.country else -1
        c["economy"][row] = {"developed": 0, "developing": 1, "transition": 2}.get(p.economy_group, -1)
        c["ldc"][row] = p.is_ldc
        c["size"][row] = _SIZE.get(p.size_class, -1)
        c["orgtype"][row] = self._orgtype.setdefault(p.org_type, len(self._orgtype))
        level = p.readiness_level
        c["readiness"][row] = (
            0.4 if level is None else min(5, max(1, level)) / 5 * (1.0 if p.readiness_validated else 0.8)
        )
        c["completed"][row] = p.completed_partnerships
        c["firm_row"][row] = self.graph.firm_row.get(p.firm_id, -1)
        c["certs"][row] = _mask(p.certifications)
        c["langs"][row] = _mask(p.languages)
        c["has_capacity"][row] = bool(p.capacity)
        r = p.requires
        c["geo_pref"][row] = bool(r.countries or r.regions or r.economy_groups or r.corridors)
        for slot, code in enumerate(p.sectors[:_SLOTS]):
            self._sectors[row, slot] = self._sector_code(code)
        return row

    def _matrix(self, vectors: list[dict[int, float]], n_rows: int) -> sp.csr_matrix:
        """Return the term x row matrix (postings by term) of ``vectors``."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for vec in vectors:
            indices.extend(vec.keys())
            data.extend(vec.values())
            indptr.append(len(indices))
        rows_by_doc = sp.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
            shape=(n_rows, max(len(self.vocabulary.term_id), 1)),
        )
        return rows_by_doc.T.tocsr()

    # -- incremental updates ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, key: object) -> bool:
        return key in self._row

    def get(self, key: str) -> Profile | None:
        """Return the profile stored under ``key``, or None."""
        row = self._row.get(key)
        return None if row is None else self._profiles[row]

    def add(self, profile: Profile) -> None:
        """Add ``profile`` (or replace the one with the same key)."""
        if profile.key in self._row:
            self.remove(profile.key)
        row = self._put(profile)
        self._delta[row] = self.vocabulary.vector(tokens(profile.text + " " + profile.seeks_text), grow=True)
        if len(self._delta) > _DELTA_LIMIT:
            self.compact()

    update = add

    def remove(self, key: str) -> bool:
        """Remove the profile under ``key``; return whether there was one."""
        row = self._row.pop(key, None)
        if row is None:
            return False
        self._profiles[row] = None
        self._cols["ok"][row] = False
        self._delta.pop(row, None)
        return True

    def compact(self) -> None:
        """Rebuild the columns and the text matrix without the removed rows (and the delta)."""
        live = [p for p in self._profiles if p is not None]
        fresh = MatchingIndex(live, self.network, algorithm=self.algorithm, sections=self.sections)
        self.__dict__.update(fresh.__dict__)

    # -- suggestions -----------------------------------------------------------------------------

    def context(self, query: Profile, *, today: datetime.date, algorithm: Algorithm) -> MatchContext:
        """Return the feature context of ``query`` (its network signals computed once)."""
        params = algorithm.params
        signals = network_signals(
            self.graph,
            firm_id=query.firm_id,
            fields=query.keywords,
            today=today,
            half_life_days=float(params.get("half_life_days", 1095.0)),
            field_half_life_days=float(params.get("field_half_life_days", 730.0)),
        )
        return MatchContext(today, params, self.graph, signals, self.vocabulary, self.sections)

    def _filter(
        self,
        query: Profile,
        *,
        today: datetime.date,
        exclude: Collection[str],
        exclude_firms: Collection[int],
        allowed: Collection[str] | None,
    ) -> np.ndarray:
        c = {name: col[: self._n] for name, col in self._cols.items()}
        mask = c["ok"] & (c["deadline"] >= today.toordinal()) & (c["firm_id"] != query.firm_id)
        if query.group_id is not None:
            mask &= c["group_id"] != query.group_id
        if query.kind in ("offer", "request"):
            mask &= c["kind"] != _KIND[query.kind]
        if exclude_firms:
            mask &= ~np.isin(c["firm_id"], np.fromiter(exclude_firms, dtype=np.int64))
        for key in exclude:
            row = self._row.get(key)
            if row is not None:
                mask[row] = False
        if allowed is not None:
            keep = np.zeros_like(mask)
            rows = [self._row[k] for k in allowed if k in self._row]
            keep[rows] = True
            mask &= keep
        return np.nonzero(mask)[0]

    def _text_scores(self, query: Profile, rows: np.ndarray) -> np.ndarray:
        qvec = self.vocabulary.vector(tokens(query.text + " " + query.seeks_text))
        out = np.zeros(len(rows), dtype=np.float64)
        if not qvec:
            return out
        terms = np.fromiter((t for t in qvec if t < self._text.shape[0]), dtype=np.int64)
        full = np.zeros(self._n, dtype=np.float64)
        if len(terms):
            weights = np.asarray([qvec[int(t)] for t in terms], dtype=np.float32)
            full[: self._text_rows] = self._text[terms].T @ weights
        for row, vec in self._delta.items():
            full[row] = sum(w * vec.get(t, 0.0) for t, w in qvec.items())
        return full[rows]

    def _batch_scores(self, query: Profile, rows: np.ndarray, ctx: MatchContext) -> dict[str, np.ndarray]:
        """Return each feature's score over ``rows`` (vectorised; equal to the feature functions, or an
        upper bound for requirements_met and geography)."""
        c = {name: col[rows] for name, col in self._cols.items()}
        n = len(rows)
        out: dict[str, np.ndarray] = {}
        q_off, q_seek = _domains(query.offered_domains()), _domains(query.sought_domains())
        meets = ((q_off & c["sought"]) | (q_seek & c["offered"])) != 0
        q_arr = 0
        for a in query.arrangement_types:
            if a in self._arrangement:
                q_arr |= 1 << (self._arrangement[a] % 63)
        common = (c["arrangements"] & q_arr) != 0
        out["complementarity"] = np.where(meets, np.where(common, 1.0, 0.7), 0.0)
        out["mutuality"] = (((q_off & c["sought"]) != 0) & ((q_seek & c["offered"]) != 0)).astype(float)
        sector = np.zeros(n)
        for code in query.sectors:
            qs = self._sector_code(code)
            for slot in range(_SLOTS):
                s = self._sectors[rows, slot]
                level = np.zeros(n)
                for i, value in ((0, 0.25), (1, 0.5), (2, 0.75), (3, 1.0)):
                    if qs[i] >= 0:
                        level = np.where(s[:, i] == qs[i], value, level)
                sector = np.maximum(sector, level)
        out["sector_fit"] = sector
        sim = self._text_scores(query, rows)
        out["text_relevance"] = np.clip(sim * ctx.param("text_scale", 2.0), 0.0, 1.0)
        ctx.text_scores = {}
        out["requirements_met"] = self._requirements_bound(query, c)
        out["geography"] = self._geography_bound(query, c, rows)
        qs_size = _SIZE.get(query.size_class, -1)
        size = np.full(n, 0.5)
        if qs_size >= 0:
            gap = np.abs(c["size"].astype(np.int64) - qs_size)
            size = np.where(c["size"] >= 0, np.asarray([0.3, 0.6, 0.8, 1.0])[np.minimum(gap, 3)], 0.5)
        out["size_complementarity"] = size
        out["readiness"] = c["readiness"].astype(float)
        today = ctx.today.toordinal()
        age = np.maximum(0, today - c["published"])
        fresh = np.where(
            c["published"] >= 0, np.power(0.5, age / ctx.param("freshness_half_life_days", 90.0)), 0.5
        )
        left = c["deadline"].astype(np.int64) - today
        out["freshness"] = np.where((left >= 0) & (left < 7), fresh * 0.5, fresh)
        sig = ctx.signals
        frow = c["firm_row"]
        known = frow >= 0
        safe = np.where(known, frow, 0)

        def gather(vec: np.ndarray) -> np.ndarray:
            return np.where(known, vec[safe] if len(vec) else 0.0, 0.0)

        degree = gather(self.graph.degree)
        act_max = max(sig.activity_max, 1.0)
        from_graph = np.log1p(gather(sig.activity)) / np.log1p(act_max)
        from_profile = np.log1p(c["completed"].astype(float)) / np.log1p(max(sig.activity_max, 10.0))
        out["track_record"] = np.clip(np.where(degree > 0, from_graph, from_profile), 0.0, 1.0)
        if sig.query_row >= 0:
            out["past_partners"] = 1.0 - np.exp(-gather(sig.shared) / ctx.param("tie_scale", 1.0))
        else:
            out["past_partners"] = np.zeros(n)
        if sig.proximity_max > 0:
            out["network_proximity"] = np.power(
                gather(sig.proximity) / sig.proximity_max, ctx.param("proximity_power", 0.5)
            )
        else:
            out["network_proximity"] = np.zeros(n)
        if sig.query_row >= 0:
            out["past_partners_in_field"] = 1.0 - np.exp(
                -gather(sig.shared_in_field) / ctx.param("tie_scale", 1.0)
            )
        else:
            out["past_partners_in_field"] = np.zeros(n)
        if sig.proximity_in_field_max > 0:
            out["proximity_in_field"] = np.clip(
                np.log1p(gather(sig.proximity_in_field)) / np.log1p(sig.proximity_in_field_max), 0.0, 1.0
            )
        else:
            out["proximity_in_field"] = np.zeros(n)
        if sig.query_fields and sig.field_max > 0:
            out["field_activity"] = np.clip(np.log1p(gather(sig.field)) / np.log1p(sig.field_max), 0.0, 1.0)
        else:
            out["field_activity"] = np.zeros(n)
        out["country_affinity"] = self._lift_scores(
            self.graph.country_id,
            self.graph.country_lift,
            query.country,
            self._country,
            c["country"],
            ctx.param("country_gamma", 1.0),
        )
        out["org_type_affinity"] = self._lift_scores(
            self.graph.type_id,
            self.graph.type_lift,
            query.org_type,
            self._orgtype,
            c["orgtype"],
            ctx.param("type_gamma", 1.0),
        )
        return out

    @staticmethod
    def _lift_scores(
        graph_ids: Mapping[str, int],
        lift: np.ndarray,
        query_value: str,
        local_ids: Mapping[str, int],
        column: np.ndarray,
        gamma: float,
    ) -> np.ndarray:
        out = np.full(len(column), 0.5)
        a = graph_ids.get(query_value)
        if a is None:
            return out
        table = np.full(len(local_ids) + 1, 0.5)
        for name, local in local_ids.items():
            b = graph_ids.get(name)
            if b is not None:
                x = max(float(lift[a, b]), 1e-9) ** gamma
                table[local] = x / (1.0 + x)
        return np.where(column >= 0, table[np.maximum(column, 0)], 0.5)

    def _requirements_bound(self, query: Profile, c: Mapping[str, np.ndarray]) -> np.ndarray:
        req = query.requires
        n = len(c["ok"])
        asked = len(req.certifications) + sum(
            1 for x in (req.languages, req.capacity, req.partner_sizes, req.partner_types) if x
        )
        if not asked:
            return np.ones(n)  # the candidate's own requirements are checked in the rerank
        met = np.zeros(n)
        for cert in req.certifications:
            met += (c["certs"] & _bit(cert)) != 0
        if req.languages:
            met += (c["langs"] & _mask(req.languages)) != 0
        if req.capacity:
            met += c["has_capacity"]
        if req.partner_sizes:
            wanted = [_SIZE[s] for s in req.partner_sizes if s in _SIZE]
            met += (c["size"] < 0) | np.isin(c["size"], wanted)
        if req.partner_types:
            wanted = [self._orgtype[t] for t in req.partner_types if t in self._orgtype]
            met += np.isin(c["orgtype"], wanted)
        return met / asked

    def _geography_bound(self, query: Profile, c: Mapping[str, np.ndarray], rows: np.ndarray) -> np.ndarray:
        req = query.requires
        n = len(c["ok"])
        if not (req.countries or req.regions or req.economy_groups or req.corridors):
            there = np.full(n, 0.6)
        else:
            ok = np.zeros(n, dtype=bool)
            if req.countries:
                ok |= np.isin(c["country"], [self._country[x] for x in req.countries if x in self._country])
            if req.regions:
                for i, r in enumerate(rows):
                    p = self._profiles[int(r)]
                    if p is not None and p.regions & req.regions:
                        ok[i] = True
            if req.economy_groups:
                codes = [
                    {"developed": 0, "developing": 1, "transition": 2}[g]
                    for g in req.economy_groups
                    if g in ("developed", "developing", "transition")
                ]
                ok |= np.isin(c["economy"], codes)
            if req.corridors:
                for code, group in ((0, "developed"), (1, "developing"), (2, "transition")):
                    if corridor(query.economy_group, group) in req.corridors:
                        ok |= c["economy"] == code
                if "ldc" in req.corridors:
                    ok |= c["ldc"] | query.is_ldc
            there = ok.astype(float)
        back = np.where(c["geo_pref"], 1.0, 0.6)  # upper bound: the rerank checks their preference
        return (there + back) / 2

    def suggest(
        self,
        query: Profile,
        *,
        k: int = 20,
        today: datetime.date | None = None,
        exclude: Collection[str] = (),
        exclude_firms: Collection[int] = (),
        allowed: Collection[str] | None = None,
        weights: Mapping[str, float] | None = None,
        one_per_firm: bool = False,
    ) -> Outcome:
        """Return the ``k`` best suggestions for ``query`` with their reasons and gaps.

        ``exclude``: keys the user dismissed; ``exclude_firms``: firm ids never to suggest;
        ``allowed``: when given, only these keys may be suggested (what the viewer may see);
        ``weights``: the installation's overrides of the algorithm's weights; ``one_per_firm``: keep
        the best profile of each firm. When nothing can be suggested, ``Outcome.explanation`` says why.
        """
        today = today or datetime.date.today()
        algorithm = self.algorithm.with_weights(weights)
        if not self._row:
            return Outcome((), "no suggestions yet, because nothing has been published", 0)
        rows = self._filter(query, today=today, exclude=exclude, exclude_firms=exclude_firms, allowed=allowed)
        if not len(rows):
            return Outcome(
                (),
                "no suggestions yet, because every open profile is your own, of your group, "
                "closed, dismissed or not visible to you",
                0,
            )
        ctx = self.context(query, today=today, algorithm=algorithm)
        batch = self._batch_scores(query, rows, ctx)
        total = sum(w for name, w in algorithm.weights.items() if w > 0 and name in batch) or 1.0
        approx = np.zeros(len(rows))
        for name, w in algorithm.weights.items():
            if w > 0 and name in batch:
                approx += w * batch[name]
        approx /= total
        m = min(len(rows), max(int(algorithm.params.get("shortlist", 200.0)), 3 * k))
        top = np.argpartition(-approx, m - 1)[:m] if m < len(rows) else np.arange(len(rows))
        sims = batch["text_relevance"]
        scale = ctx.param("text_scale", 2.0)
        scored = []
        for i in top:
            profile = self._profiles[int(rows[i])]
            assert profile is not None
            ctx.text_scores[profile.key] = float(sims[i]) / scale if scale else 0.0
            if hard_rule_violation(
                query, profile, today=today, exclude=exclude, exclude_firms=exclude_firms, allowed=allowed
            ):
                continue
            scored.append(score(query, profile, ctx, algorithm))
        best = rank(scored, k, one_per_firm=one_per_firm)
        return Outcome(tuple(best), "", len(rows))

    def suggest_for_firm(self, firm_profile: Profile, **kwargs: object) -> Outcome:
        """Return suggestions for a whole firm (its ``profile``): the best profile of each other firm."""
        kwargs.setdefault("one_per_firm", True)
        return self.suggest(firm_profile, **kwargs)  # type: ignore[arg-type,call-overload,unused-ignore]

    # -- persistence -----------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write the index (profiles, network, algorithm name) to one ``.npz`` file."""
        live = [p for p in self._profiles if p is not None]
        payload = {
            "profiles": [_profile_to_json(p) for p in live],
            "network": {
                "partnerships": [_partnership_to_json(p) for p in self.network.partnerships],
                "firm_country": {str(k): v for k, v in self.network.firm_country.items()},
                "firm_org_type": {str(k): v for k, v in self.network.firm_org_type.items()},
            },
            "sections": self.sections,
            "algorithm": self.algorithm.version,
        }
        blob = zlib.compress(json.dumps(payload).encode(), 3)
        np.savez(path, payload=np.frombuffer(blob, dtype=np.uint8), format=np.asarray([1]))

    @classmethod
    def load(cls, path: str | Path, *, algorithm: Algorithm | None = None) -> MatchingIndex:
        """Read an index written by ``save``."""
        from .algorithms import ALGORITHMS

        with np.load(path) as data:
            payload = json.loads(zlib.decompress(data["payload"].tobytes()))
        net = payload["network"]
        network = Network(
            tuple(_partnership_from_json(p) for p in net["partnerships"]),
            {int(k): v for k, v in net["firm_country"].items()},
            {int(k): v for k, v in net["firm_org_type"].items()},
        )
        chosen = algorithm or ALGORITHMS.get(payload["algorithm"], DEFAULT)
        return cls(
            (_profile_from_json(p) for p in payload["profiles"]),
            network,
            algorithm=chosen,
            sections=payload["sections"],
        )


def _jsonable(value: object) -> object:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _profile_to_json(p: Profile) -> dict[str, object]:
    out = {f.name: _jsonable(getattr(p, f.name)) for f in fields(Profile) if f.name != "requires"}
    out["requires"] = {k: _jsonable(v) for k, v in asdict(p.requires).items()}
    return out


_SET_FIELDS = {f.name for f in fields(Profile) if "frozenset" in str(f.type)}
_DATE_FIELDS = {"published_at", "deadline"}


def _profile_from_json(data: dict[str, object]) -> Profile:
    values: dict[str, object] = {}
    for name, value in data.items():
        if name == "requires":
            assert isinstance(value, dict)
            req: dict[str, Any] = {k: (frozenset(v) if isinstance(v, list) else v) for k, v in value.items()}
            values[name] = Requirements(**req)
        elif name in _SET_FIELDS:
            values[name] = frozenset(value)  # type: ignore[arg-type,call-overload,unused-ignore]
        elif name == "sectors":
            values[name] = tuple(value)  # type: ignore[arg-type,call-overload,unused-ignore]
        elif name in _DATE_FIELDS:
            values[name] = datetime.date.fromisoformat(value) if value else None  # type: ignore[arg-type,call-overload,unused-ignore]
        else:
            values[name] = value
    return Profile(**values)  # type: ignore[arg-type,call-overload,unused-ignore]


def _partnership_to_json(p: PastPartnership) -> dict[str, object]:
    return {f.name: _jsonable(getattr(p, f.name)) for f in fields(PastPartnership)}


def _partnership_from_json(d: dict[str, object]) -> PastPartnership:
    return PastPartnership(
        key=str(d["key"]),
        firm_ids=tuple(d["firm_ids"]),  # type: ignore[arg-type,call-overload,unused-ignore]
        started_on=datetime.date.fromisoformat(str(d["started_on"])),
        ended_on=datetime.date.fromisoformat(str(d["ended_on"])) if d["ended_on"] else None,
        fields=frozenset(d["fields"]),  # type: ignore[arg-type,call-overload,unused-ignore]
        arrangement_types=frozenset(d["arrangement_types"]),  # type: ignore[arg-type,call-overload,unused-ignore]
    )
