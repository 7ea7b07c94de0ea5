"""The intermediaries of the demo network. Fictitious organisations, marked "(demo)", modelled on the kinds
of bodies the report names: chambers, EMPRETEC centres, investment promotion agencies, technology zones,
SME agencies (like Egypt's Social Development Fund), development corporations (like Uruguay's CND),
export boards, industrial-district consortia, a development finance institution and an international
programme.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_SERVICES: tuple[str, ...] = (
    "partner-search",
    "diagnosis",
    "pre-feasibility",
    "negotiation-support",
    "finance",
    "training",
    "trade-fairs",
    "quality-certification",
)


@dataclass(frozen=True)
class IntermediarySpec:
    slug: str
    name: str
    acronym: str
    type: str
    country: str
    city: str
    description: str
    countries_covered: tuple[str, ...]
    sectors: tuple[str, ...]
    services: tuple[str, ...]
    languages: tuple[str, ...]
    networks: tuple[str, ...]
    staff: tuple[str, str]
    # How many of the firms of its countries it registers on their behalf (para 29), relative to the
    # other intermediaries covering them; 0 for those that do not register firms.
    portfolio_weight: int = 1


INTERMEDIARIES: tuple[IntermediarySpec, ...] = (
    IntermediarySpec(
        slug="nairobi-chamber-demo",
        name="Nairobi Chamber of Commerce and Industry (demo)",
        acronym="NCCI",
        type="chamber",
        country="KEN",
        city="Nairobi",
        description=(
            "A membership chamber for firms of every size in Kenya, with county offices that register "
            "small firms without internet access, keep their profiles and act as their contact channel. "
            "Runs business-to-business meetings at trade fairs and brokers introductions to firms abroad."
        ),
        countries_covered=("KEN", "UGA", "TZA", "RWA"),
        sectors=("A", "C", "G", "H", "I", "J"),
        services=("partner-search", "diagnosis", "negotiation-support", "training", "trade-fairs"),
        languages=("en", "sw"),
        networks=("iccwbo",),
        staff=("Grace Wanjiku", "Daniel Ochieng"),
        portfolio_weight=3,
    ),
    IntermediarySpec(
        slug="empretec-accra-demo",
        name="EMPRETEC Accra Business Centre (demo)",
        acronym="EBC Accra",
        type="empretec",
        country="GHA",
        city="Accra",
        description=(
            "Trains entrepreneurs in the EMPRETEC behavioural approach, then follows them with business "
            "diagnosis, mentoring and introductions to larger firms and foreign partners. Works mainly with "
            "agro-processors, garment makers and small engineering workshops."
        ),
        countries_covered=("GHA", "NGA", "CIV"),
        sectors=("A", "C", "G"),
        services=("diagnosis", "training", "partner-search", "finance"),
        languages=("en", "fr"),
        networks=("empretec",),
        staff=("Akosua Darko", "Yaw Boateng"),
        portfolio_weight=2,
    ),
    IntermediarySpec(
        slug="addis-subcontracting-exchange-demo",
        name="Addis Ababa Subcontracting and Partnership Exchange (demo)",
        acronym="ASPX",
        type="matchmaking",
        country="ETH",
        city="Addis Ababa",
        description=(
            "Keeps a database of the production capacities of Ethiopian manufacturers and matches them "
            "with buyers and investors in the industrial parks. Audits capacity on site, so that a buyer "
            "can rely on what a profile says, and supports first contracts with quality coaching."
        ),
        countries_covered=("ETH",),
        sectors=("10", "13", "14", "15", "22", "25"),
        services=("partner-search", "diagnosis", "quality-certification", "negotiation-support"),
        languages=("am", "en"),
        networks=("spx",),
        staff=("Meseret Alemayehu", "Kidus Tesfaye"),
        portfolio_weight=3,
    ),
    IntermediarySpec(
        slug="montevideo-development-corporation-demo",
        name="Montevideo Enterprise Development Corporation (demo)",
        acronym="MEDC",
        type="dfi",
        country="URY",
        city="Montevideo",
        description=(
            "A development corporation funded by the State and private shareholders. It lends to small and "
            "micro-enterprises, invests in sectoral programmes, and promotes partnerships that bring in new "
            "technology, with windows for young and women entrepreneurs and for information technology."
        ),
        countries_covered=("URY", "ARG", "BRA", "CHL"),
        sectors=("C", "J", "M", "A"),
        services=("finance", "pre-feasibility", "partner-search", "training"),
        languages=("es", "pt", "en"),
        networks=("empretec",),
        staff=("Lucía Fernández", "Martín Pereira"),
        portfolio_weight=3,
    ),
    IntermediarySpec(
        slug="bharat-investment-desk-demo",
        name="Bharat Investment and Partnering Desk (demo)",
        acronym="BIPD",
        type="ipa",
        country="IND",
        city="New Delhi",
        description=(
            "A national investment promotion agency. Its partnering desk helps foreign firms find Indian "
            "joint-venture and technology partners in biotechnology, software and engineering, and guides "
            "them through approvals and state incentives."
        ),
        countries_covered=("IND",),
        sectors=("C", "J", "M", "21", "62"),
        services=("partner-search", "pre-feasibility", "negotiation-support", "trade-fairs"),
        languages=("en", "hi"),
        networks=("waipa",),
        staff=("Ritu Malhotra", "Karthik Subramanian"),
    ),
    IntermediarySpec(
        slug="enterprise-eire-demo",
        name="Enterprise Éire Partnering Agency (demo)",
        acronym="EEPA",
        type="government",
        country="IRL",
        city="Dublin",
        description=(
            "Helps Irish firms grow abroad: market research, trade missions, and partner searches through "
            "the Enterprise Europe Network. Co-funds R&D partnerships between Irish SMEs and firms in "
            "emerging economies."
        ),
        countries_covered=("IRL",),
        sectors=("C", "J", "M", "20", "21"),
        services=("partner-search", "finance", "trade-fairs", "training"),
        languages=("en",),
        networks=("een",),
        staff=("Aoife Brennan", "Colm Doherty"),
    ),
    IntermediarySpec(
        slug="rhein-ruhr-chamber-demo",
        name="Rhein-Ruhr Chamber of Industry and Commerce (demo)",
        acronym="IHK-RR",
        type="chamber",
        country="DEU",
        city="Düsseldorf",
        description=(
            "A regional chamber whose foreign-trade department connects its member manufacturers with "
            "suppliers and distributors abroad, runs the regional Enterprise Europe Network contact point "
            "and organises delegation visits to Africa and Asia."
        ),
        countries_covered=("DEU",),
        sectors=("C", "G", "M", "28", "25"),
        services=("partner-search", "trade-fairs", "training", "negotiation-support"),
        languages=("de", "en"),
        networks=("een", "iccwbo"),
        staff=("Jens Hartmann", "Miriam Schulte"),
    ),
    IntermediarySpec(
        slug="dhaka-sme-chamber-demo",
        name="Dhaka Chamber of Small and Medium Enterprises (demo)",
        acronym="DCSME",
        type="chamber",
        country="BGD",
        city="Dhaka",
        description=(
            "Represents small garment, leather, light-engineering and food firms. Registers members' "
            "capacities for buyers, helps them through social-compliance audits and prepares them for "
            "the end of least-developed-country trade preferences in November 2026."
        ),
        countries_covered=("BGD",),
        sectors=("13", "14", "15", "10", "25"),
        services=("partner-search", "quality-certification", "training", "trade-fairs"),
        languages=("bn", "en"),
        networks=("iccwbo",),
        staff=("Nasrin Sultana", "Arif Hossain"),
        portfolio_weight=3,
    ),
    IntermediarySpec(
        slug="phnom-penh-sme-association-demo",
        name="Phnom Penh SME and Artisans Association (demo)",
        acronym="PPSA",
        type="association",
        country="KHM",
        city="Phnom Penh",
        description=(
            "An association of small food processors, garment workshops and artisans. Its staff visit "
            "members, record their profiles and consent, and introduce them to buyers and tourism firms."
        ),
        countries_covered=("KHM",),
        sectors=("10", "14", "32", "55"),
        services=("partner-search", "training", "trade-fairs"),
        languages=("km", "en"),
        networks=(),
        staff=("Sreyleak Chan", "Vuthy Keo"),
        portfolio_weight=3,
    ),
    IntermediarySpec(
        slug="tashkent-investment-agency-demo",
        name="Tashkent Investment Promotion Agency (demo)",
        acronym="TIPA",
        type="ipa",
        country="UZB",
        city="Tashkent",
        description=(
            "Promotes foreign investment in textiles, food processing and building materials in an economy "
            "in transition; offers pre-feasibility studies, site visits in the free economic zones and "
            "introductions to privatised enterprises seeking technology partners."
        ),
        countries_covered=("UZB", "KAZ"),
        sectors=("10", "13", "14", "23", "C"),
        services=("partner-search", "pre-feasibility", "negotiation-support", "trade-fairs"),
        languages=("uz", "ru", "en"),
        networks=("waipa",),
        staff=("Dilshod Rakhimov", "Nigora Saidova"),
    ),
    IntermediarySpec(
        slug="anatolia-technology-zone-demo",
        name="Anatolia Technology Development Zone (demo)",
        acronym="ATDZ",
        type="technology_centre",
        country="TUR",
        city="Ankara",
        description=(
            "A technology development zone beside two universities: incubation, shared laboratories and "
            "a technology-transfer office that matches manufacturers with university research groups and "
            "with foreign technology partners."
        ),
        countries_covered=("TUR",),
        sectors=("C", "J", "M", "26", "27", "28"),
        services=("partner-search", "diagnosis", "finance", "training", "quality-certification"),
        languages=("tr", "en"),
        networks=("iasp", "een"),
        staff=("Deniz Aksoy", "Serkan Yurt"),
    ),
    IntermediarySpec(
        slug="campinas-technology-centre-demo",
        name="Campinas Industrial Technology Centre (demo)",
        acronym="CITC",
        type="technology_centre",
        country="BRA",
        city="Campinas",
        description=(
            "An applied research and testing centre for manufacturers: accredited laboratories, process "
            "engineering, and brokerage of technology licences between Brazilian firms and partners in "
            "Latin America, Africa and Europe."
        ),
        countries_covered=("BRA", "URY", "COL", "VEN", "MEX"),
        sectors=("C", "M", "20", "22", "28"),
        services=("diagnosis", "quality-certification", "partner-search", "pre-feasibility"),
        languages=("pt", "es", "en"),
        networks=("iasp",),
        staff=("Renata Azevedo", "Gustavo Lima"),
    ),
    IntermediarySpec(
        slug="nile-sme-agency-demo",
        name="Nile Small Enterprise Development Agency (demo)",
        acronym="NSEDA",
        type="government",
        country="EGY",
        city="Cairo",
        description=(
            "A public agency that creates jobs by financing small enterprises through partner banks, and "
            "builds subcontracting links between them and large manufacturers; it also promotes licensing "
            "and franchising. Its business service centres register firms and record their consent."
        ),
        countries_covered=("EGY",),
        sectors=("C", "G", "10", "16", "22", "31"),
        services=("finance", "partner-search", "training", "diagnosis", "quality-certification"),
        languages=("ar", "en"),
        networks=("spx",),
        staff=("Rania Abdel Aziz", "Hany Soliman"),
        portfolio_weight=3,
    ),
    IntermediarySpec(
        slug="philippine-food-garment-federation-demo",
        name="Philippine Federation of Food and Garment Producers (demo)",
        acronym="PFFGP",
        type="association",
        country="PHL",
        city="Cebu City",
        description=(
            "A federation of small food and garment producers moving from the informal to the formal "
            "economy: it runs quality clinics, helps members meet buyers' standards and capacity needs, "
            "and pairs them with larger firms as subcontractors."
        ),
        countries_covered=("PHL",),
        sectors=("10", "14", "13", "32"),
        services=("quality-certification", "training", "partner-search", "trade-fairs"),
        languages=("en",),
        networks=(),
        staff=("Marites Villanueva", "Jerome Tan"),
        portfolio_weight=2,
    ),
    IntermediarySpec(
        slug="lanka-export-board-demo",
        name="Lanka Export and Partnership Board (demo)",
        acronym="LEPB",
        type="government",
        country="LKA",
        city="Colombo",
        description=(
            "Identifies joint-venture needs of Sri Lankan exporters, supports them in negotiations and "
            "arranges export credit guarantees; leads missions to trade fairs in Europe and the Gulf."
        ),
        countries_covered=("LKA",),
        sectors=("A", "C", "J", "10", "14"),
        services=("partner-search", "negotiation-support", "finance", "trade-fairs"),
        languages=("si", "ta", "en"),
        networks=("waipa",),
        staff=("Chathurika Perera", "Roshan Fernando"),
    ),
    IntermediarySpec(
        slug="suva-chamber-demo",
        name="Suva Chamber of Commerce and Industry (demo)",
        acronym="SCCI",
        type="chamber",
        country="FJI",
        city="Suva",
        description=(
            "The chamber of a small island economy: connects Fijian and Pacific firms in fisheries, "
            "tourism, food and cosmetics with buyers and investors in Australia, New Zealand and Asia, "
            "and registers outer-island producers who have no internet access."
        ),
        countries_covered=("FJI", "PNG"),
        sectors=("A", "C", "I", "03", "10"),
        services=("partner-search", "trade-fairs", "training"),
        languages=("en",),
        networks=("iccwbo",),
        staff=("Litia Tuilagi", "Rohit Prasad"),
        portfolio_weight=2,
    ),
    IntermediarySpec(
        slug="emilia-mechanical-district-demo",
        name="Emilia Mechanical District Consortium (demo)",
        acronym="CDME",
        type="association",
        country="ITA",
        city="Bologna",
        description=(
            "A consortium of small packaging-machinery and precision-engineering firms of an industrial "
            "district. Runs joint export projects, pilot projects with partners in developing countries, "
            "and contacts with local authorities abroad, so that its members go as a network."
        ),
        countries_covered=("ITA",),
        sectors=("25", "28", "33"),
        services=("partner-search", "trade-fairs", "negotiation-support", "pre-feasibility"),
        languages=("it", "en"),
        networks=("een",),
        staff=("Francesca Lodi", "Andrea Zanetti"),
    ),
    IntermediarySpec(
        slug="lowlands-development-finance-demo",
        name="Lowlands Development Finance Company (demo)",
        acronym="LDFC",
        type="dfi",
        country="NLD",
        city="The Hague",
        description=(
            "A development finance institution that co-invests in joint ventures between European firms "
            "and firms in developing countries, and offers risk guarantees and cost-sharing for "
            "pre-feasibility studies and partner visits."
        ),
        countries_covered=("NLD", "KEN", "ETH", "GHA", "BGD", "LKA", "VNM", "COL", "EGY"),
        sectors=("A", "C", "D", "J"),
        services=("finance", "pre-feasibility", "negotiation-support"),
        languages=("nl", "en", "fr"),
        networks=(),
        staff=("Maarten de Groot", "Ingrid Visser"),
        portfolio_weight=0,
    ),
    IntermediarySpec(
        slug="international-partnering-programme-demo",
        name="International Partnering Programme Secretariat (demo)",
        acronym="IPPS",
        type="international",
        country="CHE",
        city="Geneva",
        description=(
            "An international programme that federates national partnering programmes, trains their "
            "staff, runs the best-practice case repository and organises brokerage events for least "
            "developed countries and small island developing States."
        ),
        countries_covered=(
            "ETH",
            "SEN",
            "TZA",
            "UGA",
            "RWA",
            "BGD",
            "KHM",
            "NPL",
            "FJI",
            "PNG",
            "UZB",
            "KAZ",
            "UKR",
        ),
        sectors=("A", "C", "J", "M"),
        services=("training", "partner-search", "trade-fairs", "diagnosis"),
        languages=("en", "fr", "es", "ar", "ru", "zh"),
        networks=("empretec", "spx", "waipa"),
        staff=("Claire Moreau", "Samuel Kiplagat"),
    ),
)
