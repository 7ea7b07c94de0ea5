"""The network of past partnerships as sparse matrices, and the per-query signals drawn from it.

The graph is bipartite: firms on one side, partnerships on the other (a partnership may have many
parties, like a research consortium). Every signal is recency-weighted: a partnership started
``half_life_days`` before the query date counts half as much as one starting on that date.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .types import Network


def _lift(obs: np.ndarray) -> np.ndarray:
    """Return the smoothed lift (obs + 1) / (expected + 1) of a symmetric co-occurrence matrix."""
    total = obs.sum()
    if total <= 0:
        return np.ones_like(obs)
    row = obs.sum(axis=1)
    expected = np.outer(row, row) / total
    return (obs + 1.0) / (expected + 1.0)


class NetworkGraph:
    """Firms x partnerships incidence, fields of each partnership, country-pair and org-type lifts."""

    def __init__(self, network: Network | None) -> None:
        network = network or Network()
        parts = network.partnerships
        firm_ids = sorted({f for p in parts for f in p.firm_ids} | set(network.firm_country))
        self.firm_ids = np.asarray(firm_ids, dtype=np.int64)
        self.firm_row: dict[int, int] = {f: i for i, f in enumerate(firm_ids)}
        self.n_firms = len(firm_ids)
        self.n_parts = len(parts)
        self.field_id: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        frows: list[int] = []
        fcols: list[int] = []
        lrows: list[int] = []
        lcols: list[int] = []
        start = np.zeros(self.n_parts, dtype=np.int64)
        end = np.zeros(self.n_parts, dtype=np.int64)
        size = np.zeros(self.n_parts, dtype=np.float64)
        for j, p in enumerate(parts):
            members = sorted({self.firm_row[f] for f in p.firm_ids})
            rows.extend(members)
            cols.extend([j] * len(members))
            size[j] = len(members)
            leads = sorted({self.firm_row[f] for f in p.lead_ids if f in p.firm_ids})
            lrows.extend(leads)
            lcols.extend([j] * len(leads))
            start[j] = p.started_on.toordinal()
            # A partnership with no end date is still running: it never looks like it is ending now.
            end[j] = (p.ended_on or datetime.date.max).toordinal()
            for name in p.fields:
                fid = self.field_id.setdefault(name, len(self.field_id))
                frows.append(j)
                fcols.append(fid)
        self.start = start
        self.end = end
        self.size = size
        self.incidence = sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(self.n_firms, self.n_parts), dtype=np.float64
        )
        self.incidence_t = self.incidence.T.tocsr()
        # Who led each partnership (and chose its partners), where that is known.
        self.lead = sp.csr_matrix(
            (np.ones(len(lrows)), (lrows, lcols)), shape=(self.n_firms, self.n_parts), dtype=np.float64
        )
        self.has_lead = np.zeros(self.n_parts, dtype=bool)
        self.has_lead[lcols] = True
        self.part_fields = sp.csc_matrix(
            (np.ones(len(frows)), (frows, fcols)), shape=(self.n_parts, len(self.field_id))
        )
        self.degree = np.asarray(self.incidence.sum(axis=1)).ravel()
        self.field_names = {v: k for k, v in self.field_id.items()}
        self.part_field_list: list[tuple[str, ...]] = [tuple(sorted(p.fields)) for p in parts]
        self._affinities(network)

    def _affinities(self, network: Network) -> None:
        self.country_id: dict[str, int] = {}
        self.type_id: dict[str, int] = {}
        country = np.full(self.n_firms, -1, dtype=np.int64)
        otype = np.full(self.n_firms, -1, dtype=np.int64)
        for firm, iso in network.firm_country.items():
            if iso and firm in self.firm_row:
                country[self.firm_row[firm]] = self.country_id.setdefault(iso, len(self.country_id))
        for firm, kind in network.firm_org_type.items():
            if kind and firm in self.firm_row:
                otype[self.firm_row[firm]] = self.type_id.setdefault(kind, len(self.type_id))
        self.firm_country = country
        self.firm_type = otype
        self.country_lift = self._pair_lift(country, len(self.country_id))
        self.type_lift = self._pair_lift(otype, len(self.type_id))

    def _pair_lift(self, labels: np.ndarray, n: int) -> np.ndarray:
        """Lift of label pairs among co-parties: how much more often than chance they work together."""
        if n == 0 or self.n_parts == 0:
            return np.ones((max(n, 1), max(n, 1)))
        known = labels >= 0
        onehot = sp.csr_matrix(
            (np.ones(int(known.sum())), (np.nonzero(known)[0], labels[known])), shape=(self.n_firms, n)
        )
        # Per partnership, counts of each label; pairs = outer products minus the self pairs.
        per_part = (self.incidence_t @ onehot).toarray()
        weight = 1.0 / np.maximum(self.size - 1.0, 1.0)  # each partnership counts once, not per pair
        obs = (per_part * weight[:, None]).T @ per_part
        obs -= np.diag((per_part * weight[:, None]).sum(axis=0))
        return _lift(np.maximum(obs, 0.0))

    def held(self, key: tuple[object, ...], make: Callable[[], np.ndarray]) -> np.ndarray:
        """Return ``make()`` for ``key``, computed once and held read-only (the graph never changes:
        what depends only on it, a date, fields and parameters is the same for every query firm)."""
        cache: dict[tuple[object, ...], np.ndarray] = self.__dict__.setdefault("_held", {})
        value = cache.get(key)
        if value is None:
            if len(cache) > 256:  # many dates or field sets (a benchmark): keep the cache small
                cache.clear()
            value = make()
            value.flags.writeable = False
            cache[key] = value
        return value

    def recency(self, today: datetime.date, half_life_days: float) -> np.ndarray:
        """Return the weight of each partnership seen from ``today`` (1 = starts today, 0 = future)."""
        key = (today.toordinal(), half_life_days)
        cache: dict[tuple[int, float], np.ndarray] = self.__dict__.setdefault("_recency", {})
        if key not in cache:
            if len(cache) > 64:  # queries of many dates (a benchmark): keep the cache small
                cache.clear()
            age = today.toordinal() - self.start
            weights = np.power(0.5, np.maximum(age, 0) / max(half_life_days, 1.0))
            weights[age < 0] = 0.0  # a partnership that starts after the query date is not yet known
            weights.flags.writeable = False
            cache[key] = weights
        return cache[key]

    @property
    def adjacency(self) -> sp.csr_matrix:
        """Firm x firm, 1 where two firms were parties to a partnership together (built on first use)."""
        if getattr(self, "_adjacency", None) is None:
            adj = (self.incidence @ self.incidence_t).tocsr()
            adj.setdiag(0)
            adj.eliminate_zeros()
            adj.data[:] = 1.0
            self._adjacency = adj
        return self._adjacency

    def partners_of(self, row: int) -> dict[int, list[int]]:
        """Return {partner firm row: [partnership columns]} for the firm at ``row``."""
        out: dict[int, list[int]] = defaultdict(list)
        if row < 0:
            return out
        for j in self.incidence.indices[self.incidence.indptr[row] : self.incidence.indptr[row + 1]]:
            for other in self.incidence_t.indices[
                self.incidence_t.indptr[j] : self.incidence_t.indptr[j + 1]
            ]:
                if other != row:
                    out[int(other)].append(int(j))
        return out


def tie_weights(
    graph: NetworkGraph,
    shared: np.ndarray,
    today: datetime.date,
    half_life_days: float,
    reference_parties: float,
) -> np.ndarray:
    """Return the weight of each partnership as a tie to the query firm (0 where it was no party):
    its recency, times ``reference_parties / (parties - 1)`` when ``reference_parties`` > 0."""
    weight = np.where(shared, graph.recency(today, half_life_days), 0.0)
    if reference_parties > 0:
        weight = weight * reference_parties / np.maximum(graph.size - 1.0, 1.0)
    return weight


def follow_up_ties(
    graph: NetworkGraph,
    shared: np.ndarray,
    in_field: np.ndarray,
    today: datetime.date,
    window_days: float,
    reference_parties: float,
) -> np.ndarray:
    """Return the weight of each partnership as a tie to the query firm that ends around ``today``
    in the query's fields (0 where it was no party, has not started, or ``window_days`` <= 0):
    ``exp(-(end - today)^2 / (2 window_days^2))``, times ``reference_parties / (parties - 1)``.

    A consortium whose project ends as a new one starts often re-forms for the follow-up; this is
    the recurrence the plain recency of ``tie_weights`` cannot see (it dates partnerships by start).
    """
    if window_days <= 0 or graph.n_parts == 0:
        return np.zeros(graph.n_parts)
    today_ord = today.toordinal()
    near = np.exp(-0.5 * ((graph.end - today_ord) / window_days) ** 2)
    weight = np.where(shared & (graph.start <= today_ord) & (in_field > 0), near, 0.0)
    if reference_parties > 0:
        weight = weight * reference_parties / np.maximum(graph.size - 1.0, 1.0)
    return weight


def chosen_ties(graph: NetworkGraph, row: int, ties: np.ndarray, incidental: float) -> np.ndarray:
    """Return, per firm, the sum of ``ties`` (partnerships x columns) over its partnerships with the
    firm at ``row``, a tie counting ``incidental`` (0..1) where neither of the two led the
    partnership: fellow parties of a consortium someone else put together did not choose each other.
    A tie where one of them led, or in a partnership whose lead is not known, counts in full."""
    if incidental == 1.0 or not graph.has_lead.any():
        return graph.incidence @ ties
    direct = ~graph.has_lead
    direct[graph.lead.indices[graph.lead.indptr[row] : graph.lead.indptr[row + 1]]] = True
    factor = np.where(direct, 1.0, incidental)
    led_by_them = np.where(direct, 0.0, 1.0 - incidental)
    return graph.incidence @ (ties * factor[:, None]) + graph.lead @ (ties * led_by_them[:, None])


@dataclass
class NetworkSignals:
    """Per-query vectors over the firms of the graph (dense, float64), and their maxima."""

    shared: np.ndarray  # recency-weighted partnerships shared with the query firm
    proximity: np.ndarray  # two-step walk through the query firm's partners
    field: np.ndarray  # recency-weighted partnerships in the query's fields
    activity: np.ndarray  # recency-weighted partnerships of any kind
    shared_in_field: np.ndarray  # the same, only partnerships in the query's fields
    proximity_in_field: np.ndarray  # the walk's last step only through partnerships in those fields
    follow_up: np.ndarray  # partnerships with the query firm in its fields ending around the query date
    proximity_max: float
    proximity_in_field_max: float
    field_max: float
    activity_max: float
    query_row: int
    query_fields: tuple[str, ...]


def network_signals(
    graph: NetworkGraph,
    *,
    firm_id: int,
    fields: frozenset[str],
    today: datetime.date,
    half_life_days: float,
    field_half_life_days: float,
    tie_half_life_days: float | None = None,
    tie_reference_parties: float = 0.0,
    follow_up_days: float = 0.0,
    incidental_tie: float = 1.0,
) -> NetworkSignals:
    """Return the network signals of one query (a firm seeking partners in ``fields`` on ``today``).

    The ties to the query firm (``shared``, ``shared_in_field``) have their own memory,
    ``tie_half_life_days`` (``half_life_days`` when None). With ``tie_reference_parties`` > 0 a shared
    partnership counts ``tie_reference_parties / (its parties - 1)``: working together among five
    parties (reference 4) counts once, in a pair four times, in a consortium of forty a tenth. A
    tie made in a small partnership is a closer one, and recurs more often. ``follow_up``: the ties in
    the query's fields that end within about ``follow_up_days`` of ``today`` (``follow_up_ties``;
    zeros when ``follow_up_days`` is 0). ``incidental_tie``: what a tie counts where neither firm led
    the shared partnership (``chosen_ties``; 1 counts every tie alike).
    """
    n = graph.n_firms
    zeros = np.zeros(n)
    row = graph.firm_row.get(firm_id, -1)
    known_fields = tuple(sorted(f for f in fields if f in graph.field_id))
    if graph.n_parts == 0:
        return NetworkSignals(
            zeros, zeros, zeros, zeros, zeros, zeros, zeros, 0.0, 0.0, 0.0, 0.0, row, known_fields
        )
    weight = graph.recency(today, half_life_days)

    def fields_column() -> np.ndarray:
        if not known_fields:
            return np.zeros(graph.n_parts)
        ids = [graph.field_id[f] for f in known_fields]
        return (np.asarray(graph.part_fields[:, ids].sum(axis=1)).ravel() > 0).astype(float)

    in_field = graph.held(("in_field", known_fields), fields_column)
    activity = graph.held(("activity", today.toordinal(), half_life_days), lambda: graph.incidence @ weight)
    if row >= 0:
        mine = np.zeros(graph.n_parts)
        cols = graph.incidence.indices[graph.incidence.indptr[row] : graph.incidence.indptr[row + 1]]
        mine[cols] = weight[cols]
        ties = tie_weights(
            graph, mine > 0, today, tie_half_life_days or half_life_days, tie_reference_parties
        )
        follow = follow_up_ties(graph, mine > 0, in_field, today, follow_up_days, tie_reference_parties)
        # The sums over each firm's partnerships, several vectors in one pass over the incidence.
        first = graph.incidence @ mine[:, None]
        chosen = chosen_ties(graph, row, np.column_stack((ties, ties * in_field, follow)), incidental_tie)
        shared, shared_in_field, follow_up = chosen[:, 0].copy(), chosen[:, 1].copy(), chosen[:, 2].copy()
        # Two steps from the query firm's partners: each partner spreads its tie strength over its own
        # partnerships (divided by its degree), each partnership over its parties (by its size). The
        # walk keeps the plain recency-weighted tie, whatever the tie parameters.
        spread = first[:, 0] / np.maximum(graph.degree, 1.0)
        spread[row] = 0.0
        via = (graph.incidence_t @ spread) * weight / np.maximum(graph.size - 1.0, 1.0)
        second = graph.incidence @ np.column_stack((via, via * in_field))
        proximity, proximity_in_field = second[:, 0].copy(), second[:, 1].copy()
        for signal in (shared, proximity, shared_in_field, proximity_in_field, follow_up):
            signal[row] = 0.0
    else:
        shared = proximity = shared_in_field = proximity_in_field = follow_up = zeros
    if known_fields:
        field = graph.held(
            ("field", known_fields, today.toordinal(), field_half_life_days),
            lambda: graph.incidence @ (in_field * graph.recency(today, field_half_life_days)),
        )
    else:
        field = zeros
    return NetworkSignals(
        shared=shared,
        proximity=proximity,
        field=field,
        shared_in_field=shared_in_field,
        proximity_in_field=proximity_in_field,
        follow_up=follow_up,
        proximity_in_field_max=float(proximity_in_field.max()) if n else 0.0,
        activity=activity,
        proximity_max=float(proximity.max()) if n else 0.0,
        field_max=float(field.max()) if n else 0.0,
        activity_max=float(activity.max()) if n else 0.0,
        query_row=row,
        query_fields=known_fields,
    )
