"""Build the demo network as plain specs, deterministically: one seeded ``random.Random``, one base date.

Nothing here touches the database; ``services.demo_load`` writes what ``build_network`` returns. Two calls
return equal networks, so two loads give identical data (names, countries, sizes, public references).
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
import uuid

from interfirm.demo.data.cases import CASE_FIRMS
from interfirm.demo.data.intermediaries import INTERMEDIARIES, IntermediarySpec
from interfirm.demo.data.places import (
    DEVELOPED,
    EXPORT_HUBS,
    NAMES,
    PLACES,
    REGIONS,
    TARGET_REGIONS,
    Place,
)
from interfirm.demo.data.sectors import SECTORS, SectorTemplate
from interfirm.demo.specs import ConsentSpec, ContactSpec, DemoNetwork, FirmSpec, UserSpec

SEED = 19980415  # the week of the expert meeting the source report records
BASE_DATE = datetime.date(2026, 1, 15)
FIRM_COUNT = 300
DEMO_DOMAIN = "demo.interfirm.example"
LOGIN_INTERMEDIARY_SLUG = "nairobi-chamber-demo"

SIZE_CLASSES = ("micro", "small", "medium", "large")
# (employees from, to; turnover bands to draw from; year founded from, to; capacity multiplier, the
# capacities in the sector templates being those of a typical small firm)
_SIZE_PROFILE: dict[str, tuple[int, int, tuple[str, ...], int, int, float]] = {
    "micro": (2, 9, ("lt2m",), 2005, 2024, 0.35),
    "small": (10, 49, ("lt2m", "lt10m", "lt10m"), 1985, 2021, 1.2),
    "medium": (50, 249, ("lt10m", "lt50m", "lt50m"), 1968, 2016, 5.0),
    "large": (250, 8000, ("gt50m",), 1950, 2008, 20.0),
}
_OWNERSHIP: dict[str, tuple[tuple[str, int], ...]] = {
    "micro": (("private_domestic", 5), ("family", 5), ("cooperative", 1)),
    "small": (("private_domestic", 6), ("family", 4), ("cooperative", 1), ("mixed", 1)),
    "medium": (("private_domestic", 6), ("family", 3), ("mixed", 2), ("foreign", 1)),
    "large": (("private_domestic", 5), ("family", 2), ("foreign", 3), ("mixed", 2), ("state", 1)),
}
_OPENINGS: dict[str, tuple[str, ...]] = {
    "micro": ("A micro-enterprise that", "An owner-run workshop that", "A young firm that"),
    "small": ("A small firm that", "An owner-managed company that", "A growing small business that"),
    "medium": ("An established mid-sized company that", "A mid-sized firm with a long track record that"),
    "large": ("A large company that", "One of the leading firms of its country; it"),
}
_OWNERSHIP_OPENINGS: dict[str, str] = {
    "family": "A family business, {generation}, that",
    "cooperative": "A cooperative owned by its producer members that",
    "foreign": "A subsidiary of a foreign group that",
    "mixed": "A joint venture of local and foreign shareholders that",
    "state": "A state-owned company run on commercial lines that",
}
_POSITIONS: dict[str, tuple[str, ...]] = {
    "micro": ("Owner", "Founder and manager"),
    "small": ("Managing Director", "Sales and Export Manager", "Operations Manager"),
    "medium": ("General Manager", "Export Manager", "Head of Quality", "Technical Director"),
    "large": (
        "Director of Business Development",
        "Head of Partnerships",
        "Procurement Manager",
        "Chief Technology Officer",
    ),
}
# Where producer cooperatives are common; elsewhere a drawn "cooperative" becomes privately owned.
_COOPERATIVE_SECTORS = frozenset(
    {"fruit", "dairy", "coffee_tea", "fish", "grain_oils", "horticulture", "crafts_jewellery"}
)
_CERT_CHANCE = {"micro": 0.08, "small": 0.25, "medium": 0.5, "large": 0.75}
_EXTRA_MARKETS = {"micro": (0, 1), "small": (1, 3), "medium": (2, 5), "large": (4, 9)}
_CONSENT_METHODS = (("signed_form", 4), ("in_person", 3), ("email", 2), ("phone", 1))


def _generation(year_founded: int) -> str:
    if year_founded < 1975:
        return "now run by the third generation"
    if year_founded < 2000:
        return "now run by the second generation"
    return "run by its founders"


def slugify_ascii(text: str) -> str:
    """Return ``text`` as a lower-case ASCII slug (for demo e-mail addresses and domains)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...] | list[tuple[str, int]]) -> str:
    values = [value for value, _ in pairs]
    weights = [weight for _, weight in pairs]
    return rng.choices(values, weights=weights)[0]


def _nice(value: float) -> int:
    """Round a capacity to two significant figures, so that it reads like a real figure."""
    if value < 10:
        return max(2, round(value))
    digits = len(str(int(value))) - 2
    return int(round(value, -digits))


def _join(items: list[str]) -> str:
    """Return "a, b and c" (with a serial comma when an item has its own "and")."""
    if len(items) <= 1:
        return "".join(items)
    last = ", and " if any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Emails:
    """Hand out unique demo e-mail addresses."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def user(self, full_name: str) -> str:
        base = ".".join(slugify_ascii(part) for part in full_name.split()[:3] if slugify_ascii(part))
        return self.reserve(base, DEMO_DOMAIN)

    def reserve(self, local: str, domain: str) -> str:
        candidate, serial = f"{local}@{domain}", 2
        while candidate in self.taken:
            candidate, serial = f"{local}{serial}@{domain}", serial + 1
        self.taken.add(candidate)
        return candidate


def _staff(emails: _Emails) -> dict[str, tuple[UserSpec, ...]]:
    staff: dict[str, tuple[UserSpec, ...]] = {}
    for spec in INTERMEDIARIES:
        manager_name, member_name = spec.staff
        language = next((code for code in spec.languages if code in ("fr", "es", "ar")), "en")
        if spec.slug == LOGIN_INTERMEDIARY_SLUG:
            manager_email = emails.reserve("intermediary.manager", DEMO_DOMAIN)
            member_email = emails.reserve("intermediary.member", DEMO_DOMAIN)
        else:
            manager_email, member_email = emails.user(manager_name), emails.user(member_name)
        staff[spec.slug] = (
            UserSpec(manager_email, manager_name, "manager", language),
            UserSpec(member_email, member_name, "member", language),
        )
    return staff


class _FirmFactory:
    """Draw generated firm profiles from the sector templates, one after another, from one RNG."""

    def __init__(self, rng: random.Random, emails: _Emails, taken_names: set[str]) -> None:
        self.rng = rng
        self.emails = emails
        self.taken_names = taken_names
        self.taken_domains: set[str] = set()
        self.place_weights = [place.weight for place in PLACES]
        self.covering: dict[str, list[IntermediarySpec]] = {}
        for spec in INTERMEDIARIES:
            for iso3 in spec.countries_covered:
                self.covering.setdefault(iso3, []).append(spec)

    def firm(self, index: int) -> FirmSpec:
        rng = self.rng
        place = rng.choices(PLACES, weights=self.place_weights)[0]
        template = rng.choices(SECTORS, weights=[5 if place.iso3 in t.affinity else 1 for t in SECTORS])[0]
        size = rng.choices(SIZE_CLASSES, weights=template.size_weights)[0]
        if place.iso3 not in DEVELOPED and size == "large" and rng.random() < 0.4:
            size = "medium"  # large firms are rarer in developing economies
        low, high, bands, founded_from, founded_to, scale = _SIZE_PROFILE[size]
        employees = int(low + (high - low) * rng.random() ** (3 if size == "large" else 1.3))
        turnover_band = rng.choice(bands)
        ownership = _weighted(rng, _OWNERSHIP[size])
        if ownership == "cooperative" and template.key not in _COOPERATIVE_SECTORS:
            ownership = "private_domestic"
        year_founded = rng.randint(founded_from, founded_to)
        pool = NAMES[place.names]
        family = rng.choice(pool.family)
        city = rng.choice(place.cities)
        legal_name, stem = self._name(place, template, city, family)
        domain = self._domain(stem)
        products = rng.sample(template.products, k=min(2, len(template.products)))
        markets = self._markets(place, size)
        description = self._description(template, size, ownership, year_founded, products, markets, scale)
        technologies = (
            _capitalise(
                _join(rng.sample(template.technologies, k=min(len(template.technologies), rng.randint(2, 3))))
            )
            + "."
        )
        k = min(len(template.processes), rng.randint(2, 4))
        chosen = sorted(rng.sample(range(len(template.processes)), k=k))
        processes = _capitalise("; ".join(template.processes[i] for i in chosen)) + "."
        equipment = self._equipment(template, scale)
        certifications = self._certifications(template, size, place)
        languages = self._languages(place, size, markets)
        needs = self._needs(template, products, place)
        contacts = self._contacts(place, size, domain)
        primary = contacts[0]
        consent = self._consent(place, size, primary)
        users: tuple[UserSpec, ...] = ()
        if consent is None:
            language = next((code for code in place.languages if code in ("fr", "es", "ar")), "en")
            users = (UserSpec(self.emails.user(primary.name), primary.name, "manager", language),)
        created_on = (
            consent.given_on if consent else BASE_DATE - datetime.timedelta(days=rng.randint(30, 900))
        )
        has_web = size != "micro" or rng.random() < 0.3
        return FirmSpec(
            key=f"generated-{index:03d}",
            legal_name=legal_name,
            trade_name=stem if rng.random() < 0.5 else "",
            country=place.iso3,
            city=city,
            website=f"https://{domain}" if has_web else "",
            email=f"info@{domain}" if has_web else "",
            year_founded=year_founded,
            employees=employees,
            turnover_band=turnover_band,
            ownership=ownership,
            sectors=template.isic[: rng.randint(1, len(template.isic))],
            description=description,
            technologies=technologies,
            processes=processes,
            equipment_capacity=equipment,
            certifications=certifications,
            markets=markets,
            languages=languages,
            needs=needs,
            contacts=contacts,
            users=users,
            consent=consent,
            created_on=created_on,
        )

    def _name(self, place: Place, template: SectorTemplate, city: str, family: str) -> tuple[str, str]:
        rng = self.rng
        for _ in range(50):
            word = rng.choice(template.name_words)
            first = family if rng.random() < 0.45 else city
            stem = f"{first} {word}"
            legal = f"{place.suffix} {stem}" if place.suffix == "PT" else f"{stem} {place.suffix}"
            if legal not in self.taken_names:
                self.taken_names.add(legal)
                return legal, stem
        raise RuntimeError(f"no free demo name for {template.key} in {place.iso3}")  # pragma: no cover

    def _domain(self, stem: str) -> str:
        base = slugify_ascii(stem)
        domain, serial = f"{base}.example", 2
        while domain in self.taken_domains:
            domain, serial = f"{base}-{serial}.example", serial + 1
        self.taken_domains.add(domain)
        return domain

    def _markets(self, place: Place, size: str) -> tuple[str, ...]:
        rng = self.rng
        low, high = _EXTRA_MARKETS[size]
        count = rng.randint(low, high)
        region = next(name for name, members in REGIONS.items() if place.iso3 in members)
        neighbours = [iso3 for iso3 in REGIONS[region] if iso3 != place.iso3]
        hubs = [iso3 for iso3 in EXPORT_HUBS if iso3 != place.iso3]
        markets: list[str] = [place.iso3]
        while len(markets) < count + 1:
            source = neighbours if rng.random() < 0.55 else hubs
            candidate = rng.choice(source)
            if candidate not in markets:
                markets.append(candidate)
        return tuple(markets)

    def _description(
        self,
        template: SectorTemplate,
        size: str,
        ownership: str,
        year_founded: int,
        products: list[str],
        markets: tuple[str, ...],
        scale: float,
    ) -> str:
        rng = self.rng
        if ownership in _OWNERSHIP_OPENINGS and rng.random() < 0.6:
            opening = _OWNERSHIP_OPENINGS[ownership].format(generation=_generation(year_founded))
        else:
            opening = rng.choice(_OPENINGS[size])
        customers = rng.sample(template.customers, k=min(2, len(template.customers)))
        sentences = [f"{opening} {template.activity} {_join(products)} for {_join(customers)}."]
        if len(markets) == 1:
            sentences.append("It sells in its home market and is preparing its first exports.")
        elif len(markets) <= 3:
            sentences.append("It sells at home and in neighbouring countries.")
        else:
            share = rng.choice((20, 30, 40, 55, 70))
            sentences.append(f"About {share} per cent of its sales are to customers abroad.")
        if template.stories and rng.random() < 0.5:
            story = rng.choice(template.stories)
            sentences.append(story.format(cap=_nice(rng.choice((12, 25, 40, 60)) * max(1.0, scale / 2))))
        return " ".join(sentences)

    def _equipment(self, template: SectorTemplate, scale: float) -> str:
        rng = self.rng
        k = min(len(template.equipment), rng.randint(1, 2))
        lines: list[str] = []
        for text, base in rng.sample(template.equipment, k=k):
            figure = _nice(base * scale * rng.uniform(0.7, 1.4))
            line = text.format(cap=f"{figure:,}")
            lines.append(line if not lines else line[:1].lower() + line[1:])
        return "; ".join(lines) + "."

    def _certifications(self, template: SectorTemplate, size: str, place: Place) -> tuple[str, ...]:
        chance = _CERT_CHANCE[size] * (1.3 if place.iso3 in DEVELOPED else 1.0)
        held = [code for code in template.certifications if self.rng.random() < chance]
        return tuple(held[:4])

    def _languages(self, place: Place, size: str, markets: tuple[str, ...]) -> tuple[str, ...]:
        languages = list(place.languages)
        if "en" not in languages and (len(markets) > 2 or size in ("medium", "large")):
            languages.append("en")
        if size == "large" and self.rng.random() < 0.4:
            extra = self.rng.choice(("fr", "es", "ar", "de", "zh", "ru"))
            if extra not in languages:
                languages.append(extra)
        return tuple(languages)

    def _needs(self, template: SectorTemplate, products: list[str], place: Place) -> str:
        rng = self.rng
        regions = [label for label, members in TARGET_REGIONS if place.iso3 not in members]
        chosen = rng.sample(template.needs, k=rng.choice((1, 2, 2)))
        phrases = [need.format(product=rng.choice(products), region=rng.choice(regions)) for need in chosen]
        return "We are looking for " + "; and ".join(phrases) + "."

    def _contacts(self, place: Place, size: str, domain: str) -> tuple[ContactSpec, ...]:
        rng = self.rng
        pool = NAMES[place.names]
        count = {"micro": 1, "small": rng.randint(1, 2), "medium": 2, "large": rng.randint(2, 3)}[size]
        positions = rng.sample(_POSITIONS[size], k=min(count, len(_POSITIONS[size])))
        contacts: list[ContactSpec] = []
        used: set[str] = set()
        for number, position in enumerate(positions):
            name = f"{rng.choice(pool.given)} {rng.choice(pool.family)}"
            while name in used:
                name = f"{rng.choice(pool.given)} {rng.choice(pool.family)}"
            used.add(name)
            local = ".".join(slugify_ascii(part) for part in name.split()[:2])
            contacts.append(ContactSpec(name, position, f"{local}@{domain}", is_primary=number == 0))
        return tuple(contacts)

    def _consent(self, place: Place, size: str, primary: ContactSpec) -> ConsentSpec | None:
        """About a third of the SMEs of developing and transition economies are registered by an
        intermediary that covers their country (the report's para 29), and have no user of their own."""
        rng = self.rng
        if place.iso3 in DEVELOPED or size == "large" or rng.random() >= 0.4:
            return None
        candidates = [spec for spec in self.covering.get(place.iso3, []) if spec.portfolio_weight > 0]
        if not candidates:
            return None
        spec = rng.choices(candidates, weights=[c.portfolio_weight for c in candidates])[0]
        method = _weighted(rng, _CONSENT_METHODS)
        given_on = BASE_DATE - datetime.timedelta(days=rng.randint(20, 700))
        return ConsentSpec(spec.slug, method, given_on, f"{primary.name}, {primary.position.lower()}")


def _identifiers(rng: random.Random, firms: list[FirmSpec]) -> list[FirmSpec]:
    """Give every firm a fixed global id and public reference, so that demo URLs stay the same."""
    from dataclasses import replace

    seen: set[str] = set()
    result = []
    for spec in firms:
        uid = uuid.UUID(int=rng.getrandbits(128), version=4)
        reference = "F" + uid.hex[-7:].upper()
        while reference in seen:  # pragma: no cover - 28 bits, 300 firms
            uid = uuid.UUID(int=rng.getrandbits(128), version=4)
            reference = "F" + uid.hex[-7:].upper()
        seen.add(reference)
        created_on = spec.created_on or (BASE_DATE - datetime.timedelta(days=rng.randint(400, 1200)))
        result.append(replace(spec, uid=str(uid), reference=reference, created_on=created_on))
    return result


def build_network(*, firm_count: int = FIRM_COUNT, seed: int = SEED) -> DemoNetwork:
    """Return the demo network: the intermediaries with their staff, and ``firm_count`` firms (the
    report's case-like firms first). The same arguments always give the same network."""
    rng = random.Random(seed)
    emails = _Emails()
    staff = _staff(emails)
    for case in CASE_FIRMS:
        emails.taken.update(user.email for user in case.users)
    factory = _FirmFactory(rng, emails, {case.legal_name for case in CASE_FIRMS})
    generated = [factory.firm(index) for index in range(1, firm_count - len(CASE_FIRMS) + 1)]
    firms = _identifiers(random.Random(seed + 1), [*CASE_FIRMS, *generated])
    return DemoNetwork(intermediaries=INTERMEDIARIES, staff=staff, firms=tuple(firms))
