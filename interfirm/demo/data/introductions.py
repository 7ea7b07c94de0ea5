"""The expressions of interest among the report's cases, and what the interested firms write.

The enzymes producer (the demo firm manager's firm) both sends and receives them: its offer to the
Irish brewing supplier is accepted, so the demo shows identities revealed after acceptance. The
telecom multinational accepts three of its Indian partners; the appliance maker accepts the Egyptian
moulder that its intermediary puts forward (para 30).
"""

from __future__ import annotations

from dataclasses import dataclass

from interfirm.demo.data.cases import LOGIN_FIRM_KEY


@dataclass(frozen=True)
class CaseInterest:
    """An expression of interest among the cases. ``firm`` is a firm key, or a pick among the generated
    firms: "pick:<sector keys>:<countries>" (either part may be empty); ``opportunity`` is a case
    opportunity's key, or a pick among the generated ones: "pick:<sector keys>:<offer or request>"."""

    key: str
    opportunity: str
    firm: str
    status: str
    reason: str = ""
    day: int | None = None  # the day it is sent (offset from the base date), when it matters


CASE_INTERESTS: tuple[CaseInterest, ...] = (
    # The enzymes cases: the demo firm's own expressions, sent and received.
    CaseInterest(
        "case-eoi-enzymes-supply", "case-plant-enzymes-request", "case-bangalore-enzymes", "accepted", day=-60
    ),
    CaseInterest(
        "case-eoi-flavours-research", "case-natural-flavours-research", "case-bangalore-enzymes", "open"
    ),
    CaseInterest(
        "case-eoi-raw-materials", "case-natural-raw-materials", "case-bangalore-enzymes", "withdrawn"
    ),
    CaseInterest(
        "case-eoi-biotech-request", "pick:biotech_rd,pharma:request", LOGIN_FIRM_KEY, "declined", "timing"
    ),
    CaseInterest(
        "case-eoi-biotech-request-2", "pick:biotech_rd,pharma,chemicals:request", LOGIN_FIRM_KEY, "open"
    ),
    CaseInterest(
        "case-eoi-microbial-research", "case-microbial-enzymes-research", "case-rotterdam-flavours", "open"
    ),
    CaseInterest(
        "case-eoi-papain-europe",
        "case-papain-isinglass-offer",
        "pick:beverages,chemicals,bakery_snacks,biotech_rd:NLD,BEL,DEU,GBR,FRA,ITA,ESP,POL,SWE",
        "open",
    ),
    CaseInterest(
        "case-eoi-ssf-licence",
        "case-ssf-licence-offer",
        "pick:biotech_rd,grain_oils:",
        "declined",
        "capacity",
    ),
    CaseInterest(
        "case-eoi-ssf-licence-2",
        "case-ssf-licence-offer",
        "pick:biotech_rd,grain_oils,fruit,chemicals,pharma:PHL,VNM,THA,IDN,MYS,KHM",
        "expired",
    ),
    CaseInterest(
        "case-eoi-brewing-africa",
        "case-brewing-enzymes-africa",
        "pick:beverages:NGA,GHA,KEN,TZA,UGA,ETH",
        "expired",
    ),
    # The telecom multinational and its four Indian partners (and one it turned down).
    CaseInterest(
        "case-eoi-cell-large",
        "case-indian-software-partners",
        "case-mumbai-consolidated",
        "accepted",
        day=-90,
    ),
    CaseInterest(
        "case-eoi-cell-listed",
        "case-indian-software-partners",
        "case-bengaluru-infotech",
        "accepted",
        day=-80,
    ),
    CaseInterest(
        "case-eoi-cell-medium", "case-indian-software-partners", "case-deccan-digital", "accepted", day=-45
    ),
    CaseInterest("case-eoi-cell-start-up", "case-indian-software-partners", "case-pune-signal", "open"),
    CaseInterest(
        "case-eoi-cell-declined",
        "case-indian-software-partners",
        "pick:software,it_services:IND",
        "declined",
        "capacity",
    ),
    CaseInterest(
        "case-eoi-operators",
        "case-south-asia-operators",
        "pick:software,it_services,electrical:BGD,LKA,NPL",
        "open",
    ),
    # The appliance maker: production transfer, university research, North African suppliers.
    CaseInterest(
        "case-eoi-transfer-tunisia",
        "case-appliance-know-how-transfer",
        "pick:electrical,metal_fabrication,plastics_rubber,machinery:TUN,MAR",
        "accepted",
    ),
    CaseInterest("case-eoi-transfer-korea", "case-appliance-know-how-transfer", "pick::KOR", "open"),
    CaseInterest(
        "case-eoi-parts-supplier",
        "case-north-africa-parts-suppliers",
        "case-tenth-ramadan-plastics",
        "accepted",
    ),
    CaseInterest(
        "case-eoi-compressor-research",
        "case-compressor-university-research",
        "pick:engineering_consult,machinery,electrical:DEU,ITA,SWE,GBR,NLD,FRA",
        "open",
    ),
    # The oil research institute, the Uruguayan firms, the Egyptian workshops.
    CaseInterest(
        "case-eoi-heavy-oil",
        "case-heavy-oil-research",
        "pick:energy,engineering_consult,chemicals,biotech_rd:BRA,ARG,COL,MEX,CHN,CAN,NLD",
        "accepted",
    ),
    CaseInterest(
        "case-eoi-heavy-oil-2",
        "case-heavy-oil-research",
        "pick:engineering_consult,energy:",
        "declined",
        "not_relevant",
    ),
    CaseInterest("case-eoi-pasture", "case-pasture-monitoring-technology", "pick:software:", "open"),
    CaseInterest(
        "case-eoi-pasture-2",
        "case-pasture-monitoring-technology",
        "pick:software,it_services:",
        "declined",
        "information",
    ),
    CaseInterest(
        "case-eoi-ripening",
        "case-cheese-ripening-cooperation",
        "pick:dairy:IRL,NLD,NZL,DEU,FRA,ITA",
        "accepted",
    ),
    CaseInterest(
        "case-eoi-furniture-orders",
        "case-furniture-subcontracting",
        "pick:wood_furniture:ITA,FRA,TUR,ESP",
        "accepted",
    ),
    CaseInterest(
        "case-eoi-furniture-orders-2", "case-furniture-subcontracting", "pick:wood_furniture:", "open"
    ),
    CaseInterest(
        "case-eoi-finishing", "case-furniture-finishing-training", "pick:wood_furniture:", "withdrawn"
    ),
    CaseInterest(
        "case-eoi-moulding-orders",
        "case-moulding-subcontracting",
        "pick:electrical,auto_parts,machinery:",
        "declined",
        "geography",
    ),
)

# What the interested firm writes, for the cases the demo is built around.
CASE_MESSAGES: dict[str, str] = {
    "case-eoi-enzymes-supply": (
        "We have produced papain from papaya latex and isinglass finings for breweries for many years, "
        "from raw materials bought under contract from growers, and ship about 60 tonnes of papain a year. "
        "Each lot comes with an activity certificate. We would welcome a long-term supply partnership and "
        "are open to developing microbial enzymes together later."
    ),
    "case-eoi-flavours-research": (
        "Our research centre of some forty scientists works on strain screening and solid-state and "
        "submerged fermentation, from laboratory to 20,000 litres. Microbial production of natural flavours "
        "is close to our enzyme work and we would like to discuss a joint research agreement."
    ),
    "case-eoi-raw-materials": (
        "We buy papaya latex from growers under contract and could extend the scheme to other natural "
        "raw materials with our growers' organisations."
    ),
    "case-eoi-microbial-research": (
        "We run biocatalysis and fermentation research in Europe and Asia and look for cost-effective "
        "partners for microbial work under formal research agreements; our partners gain access to our "
        "technical databases and quality standards."
    ),
    "case-eoi-cell-large": (
        "We are a large software and services group with delivery centres in six cities and processes "
        "assessed at the highest maturity level. We already build telecom software for clients in North "
        "America and can staff a dedicated cell of 100 engineers within three months."
    ),
    "case-eoi-cell-listed": (
        "We are a listed software services company with 12,000 engineers and a long record in telecom "
        "protocol software and test automation. We propose a dedicated cell for switching software."
    ),
    "case-eoi-cell-medium": (
        "We are a medium-sized engineering firm of 150 developers designing network-management software "
        "and test equipment for operators and equipment makers. We propose joint development on a shared "
        "code base, with weekly video reviews."
    ),
    "case-eoi-cell-start-up": (
        "We are a start-up of 24 engineers specialised in SIP and Diameter protocol stacks and 5G core test "
        "tools. Small, but a niche where we can take on a whole component."
    ),
    "case-eoi-parts-supplier": (
        "We mould plastic parts for washing machines and refrigerators for two large appliance makers, on "
        "nine machines from 80 to 450 tonnes, two shifts, ISO 9001. Our intermediary, the small-enterprise "
        "agency, writes for us and can arrange a visit."
    ),
}
