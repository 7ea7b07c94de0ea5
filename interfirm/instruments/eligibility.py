"""The eligibility engine: pure Python over plain data, so it is easy to test and to explain.

``check(rules, parties, …)`` returns one ``RuleCheck`` for every rule the instrument sets, each met,
not met or to be confirmed, with a one-line reason. For a partnership (several parties) a rule about
the firm — country, economy group, LDC, size, sector, readiness — is met when at least one partner
meets it (the reason names which, by public reference); arrangement types are those the partnership
is about; co-financing (para 41) needs every partner to commit funds at the start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

LEVEL_ORDER = ("not_ready", "emerging", "ready", "experienced")


def _rank(level: str) -> int:
    return LEVEL_ORDER.index(level) + 1 if level in LEVEL_ORDER else 0


@dataclass(frozen=True)
class Party:
    """What the rules read of one firm."""

    reference: str
    country: str
    economy_group: str
    ldc: bool
    size_class: str
    sectors: tuple[str, ...]  # ISIC codes
    sections: tuple[str, ...]  # ISIC section letters
    readiness: str = ""  # level code, "" when never assessed
    arrangement_types: tuple[str, ...] = ()  # what the firm seeks in its opportunities


@dataclass(frozen=True)
class Rules:
    countries: frozenset[str] = frozenset()
    economy_groups: frozenset[str] = frozenset()
    ldc_only: bool = False
    size_classes: frozenset[str] = frozenset()
    isic_prefixes: tuple[str, ...] = ()
    arrangement_types: frozenset[str] = frozenset()
    min_readiness: str = ""
    cofinancing_required: bool = False


@dataclass(frozen=True)
class RuleCheck:
    rule: str
    met: bool | None  # None: to be confirmed
    reason: str


@dataclass(frozen=True)
class Outcome:
    checks: tuple[RuleCheck, ...] = field(default=())

    @property
    def met(self) -> tuple[RuleCheck, ...]:
        return tuple(c for c in self.checks if c.met is True)

    @property
    def not_met(self) -> tuple[RuleCheck, ...]:
        return tuple(c for c in self.checks if c.met is False)

    @property
    def to_confirm(self) -> tuple[RuleCheck, ...]:
        return tuple(c for c in self.checks if c.met is None)

    @property
    def may_qualify(self) -> bool:
        """No rule is known to fail."""
        return not self.not_met


def _sector_match(prefix: str, party: Party) -> bool:
    prefix = prefix.strip().upper()
    if prefix.isalpha():
        return prefix in party.sections
    return any(code.startswith(prefix) for code in party.sectors)


def _any_party(
    rule: str,
    parties: list[Party],
    test: Callable[[Party], bool],
    met_reason: str,
    unmet_reason: str,
) -> RuleCheck:
    meeting = [p.reference for p in parties if test(p)]
    if not meeting:
        return RuleCheck(rule, False, unmet_reason)
    if len(parties) > 1:
        return RuleCheck(rule, True, f"{met_reason} ({', '.join(meeting)})")
    return RuleCheck(rule, True, met_reason)


def check(
    rules: Rules,
    parties: list[Party],
    *,
    arrangement_types: list[str] | None = None,
    cofinancing_committed: set[str] | None = None,
    labels: dict[str, dict[str, str]] | None = None,
) -> Outcome:
    """Return the checks of every rule ``rules`` sets, for one firm or the partners of a partnership.

    ``arrangement_types``: those the partnership is about (for a firm alone, the ones it seeks in its
    opportunities are used). ``cofinancing_committed``: public references of the partners committed to
    contribute funds (unknown when None). ``labels`` names codes in the reasons (``{"size": {...}}``).
    """
    names = labels or {}

    def label(kind: str, code: str) -> str:
        return names.get(kind, {}).get(code, code)

    def listed(kind: str, codes: frozenset[str] | tuple[str, ...]) -> str:
        return ", ".join(sorted(label(kind, code) for code in codes))

    checks: list[RuleCheck] = []
    if rules.countries:
        checks.append(
            _any_party(
                "country",
                parties,
                lambda p: p.country in rules.countries,
                _("Based in a country the instrument covers."),
                _("Only for firms based in: %(countries)s.")
                % {"countries": listed("country", rules.countries)},
            )
        )
    if rules.economy_groups:
        checks.append(
            _any_party(
                "economy_group",
                parties,
                lambda p: p.economy_group in rules.economy_groups,
                _("In an economy group the instrument covers."),
                _("Only for firms in: %(groups)s.")
                % {"groups": listed("economy_group", rules.economy_groups)},
            )
        )
    if rules.ldc_only:
        checks.append(
            _any_party(
                "ldc",
                parties,
                lambda p: p.ldc,
                _("Based in a least developed country."),
                _("Only for firms in least developed countries."),
            )
        )
    if rules.size_classes:
        checks.append(
            _any_party(
                "size",
                parties,
                lambda p: p.size_class in rules.size_classes,
                _("Of a size the instrument covers."),
                _("Only for firms of size: %(sizes)s.") % {"sizes": listed("size", rules.size_classes)},
            )
        )
    if rules.isic_prefixes:
        checks.append(
            _any_party(
                "sector",
                parties,
                lambda p: any(_sector_match(prefix, p) for prefix in rules.isic_prefixes),
                _("Works in a sector the instrument covers."),
                _("Only for the sectors (ISIC): %(sectors)s.") % {"sectors": ", ".join(rules.isic_prefixes)},
            )
        )
    if rules.min_readiness:
        needed = label("level", rules.min_readiness)
        checks.append(
            _any_party(
                "readiness",
                parties,
                lambda p: _rank(p.readiness) >= _rank(rules.min_readiness),
                _("Partnership readiness of at least “%(level)s”.") % {"level": needed},
                _("Needs a partnership readiness of at least “%(level)s”: take or improve the diagnostic.")
                % {"level": needed},
            )
        )
    if rules.arrangement_types:
        wanted = listed("arrangement", rules.arrangement_types)
        sought = (
            set(arrangement_types)
            if arrangement_types is not None
            else {a for p in parties for a in p.arrangement_types}
        )
        if not sought:
            checks.append(
                RuleCheck(
                    "arrangement",
                    None,
                    _("For these arrangements only: %(types)s. To confirm for your project.")
                    % {"types": wanted},
                )
            )
        elif sought & rules.arrangement_types:
            checks.append(
                RuleCheck(
                    "arrangement",
                    True,
                    _("Covers the arrangement: %(types)s.")
                    % {"types": listed("arrangement", tuple(sought & rules.arrangement_types))},
                )
            )
        else:
            checks.append(
                RuleCheck(
                    "arrangement", False, _("Only for these arrangements: %(types)s.") % {"types": wanted}
                )
            )
    if rules.cofinancing_required:
        if cofinancing_committed is None or len(parties) < 2:
            checks.append(
                RuleCheck(
                    "cofinancing",
                    None,
                    _(
                        "Both partners must contribute funds at the start of the project (para 41): to confirm."
                    ),
                )
            )
        elif all(p.reference in cofinancing_committed for p in parties):
            checks.append(RuleCheck("cofinancing", True, _("Every partner contributes funds at the start.")))
        else:
            missing = ", ".join(p.reference for p in parties if p.reference not in cofinancing_committed)
            checks.append(
                RuleCheck(
                    "cofinancing",
                    False,
                    _("Every partner must contribute funds at the start; not yet: %(partners)s.")
                    % {"partners": missing},
                )
            )
    return Outcome(tuple(checks))
