"""The features of the matching engine. Each is a small function ``(query, candidate, ctx)`` that
returns ``(score in [0, 1], one-line reason)``; the reason is a ``wording.why`` line (English, with the
message it was written from, so that pages translate it). The docstring of each feature is its explanation to
users (the "why" panel shows it beside the reason). ``FEATURES`` lists them by name; an algorithm
(``algorithms.py``) gives each a weight.

To add a feature: write the function here, add it to ``FEATURES``, give it a weight in a new algorithm
version, and its vectorised form in ``index.py`` ``MatchingIndex._approx`` (equal to the function: the
index ranks on the vectorised forms and runs these functions for the suggestions it returns, whose
scores and reasons are these functions'). A feature without a vectorised form still shows in the
reasons and the scores returned, but never lifts a candidate into the shortlist.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .network import NetworkGraph, NetworkSignals, chosen_ties
from .text import Vocabulary, concepts_of, cosine, tokens
from .types import Gap, Profile, Requirements
from .wording import gettext_noop, ngettext, why

# ISIC Rev.4: division (2 digits) -> section letter.
_SECTION_RANGES = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
    ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip
ISIC_SECTIONS: Mapping[str, str] = {
    f"{d:02d}": letter for letter, lo, hi in _SECTION_RANGES for d in range(lo, hi + 1)
}

DEVELOPED, DEVELOPING, TRANSITION = "developed", "developing", "transition"


# The reasons that say a feature had nothing to compare (no requirement asked, no size stated, no
# partnership on record between two countries): they weigh in the score like any other (the same for
# every candidate of a query, most of the time), but a "why" panel lists them after the reasons that
# tell this candidate apart (``is_uninformed``; ``scoring.scored`` orders reasons so). The features
# write them from these constants, so that the set and the lines cannot drift apart.
NO_REQUIREMENTS = gettext_noop("no requirements on either side")
NO_GEOGRAPHY = gettext_noop("no geographic preference on either side")
NO_SIZE = gettext_noop("size not stated")
NO_READINESS = gettext_noop("readiness not assessed")
NO_FIELD = gettext_noop("no field to compare")
NO_COUNTRY_RECORD = gettext_noop("no partnership on record between these countries")
NO_TYPE_RECORD = gettext_noop("no partnership on record between these kinds of organisation")
UNINFORMED_MESSAGES = frozenset(
    {NO_REQUIREMENTS, NO_GEOGRAPHY, NO_SIZE, NO_READINESS, NO_FIELD, NO_COUNTRY_RECORD, NO_TYPE_RECORD}
)


def corridor(a: str, b: str) -> str:
    """Return the corridor of two economy groups ("north_south", "south_south", ...) or ""."""
    bloc = {DEVELOPED: "north", DEVELOPING: "south", TRANSITION: "transition"}
    if a not in bloc or b not in bloc:
        return ""
    order = ["north", "south", "transition"]
    x, y = sorted((bloc[a], bloc[b]), key=order.index)
    return f"{x}_{y}"


@dataclass
class MatchContext:
    """What the features need besides the two profiles: the date, the algorithm's parameters, the ISIC
    sections, the network and its signals for this query, and the text relevance (precomputed by the
    index for its candidates, or computed on demand)."""

    today: datetime.date
    params: Mapping[str, float]
    graph: NetworkGraph
    signals: NetworkSignals
    vocabulary: Vocabulary
    sections: Mapping[str, str] = field(default_factory=lambda: ISIC_SECTIONS)
    text_scores: dict[str, float] = field(default_factory=dict)
    concepts: dict[str, frozenset[str]] = field(default_factory=dict)  # by candidate key, when known
    _query_vector: dict[str, float] | None = None
    _cache: dict[str, object] = field(default_factory=dict)

    def shared_detail(self) -> tuple[np.ndarray, np.ndarray]:
        """Per firm: the number of partnerships shared with the query firm, and the latest start."""
        if "shared" not in self._cache:
            g, row = self.graph, self.signals.query_row
            mine = np.zeros(g.n_parts)
            if row >= 0:
                mine[g.incidence.indices[g.incidence.indptr[row] : g.incidence.indptr[row + 1]]] = 1.0
            count = g.incidence @ mine
            latest = _row_max(g.incidence, np.where(mine > 0, g.start, 0))
            self._cache["shared"] = (count, latest)
        return self._cache["shared"]  # type: ignore[return-value]

    def chosen_count(self) -> np.ndarray:
        """Per firm: the partnerships shared with the query firm where the two chose each other (one of
        them led it) or whose lead is not known; the others were put together by a third party."""
        if "chosen" not in self._cache:
            g, row = self.graph, self.signals.query_row
            mine = np.zeros((g.n_parts, 1))
            if row >= 0:
                mine[g.incidence.indices[g.incidence.indptr[row] : g.incidence.indptr[row + 1]], 0] = 1.0
            self._cache["chosen"] = chosen_ties(g, row, mine, 0.0)[:, 0] if row >= 0 else np.zeros(g.n_firms)
        return self._cache["chosen"]  # type: ignore[return-value]

    def common_partners(self) -> np.ndarray:
        """Per firm: how many of the query firm's past partners it has worked with."""
        if "common" not in self._cache:
            g, row = self.graph, self.signals.query_row
            mine = np.zeros(g.n_firms)
            if row >= 0:
                adj = g.adjacency
                mine[adj.indices[adj.indptr[row] : adj.indptr[row + 1]]] = 1.0
                self._cache["common"] = adj @ mine
            else:
                self._cache["common"] = mine
        return self._cache["common"]  # type: ignore[return-value]

    def field_detail(self) -> tuple[np.ndarray, np.ndarray]:
        """Per firm: partnerships in the query's fields up to today, and the first start among them."""
        if "field" not in self._cache:
            g = self.graph
            ids = [g.field_id[f] for f in self.signals.query_fields]
            in_field = np.zeros(g.n_parts, dtype=bool)
            if ids:
                in_field = np.asarray(g.part_fields[:, ids].sum(axis=1)).ravel() > 0
            in_field &= g.start <= self.today.toordinal()
            count = g.incidence @ in_field.astype(float)
            first = -_row_max(g.incidence, np.where(in_field, -g.start, -(10**9)))
            self._cache["field"] = (count, first)
        return self._cache["field"]  # type: ignore[return-value]

    def param(self, name: str, default: float) -> float:
        return float(self.params.get(name, default))

    def text_similarity(self, query: Profile, candidate: Profile) -> float:
        if candidate.key in self.text_scores:
            return self.text_scores[candidate.key]
        if self._query_vector is None:
            self._query_vector = self.vocabulary.term_vector(tokens(query.text + " " + query.seeks_text))
        other = self.vocabulary.term_vector(tokens(candidate.text + " " + candidate.seeks_text))
        return cosine(self._query_vector, other)

    def firm_row(self, firm_id: int) -> int:
        return self.graph.firm_row.get(firm_id, -1)


def _row_max(incidence: object, values: np.ndarray) -> np.ndarray:
    """Return, per row of a CSR incidence matrix, the maximum of ``values`` over its columns (0 if none)."""
    import scipy.sparse as sp

    assert isinstance(incidence, sp.csr_matrix)
    out = np.zeros(incidence.shape[0])
    if incidence.nnz == 0:
        return out
    gathered = values[incidence.indices].astype(float)
    nonempty = np.diff(incidence.indptr) > 0
    starts = incidence.indptr[:-1][nonempty]
    out[nonempty] = np.maximum.reduceat(gathered, starts)
    return out


Feature = Callable[[Profile, Profile, MatchContext], tuple[float, str]]


def _names(items: frozenset[str] | set[str]) -> str:
    return ", ".join(sorted(items))


def _domains_of(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[frozenset[str], ...]:
    """Return (what the query offers, seeks, what the candidate offers, seeks), held in ``ctx`` for
    the last pair (complementarity and mutuality both read them)."""
    held = ctx._cache.get("domains")
    if isinstance(held, tuple) and held[0] is query and held[1] is candidate:
        return held[2]
    mine = ctx._cache.get("query_domains")
    if not (isinstance(mine, tuple) and mine[0] is query):
        mine = ctx._cache["query_domains"] = (query, query.offered_domains(), query.sought_domains())
    out = (mine[1], mine[2], candidate.offered_domains(), candidate.sought_domains())
    ctx._cache["domains"] = (query, candidate, out)
    return out


def complementarity(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """One side offers what the other seeks in the same domain (technology, production, marketing,
    investment), better still with an arrangement type in common."""
    q_offers, q_seeks, c_offers, c_seeks = _domains_of(query, candidate, ctx)
    met = (q_offers & c_seeks) | (q_seeks & c_offers)
    if not met:
        return 0.0, why(gettext_noop("no domain where one side offers what the other seeks"))
    common = query.arrangement_types & candidate.arrangement_types
    if common:
        return 1.0, why(
            gettext_noop("offer meets request in {domains}, both open to {arrangements}"),
            domains=_names(met),
            arrangements=_names(common),
        )
    return 0.7, why(gettext_noop("offer meets request in {domains}"), domains=_names(met))


def mutuality(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Both partners have something to offer (para 21): each side offers something the other seeks."""
    q_offers, q_seeks, c_offers, c_seeks = _domains_of(query, candidate, ctx)
    gives = q_offers & c_seeks
    gets = q_seeks & c_offers
    if gives and gets:
        return 1.0, why(
            gettext_noop("each side brings something: you bring {gives}; they bring {gets}"),
            gives=_names(gives),
            gets=_names(gets),
        )
    return 0.0, why(gettext_noop("only one side states what it brings"))


def _sector_parts(code: str, sections: Mapping[str, str]) -> tuple[str, str, str, str]:
    code = code.strip().upper()
    if code.isalpha():
        return code[:1], "", "", ""
    digits = "".join(ch for ch in code if ch.isdigit())
    section = sections.get(digits[:2], "") if len(digits) >= 2 else ""
    return (
        section,
        digits[:2] if len(digits) >= 2 else "",
        digits[:3] if len(digits) >= 3 else "",
        digits[:4] if len(digits) >= 4 else "",
    )


SECTOR_LEVELS = ((3, 1.0, "class"), (2, 0.75, "group"), (1, 0.5, "division"), (0, 0.25, "section"))
_SAME_SECTOR = {
    "class": gettext_noop("same ISIC class ({code})"),
    "group": gettext_noop("same ISIC group ({code})"),
    "division": gettext_noop("same ISIC division ({code})"),
    "section": gettext_noop("same ISIC section ({code})"),
}


def _parts_of(code: str, ctx: MatchContext) -> tuple[str, str, str, str]:
    """``_sector_parts`` of ``code`` in ``ctx``'s sections, held in the context (codes repeat)."""
    held = ctx._cache.get("sector_parts")
    if held is None:
        held = ctx._cache["sector_parts"] = {}
    assert isinstance(held, dict)
    parts = held.get(code)
    if parts is None:
        parts = held[code] = _sector_parts(code, ctx.sections)
    return parts


def sector_fit(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Both work in the same line of business along the ISIC hierarchy: the same class scores highest,
    then the same group, division, and section."""
    best, label, code = 0.0, "", ""
    for a in query.sectors:
        pa = _parts_of(a, ctx)
        for b in candidate.sectors:
            pb = _parts_of(b, ctx)
            for level, score, name in SECTOR_LEVELS:
                if pa[level] and pa[level] == pb[level]:
                    if score > best:
                        best, label, code = score, name, pa[level]
                    break
    if not best:
        if not query.sectors or not candidate.sectors:
            return 0.0, why(gettext_noop("sector not stated"))
        return 0.0, why(gettext_noop("different sectors"))
    return best, why(_SAME_SECTOR[label], code=code)


def text_relevance(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """What one side describes and the other seeks are about the same thing, even in other words
    (a thesaurus of partnering vocabulary links "distributor" to "sales network")."""
    sim = ctx.text_similarity(query, candidate)
    score = min(1.0, max(0.0, sim * ctx.param("text_scale", 2.0)))
    if score <= 0.0:
        if query.text or query.seeks_text:
            return 0.0, why(gettext_noop("no text in common"))
        return 0.0, why(gettext_noop("no text to compare"))
    mine = ctx._cache.get("query_concepts")
    if mine is None:
        mine = ctx._cache["query_concepts"] = concepts_of(query.text + " " + query.seeks_text)
    assert isinstance(mine, set)
    theirs = ctx.concepts.get(candidate.key)
    if theirs is None:
        theirs = frozenset(concepts_of(candidate.text + " " + candidate.seeks_text))
    shared = mine & theirs
    if shared:
        return score, why(gettext_noop("both speak of {concepts}"), concepts=_names(shared))
    return score, why(gettext_noop("similar descriptions"))


def requirement_gaps(query: Profile, candidate: Profile) -> list[Gap]:
    """Return what each side lacks against the other's requirements (certifications, languages,
    capacity, partner size and type)."""
    gaps: list[Gap] = []
    for side, asker, other in (("candidate", query, candidate), ("query", candidate, query)):
        req = asker.requires
        for cert in sorted(req.certifications - other.certifications):
            gaps.append(Gap("certification", cert, side, f"lacks the certification {cert}"))
        if req.languages and not (req.languages & other.languages):
            wanted = _names(req.languages)
            gaps.append(Gap("language", wanted, side, f"works in none of the languages asked ({wanted})"))
        if req.capacity and not other.capacity:
            gaps.append(Gap("capacity", req.capacity, side, f"states no capacity against: {req.capacity}"))
        if req.partner_sizes and other.size_class and other.size_class not in req.partner_sizes:
            gaps.append(
                Gap("size", other.size_class, side, f"is {other.size_class}, not {_names(req.partner_sizes)}")
            )
        if req.partner_types and other.org_type not in req.partner_types:
            gaps.append(
                Gap(
                    "partner_type",
                    other.org_type,
                    side,
                    f"is a {other.org_type}, not {_names(req.partner_types)}",
                )
            )
    return gaps


def _requirement_count(req: Requirements) -> int:
    return (
        len(req.certifications)
        + (1 if req.languages else 0)
        + (1 if req.capacity else 0)
        + (1 if req.partner_sizes else 0)
        + (1 if req.partner_types else 0)
    )


def _missing_count(query: Profile, candidate: Profile) -> int:
    """Return ``len(requirement_gaps(query, candidate))`` without writing the gaps (the same tests)."""
    missing = 0
    for asker, other in ((query, candidate), (candidate, query)):
        req = asker.requires
        if req.certifications:
            missing += len(req.certifications - other.certifications)
        if req.languages and not (req.languages & other.languages):
            missing += 1
        if req.capacity and not other.capacity:
            missing += 1
        if req.partner_sizes and other.size_class and other.size_class not in req.partner_sizes:
            missing += 1
        if req.partner_types and other.org_type not in req.partner_types:
            missing += 1
    return missing


def requirements_value(query: Profile, candidate: Profile) -> float:
    """Return the score of ``requirements_met`` alone (no reason written: the index's exact stage)."""
    asked = _requirement_count(query.requires) + _requirement_count(candidate.requires)
    if not asked:
        return 1.0
    missing = _missing_count(query, candidate)
    if not missing:
        return 1.0
    return max(0.0, (asked - missing) / asked)


def _gaps(query: Profile, candidate: Profile, ctx: MatchContext) -> list[Gap]:
    """``requirement_gaps`` of the pair, held in ``ctx`` for the last pair (``requirements_met`` and
    the gap report of ``score`` both need them)."""
    held = ctx._cache.get("gaps")
    if isinstance(held, tuple) and held[0] is query and held[1] is candidate:
        return held[2]
    gaps = requirement_gaps(query, candidate)
    ctx._cache["gaps"] = (query, candidate, gaps)
    return gaps


def requirements_met(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Each side holds what the other asks for: certifications, languages, capacity, partner size and
    type. The gap report lists what is missing."""
    asked = _requirement_count(query.requires) + _requirement_count(candidate.requires)
    if not asked:
        return 1.0, why(NO_REQUIREMENTS)
    gaps = _gaps(query, candidate, ctx)
    missing = len(gaps)  # one gap per unmet requirement
    score = max(0.0, (asked - missing) / asked)
    if not gaps:
        return 1.0, why(
            *ngettext("meets the one requirement asked", "meets all {asked} requirements", asked), asked=asked
        )
    first = gaps[0]
    return score, why(
        *ngettext(
            "meets {met} of {asked} requirement; {gap}", "meets {met} of {asked} requirements; {gap}", asked
        ),
        met=asked - missing,
        asked=asked,
        gap=first.text,
        gap_kind=first.kind,
        gap_item=first.item,
        gap_side=first.side,
    )


def _geo_ok(asker: Profile, other: Profile) -> bool | None:
    req = asker.requires
    if not (req.countries or req.regions or req.economy_groups or req.corridors):
        return None
    if req.countries and other.country in req.countries:
        return True
    if req.regions and other.regions & req.regions:
        return True
    if req.economy_groups and other.economy_group in req.economy_groups:
        return True
    if req.corridors:
        kinds = {corridor(asker.economy_group, other.economy_group)}
        if asker.is_ldc or other.is_ldc:
            kinds.add("ldc")
        if kinds & req.corridors:
            return True
    return False


def geography(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Each side is where the other looks for a partner: countries, regions, economy groups and
    corridors (North-South, South-South ...), honoured both ways."""
    there, back = _geo_ok(query, candidate), _geo_ok(candidate, query)
    score = ((0.6 if there is None else float(there)) + (0.6 if back is None else float(back))) / 2
    if there is False:
        return score, why(gettext_noop("outside where you look for a partner"))
    if back is False:
        return score, why(gettext_noop("outside where they look for a partner"))
    if there is None and back is None:
        return score, why(NO_GEOGRAPHY)
    if there and back:
        return score, why(gettext_noop("each side is where the other looks for a partner"))
    return score, why(gettext_noop("where the side with a preference looks for a partner"))


_SIZE_ORDER = {"micro": 0, "small": 1, "medium": 2, "large": 3}


def size_complementarity(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """A large firm with a small one (para 21): the large brings technology, markets and finance, the
    small flexibility and local knowledge."""
    a, b = _SIZE_ORDER.get(query.size_class), _SIZE_ORDER.get(candidate.size_class)
    if a is None or b is None:
        return 0.5, why(NO_SIZE)
    gap = abs(a - b)
    score = (0.3, 0.6, 0.8, 1.0)[gap]
    if gap == 0:
        return score, why(gettext_noop("both {size}"), size=query.size_class)
    return score, why(
        gettext_noop("{size} with {other_size}"), size=query.size_class, other_size=candidate.size_class
    )


def readiness(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """The candidate is ready for a partnership: its readiness level, higher when an intermediary
    validated the assessment."""
    level = candidate.readiness_level
    if level is None:
        return 0.4, why(NO_READINESS)
    level = min(5, max(1, level))
    score = level / 5 * (1.0 if candidate.readiness_validated else 0.8)
    if candidate.readiness_validated:
        return score, why(gettext_noop("readiness level {level} of 5, validated"), level=level)
    return score, why(gettext_noop("readiness level {level} of 5"), level=level)


def freshness(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Recently published, and not about to close: a fresh opportunity is more likely still open."""
    score, age = 0.5, -1
    if candidate.published_at is not None:
        age = max(0, (ctx.today - candidate.published_at).days)
        score = math.pow(0.5, age / ctx.param("freshness_half_life_days", 90.0))
    left = -1 if candidate.deadline is None else (candidate.deadline - ctx.today).days
    closing = 0 <= left < 7  # closes within a week: half the score
    if closing:
        score *= 0.5
    if age < 0:
        if closing:
            return score, why(gettext_noop("no publication date, closes within a week"))
        return score, why(gettext_noop("no publication date"))
    if closing:
        return score, why(
            *ngettext(
                "published {age} day ago, closes within a week",
                "published {age} days ago, closes within a week",
                age,
            ),
            age=age,
        )
    return score, why(*ngettext("published {age} day ago", "published {age} days ago", age), age=age)


def _activity_score(value: float, maximum: float) -> float:
    if value <= 0 or maximum <= 0:
        return 0.0
    return min(1.0, math.log1p(value) / math.log1p(maximum))


def track_record(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Partnerships the candidate has completed or is running (competence trust), recent ones
    counting most."""
    row = ctx.firm_row(candidate.firm_id)
    sig = ctx.signals
    if row >= 0 and ctx.graph.degree[row] > 0:
        count = int(ctx.graph.degree[row])
        return _activity_score(float(sig.activity[row]), max(sig.activity_max, 1.0)), why(
            *ngettext("{n} partnership on record", "{n} partnerships on record", count), n=count
        )
    if candidate.completed_partnerships:
        n = candidate.completed_partnerships
        return _activity_score(float(n), max(sig.activity_max, 10.0)), why(
            *ngettext("{n} completed partnership", "{n} completed partnerships", n), n=n
        )
    return 0.0, why(gettext_noop("no partnership on record yet"))


def past_partners(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """The candidate has already worked with you: shared past partnerships, recent ones, those with
    few parties and those one of you led (you chose each other) counting most."""
    sig = ctx.signals
    row = ctx.firm_row(candidate.firm_id)
    if sig.query_row < 0 or row < 0 or sig.shared[row] <= 0:
        return 0.0, why(gettext_noop("has not worked with you before"))
    score = 1.0 - math.exp(-float(sig.shared[row]) / ctx.param("tie_scale", 1.0))
    count, latest = ctx.shared_detail()
    n = int(count[row])
    year = datetime.date.fromordinal(int(latest[row])).year if latest[row] > 0 else 0
    if ctx.param("incidental_tie", 1.0) < 1.0 and n > 0 and ctx.chosen_count()[row] <= 0:
        return score, why(
            *ngettext(
                "worked beside you on {n} past partnership led by another firm (latest {year})",
                "worked beside you on {n} past partnerships led by other firms (latest {year})",
                n,
            ),
            n=n,
            year=year,
        )
    return score, why(
        *ngettext(
            "worked with you on {n} past partnership (latest {year})",
            "worked with you on {n} past partnerships (latest {year})",
            n,
        ),
        n=n,
        year=year,
    )


def network_proximity(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """The candidate is close to you in the network of past partnerships: a partner of your partners."""
    sig = ctx.signals
    row = ctx.firm_row(candidate.firm_id)
    if row < 0 or sig.proximity_max <= 0 or sig.proximity[row] <= 0:
        return 0.0, why(gettext_noop("not a partner of your partners"))
    score = math.pow(float(sig.proximity[row]) / sig.proximity_max, ctx.param("proximity_power", 0.5))
    n = int(ctx.common_partners()[row])
    if n == 0:  # a past partner of yours reached back through its own partnerships with you
        return score, why(gettext_noop("close to you in the network of past partnerships"))
    return score, why(
        *ngettext("partner of {n} of your past partners", "partner of {n} of your past partners", n), n=n
    )


def past_partners_in_field(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """The candidate has already worked with you in the very field you now seek partners in."""
    sig = ctx.signals
    row = ctx.firm_row(candidate.firm_id)
    if sig.query_row < 0 or row < 0 or sig.shared_in_field[row] <= 0:
        return 0.0, why(gettext_noop("has not worked with you in this field"))
    score = 1.0 - math.exp(-float(sig.shared_in_field[row]) / ctx.param("tie_scale", 1.0))
    return score, why(gettext_noop("worked with you in {fields}"), fields=", ".join(sig.query_fields))


def proximity_in_field(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Your past partners have worked with the candidate in the field you seek partners in."""
    sig = ctx.signals
    row = ctx.firm_row(candidate.firm_id)
    if row < 0 or sig.proximity_in_field_max <= 0 or sig.proximity_in_field[row] <= 0:
        return 0.0, why(gettext_noop("no partner of yours worked with it in this field"))
    score = _activity_score(float(sig.proximity_in_field[row]), sig.proximity_in_field_max)
    return score, why(
        gettext_noop("worked with your past partners in {fields}"), fields=", ".join(sig.query_fields)
    )


def follow_up(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """A partnership of yours with the candidate, in the field you now seek partners in, ends about
    now: consortia often re-form for a follow-up, those with few parties most."""
    sig = ctx.signals
    row = ctx.firm_row(candidate.firm_id)
    if sig.query_row < 0 or row < 0 or sig.follow_up[row] <= 0:
        return 0.0, why(gettext_noop("no joint partnership in this field ending about now"))
    score = 1.0 - math.exp(-float(sig.follow_up[row]) / ctx.param("follow_up_scale", 0.5))
    g, today = ctx.graph, ctx.today.toordinal()
    mine = set(g.incidence.indices[g.incidence.indptr[sig.query_row] : g.incidence.indptr[sig.query_row + 1]])
    theirs = g.incidence.indices[g.incidence.indptr[row] : g.incidence.indptr[row + 1]]
    fields = set(sig.query_fields)
    joint = [
        int(j) for j in theirs if j in mine and g.start[j] <= today and fields & set(g.part_field_list[j])
    ]
    if not joint:  # the signal and this detail read the same graph; never fail a page over the wording
        return score, why(
            gettext_noop("a joint partnership in {fields} ends about now"), fields=", ".join(sig.query_fields)
        )
    end = datetime.date.fromordinal(int(min((g.end[j] for j in joint), key=lambda e: abs(e - today))))
    if end < ctx.today:
        message = gettext_noop("your joint partnership in {fields} ended {month}")
    else:
        message = gettext_noop("your joint partnership in {fields} ends {month}")
    return score, why(message, fields=", ".join(sig.query_fields), month=end)


def field_activity(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """The candidate has worked in the fields you seek partners in (programme areas, keywords)."""
    sig = ctx.signals
    row = ctx.firm_row(candidate.firm_id)
    if not sig.query_fields:
        if not query.keywords:
            return 0.0, why(NO_FIELD)
        return 0.0, why(gettext_noop("no past partnership in these fields"))
    if row < 0 or sig.field[row] <= 0:
        return 0.0, why(gettext_noop("no past partnership in {fields}"), fields=", ".join(sig.query_fields))
    score = _activity_score(float(sig.field[row]), sig.field_max)
    count, first = ctx.field_detail()
    since = datetime.date.fromordinal(int(first[row])).year if first[row] > 0 else 0
    n = int(count[row])
    return score, why(
        *ngettext(
            "active in {fields} in {n} partnership since {since}",
            "active in {fields} in {n} partnerships since {since}",
            n,
        ),
        fields=", ".join(sig.query_fields),
        n=n,
        since=since,
    )


def _lift_score(lift: float, gamma: float) -> float:
    x = math.pow(max(lift, 1e-9), gamma)
    return x / (1.0 + x)


def country_affinity(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Organisations of your country and of the candidate's work together more (or less) often than
    chance in the partnerships on record."""
    ids = ctx.graph.country_id
    a, b = ids.get(query.country), ids.get(candidate.country)
    if a is None or b is None:
        return 0.5, why(NO_COUNTRY_RECORD)
    lift = float(ctx.graph.country_lift[a, b])
    score = _lift_score(lift, ctx.param("country_gamma", 1.0))
    return score, why(
        gettext_noop("{country} and {other_country} partner {lift:.1f}x as often as chance"),
        country=query.country,
        other_country=candidate.country,
        lift=lift,
    )


def org_type_affinity(query: Profile, candidate: Profile, ctx: MatchContext) -> tuple[float, str]:
    """Your kind of organisation and the candidate's complement each other in past partnerships
    (a company seeks a university or research body, and the reverse)."""
    ids = ctx.graph.type_id
    a, b = ids.get(query.org_type), ids.get(candidate.org_type)
    if a is None or b is None:
        return 0.5, why(NO_TYPE_RECORD)
    lift = float(ctx.graph.type_lift[a, b])
    score = _lift_score(lift, ctx.param("type_gamma", 1.0))
    return score, why(
        gettext_noop("{org_type} and {other_org_type} bodies partner {lift:.1f}x as often as chance"),
        org_type=query.org_type,
        other_org_type=candidate.org_type,
        lift=lift,
    )


FEATURES: Mapping[str, Feature] = {
    "complementarity": complementarity,
    "mutuality": mutuality,
    "sector_fit": sector_fit,
    "text_relevance": text_relevance,
    "requirements_met": requirements_met,
    "geography": geography,
    "size_complementarity": size_complementarity,
    "readiness": readiness,
    "freshness": freshness,
    "track_record": track_record,
    "past_partners": past_partners,
    "network_proximity": network_proximity,
    "past_partners_in_field": past_partners_in_field,
    "proximity_in_field": proximity_in_field,
    "field_activity": field_activity,
    "follow_up": follow_up,
    "country_affinity": country_affinity,
    "org_type_affinity": org_type_affinity,
}


def is_uninformed(message: str) -> bool:
    """Return whether a reason written from ``message`` says its feature had nothing to compare."""
    return message in UNINFORMED_MESSAGES


def explain(name: str) -> str:
    """Return the user-facing explanation of a feature (its docstring, on one line)."""
    doc = FEATURES[name].__doc__ or ""
    return " ".join(doc.split())
