"""Writing the text of generated opportunities and expressions of interest from the demo firms' profiles.

Pure functions over the specs (no database). Every text describes the firm as its anonymous profile
does — size, kind of business, country, capacity, certifications, markets — and never by name, city,
website, e-mail, phone or contact persons: opportunities are published anonymously.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from interfirm.demo.data.opportunities import GULF
from interfirm.demo.data.phrases import (
    ADJECTIVES,
    COUNTRY_NAMES,
    LOCAL_PARTNER_NEEDS,
    SECTOR_NOUNS,
    SERVICE_SECTORS,
)
from interfirm.demo.data.places import DEVELOPED, TARGET_REGIONS, TRANSITION
from interfirm.demo.data.sectors import SECTORS, SectorTemplate
from interfirm.demo.generator import BASE_DATE
from interfirm.demo.specs import FirmSpec, OpportunityContent
from interfirm.firms.loaders import CERTIFICATIONS
from interfirm.firms.sizing import size_class_for

TEMPLATES: dict[str, SectorTemplate] = {template.isic[0]: template for template in SECTORS}
CERT_NAMES: dict[str, str] = {code: name for code, name, _description in CERTIFICATIONS}
SIZE_WORDS = {"micro": "very small", "small": "small", "medium": "mid-sized", "large": "large"}
ARRANGEMENT_WORDS = {
    "licensing": "licensing",
    "subcontracting": "subcontracting",
    "joint_venture": "joint venture",
    "franchising": "franchising",
    "distribution": "distribution",
    "technical_cooperation": "technical cooperation",
    "rd_cooperation": "R&D",
    "strategic_alliance": "strategic alliance",
    "equity_investment": "equity investment",
    "supply": "supply",
    "services_outsourcing": "outsourcing",
}
REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    *((label, tuple(sorted(members or GULF))) for label, members in TARGET_REGIONS),
    ("Central Asia and Eastern Europe", ("KAZ", "UKR", "UZB")),
)
REGION_LANGUAGE = {"West Africa": "fr", "North Africa": "ar", "Latin America": "es", "the Gulf States": "ar"}


# Small helpers ------------------------------------------------------------------------------------


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_words(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def bloc_of(iso3: str) -> str:
    if iso3 in DEVELOPED:
        return "north"
    if iso3 in TRANSITION:
        return "transition"
    return "south"


def corridor_kind(a: str, b: str) -> str:
    """Return the corridor kind of two demo countries, by the UN grouping (as ``geo.corridors``)."""
    order = ("north", "south", "transition")
    first, second = sorted((bloc_of(a), bloc_of(b)), key=order.index)
    return f"{first}_{second}"


def corridors_of(owner: str, partners: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({corridor_kind(owner, partner) for partner in partners}))


def template_of(firm: FirmSpec) -> SectorTemplate | None:
    return TEMPLATES.get(firm.sectors[0]) if firm.key.startswith("generated-") else None


def size_of(firm: FirmSpec) -> str:
    return size_class_for(employees=firm.employees, turnover_band=firm.turnover_band)


def products_of(firm: FirmSpec, template: SectorTemplate) -> list[str]:
    mentioned = [product for product in template.products if product in firm.description]
    return mentioned or list(template.products[:2])


def markets_sentence(firm: FirmSpec) -> str:
    abroad = [COUNTRY_NAMES[c] for c in firm.markets if c != firm.country and c in COUNTRY_NAMES]
    if not abroad:
        return "It sells in its home market and is preparing its first exports."
    return f"It already sells in {join_words(abroad[:4])}."


def certifications_sentence(firm: FirmSpec) -> str:
    names = [CERT_NAMES.get(code, code) for code in firm.certifications]
    return f"It holds {join_words(names)}." if names else ""


def age_phrase(firm: FirmSpec) -> str:
    years = BASE_DATE.year - firm.year_founded
    if years < 3:
        return "founded recently"
    return f"in business for {years} years"


# Content of generated opportunities ---------------------------------------------------------------


@dataclass(frozen=True)
class Idea:
    """What a generated opportunity is about, before it is written out."""

    name: str  # need, capacity, technology, distribution, investment_request, investment_offer, research
    kind: str
    domains: tuple[str, ...]
    arrangements: tuple[str, ...]
    need: str = ""


def classify_need(need: str, sector: str) -> Idea:
    """Return the kind, domains and arrangement types a need of a sector template describes."""
    text = need.lower()
    rules: tuple[tuple[Callable[[str], bool], str, tuple[str, ...], tuple[str, ...]], ...] = (
        (
            lambda t: "foreign" in t and "local" in t,
            "offer",
            ("marketing",),
            ("joint_venture", "strategic_alliance"),
        ),
        (lambda t: "exporters who need" in t, "offer", ("marketing",), ("services_outsourcing",)),
        (lambda t: "franchise" in t, "request", ("marketing",), ("franchising", "licensing")),
        (lambda t: "licensee" in t, "offer", ("technology",), ("licensing", "joint_venture")),
        (lambda t: "licen" in t, "request", ("technology",), ("licensing", "technical_cooperation")),
        (
            lambda t: "offshore" in t or "outsourcing clients" in t,
            "offer",
            ("production",),
            ("services_outsourcing",),
        ),
        (
            lambda t: "orders" in t or "tier-1 customer" in t or "local packaging supplier" in t,
            "offer",
            ("production",),
            ("subcontracting", "supply"),
        ),
        (
            lambda t: "strategic alliance" in t or "consortium" in t,
            "request",
            ("marketing",),
            ("strategic_alliance",),
        ),
        (
            lambda t: "joint venture" in t or "joint-venture" in t,
            "request",
            ("investment", "production"),
            ("joint_venture",),
        ),
        (lambda t: "equity" in t or "finance" in t, "request", ("investment",), ("equity_investment",)),
        (lambda t: "r&d" in t, "request", ("technology",), ("rd_cooperation",)),
        (lambda t: "supplier of" in t or "supply and service" in t, "request", ("production",), ("supply",)),
        (
            lambda t: any(w in t for w in ("buyer", "importer", "distributor", "reseller", "tour operator")),
            "offer",
            ("marketing",),
            ("distribution",),
        ),
        (
            lambda t: "agent" in t or "agency" in t,
            "offer",
            ("marketing",),
            ("distribution", "strategic_alliance"),
        ),
        (
            lambda t: "roaster partner" in t or ("design" in t and "marketing" in t),
            "offer",
            ("marketing",),
            ("strategic_alliance", "distribution"),
        ),
    )
    for matches, kind, domains, arrangements in rules:
        if matches(text):
            return Idea("need", kind, domains, arrangements, need)
    return Idea("need", "request", ("technology",), ("technical_cooperation",), need)


class OpportunityWriter:
    """Write the opportunities of generated firms from their sector templates."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def region(self, owner: str, *, prefer: str = "") -> tuple[str, tuple[str, ...]]:
        """Return a target region (label, countries without the owner's), ``prefer``: north, south."""
        rng = self.rng
        choices = [(label, tuple(c for c in members if c != owner)) for label, members in REGIONS]
        choices = [(label, members) for label, members in choices if members]
        if owner in TRANSITION and rng.random() < 0.35:
            return next(choice for choice in choices if choice[0] == "Central Asia and Eastern Europe")
        if prefer:
            wanted = [(label, members) for label, members in choices if bloc_of(members[0]) == prefer]
            choices = wanted or choices
        away = [(label, members) for label, members in choices if owner not in dict(REGIONS)[label]]
        return rng.choice(away or choices)

    def write(self, firm: FirmSpec, template: SectorTemplate, idea: Idea, key: str) -> OpportunityContent:
        rng = self.rng
        size = size_of(firm)
        noun = SECTOR_NOUNS[template.key]
        adjective = ADJECTIVES.get(firm.country, "")
        products = products_of(firm, template)
        product = rng.choice(products)
        customers = join_words(rng.sample(template.customers, k=min(2, len(template.customers))))
        technology = rng.choice(template.technologies)
        who = f"{article(SIZE_WORDS[size])} {SIZE_WORDS[size]} {noun}"
        profile = [
            f"The firm {template.activity} {join_words(products)} for {customers}, {age_phrase(firm)}.",
            markets_sentence(firm),
            f"Capacity: {firm.equipment_capacity[:1].lower()}{firm.equipment_capacity[1:]}",
            certifications_sentence(firm),
        ]
        prefer = {"technology": "north" if rng.random() < 0.6 else "south"}.get(idea.domains[0], "")
        label, countries = self.region(firm.country, prefer=prefer if idea.kind == "request" else "")
        service = template.key in SERVICE_SECTORS
        fields: dict[str, Any] = {}
        if idea.name == "need":
            need = idea.need.format(product=product, region=label)
            if idea.need in LOCAL_PARTNER_NEEDS:
                # The firm offers to be the local partner of foreign firms: say it that way round.
                partners = LOCAL_PARTNER_NEEDS[idea.need]
                title = f"{capitalise(adjective)} {noun} offers to be the local partner of {partners}"
                summary = (
                    f"{capitalise(who)} that {template.activity} {join_words(products)} offers to be the "
                    f"local partner of {partners}, in a joint venture or a consortium."
                )
            elif rng.random() < 0.5:
                title = f"{capitalise(adjective)} {noun} seeks {need}"
                summary = f"{capitalise(who)} that {template.activity} {join_words(products)} seeks {need}."
            else:
                title = f"{capitalise(need)}: sought by {who}"
                summary = f"{capitalise(who)} that {template.activity} {join_words(products)} seeks {need}."
            role, capacity, advantage, ask = self._need_texts(idea, template, product, label, customers)
            description = " ".join([*profile, ask])
            words = [ARRANGEMENT_WORDS[a] for a in idea.arrangements]
            keywords = [product, noun, *words, label if "{region}" in idea.need else technology]
        elif idea.name == "capacity":
            what = product if not service else f"{product} for clients abroad"
            work = "services outsourcing" if service else "contract manufacturing"
            title = rng.choice(
                (
                    f"{capitalise(adjective)} {noun} offers {'services' if service else 'contract manufacturing'} "
                    f"capacity for {what}",
                    f"{capitalise(product)}: {'outsourcing' if service else 'subcontracting'} capacity offered by {who}",
                )
            )
            summary = (
                f"{capitalise(who)} with spare capacity offers {work} of {product} to firms in {label}, "
                "to their specifications."
            )
            promise = (
                "with agreed service levels and regular reporting"
                if service
                else "with inspection reports and agreed delivery schedules"
            )
            description = " ".join(
                [
                    *profile,
                    f"It can take on regular work from larger firms in {label}, to their specifications, "
                    f"{promise}.",
                ]
            )
            advantage = (
                f"Competitive costs, experience in {technology} and a team used to working to customers' "
                "standards; short trial runs are possible."
            )
            role = f"Place regular orders for {product}; agree specifications, quality checks and delivery terms."
            capacity = (
                "A volume of work large enough for a dedicated team."
                if service
                else "Orders large enough for at least one production shift a month."
            )
            keywords = [product, "subcontracting" if not service else "outsourcing", noun, technology]
            fields["stage"] = "market"
            fields["partner_sizes"] = ("medium", "large")
        elif idea.name == "technology":
            title = rng.choice(
                (
                    f"{capitalise(technology)} for {noun}s: know-how offered under licence or technical cooperation",
                    f"{capitalise(adjective)} {noun} offers its {technology} know-how to partners abroad",
                )
            )
            summary = (
                f"{capitalise(who)} offers the {technology} know-how it uses for {product}, under licence or "
                "technical cooperation, with training and start-up support."
            )
            description = " ".join(
                [
                    *profile,
                    f"Over the years the firm has adapted {technology} to local raw materials and conditions. "
                    f"It offers the know-how to firms in {label}: documentation, training of staff at its "
                    "plant, help with equipment choice and start-up visits.",
                ]
            )
            advantage = (
                f"Know-how proven in daily production, adapted to conditions like those in {label}, at a cost "
                "far below that of suppliers from developed countries."
            )
            role = "Apply the know-how in your own plant; send staff for training; pay a fee or royalty."
            capacity = "A plant or site where the technology can be installed, and staff to be trained."
            keywords = [technology, "know-how", "licence", product]
            fields["stage"] = rng.choice(("market", "tested"))
            fields["ip_status"] = rng.choice(("know_how", "know_how", "patent_granted", "patent_applied"))
        elif idea.name == "distribution":
            home = next((lab for lab, members in REGIONS if firm.country in members), label)
            franchising = (
                template.key in ("bakery_snacks", "beverages", "tourism", "cosmetics") and rng.random() < 0.5
            )
            arrangement = "franchise" if franchising else "distribution or agency"
            title = f"{capitalise(adjective)} {noun} seeks foreign brands to represent in {home}"
            summary = (
                f"{capitalise(who)} with its own sales network seeks foreign producers of complementary products "
                f"to represent in {home} under a {arrangement} agreement."
            )
            description = " ".join(
                [
                    *profile,
                    f"It delivers to {customers} across {home} and wants to add products from foreign "
                    "producers that complement its own range, with marketing support from the producer.",
                ]
            )
            advantage = f"An established customer base among {customers} and its own delivery network."
            role = f"Supply products and marketing support; appoint us as {arrangement} partner for {home}."
            capacity = "Products with export documentation and labels in the local language."
            keywords = [noun, "distribution", "agency", home]
            fields["arrangements"] = ("franchising", "distribution") if franchising else ("distribution",)
            label, countries = self.region(firm.country, prefer="north" if rng.random() < 0.6 else "")
        elif idea.name == "investment_request":
            joint = rng.random() < 0.4
            title = rng.choice(
                (
                    f"Equity partner sought to expand {product} {'capacity' if service else 'production'}",
                    f"{capitalise(adjective)} {noun} seeks an investor to grow its capacity",
                )
            )
            summary = (
                f"{capitalise(who)} seeks {'a joint-venture partner' if joint else 'an equity investor'} to finance "
                f"new capacity for {product} and open export markets."
            )
            description = " ".join(
                [
                    *profile,
                    f"Demand for {product} exceeds what the firm can "
                    f"{'deliver. It has a plan to open a second site' if service else 'make. It has a plan to add a second line'} "
                    "and seeks an investor that brings capital and, ideally, access to markets and "
                    "management know-how.",
                ]
            )
            advantage = "A profitable business with a growing order book and a clear expansion plan."
            role = "Take a minority stake or form a joint venture; bring capital, market access and know-how."
            capacity = "An investment of 0.5 to 3 million US dollars over two years."
            keywords = [product, "investment", "equity", "joint venture" if joint else "expansion"]
            fields["arrangements"] = (
                ("joint_venture", "equity_investment") if joint else ("equity_investment",)
            )
            fields["partner_types"] = ("investor", "firm")
        elif idea.name == "investment_offer":
            title = f"{capitalise(adjective)} {noun} offers investment and know-how to a partner in {label}"
            summary = (
                f"{capitalise(who)} offers equity, equipment and know-how to a firm in {label} that can make "
                f"{product} for the local market and for export."
            )
            description = " ".join(
                [
                    *profile,
                    f"To be closer to growing markets, the company wants to invest in a firm in {label}, in "
                    "a joint venture or through a minority stake, and to transfer its processes and quality "
                    "system.",
                ]
            )
            advantage = "Capital, proven processes and a purchase guarantee for part of the output."
            role = "Run the local operation; bring local market knowledge, a site and a skilled workforce."
            capacity = "A registered company with at least three years of accounts and a production site."
            keywords = [product, "investment", "joint venture", label]
            fields["partner_sizes"] = ("small", "medium")
        else:  # research
            title = f"R&D cooperation sought on {technology} with a university or research institute"
            summary = (
                f"{capitalise(who)} seeks a university or research institute for a joint project on {technology} "
                f"for {product}."
            )
            description = " ".join(
                [
                    *profile,
                    f"The firm wants to improve {technology} to cut costs and raise quality, and seeks a "
                    "research partner for a joint project with shared results, applying together for public "
                    "research funding where possible.",
                ]
            )
            advantage = "Industrial test facilities and real production data for the research."
            role = "Lead the research work; host our engineers; apply together for research funding."
            capacity = "A research group with published work in the field."
            keywords = [technology, "R&D", "research", product]
            fields["partner_types"] = ("research",)
            fields["stage"] = "development"
        arrangements = fields.pop("arrangements", idea.arrangements)
        assert isinstance(arrangements, tuple)
        geography = rng.random()
        partner_countries: tuple[str, ...] = ()
        partner_economy_groups: tuple[str, ...] = ()
        if geography < 0.75:
            partner_countries = countries
        elif geography < 0.9:
            partner_economy_groups = ("developed",) if bloc_of(countries[0]) == "north" else ("developing",)
            if idea.name == "investment_offer" and rng.random() < 0.5:
                partner_economy_groups = ("LDC",)
        languages = ["en"]
        if REGION_LANGUAGE.get(label) and rng.random() < 0.5:
            languages.append(REGION_LANGUAGE[label])
        certifications: tuple[str, ...] = ()
        if idea.domains[0] == "production" and template.certifications and rng.random() < 0.6:
            certifications = (rng.choice(template.certifications),)
        corridors = (
            corridors_of(firm.country, partner_countries) if partner_countries and rng.random() < 0.6 else ()
        )
        return OpportunityContent(
            key=key,
            firm_key=firm.key,
            kind=idea.kind,
            domains=idea.domains,
            title=title[:200],
            summary=summary,
            description=description.replace("  ", " ").strip(),
            advantages=advantage,
            arrangement_types=arrangements,
            partner_role=role,
            sectors=firm.sectors,
            keywords=", ".join({k.lower(): k for k in keywords if k}.values()),
            stage=str(fields.get("stage", "market" if idea.kind == "offer" else "na")),
            ip_status=str(fields.get("ip_status", "na")),
            partner_sizes=tuple(fields.get("partner_sizes", ())),
            partner_types=tuple(fields.get("partner_types", ("firm",))),
            partner_countries=partner_countries,
            partner_economy_groups=partner_economy_groups,
            partner_corridors=corridors,
            required_certifications=certifications,
            required_capacity=capacity,
            required_languages=tuple(languages),
        )

    def _need_texts(
        self, idea: Idea, template: SectorTemplate, product: str, label: str, customers: str
    ) -> tuple[str, str, str, str]:
        """Return (partner role, required capacity, advantages, the closing sentence) for a need."""
        arrangement = idea.arrangements[0]
        if idea.need in LOCAL_PARTNER_NEEDS:
            return (
                "Bring the foreign firm's experience and references; share the work, the risk and the results "
                "of projects in our country.",
                "References in similar projects and the will to work with a local partner.",
                "Knowledge of local rules, suppliers and clients; a team on the ground; local references.",
                "It offers foreign firms what they lack here: local knowledge, permits, staff and "
                "relationships with clients, in a joint venture or a consortium for each project.",
            )
        if arrangement == "distribution":
            return (
                f"Import or represent our {product}, hold stock, sell to {customers} and report on the market.",
                "An established sales network and storage suited to the product.",
                f"Consistent quality of {product}, flexible packaging and prices well placed against imports "
                "from other origins.",
                f"It seeks a partner that knows the buyers in {label} and can build its products there, "
                "starting with trial shipments.",
            )
        if arrangement in ("subcontracting", "supply") and idea.kind == "offer":
            return (
                f"Place orders for {product} to your specifications and help us meet your standards.",
                "Regular orders over at least a year.",
                "Reliable delivery, competitive costs and willingness to adapt to the customer's standards.",
                "It seeks customers who place regular orders and will work with it on quality.",
            )
        if arrangement == "services_outsourcing":
            return (
                "Outsource work to our team under a service agreement, with agreed service levels.",
                "A volume of work that justifies a dedicated team.",
                "Skilled staff at competitive rates and experience with foreign clients.",
                "It seeks clients who want a dedicated team and a long-term service agreement.",
            )
        if arrangement == "supply":
            return (
                "Supply the equipment or inputs, install them and train our staff; offer after-sales service.",
                "Spare parts and technicians available in or near our country.",
                "A growing firm with a clear investment plan and finance arranged for it.",
                "It seeks a supplier that will stay with it after the sale, with training and spare parts.",
            )
        if arrangement == "licensing" and idea.kind == "offer":
            return (
                "Manufacture under licence, or assemble in a joint venture, and sell in your market.",
                "A production site, a sales network and staff to be trained.",
                "A proven product, training at our plant and supply of key components during start-up.",
                f"It seeks a licensee or joint-venture partner that can make and sell {product} in {label}.",
            )
        if arrangement in ("licensing", "franchising"):
            return (
                "Grant a licence or franchise, transfer the know-how and support the launch.",
                "A recognised brand or proven technology, and training for our staff.",
                "A local team that knows the market, with the facilities and customers to start at once.",
                "It seeks a licensor that will transfer know-how and help it through the first years.",
            )
        if arrangement in ("joint_venture", "equity_investment"):
            return (
                "Invest in the firm or a joint venture; bring capital and market access.",
                "Capital and experience in the sector.",
                "A profitable business with an order book and a site ready for expansion.",
                "It seeks a partner that brings capital and experience and shares the risk.",
            )
        if arrangement == "strategic_alliance":
            return (
                "Team up with us in tenders and projects; share references and resources.",
                "References in similar projects.",
                "Local knowledge, a team on the ground and references in the region.",
                "It seeks a partner for joint bids and projects, sharing work and results.",
            )
        if arrangement == "rd_cooperation":
            return (
                "Carry out joint research; host our engineers; apply together for research funding.",
                "A research group or development team with work in the field.",
                "Industrial test facilities and real production data.",
                "It seeks a research partner for a joint project with shared results.",
            )
        return (
            "Advise and train our staff; visit our plant; help choose equipment.",
            "Experience in the same field and staff available for visits.",
            f"A motivated team, experience in {template.technologies[0]} and management support.",
            "It wants to learn from a partner that has solved the same problem, through visits, training "
            "and advice.",
        )


def interest_message(content: OpportunityContent, firm: FirmSpec) -> str:
    """Return what the interested firm writes: what it is and what it brings. Names nobody."""
    template = template_of(firm)
    noun = SECTOR_NOUNS[template.key] if template else "firm"
    size = SIZE_WORDS[size_of(firm)]
    country = COUNTRY_NAMES.get(firm.country, "abroad")
    opening = f"We are {article(size)} {size} {noun} from {country}, {age_phrase(firm)}."
    domain = content.domains[0]
    if content.kind == "offer":
        fit = {
            "marketing": "We would like to sell your products in our market: we know the buyers and have "
            "storage and a sales team.",
            "technology": "We would like to use your technology in our own plant and can send staff for "
            "training.",
            "production": "We are looking for a reliable partner for regular orders and would start "
            "with a trial order.",
            "investment": "We are looking for a partner of this kind and would welcome a first meeting.",
        }[domain]
    else:
        fit = {
            "marketing": "We can supply products that fit your range and support their launch.",
            "technology": "We have solved similar problems in our own production and can share what we "
            "learned.",
            "production": "We can make what you describe to your specifications.",
            "investment": "We invest in firms of your kind and could discuss a stake.",
        }[domain]
    capacity = f"Our capacity: {firm.equipment_capacity[:1].lower()}{firm.equipment_capacity[1:]}"
    return " ".join(
        part
        for part in (opening, capacity, certifications_sentence(firm).replace("It holds", "We hold"), fit)
        if part
    )
