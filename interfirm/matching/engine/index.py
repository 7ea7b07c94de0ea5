"""``MatchingIndex``: profiles held as numpy columns for fast filtering and scoring.

``suggest`` runs the named stages: the hard rules (``candidates``) as a vectorised mask on the
structured columns; a vectorised score of every feature over all rows (``_approx``); a shortlist
(``params["shortlist"]`` rows, at least 3 x k) taken with ``np.argpartition(-x, m)``; on the shortlist
the exact values of the two features whose vectorised form is only an upper bound (requirements met,
and the candidate's own geographic preferences); ``rank``; and last the full ``score`` of each
feature function for the k suggestions kept, with the reasons users see. The vectorised forms are
equal to the feature functions or an upper bound, so the exact stage can only correct an estimate.

What makes it fast (``bench/matching.py``):
- no column is gathered per query: every feature is computed over the whole columns (float32) and the
  hard rules applied as one mask at the end;
- what does not depend on the query (readiness, freshness, track record, the candidate's half of
  geography, the open/closed state) is one cached array per day and algorithm;
- the network features touch only the rows of firms with a signal (a firm -> rows table);
- sectors are compared as 3 slots x 4 levels of int16 codes; the level reached is the number of
  levels equal (the codes are nested), so no per-level ``where`` chain;
- reasons are written only for the suggestions returned.

What makes it small: a profile is kept as its pickle (about 500 bytes, not 2.5 KB of Python objects)
and unpickled only when it is shortlisted or asked for; the text index is built from one flat array
of term ids (no dict per document).

Incremental: ``add`` / ``update`` / ``remove`` change one profile in place (new text goes to a small
delta scored apart, folded into the main matrix by ``compact``, which ``add`` calls itself when the
delta grows past 5 000 rows). ``save`` / ``load`` write and read one ``.npz`` file.

Web workers: set BLAS to one thread per process (``limit_blas_threads()``), or latency triples under
load; the engine only uses sparse products and elementwise numpy, which do not use BLAS threads.
"""

from __future__ import annotations

import datetime
import functools
import gc
import json
import multiprocessing
import os
import pickle
import zlib
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .algorithms import DEFAULT
from .candidates import hard_rule_violation
from .features import (
    ISIC_SECTIONS,
    MatchContext,
    _requirement_count,
    _sector_parts,
    corridor,
    geography,
    requirements_value,
)
from .network import NetworkGraph, NetworkSignals, network_signals
from .scoring import scored
from .text import THESAURUS, Vocabulary, tokens
from .types import (
    SUGGESTABLE_STATUSES,
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

_KIND = {"offer": 0, "request": 1, "profile": 2}
_DOMAIN_BITS = {"technology": 1, "production": 2, "marketing": 4, "investment": 8}
_SIZE = {"micro": 0, "small": 1, "medium": 2, "large": 3}
_ECONOMY = {"developed": 0, "developing": 1, "transition": 2}
_FAR_FUTURE = datetime.date(9999, 12, 31).toordinal()
_DELTA_LIMIT = 5000
_SLOTS = 3  # sectors per profile held in the columns (the exact score uses all of them)
_LEVELS = 4  # section, division, group, class
_PICKLE = pickle.HIGHEST_PROTOCOL
_CONCEPT_BIT = {"#" + name: 1 << i for i, name in enumerate(THESAURUS)}  # the thesaurus has < 63
_CONCEPT_NAME = {bit: name[1:] for name, bit in _CONCEPT_BIT.items()}


def _concept_mask(terms: Iterable[str]) -> int:
    out = 0
    for term in terms:
        if term.startswith("#"):
            out |= _CONCEPT_BIT.get(term, 0)
    return out


@functools.lru_cache(maxsize=4096)
def _concept_names(mask: int) -> frozenset[str]:
    return frozenset(name for bit, name in _CONCEPT_NAME.items() if mask & bit)


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
    """A stable bit (of 63) for a certification, language or region code, for the upper-bound filter."""
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


class _Lru:
    """A small least-recently-used cache of what depends on a few attributes of the query (feature
    columns, network signals), emptied when the index changes (``version``)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.version = -1
        self.data: OrderedDict[object, Any] = OrderedDict()

    def get(self, version: int, key: object, make: Callable[[], Any]) -> Any:
        """Return the value under ``key``, made by ``make()`` (and held) when missing."""
        if version != self.version:
            self.data.clear()
            self.version = version
        try:
            value = self.data[key]
            self.data.move_to_end(key)
            return value
        except KeyError:
            pass
        value = make()
        try:
            self.data[key] = value
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        except KeyError:  # another thread emptied it meanwhile (a web worker's threads share it)
            pass
        return value


_COLUMN_CACHE_BYTES = 16 << 20  # per kind of cached feature column (a float32 per row each)
_LOADED_LIMIT = 4096  # unpickled profiles held (``suggest_many`` holds more while it runs)
_BATCH_LOADED_LIMIT = 30_000
# Up to this many rows, a batch unpickles every profile once before it starts (~40 µs each; a query
# would otherwise unpickle ~20 of its shortlist, most of them again for the next query). Above it, the
# batch holds the last ``_BATCH_LOADED_LIMIT`` (memory: ~1.5 KB per profile held).
_BATCH_HOLD_ALL = 300_000


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
        self._blobs: list[bytes | None] = []
        self._keys: list[str] = []
        self._row: dict[str, int] = {}
        self._country: dict[str, int] = {}
        self._orgtype: dict[str, int] = {}
        self._arrangement: dict[str, int] = {}
        # Exact bit ids of certifications, languages, sizes and org types (of 63 each; a row with a
        # name past 63 is not ``exact`` and its requirements are checked on its profile).
        self._names: dict[str, dict[str, int]] = {"cert": {}, "lang": {}, "size": {}, "type": {}}
        self._slots_used = 0
        self._version = 0  # bumped by every change: the per-day cache and the firm table follow it
        self._daily: tuple[tuple[object, ...], dict[str, np.ndarray]] | None = None
        self._firm_table: tuple[int, np.ndarray, np.ndarray] | None = None
        self._columns_held: dict[str, _Lru] = {}  # feature columns by the query attributes they read
        self._signals_held = _Lru(4)  # network signals by (firm, fields, date, parameters)
        self._details_held = _Lru(64)  # the network details of the reasons, by what they read
        self._network_held = _Lru(8)  # the network term of the rows, by signals and weights
        self._loaded: dict[int, Profile] = {}  # unpickled profiles by row (emptied when full)
        self._loaded_limit = _LOADED_LIMIT
        self._batch_depth = 0  # ``batch_session`` blocks entered
        self._alloc(16)
        self.vocabulary = Vocabulary()
        term_id = self.vocabulary.term_id
        flat = array("i")
        ends = array("q")
        for p in profiles:
            if p.key in self._row:  # the last profile of a key wins, as with ``add``
                self.remove(p.key)
            row = self._put(p)
            terms = tokens(p.text + " " + p.seeks_text)
            self._cols["concepts"][row] = _concept_mask(terms)
            for term in terms:
                tid = term_id.get(term)
                if tid is None:
                    tid = term_id[term] = len(term_id)
                flat.append(tid)
            ends.append(len(flat))
        self._text = self._build_text(
            np.frombuffer(flat, dtype=np.int32), np.frombuffer(ends, dtype=np.int64)
        )
        self._text_rows = self._n
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
        "regions": (np.int64, 0),
        "has_capacity": (np.bool_, False),
        "geo_pref": (np.bool_, False),
        "asks": (np.bool_, False),
        "concepts": (np.int64, 0),  # the thesaurus concepts of the text, for the reason
        # The exact form of requirements met (``_requirements_exact``): what the row holds and asks.
        "cert_bits": (np.int64, 0),
        "lang_bits": (np.int64, 0),
        "size_bit": (np.int64, 0),
        "type_bit": (np.int64, 0),
        "req_count": (np.int16, 0),
        "req_certs": (np.int64, 0),
        "req_langs": (np.int64, 0),
        "req_capacity": (np.bool_, False),
        "req_sizes": (np.int64, 0),
        "req_types": (np.int64, 0),
        "exact": (np.bool_, False),
    }

    def _alloc(self, capacity: int) -> None:
        self._n = 0
        self._cols: dict[str, np.ndarray] = {
            name: np.full(capacity, default, dtype=dtype) for name, (dtype, default) in self._COLUMNS.items()
        }
        # One int16 row per (slot, level): section, division, group, class codes of each sector slot.
        self._sectors = np.full((_SLOTS * _LEVELS, capacity), -1, dtype=np.int16)

    def _grow(self) -> None:
        capacity = len(self._cols["ok"])
        if self._n < capacity:
            return
        new = capacity * 2
        for name, (dtype, default) in self._COLUMNS.items():
            col: np.ndarray = np.full(new, default, dtype=dtype)
            col[:capacity] = self._cols[name]
            self._cols[name] = col
        sectors = np.full((_SLOTS * _LEVELS, new), -1, dtype=np.int16)
        sectors[:, :capacity] = self._sectors
        self._sectors = sectors

    def _sector_code(self, code: str) -> tuple[int, int, int, int]:
        """Return the nested int codes of an ISIC code; a division with no known section gets a
        section of its own (100 + division), so equal levels always nest."""
        section, division, group, cls = _sector_parts(code, self.sections)
        sec = ord(section) - 64 if section else (100 + int(division) if division else -1)
        return (
            sec,
            int(division) if division else -1,
            int(group) if group else -1,
            int(cls) if cls else -1,
        )

    def _put(self, p: Profile) -> int:
        self._grow()
        row = self._n
        self._n += 1
        self._version += 1
        self._blobs.append(pickle.dumps(p, _PICKLE))
        self._keys.append(p.key)
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
        c["economy"][row] = _ECONOMY.get(p.economy_group, -1)
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
        c["regions"][row] = _mask(p.regions)
        c["has_capacity"][row] = bool(p.capacity)
        r = p.requires
        c["geo_pref"][row] = bool(r.countries or r.regions or r.economy_groups or r.corridors)
        c["asks"][row] = bool(
            r.certifications or r.languages or r.capacity or r.partner_sizes or r.partner_types
        )
        exact = True
        for column, space, names in (
            ("cert_bits", "cert", p.certifications),
            ("lang_bits", "lang", p.languages),
            ("size_bit", "size", (p.size_class,) if p.size_class else ()),
            ("type_bit", "type", (p.org_type,)),
            ("req_certs", "cert", r.certifications),
            ("req_langs", "lang", r.languages),
            ("req_sizes", "size", r.partner_sizes),
            ("req_types", "type", r.partner_types),
        ):
            bits, known = self._exact_bits(space, names, grow=True)
            c[column][row] = bits
            exact &= known
        c["exact"][row] = exact
        c["req_count"][row] = _requirement_count(r)
        c["req_capacity"][row] = bool(r.capacity)
        for slot, code in enumerate(p.sectors[:_SLOTS]):
            self._sectors[slot * _LEVELS : (slot + 1) * _LEVELS, row] = self._sector_code(code)
            self._slots_used = max(self._slots_used, slot + 1)
        return row

    def _exact_bits(self, space: str, names: Iterable[str], *, grow: bool) -> tuple[int, bool]:
        """Return the exact bits of ``names`` in ``space`` and whether each has one (a name past the
        63rd has none; an unknown name has none when not ``grow``: no row holds it)."""
        ids = self._names[space]
        bits, known = 0, True
        for name in names:
            i = ids.get(name)
            if i is None:
                if not grow:
                    continue
                i = ids[name] = len(ids)
            if i < 63:
                bits |= 1 << i
            else:
                known = False
        return bits, known

    def _build_text(self, flat: np.ndarray, ends: np.ndarray) -> sp.csr_matrix:
        """Return the term x row matrix (postings by term) of L2-normalised TF-IDF weights, from the
        term ids of every row (``flat``, row ``i`` ending at ``ends[i]``); fit the vocabulary."""
        n = len(ends)
        n_terms = max(len(self.vocabulary.term_id), 1)
        docs_parts, terms_parts, counts_parts = [], [], []
        chunk = 100_000  # rows at a time: the sort of (row, term) pairs stays small at a million rows
        for a in range(0, n, chunk):
            b = min(n, a + chunk)
            lo = int(ends[a - 1]) if a else 0
            hi = int(ends[b - 1]) if b else 0
            lengths = np.diff(np.concatenate(([lo], ends[a:b])))
            docs = np.repeat(np.arange(a, b, dtype=np.int64), lengths)
            pairs, counts = np.unique(docs * n_terms + flat[lo:hi], return_counts=True)
            docs_parts.append((pairs // n_terms).astype(np.int32))
            terms_parts.append((pairs % n_terms).astype(np.int32))
            counts_parts.append(counts.astype(np.float32))
        d = np.concatenate(docs_parts) if docs_parts else np.zeros(0, dtype=np.int32)
        t = np.concatenate(terms_parts) if terms_parts else np.zeros(0, dtype=np.int32)
        tf = np.concatenate(counts_parts) if counts_parts else np.zeros(0, dtype=np.float32)
        vocabulary = self.vocabulary
        vocabulary.n_docs = n
        vocabulary.doc_freq = np.bincount(t, minlength=len(vocabulary.term_id)).tolist()
        vocabulary.freeze()
        idf = np.asarray(vocabulary.idf, dtype=np.float64)
        weights = (1.0 + np.log(tf)) * (idf[t] if len(idf) else 0.0)
        norm = np.sqrt(np.bincount(d, weights * weights, minlength=n))
        weights = (weights / np.where(norm[d] > 0, norm[d], 1.0)).astype(np.float32)
        indptr = np.concatenate(([0], np.cumsum(np.bincount(d, minlength=n)))).astype(np.int64)
        by_row = sp.csr_matrix((weights, t, indptr), shape=(n, n_terms))
        return by_row.T.tocsr()

    # -- incremental updates ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, key: object) -> bool:
        return key in self._row

    def __iter__(self) -> Iterator[Profile]:
        """Iterate over the live profiles (unpickled one at a time)."""
        for blob in self._blobs:
            if blob is not None:
                yield pickle.loads(blob)  # noqa: S301 (written by this index, never read from outside)

    def _profile(self, row: int) -> Profile | None:
        """Return the profile of ``row`` (unpickled once and held while the index holds few: a
        profile is immutable, and the shortlists of nearby queries share rows)."""
        held = self._loaded.get(row)
        if held is not None:
            return held
        blob = self._blobs[row]
        if blob is None:
            return None
        profile: Profile = pickle.loads(blob)  # noqa: S301 (written by this index)
        if len(self._loaded) >= self._loaded_limit:
            self._loaded.clear()
        self._loaded[row] = profile
        return profile

    def _load(self, row: int) -> Profile:
        """Return the profile of a live ``row``."""
        profile = self._profile(row)
        assert profile is not None
        return profile

    def get(self, key: str) -> Profile | None:
        """Return the profile stored under ``key``, or None."""
        row = self._row.get(key)
        return None if row is None else self._profile(row)

    def add(self, profile: Profile) -> None:
        """Add ``profile`` (or replace the one with the same key)."""
        if profile.key in self._row:
            self.remove(profile.key)
        row = self._put(profile)
        terms = tokens(profile.text + " " + profile.seeks_text)
        self._cols["concepts"][row] = _concept_mask(terms)
        self._delta[row] = self.vocabulary.vector(terms, grow=True)
        if len(self._delta) > _DELTA_LIMIT:
            self.compact()

    update = add

    def remove(self, key: str) -> bool:
        """Remove the profile under ``key``; return whether there was one."""
        row = self._row.pop(key, None)
        if row is None:
            return False
        self._version += 1
        self._blobs[row] = None
        self._loaded.pop(row, None)
        self._cols["ok"][row] = False
        self._delta.pop(row, None)
        return True

    def compact(self) -> None:
        """Rebuild the columns and the text matrix without the removed rows (and the delta)."""
        fresh = MatchingIndex(iter(self), self.network, algorithm=self.algorithm, sections=self.sections)
        self.__dict__.update(fresh.__dict__)

    # -- what does not depend on the query -------------------------------------------------------

    def _firm_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Return (pointer, rows): the rows of graph firm ``f`` are ``rows[pointer[f]:pointer[f+1]]``."""
        if self._firm_table is None or self._firm_table[0] != self._version:
            frow = self._cols["firm_row"][: self._n]
            rows = np.flatnonzero(frow >= 0)
            order = rows[np.argsort(frow[rows], kind="stable")]
            counts = np.bincount(frow[rows], minlength=self.graph.n_firms)
            pointer = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
            self._firm_table = (self._version, pointer, order)
        return self._firm_table[1], self._firm_table[2]

    def _static(
        self, today: datetime.date, algorithm: Algorithm, w: Mapping[str, float]
    ) -> dict[str, np.ndarray]:
        """Return the arrays that depend only on the date and the algorithm (cached): ``open`` (the
        hard rules of status and deadline) and ``prior`` (the weighted readiness, freshness, track
        record and the candidate's own half of geography)."""
        key = (
            today.toordinal(),
            algorithm.version,
            tuple(sorted(w.items())),
            tuple(sorted(algorithm.params.items())),
            self._version,
        )
        if self._daily is not None and self._daily[0] == key:
            return self._daily[1]
        n = self._n
        c = {name: col[:n] for name, col in self._cols.items()}
        day = today.toordinal()
        prior = np.zeros(n, dtype=np.float32)
        if w.get("readiness"):
            prior += np.float32(w["readiness"]) * c["readiness"]
        if w.get("freshness"):
            age = np.maximum(0, day - c["published"].astype(np.int64))
            half_life = float(algorithm.params.get("freshness_half_life_days", 90.0))
            fresh = np.where(c["published"] >= 0, np.power(0.5, age / half_life), 0.5)
            left = c["deadline"].astype(np.int64) - day
            fresh = np.where((left >= 0) & (left < 7), fresh * 0.5, fresh)
            prior += (w["freshness"] * fresh).astype(np.float32)
        if w.get("track_record"):
            g = self.graph
            recency = g.recency(today, float(algorithm.params.get("half_life_days", 1095.0)))
            activity = g.incidence @ recency if g.n_parts else np.zeros(g.n_firms)
            act_max = float(activity.max()) if len(activity) else 0.0
            frow = c["firm_row"]
            known = frow >= 0
            safe = np.where(known, frow, 0)
            degree = np.where(known, g.degree[safe], 0.0) if g.n_firms else np.zeros(n)
            act = np.where(known, activity[safe], 0.0) if g.n_firms else np.zeros(n)
            from_graph = np.log1p(act) / np.log1p(max(act_max, 1.0))
            from_profile = np.log1p(c["completed"].astype(float)) / np.log1p(max(act_max, 10.0))
            track = np.clip(np.where(degree > 0, from_graph, from_profile), 0.0, 1.0)
            prior += (w["track_record"] * track).astype(np.float32)
        if w.get("geography"):
            prior += (w["geography"] / 2 * np.where(c["geo_pref"], 1.0, 0.6)).astype(np.float32)
        out = {"prior": prior, "open": c["ok"] & (c["deadline"] >= day)}
        self._daily = (key, out)
        return out

    # -- suggestions -----------------------------------------------------------------------------

    def context(self, query: Profile, *, today: datetime.date, algorithm: Algorithm) -> MatchContext:
        """Return the feature context of ``query`` (its network signals computed once)."""
        params = algorithm.params

        def make() -> NetworkSignals:
            return network_signals(
                self.graph,
                firm_id=query.firm_id,
                fields=query.keywords,
                today=today,
                half_life_days=float(params.get("half_life_days", 1095.0)),
                field_half_life_days=float(params.get("field_half_life_days", 730.0)),
                tie_half_life_days=float(params.get("tie_half_life_days", 0.0)) or None,
                tie_reference_parties=float(params.get("tie_reference_parties", 0.0)),
                follow_up_days=float(params.get("follow_up_days", 0.0)),
                incidental_tie=float(params.get("incidental_tie", 1.0)),
            )

        # The signals read only the firm, its fields, the date and the parameters (queries of one
        # firm, next to each other in a batch, share them); nothing downstream writes into them.
        key = (query.firm_id, query.keywords, today.toordinal(), tuple(sorted(params.items())))
        signals = self._signals_held.get(self._version, key, make)
        ctx = MatchContext(today, params, self.graph, signals, self.vocabulary, self.sections)
        self._share_details(ctx, today, put=False)
        return ctx

    def _share_details(self, ctx: MatchContext, today: datetime.date, *, put: bool) -> None:
        """Fill ``ctx`` with the network details of the reasons already computed for another query
        (``put=False``), or keep those ``ctx`` computed (``put=True``). They read only the query firm
        (``shared``, ``chosen``, ``common``) or its fields and the date (``field``)."""
        sig = ctx.signals
        keys = {
            "shared": ("shared", sig.query_row),
            "chosen": ("chosen", sig.query_row),
            "common": ("common", sig.query_row),
            "field": ("field", sig.query_fields, today.toordinal()),
        }
        held = self._details_held
        if held.version != self._version:
            held.get(self._version, None, lambda: None)  # empties it for the new version
        for name, key in keys.items():
            if put:
                if name in ctx._cache and key not in held.data:
                    held.get(self._version, key, lambda name=name: ctx._cache[name])  # type: ignore[misc]
            elif key in held.data:
                ctx._cache[name] = held.get(self._version, key, lambda: None)

    def _mask(
        self,
        query: Profile,
        open_rows: np.ndarray,
        *,
        exclude: Collection[str],
        exclude_firms: Collection[int],
        allowed: Collection[str] | None,
    ) -> np.ndarray:
        n = self._n
        c = self._cols
        mask = open_rows & (c["firm_id"][:n] != query.firm_id)
        if query.group_id is not None:
            mask &= c["group_id"][:n] != query.group_id
        if query.kind in ("offer", "request"):
            mask &= c["kind"][:n] != _KIND[query.kind]
        if exclude_firms:
            mask &= ~np.isin(c["firm_id"][:n], np.fromiter(exclude_firms, dtype=np.int64))
        for key in exclude:
            row = self._row.get(key)
            if row is not None:
                mask[row] = False
        if allowed is not None:
            keep = np.zeros(n, dtype=bool)
            keep[[self._row[k] for k in allowed if k in self._row]] = True
            mask &= keep
        return mask

    def _text_scores(self, query: Profile) -> np.ndarray:
        """Return the cosine similarity of ``query``'s text with every row's (float32)."""
        qvec = self.vocabulary.vector(tokens(query.text + " " + query.seeks_text))
        full = np.zeros(self._n, dtype=np.float32)
        if not qvec:
            return full
        terms = np.fromiter((t for t in qvec if t < self._text.shape[0]), dtype=np.int64)
        if len(terms):
            weights = np.asarray([qvec[int(t)] for t in terms], dtype=np.float32)
            full[: self._text_rows] = self._text[terms].T @ weights
        for row, vec in self._delta.items():
            full[row] = sum(w * vec.get(t, 0.0) for t, w in qvec.items())
        return full

    def _there(self, query: Profile) -> np.ndarray | float:
        """Return whether each row is where ``query`` looks for a partner (exact but for region bits),
        or 0.6 for every row when it states no preference."""
        req = query.requires
        if not (req.countries or req.regions or req.economy_groups or req.corridors):
            return 0.6
        c = {
            name: col[: self._n]
            for name, col in self._cols.items()
            if name in ("country", "economy", "ldc", "regions")
        }
        ok = np.zeros(self._n, dtype=bool)
        if req.countries:
            ok |= np.isin(c["country"], [self._country[x] for x in req.countries if x in self._country])
        if req.regions:
            ok |= (c["regions"] & _mask(req.regions)) != 0
        if req.economy_groups:
            ok |= np.isin(c["economy"], [_ECONOMY[g] for g in req.economy_groups if g in _ECONOMY])
        if req.corridors:
            for group, code in _ECONOMY.items():
                if corridor(query.economy_group, group) in req.corridors:
                    ok |= c["economy"] == code
            if "ldc" in req.corridors:
                ok |= c["ldc"] | query.is_ldc
        return ok.astype(np.float32)

    def _requirements_bound(self, query: Profile) -> np.ndarray | float:
        """Return an upper bound of requirements met (1.0 everywhere when ``query`` asks nothing: the
        candidate's own requirements are checked exactly on the shortlist)."""
        req = query.requires
        asked = len(req.certifications) + sum(
            1 for x in (req.languages, req.capacity, req.partner_sizes, req.partner_types) if x
        )
        if not asked:
            return 1.0
        n = self._n
        c = self._cols
        met = np.zeros(n, dtype=np.float32)
        for cert in req.certifications:
            met += (c["certs"][:n] & _bit(cert)) != 0
        if req.languages:
            met += (c["langs"][:n] & _mask(req.languages)) != 0
        if req.capacity:
            met += c["has_capacity"][:n]
        if req.partner_sizes:
            size = c["size"][:n]
            met += (size < 0) | np.isin(size, [_SIZE[s] for s in req.partner_sizes if s in _SIZE])
        if req.partner_types:
            met += np.isin(
                c["orgtype"][:n], [self._orgtype[t] for t in req.partner_types if t in self._orgtype]
            )
        return met / np.float32(asked)

    def _requirements_exact(self, query: Profile, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """Return ``requirements_value`` of ``query`` with each of ``rows`` (float64, the same tests
        as ``features.requirement_gaps`` on the exact bit columns) and where it holds (``exact``
        rows); None when a name of the query's requirements is past the 63rd of its kind."""
        q = query.requires
        want = {}
        unknown_certs = sum(1 for x in q.certifications if x not in self._names["cert"])
        for space, names in (
            ("cert", q.certifications),
            ("lang", q.languages),
            ("size", q.partner_sizes),
            ("type", q.partner_types),
        ):
            bits, known = self._exact_bits(space, names, grow=False)
            if not known:
                return None
            want[space] = np.int64(bits)
        has = {
            space: np.int64(self._exact_bits(space, names, grow=False)[0])
            for space, names in (
                ("cert", query.certifications),
                ("lang", query.languages),
                ("size", (query.size_class,) if query.size_class else ()),
                ("type", (query.org_type,)),
            )
        }
        c = {
            name: col[rows]
            for name, col in self._cols.items()
            if name.startswith("req_")
            or name in ("cert_bits", "lang_bits", "size_bit", "type_bit", "has_capacity", "exact")
        }
        missing = np.zeros(len(rows), dtype=np.int64)
        # What the query asks of each row.
        if q.certifications:
            missing += np.bitwise_count(want["cert"] & ~c["cert_bits"]).astype(np.int64) + unknown_certs
        if q.languages:
            missing += (c["lang_bits"] & want["lang"]) == 0
        if q.capacity:
            missing += ~c["has_capacity"]
        if q.partner_sizes:
            missing += (c["size_bit"] != 0) & ((c["size_bit"] & want["size"]) == 0)
        if q.partner_types:
            missing += (c["type_bit"] & want["type"]) == 0
        # What each row asks of the query.
        missing += np.bitwise_count(c["req_certs"] & ~has["cert"]).astype(np.int64)
        missing += (c["req_langs"] != 0) & ((c["req_langs"] & has["lang"]) == 0)
        if not query.capacity:
            missing += c["req_capacity"]
        if query.size_class:
            missing += (c["req_sizes"] != 0) & ((c["req_sizes"] & has["size"]) == 0)
        missing += (c["req_types"] != 0) & ((c["req_types"] & has["type"]) == 0)
        asked = _requirement_count(q) + c["req_count"].astype(np.int64)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where((asked == 0) | (missing == 0), 1.0, np.maximum(0.0, (asked - missing) / asked))
        return value, c["exact"]

    @staticmethod
    def _lift_table(
        graph_ids: Mapping[str, int],
        lift: np.ndarray,
        query_value: str,
        local_ids: Mapping[str, int],
        gamma: float,
    ) -> np.ndarray | None:
        """Return the affinity of ``query_value`` with each local id, shifted by one (index 0: unknown),
        or None when the query's value has no partnership on record (0.5 for every row)."""
        a = graph_ids.get(query_value)
        if a is None:
            return None
        table = np.full(len(local_ids) + 1, 0.5, dtype=np.float32)
        for name, local in local_ids.items():
            b = graph_ids.get(name)
            if b is not None:
                x = max(float(lift[a, b]), 1e-9) ** gamma
                table[local + 1] = x / (1.0 + x)
        return table

    @staticmethod
    def _add_lookup(approx: np.ndarray, table: np.ndarray | None, column: np.ndarray, weight: float) -> None:
        """Add ``weight`` x ``table[column + 1]`` to ``approx`` (0.5 for every row without a table)."""
        if table is None:
            approx += np.float32(0.5 * weight)
        else:
            approx += table[column + 1] * np.float32(weight)

    def _network_by_firm(self, ctx: MatchContext, w: Mapping[str, float]) -> np.ndarray:
        """Return the weighted network features per graph firm (zero where a firm has no signal).

        Each signal is nonzero for few firms, and each transform is 0 at 0, so it is computed and
        added only where the signal is nonzero (the same values, element by element)."""
        sig = ctx.signals
        out = np.zeros(self.graph.n_firms)

        def add(signal: np.ndarray, weight: float, transform: Callable[[np.ndarray], np.ndarray]) -> None:
            nz = np.flatnonzero(signal)
            if len(nz):
                out[nz] += weight * transform(signal[nz])

        tie = ctx.param("tie_scale", 1.0)
        if sig.query_row >= 0:
            if w.get("past_partners"):
                add(sig.shared, w["past_partners"], lambda x: 1.0 - np.exp(-x / tie))
            if w.get("past_partners_in_field"):
                add(sig.shared_in_field, w["past_partners_in_field"], lambda x: 1.0 - np.exp(-x / tie))
        if w.get("network_proximity") and sig.proximity_max > 0:
            power = ctx.param("proximity_power", 0.5)
            add(sig.proximity, w["network_proximity"], lambda x: np.power(x / sig.proximity_max, power))
        if w.get("proximity_in_field") and sig.proximity_in_field_max > 0:
            top = np.log1p(sig.proximity_in_field_max)
            add(
                sig.proximity_in_field,
                w["proximity_in_field"],
                lambda x: np.clip(np.log1p(x) / top, 0.0, 1.0),
            )
        if w.get("follow_up"):
            scale = ctx.param("follow_up_scale", 0.5)
            add(sig.follow_up, w["follow_up"], lambda x: 1.0 - np.exp(-x / scale))
        if w.get("field_activity") and sig.query_fields and sig.field_max > 0:
            top = np.log1p(sig.field_max)
            add(sig.field, w["field_activity"], lambda x: np.clip(np.log1p(x) / top, 0.0, 1.0))
        return out

    def _held(self, kind: str, key: object, make: Callable[[], Any]) -> Any:
        """Return what ``make()`` computes for ``key`` among the cached columns of ``kind`` (a few
        dozen per kind, 16 MB at most; emptied when the index changes). A column held is never
        written to."""
        lru = self._columns_held.get(kind)
        if lru is None:
            size = max(4, min(64, _COLUMN_CACHE_BYTES // max(4 * self._n, 1)))
            lru = self._columns_held[kind] = _Lru(size)
        return lru.get(self._version, key, make)

    def _domain_columns(
        self, q_off: int, q_seek: int, q_arr: int, w_comp: float, w_mut: float
    ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Return the weighted complementarity and mutuality of every row for a query offering
        ``q_off`` and seeking ``q_seek`` (domain bits), open to the arrangements ``q_arr``."""
        n = self._n
        c = self._cols
        gives = (c["sought"][:n] & q_off) != 0
        gets = (c["offered"][:n] & q_seek) != 0
        comp = mut = None
        if w_comp:
            meets = gives | gets
            if q_arr:
                common = (c["arrangements"][:n] & q_arr) != 0
                comp = np.where(meets, np.where(common, 1.0, 0.7), 0.0).astype(np.float32) * np.float32(
                    w_comp
                )
            else:
                comp = meets * np.float32(0.7 * w_comp)
        if w_mut:
            mut = (gives & gets) * np.float32(w_mut)
        return comp, mut

    def _sector_column(self, sectors: tuple[str, ...], weight: float) -> np.ndarray:
        """Return the weighted sector fit of every row for a query in ``sectors``."""
        n = self._n
        best = np.zeros(n, dtype=np.uint8)
        for code in sectors:
            qs = self._sector_code(code)
            for slot in range(self._slots_used):
                level = np.zeros(n, dtype=np.uint8)
                for i, value in enumerate(qs):
                    if value >= 0:
                        level += self._sectors[slot * _LEVELS + i, :n] == value
                np.maximum(best, level, out=best)
        return best * np.float32(0.25 * weight)

    def _approx(
        self,
        query: Profile,
        ctx: MatchContext,
        algorithm: Algorithm,
        w: Mapping[str, float],
        prior: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | float, np.ndarray | float]:
        """Return the estimated score of every row (the weighted mean of the vectorised features), the
        text similarities, and the requirements and "where the query looks" bounds (for the exact stage).

        Every feature but the text and the network reads a few attributes of the query only (its
        domains and arrangements, sectors, requirements, geographic preference, size, country and
        type): its weighted column is cached under them (``_held``), and added in the same order."""
        n = self._n
        c = self._cols
        approx = prior.copy()
        q_off, q_seek = _domains(query.offered_domains()), _domains(query.sought_domains())
        w_comp, w_mut = w.get("complementarity", 0.0), w.get("mutuality", 0.0)
        if (w_comp or w_mut) and (q_off or q_seek):
            q_arr = 0
            if w_comp:
                for a in query.arrangement_types:
                    if a in self._arrangement:
                        q_arr |= 1 << (self._arrangement[a] % 63)
            comp, mut = self._held(
                "domains",
                (q_off, q_seek, q_arr, w_comp, w_mut),
                lambda: self._domain_columns(q_off, q_seek, q_arr, w_comp, w_mut),
            )
            if comp is not None:
                approx += comp
            if mut is not None:
                approx += mut
        if w.get("sector_fit") and query.sectors and self._slots_used:
            weight = w["sector_fit"]
            approx += self._held(
                "sectors", (query.sectors, weight), lambda: self._sector_column(query.sectors, weight)
            )
        sims = self._text_scores(query) if w.get("text_relevance") else np.zeros(n, dtype=np.float32)
        if w.get("text_relevance"):
            term = sims * np.float32(ctx.param("text_scale", 2.0))
            np.clip(term, 0.0, 1.0, out=term)
            term *= np.float32(w["text_relevance"])
            approx += term
        r = query.requires
        asks = (r.certifications, r.languages, bool(r.capacity), r.partner_sizes, r.partner_types)
        req = self._held("requirements", asks, lambda: self._requirements_bound(query))
        looks = (r.countries, r.regions, r.economy_groups, r.corridors, query.economy_group, query.is_ldc)
        there = self._held("there", looks, lambda: self._there(query))
        if w.get("requirements_met"):
            if isinstance(req, float):
                approx += np.float32(w["requirements_met"]) * req
            else:
                weight = w["requirements_met"]
                approx += self._held("requirements_term", (asks, weight), lambda: np.float32(weight) * req)
        if w.get("geography"):
            if isinstance(there, float):
                approx += np.float32(w["geography"] / 2) * there
            else:
                weight = w["geography"]
                approx += self._held("there_term", (looks, weight), lambda: np.float32(weight / 2) * there)
        if w.get("size_complementarity"):
            qs_size = _SIZE.get(query.size_class, -1)
            if qs_size >= 0:
                weight = w["size_complementarity"]

                def size_column() -> np.ndarray:
                    sizes = np.asarray(
                        [0.5] + [(0.3, 0.6, 0.8, 1.0)[abs(s - qs_size)] for s in range(4)], dtype=np.float32
                    )
                    return sizes[c["size"][:n] + 1] * np.float32(weight)

                approx += self._held("size", (qs_size, weight), size_column)
            else:
                approx += np.float32(0.5 * w["size_complementarity"])
        g = self.graph
        for name, value, graph_ids, lift, local_ids, gamma_name, column in (
            (
                "country_affinity",
                query.country,
                g.country_id,
                g.country_lift,
                self._country,
                "country_gamma",
                "country",
            ),
            (
                "org_type_affinity",
                query.org_type,
                g.type_id,
                g.type_lift,
                self._orgtype,
                "type_gamma",
                "orgtype",
            ),
        ):
            if not w.get(name):
                continue
            weight, gamma = w[name], ctx.param(gamma_name, 1.0)

            def lookup(
                value: str = value,
                graph_ids: Mapping[str, int] = graph_ids,
                lift: np.ndarray = lift,
                local_ids: Mapping[str, int] = local_ids,
                gamma: float = gamma,
                column: str = column,
                weight: float = weight,
            ) -> np.ndarray | None:
                table = self._lift_table(graph_ids, lift, value, local_ids, gamma)
                return None if table is None else table[c[column][:n] + 1] * np.float32(weight)

            term = self._held(name, (value, gamma, weight), lookup)
            if term is None:
                approx += np.float32(0.5 * weight)
            else:
                approx += term
        if self.graph.n_firms:
            idx, values = self._network_term(ctx, w)
            if len(idx):
                approx[idx] += values
        return approx, sims, req, there

    def _network_term(self, ctx: MatchContext, w: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows whose firm has a network signal for this query, and the weighted network
        features of each (float32). They read only the signals (held per query firm, fields, date and
        parameters) and the weights: the queries of one firm, next to each other in a batch, share
        them."""
        signals = ctx.signals

        def make() -> tuple[NetworkSignals, np.ndarray, np.ndarray]:
            by_firm = self._network_by_firm(ctx, w)
            firms = np.flatnonzero(by_firm)
            idx = np.zeros(0, dtype=np.int64)
            values = np.zeros(0, dtype=np.float32)
            if len(firms):
                pointer, rows = self._firm_rows()
                counts = pointer[firms + 1] - pointer[firms]
                total = int(counts.sum())
                if total:
                    starts = np.repeat(pointer[firms] - np.cumsum(counts) + counts, counts)
                    idx = rows[starts + np.arange(total)]
                    values = np.repeat(by_firm[firms], counts).astype(np.float32)
            idx.flags.writeable = values.flags.writeable = False
            return signals, idx, values

        key = (id(signals), tuple(sorted(w.items())))
        held = self._network_held.get(self._version, key, make)
        if held[0] is not signals:  # the id of signals no longer held, reused
            held = self._network_held.data[key] = make()
        return held[1], held[2]

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
        prefer: str = "",
    ) -> Outcome:
        """Return the ``k`` best suggestions for ``query`` with their reasons and gaps.

        ``exclude``: keys the user dismissed; ``exclude_firms``: firm ids never to suggest;
        ``allowed``: when given, only these keys may be suggested (what the viewer may see);
        ``weights``: the installation's overrides of the algorithm's weights; ``one_per_firm``: keep
        the best profile of each firm, or with ``prefer`` (a key prefix such as "opp:") its best
        profile of that kind when it has one in the shortlist. When nothing can be suggested,
        ``Outcome.explanation`` says why.
        """
        today = today or datetime.date.today()
        algorithm = self.algorithm.with_weights(weights)
        if not self._row:
            return Outcome((), "no suggestions yet, because nothing has been published", 0)
        from .features import FEATURES

        positive = {name: x for name, x in algorithm.weights.items() if x > 0 and name in FEATURES}
        total = sum(positive.values()) or 1.0
        w = {name: x / total for name, x in positive.items()}
        static = self._static(today, algorithm, w)
        mask = self._mask(
            query, static["open"], exclude=exclude, exclude_firms=exclude_firms, allowed=allowed
        )
        considered = int(np.count_nonzero(mask))
        if not considered:
            return Outcome(
                (),
                "no suggestions yet, because every open profile is your own, of your group, "
                "closed, dismissed or not visible to you",
                0,
            )
        ctx = self.context(query, today=today, algorithm=algorithm)
        approx, sims, req, there = self._approx(query, ctx, algorithm, w, static["prior"])
        m = min(considered, max(int(algorithm.params.get("shortlist", 200.0)), 3 * k))
        top = _best_rows(approx, mask, m) if m < considered else np.flatnonzero(mask)
        query_asks = not isinstance(req, float)
        query_looks = not isinstance(there, float)
        values = approx[top].astype(np.float64)
        w_req, w_geo = w.get("requirements_met", 0.0), w.get("geography", 0.0)
        # Requirements met and geography: their vectorised forms are upper bounds, replaced here by
        # the exact value (requirements from the bit columns where those are exact, else on the
        # profile; geography on the profile), requirements first, then geography, row by row.
        none = np.zeros(len(top), dtype=bool)
        req_on_profile = geo_on_profile = none
        if w_req:
            req_needed = np.ones(len(top), dtype=bool) if query_asks else self._cols["asks"][top]
            req_bound = req[top].astype(np.float64) if query_asks else np.ones(len(top))  # type: ignore[index]
            held = self._requirements_exact(query, top)
            if held is not None:
                met, exact = held
                by_bits = req_needed & exact
                values[by_bits] += w_req * (met[by_bits] - req_bound[by_bits])
                req_on_profile = req_needed & ~exact
            else:
                req_on_profile = req_needed
        if w_geo:
            geo_pref = self._cols["geo_pref"][top]
            geo_on_profile = np.ones(len(top), dtype=bool) if query_looks else geo_pref
            where = there[top].astype(np.float64) if query_looks else np.full(len(top), 0.6)  # type: ignore[index]
            geo_bound = (where + np.where(geo_pref, 1.0, 0.6)) / 2
        loaded: dict[int, Profile] = {}
        top_rows = top.tolist()
        for i in np.flatnonzero(req_on_profile | geo_on_profile).tolist():
            r = top_rows[i]
            profile = loaded[r] = self._load(r)
            value = float(values[i])
            if req_on_profile[i]:
                value += w_req * (requirements_value(query, profile) - float(req_bound[i]))
            if geo_on_profile[i]:
                value += w_geo * (geography(query, profile, ctx)[0] - float(geo_bound[i]))
            values[i] = value
        keys = self._keys
        firm_ids = self._cols["firm_id"][top].tolist()
        shortlist = list(zip(values.tolist(), [keys[r] for r in top_rows], top_rows, firm_ids, strict=True))
        shortlist.sort(key=lambda item: (-item[0], item[1]))
        kept = self._keep(shortlist, k, one_per_firm=one_per_firm, prefer=prefer)
        ctx.text_scores = {key: float(sims[r]) for _, key, r, _ in kept}
        concepts = self._cols["concepts"]
        ctx.concepts = {key: _concept_names(int(concepts[r])) for _, key, r, _ in kept}
        ranked: list[tuple[float, str, int, tuple[Reason, ...], tuple[Gap, ...]]] = []
        for _, _, r, _ in kept:
            candidate = loaded.get(r) or self._profile(r)
            assert candidate is not None
            if hard_rule_violation(  # the mask applies the same rules; this keeps them in one place
                query, candidate, today=today, exclude=exclude, exclude_firms=exclude_firms, allowed=allowed
            ):
                continue
            value, reasons, gaps = scored(query, candidate, ctx, algorithm)
            ranked.append((value, candidate.key, candidate.firm_id, reasons, gaps))
        self._share_details(ctx, today, put=True)
        ranked.sort(key=lambda s: (-s[0], s[1]))
        best = tuple(
            Suggestion(key, firm, value, i, reasons, gaps, algorithm.version)
            for i, (value, key, firm, reasons, gaps) in enumerate(ranked, start=1)
        )
        return Outcome(best, "", considered)

    def suggest_many(
        self,
        queries: Iterable[Profile],
        *,
        k: int = 20,
        today: datetime.date | None = None,
        exclude: Mapping[str, Collection[str]] | None = None,
        exclude_firms: Mapping[str, Collection[int]] | None = None,
        allowed: Collection[str] | None = None,
        weights: Mapping[str, float] | None = None,
        one_per_firm: bool = False,
        prefer: str = "",
        workers: int | None = None,
        chunk: int = 64,
    ) -> Iterator[Outcome]:
        """Yield, in the order of ``queries``, the ``Outcome`` that ``suggest`` returns for each (the
        same suggestions, scores, reasons and gaps): the batch path, for re-matching every profile.

        ``exclude`` / ``exclude_firms``: the keys and firm ids each query's viewer dismissed, by query
        key (a query not in them excludes nothing); the other arguments apply to every query, as in
        ``suggest``. ``workers``: processes to use (default: the cores this process may run on; 1
        computes here). They are forked from this one after the index is built, so they share its
        memory copy-on-write; each takes ``chunk`` queries at a time and sends the outcomes back
        pickled. Lazy: at most two chunks per worker are in flight, so a caller storing outcomes as
        they come holds few of them. Queries of one firm next to each other share their network
        signals (and nearby shortlists their profiles): pass them grouped by firm.
        """
        today = today or datetime.date.today()
        options = {
            "k": k,
            "today": today,
            "allowed": allowed,
            "weights": weights,
            "one_per_firm": one_per_firm,
            "prefer": prefer,
        }
        exclude = exclude or {}
        exclude_firms = exclude_firms or {}
        items = ((q, exclude.get(q.key, ()), exclude_firms.get(q.key, ())) for q in queries)
        if workers is None:
            workers = (
                len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
            )
        with self.batch_session():
            if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
                self._hold_all()
                for query, keys, firms in items:
                    yield self.suggest(query, exclude=keys, exclude_firms=firms, **options)  # type: ignore[arg-type]
            else:
                yield from self._suggest_forked(items, options, workers, chunk)

    def _suggest_forked(
        self,
        items: Iterator[tuple[Profile, Collection[str], Collection[int]]],
        options: dict[str, Any],
        workers: int,
        chunk: int,
    ) -> Iterator[Outcome]:
        global _batch
        _batch = (self, options)
        # Each worker unpickles the profiles it holds itself (``_start_worker``): objects of the
        # parent's that a worker touched would have their pages copied, one fault at a time.
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker)
        _batch = None  # the workers have their copy; the parent keeps none
        forked_at = self._version

        def sent(item: tuple[Profile, Collection[str], Collection[int]]) -> _Item:
            # A query that is the index's own profile (as when re-matching every one) goes as its
            # key: the worker holds it already (its copy of the index is the one forked, unchanged).
            query, keys, firms = item
            row = self._row.get(query.key)
            if (
                row is not None
                and self._version == forked_at
                and pickle.dumps(query, _PICKLE) == self._blobs[row]
            ):
                return query.key, keys, firms
            return item

        tables: dict[int, _Tables] = {}  # each worker's reasons and gaps, by the id it sent them as
        try:
            pending: deque[Any] = deque()
            chunks = _chunks(map(sent, items), max(1, chunk))
            for part in chunks:
                pending.append(pool.apply_async(_suggest_chunk, (pickle.dumps(part, _PICKLE),)))
                if len(pending) >= 2 * workers:
                    yield from _decode(pending.popleft().get(), tables)
            while pending:
                yield from _decode(pending.popleft().get(), tables)
        finally:
            pool.terminate()
            pool.join()

    def _hold_all(self) -> None:
        """Within a batch session, unpickle every profile not held yet (up to ``_BATCH_HOLD_ALL``
        rows) and freeze them out of the garbage collector's walks."""
        if not self._batch_depth or len(self) > _BATCH_HOLD_ALL:
            return
        loaded, blobs = self._loaded, self._blobs
        for row, blob in enumerate(blobs):
            if blob is not None and row not in loaded:
                loaded[row] = pickle.loads(blob)  # noqa: S301 (written by this index)
        gc.freeze()

    def batch_session(self) -> _BatchSession:
        """Prepare the index for many queries, for as long as the ``with`` block lasts: every profile
        unpickled once and held by the process that computes (up to ``_BATCH_HOLD_ALL`` rows;
        above, more of them held than usual), and the garbage collector's generations frozen, so
        that the batch's allocations do not make it walk the held profiles again and again. ``suggest_many`` enters one itself; enter one around several of its calls (or to time
        the preparation apart, as ``bench/matching.py`` does) and they share it. Not for a web
        process: the freeze is the whole process's."""
        return _BatchSession(self)

    def feature_scores(
        self, query: Profile, *, today: datetime.date, names: Iterable[str]
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Return the rows ``query`` may be suggested and the vectorised score of each feature of
        ``names`` over them (for tuning weights, ``bench/cordis.py --grid``; not for users)."""
        static_open = self._static(today, self.algorithm, {})["open"]
        rows = np.flatnonzero(self._mask(query, static_open, exclude=(), exclude_firms=(), allowed=None))
        ctx = self.context(query, today=today, algorithm=self.algorithm)
        out = {}
        for name in names:
            one = {name: 1.0}
            prior = self._static(today, self.algorithm, one)["prior"]
            approx = self._approx(query, ctx, self.algorithm, one, prior)[0]
            out[name] = approx[rows].astype(np.float64)
        return rows, out

    def firm_ids(self, rows: np.ndarray) -> np.ndarray:
        """Return the firm id of each of ``rows``."""
        return self._cols["firm_id"][rows]

    @staticmethod
    def _keep(
        shortlist: list[tuple[float, str, int, int]], k: int, *, one_per_firm: bool, prefer: str
    ) -> list[tuple[float, str, int, int]]:
        """Return the ``k`` best of the (sorted) shortlist, one per firm when asked."""
        if not one_per_firm:
            return shortlist[:k]
        chosen: dict[int, tuple[float, str, int, int]] = {}
        for item in shortlist:
            firm = item[3]
            held = chosen.get(firm)
            if held is None:
                if len(chosen) < k:
                    chosen[firm] = item
                elif not prefer:
                    break
            elif prefer and not held[1].startswith(prefer) and item[1].startswith(prefer):
                chosen[firm] = item
        return sorted(chosen.values(), key=lambda item: (-item[0], item[1]))

    def suggest_for_firm(self, firm_profile: Profile, **kwargs: object) -> Outcome:
        """Return suggestions for a whole firm (its ``profile``): the best profile of each other firm."""
        kwargs.setdefault("one_per_firm", True)
        return self.suggest(firm_profile, **kwargs)  # type: ignore[arg-type,call-overload,unused-ignore]

    # -- persistence -----------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write the index (profiles, network, algorithm name) to one ``.npz`` file."""
        payload = {
            "profiles": [_profile_to_json(p) for p in self],
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


# -- the batch path (``MatchingIndex.suggest_many``) ------------------------------------------------

_batch: tuple[MatchingIndex, dict[str, Any]] | None = None  # set in the parent just before the fork


_Item = tuple[Profile | str, Collection[str], Collection[int]]  # a query (or its key) and its exclusions


class _BatchSession:
    """``MatchingIndex.batch_session``: re-entrant; the outermost ``with`` prepares and restores."""

    def __init__(self, index: MatchingIndex) -> None:
        self.index = index

    def __enter__(self) -> None:
        index = self.index
        index._batch_depth += 1
        if index._batch_depth > 1:
            return
        self.before = index._loaded_limit
        if len(index) <= _BATCH_HOLD_ALL:
            index._loaded_limit = len(index._blobs) + _BATCH_LOADED_LIMIT  # the rows added meanwhile too
        else:
            index._loaded_limit = max(self.before, _BATCH_LOADED_LIMIT)
        self.gc_was_frozen = gc.get_freeze_count() > 0
        gc.collect()
        gc.freeze()

    def __exit__(self, *exc: object) -> None:
        index = self.index
        index._batch_depth -= 1
        if index._batch_depth:
            return
        if not self.gc_was_frozen:
            gc.unfreeze()
        index._loaded_limit = self.before
        if len(index._loaded) > self.before:
            index._loaded.clear()


def _best_rows(values: np.ndarray, mask: np.ndarray, m: int) -> np.ndarray:
    """Return the rows of the ``m`` highest ``values`` where ``mask`` holds (fewer than the rows
    masked in), in no order; among equal values at the boundary, any.

    A partition of every row costs ~0.5 ms at 100 000; the m-th best is first bounded from below
    by a partition of every 16th row (its 2m/16-th best, which m rows reach or pass unless the
    sample is unlucky; then the full partition), and only the rows at or above it are partitioned.
    """
    masked = np.where(mask, values, -np.inf)
    np.negative(masked, out=masked)  # ascending partitions: the best are the lowest
    sample = masked[::16]
    j = min(len(sample) - 1, 2 * m // 16)
    bound = np.partition(sample, j)[j]
    if np.isfinite(bound):
        rows = np.flatnonzero(masked <= bound)
        if len(rows) >= m:
            return rows[np.argpartition(masked[rows], m - 1)[:m]]
    return np.argpartition(masked, m - 1)[:m]


def _start_worker() -> None:
    """Run first in each forked worker of ``suggest_many``: hold the profiles in its own memory."""
    assert _batch is not None, "suggest_many's workers are forked with the index"
    _batch[0]._hold_all()


def _chunks(items: Iterator[_Item], size: int) -> Iterator[list[_Item]]:
    part = []
    for item in items:
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


# A worker sends its outcomes compactly: each reason and gap once, as its fields, then by a number
# (most repeat across suggestions and queries); the parent keeps each worker's table, in the order the
# worker sent them (the parent reads a worker's chunks in the order the worker made them). A table
# restarts when it grows past ``_TABLE_LIMIT`` (texts with numbers vary).
_TABLE_LIMIT = 200_000
_REASON_FIELDS = tuple(f.name for f in fields(Reason))
_GAP_FIELDS = tuple(f.name for f in fields(Gap))
_Tables = tuple[list[Reason], list[Gap]]
# In a worker: the number of each reason sent, by its identity (the object held, so that its identity
# is not reused; reasons are shared objects, see ``scoring``), and of each gap, by its value.
_sent: tuple[dict[int, tuple[int, Reason]], dict[Gap, int]] = ({}, {})


def _encode(outcomes: list[Outcome]) -> bytes:
    """Pickle ``outcomes`` with the reasons and gaps this worker had not sent yet."""
    reasons_sent, gaps_sent = _sent
    restart = len(reasons_sent) > _TABLE_LIMIT or len(gaps_sent) > _TABLE_LIMIT
    if restart:
        reasons_sent.clear()
        gaps_sent.clear()
    new_reasons: list[tuple[object, ...]] = []
    new_gaps: list[tuple[object, ...]] = []

    def reason_number(reason: Reason) -> int:
        held = reasons_sent.get(id(reason))
        if held is None:
            held = reasons_sent[id(reason)] = (len(reasons_sent), reason)
            new_reasons.append(tuple(getattr(reason, name) for name in _REASON_FIELDS))
        return held[0]

    def gap_number(gap: Gap) -> int:
        held = gaps_sent.get(gap)
        if held is None:
            held = gaps_sent[gap] = len(gaps_sent)
            new_gaps.append(tuple(getattr(gap, name) for name in _GAP_FIELDS))
        return held

    encoded = [
        (
            outcome.explanation,
            outcome.candidates_considered,
            [
                (
                    s.key,
                    s.firm_id,
                    s.score,
                    s.rank,
                    tuple([reason_number(r) for r in s.reasons]),
                    tuple([gap_number(g) for g in s.gaps]),
                    s.algorithm,
                )
                for s in outcome.suggestions
            ],
        )
        for outcome in outcomes
    ]
    return pickle.dumps((os.getpid(), restart, new_reasons, new_gaps, encoded), _PICKLE)


def _decode(payload: bytes, tables: dict[int, _Tables]) -> list[Outcome]:
    """Return the outcomes a worker encoded, keeping its tables up to date."""
    pid, restart, new_reasons, new_gaps, encoded = pickle.loads(payload)  # noqa: S301 (our own workers)
    if restart or pid not in tables:
        tables[pid] = ([], [])
    reasons, gaps = tables[pid]
    reasons.extend(Reason(*f) for f in new_reasons)
    gaps.extend(Gap(*f) for f in new_gaps)
    return [
        Outcome(
            tuple(
                [
                    Suggestion(
                        key,
                        firm,
                        score,
                        rank,
                        tuple([reasons[i] for i in r]),
                        tuple([gaps[i] for i in g]),
                        alg,
                    )
                    for key, firm, score, rank, r, g, alg in suggestions
                ]
            ),
            explanation,
            considered,
        )
        for explanation, considered, suggestions in encoded
    ]


def _suggest_chunk(payload: bytes) -> bytes:
    """Run in a forked worker: the outcomes of one chunk of queries, encoded."""
    assert _batch is not None, "suggest_many's workers are forked with the index"
    index, options = _batch
    part = pickle.loads(payload)  # noqa: S301 (from the parent process)
    outcomes = [
        index.suggest(
            index._load(index._row[query]) if isinstance(query, str) else query,
            exclude=keys,
            exclude_firms=firms,
            **options,
        )
        for query, keys, firms in part
    ]
    return _encode(outcomes)


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
