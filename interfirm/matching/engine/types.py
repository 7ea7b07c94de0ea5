"""The plain inputs and outputs of the matching engine: frozen dataclasses, no Django."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

# Kinds of profile. An "offer" offers its domains, a "request" seeks them, a "profile" (a firm as a
# whole) offers ``offers`` and seeks ``seeks``.
KINDS = ("offer", "request", "profile")
# Statuses a candidate may have and still be suggested; anything else (draft, expired, withdrawn,
# closed, rejected ...) is never suggested.
SUGGESTABLE_STATUSES = frozenset({"published", "active"})
ORG_TYPES = ("firm", "research", "public", "other")
SIZE_CLASSES = ("micro", "small", "medium", "large")


@dataclass(frozen=True, slots=True)
class Requirements:
    """What one side asks of its partner. Every field is optional; empty means "no requirement"."""

    certifications: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    capacity: str = ""
    partner_sizes: frozenset[str] = frozenset()
    partner_types: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()  # ISO 3166 alpha-3
    regions: frozenset[str] = frozenset()  # UN M49 codes
    economy_groups: frozenset[str] = frozenset()  # "developed" / "developing" / "transition"
    corridors: frozenset[str] = frozenset()  # "north_south", "south_south", "north_north", ...

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Pickled as its values in field order (the index keeps profiles pickled): smaller and
        # about twice as fast to load as the dataclass default.
        return (self.__class__, tuple(getattr(self, name) for name in self.__slots__))


@dataclass(frozen=True, slots=True)
class Profile:
    """One candidate or query: an opportunity (``kind`` offer/request) or a whole firm (``profile``).

    ``key`` is unique in an index ("opp:123", "firm:45"). ``sectors`` are ISIC Rev.4 codes at any level
    (a section letter, 2, 3 or 4 digits). ``text`` is what the profile describes, ``seeks_text`` what it
    looks for. ``regions`` are the M49 codes the country belongs to. Dates are ``datetime.date``.
    """

    key: str
    firm_id: int
    kind: str = "profile"
    group_id: int | None = None
    domains: frozenset[str] = frozenset()
    offers: frozenset[str] = frozenset()  # domains offered, for kind "profile"
    seeks: frozenset[str] = frozenset()  # domains sought, for kind "profile"
    arrangement_types: frozenset[str] = frozenset()
    sectors: tuple[str, ...] = ()
    text: str = ""
    seeks_text: str = ""
    country: str = ""
    regions: frozenset[str] = frozenset()
    economy_group: str = ""
    is_ldc: bool = False
    size_class: str = ""
    org_type: str = "firm"
    certifications: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    capacity: str = ""
    requires: Requirements = field(default_factory=Requirements)
    readiness_level: int | None = None  # 1 (low) .. 5 (high)
    readiness_validated: bool = False
    completed_partnerships: int = 0
    keywords: frozenset[str] = frozenset()
    published_at: datetime.date | None = None
    deadline: datetime.date | None = None
    status: str = "published"

    def offered_domains(self) -> frozenset[str]:
        """Return the domains this profile brings to a partnership."""
        return self.domains | self.offers if self.kind == "offer" else self.offers

    def sought_domains(self) -> frozenset[str]:
        """Return the domains this profile looks for in a partner."""
        return self.domains | self.seeks if self.kind == "request" else self.seeks

    def evolve(self, **changes: object) -> Profile:
        """Return a copy with ``changes`` applied."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Pickled as its values in field order (the index keeps profiles pickled): smaller and
        # about twice as fast to load as the dataclass default.
        return (self.__class__, tuple(getattr(self, name) for name in self.__slots__))


@dataclass(frozen=True, slots=True)
class PastPartnership:
    """A partnership on record: its parties (firm ids), when it ran, its fields (keywords, programme
    parts, sectors) and arrangement types. Completed and running partnerships both count.

    ``lead_ids``: the parties who led it and chose its partners (the owner of the opportunity it
    came from, a consortium's coordinator); empty when not known."""

    key: str
    firm_ids: tuple[int, ...]
    started_on: datetime.date
    ended_on: datetime.date | None = None
    fields: frozenset[str] = frozenset()
    arrangement_types: frozenset[str] = frozenset()
    lead_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Network:
    """The past partnerships of the installation, and what is known of each firm in it (its country
    and organisation type, used for the country-pair and organisation-type affinities)."""

    partnerships: tuple[PastPartnership, ...] = ()
    firm_country: Mapping[int, str] = field(default_factory=dict)
    firm_org_type: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Algorithm:
    """A named, versioned algorithm: its features with their weights and its parameters, as data.

    A stored suggestion keeps ``version`` so it can always be explained by the algorithm that made it.
    """

    version: str
    weights: Mapping[str, float]
    params: Mapping[str, float] = field(default_factory=dict)
    description: str = ""

    def with_weights(self, overrides: Mapping[str, float] | None) -> Algorithm:
        """Return this algorithm with some weights replaced (the installation's settings).

        Unknown feature names are ignored; negative weights are clamped to 0. The version name gets a
        "+custom" suffix when a weight actually changes, so stored scores stay explainable.
        """
        if not overrides:
            return self
        weights = dict(self.weights)
        changed = False
        for name, value in overrides.items():
            if name in weights and float(value) != weights[name]:
                weights[name] = max(0.0, float(value))
                changed = True
        if not changed:
            return self
        return Algorithm(self.version + "+custom", weights, self.params, self.description)


@dataclass(frozen=True, slots=True)
class Reason:
    """One feature's share of a suggestion: its score in [0, 1], its weight, the contribution
    (score x weight / sum of weights) and a one-line reason in English (``text``). ``code`` is the
    feature; ``message`` (with ``plural`` and ``count``) and ``params`` are what the line was written
    from (``wording.why``), so that a caller writes it in another language; empty for a feature that
    returns a plain string."""

    feature: str
    score: float
    weight: float
    contribution: float
    text: str
    code: str = ""
    params: Mapping[str, object] = field(default_factory=dict)
    message: str = ""
    plural: str = ""
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    """Something a candidate lacks against the other side's requirements (certification, language,
    capacity, size, partner type). ``side`` is "candidate" (the candidate lacks it) or "query"."""

    kind: str
    item: str
    side: str
    text: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A ranked candidate with its score in [0, 1], its reasons (best first) and its gap report."""

    key: str
    firm_id: int
    score: float
    rank: int
    reasons: tuple[Reason, ...]
    gaps: tuple[Gap, ...]
    algorithm: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What ``suggest`` returns: the suggestions, and when there are none an honest ``explanation``."""

    suggestions: tuple[Suggestion, ...]
    explanation: str = ""
    candidates_considered: int = 0

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.suggestions)

    def __len__(self) -> int:
        return len(self.suggestions)

    def __getitem__(self, i: int) -> Suggestion:
        return self.suggestions[i]
