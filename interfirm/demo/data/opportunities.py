"""The opportunities of the report's cases.

Case opportunities follow the source report: the Indian enzymes producer offering papain and
isinglass and seeking a European marketing partner, and the Irish firm seeking a low-cost producer of
plant enzymes (paras 15-16); the Canadian telecom multinational seeking Indian software partners and
the Indian firms offering software services (paras 17-19); the Venezuelan oil research institute
offering R&D cooperation and the Uruguayan SMEs seeking technology (paras 23-24); the Turkish
appliance maker transferring know-how and production and seeking R&D with universities (para 25);
Egypt's small enterprises seeking subcontracting links (para 30).

No text here names its owner, the owner's city, website, e-mail, phone or contact persons: the
platform publishes opportunities anonymously (``interfirm.opportunities.identity``).
"""

from __future__ import annotations

from interfirm.demo.specs import OpportunityContent

EU = ("IRL", "GBR", "DEU", "NLD", "BEL", "FRA", "ITA", "ESP", "SWE", "POL")
GULF = ("ARE", "SAU", "QAT", "KWT", "OMN")

CASE_OPPORTUNITIES: tuple[OpportunityContent, ...] = (
    # Paras 15-16: the enzymes producer and the Irish brewing-supplies firm.
    OpportunityContent(
        key="case-papain-isinglass-offer",
        firm_key="case-bangalore-enzymes",
        kind="offer",
        domains=("production", "marketing"),
        title="Papain and isinglass from an Indian enzyme producer: European marketing partner sought",
        summary=(
            "A mid-sized Indian producer of papain, a plant enzyme from papaya latex, and of isinglass "
            "finings offers a steady supply to breweries and seeks a European partner to market them."
        ),
        description=(
            "The producer extracts papain from papaya latex bought from growers under contract and prepares "
            "isinglass, a hydrocolloid used to clarify beer. Both are made to international food standards "
            "in a plant with its own quality-control laboratory. About half of its sales already go to "
            "developed countries, mostly through traders. It now wants one partner in Europe that knows the "
            "brewing industry, holds stock close to the customers and gives them technical service, so "
            "that the products reach breweries directly and the two firms can grow the business together."
        ),
        advantages=(
            "Access to the raw material at source and twenty years of experience with papain for "
            "chill-proofing; prices well below European blenders' own production; the option to develop "
            "microbial enzymes with the partner later on."
        ),
        arrangement_types=("supply", "distribution", "strategic_alliance"),
        partner_role=(
            "Market papain and isinglass to breweries in Europe under a supply and distribution "
            "agreement; hold local stock; give customers technical service; share market information."
        ),
        sectors=("2029", "4669"),
        keywords="papain, isinglass, plant enzymes, brewing, beer finings, chill-proofing, distribution",
        stage="market",
        ip_status="know_how",
        partner_sizes=("small", "medium"),
        partner_countries=EU,
        partner_corridors=("north_south",),
        required_certifications=("haccp",),
        required_capacity="A customer base among breweries and a warehouse in the European Union.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-plant-enzymes-request",
        firm_key="case-cork-biochemicals",
        kind="request",
        domains=("production", "technology"),
        title="Low-cost producer of plant enzymes (papain) and isinglass sought by a European brewing supplier",
        summary=(
            "A small European firm that supplies breweries with enzymes and finings seeks a producer of "
            "papain and isinglass with access to the raw materials, for a long-term supply partnership."
        ),
        description=(
            "The firm blends, tests and markets brewing enzymes, papain for chill-proofing and isinglass "
            "finings, with technical service for breweries in Europe and Africa. It does not grow or "
            "process the raw materials and today buys through traders, with uneven quality. It seeks a "
            "producer in a country where papaya grows, able to deliver papain of constant activity and "
            "isinglass in export packaging. The relationship can grow: joint development of microbial "
            "enzymes is planned, and a minority stake in the producer is possible."
        ),
        advantages=(
            "A ready market: established customers among breweries, an application laboratory with a pilot "
            "brewery, and the technical service that keeps them."
        ),
        arrangement_types=("supply", "technical_cooperation", "equity_investment"),
        partner_role=(
            "Produce and ship papain and isinglass to agreed specifications; later, develop microbial "
            "enzymes together. The partner may take part in a joint venture or receive a minority investment."
        ),
        sectors=("2029", "4669"),
        keywords="papain, isinglass, plant enzymes, brewing, finings, low-cost producer, supply",
        partner_sizes=("small", "medium", "large"),
        partner_economy_groups=("developing",),
        partner_countries=("IND", "LKA", "THA", "IDN", "PHL", "VNM", "KEN", "UGA", "TZA", "BRA"),
        partner_corridors=("north_south",),
        required_certifications=("haccp", "iso-9001"),
        required_capacity="At least 20 tonnes of papain a year, with an activity certificate for each lot.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-microbial-enzymes-research",
        firm_key="case-bangalore-enzymes",
        kind="request",
        domains=("technology",),
        title="Joint research on microbial enzymes and biopharmaceuticals with a university or larger firm",
        summary=(
            "An enzyme and pharmaceutical-intermediates producer with its own research centre seeks a "
            "research partner for microbial enzymes and biopharmaceuticals."
        ),
        description=(
            "The firm replaced the enzymes it once bought with its own, developed by a research team of "
            "some forty scientists working on strain screening, solid-state and submerged fermentation and "
            "downstream purification. It wants to move into higher-value biopharmaceuticals and seeks a "
            "university department or a larger firm for joint projects: shared work plans, exchange of "
            "researchers, joint ownership of results and licensing of what comes out of them."
        ),
        advantages=(
            "Pilot and production fermenters from 10 to 20,000 litres, so results can be scaled up at once; "
            "research costs well below those of laboratories in developed countries."
        ),
        arrangement_types=("rd_cooperation", "licensing"),
        partner_role="Run joint research projects; bring know-how in molecular biology and regulatory work.",
        sectors=("7210", "2100"),
        keywords="microbial enzymes, biopharmaceuticals, fermentation, joint research, strain improvement",
        stage="development",
        ip_status="patent_applied",
        partner_types=("research", "firm"),
        partner_sizes=("large",),
        partner_economy_groups=("developed",),
        partner_corridors=("north_south",),
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-ssf-licence-offer",
        firm_key="case-bangalore-enzymes",
        kind="offer",
        domains=("technology",),
        title="Solid-state fermentation process for industrial enzymes offered for licence in South-East Asia",
        summary=(
            "A proven solid-state fermentation process that makes industrial enzymes from agricultural "
            "residues is offered under licence, with plant design and training."
        ),
        description=(
            "The process grows selected fungal strains on wheat bran and other residues in trays, then "
            "extracts and dries the enzymes. It has run for years at 300 tonnes of substrate a month. The "
            "licence covers the strains, the process know-how, the design of a plant, commissioning and the "
            "training of operators and laboratory staff. The licensor can buy back part of the output."
        ),
        advantages=(
            "Lower investment and energy use than submerged fermentation; uses cheap local residues; "
            "buy-back of output reduces the licensee's market risk."
        ),
        arrangement_types=("licensing", "technical_cooperation"),
        partner_role="Build and run a plant under licence; sell the enzymes locally; sell part back to us.",
        sectors=("2029", "7210"),
        keywords="solid-state fermentation, industrial enzymes, licence, agricultural residues, plant design",
        stage="market",
        ip_status="know_how",
        partner_sizes=("medium", "large"),
        partner_countries=("PHL", "VNM", "THA", "IDN", "MYS", "KHM"),
        partner_corridors=("south_south",),
        required_capacity="Capital for a plant of about 2 million US dollars and a team with food or feed experience.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-enzymes-north-america",
        firm_key="case-bangalore-enzymes",
        kind="offer",
        domains=("marketing",),
        title="Industrial enzymes for baking and textiles: distributors sought in North America",
        summary="An enzyme producer seeks distributors for its baking and textile enzymes in North America.",
        description=(
            "The producer makes enzymes for brewing, baking and textile processing and wants distributors "
            "in North America."
        ),
        advantages="Competitive prices.",
        arrangement_types=("distribution",),
        partner_role="Distribute our enzymes.",
        sectors=("2029",),
        keywords="enzymes, baking, textiles, distribution",
        stage="market",
        partner_countries=("USA", "CAN"),
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-natural-colours",
        firm_key="case-bangalore-enzymes",
        kind="offer",
        domains=("production",),
        title="Natural food colours from fermentation: supply to food and beverage makers",
        summary="Natural colours made by fermentation, offered to food and beverage manufacturers.",
        description=(
            "A fermentation-based range of natural red and yellow colours, stable in heat and light, "
            "for bakery, confectionery and beverages. Samples are being prepared."
        ),
        advantages="Replaces synthetic dyes; stable in acid drinks.",
        arrangement_types=("supply",),
        partner_role="Buy colours under a supply agreement; help adapt them to your products.",
        sectors=("2029", "1079"),
        keywords="natural colours, fermentation, food colours",
        stage="prototype",
        ip_status="patent_applied",
    ),
    OpportunityContent(
        key="case-brewing-enzymes-africa",
        firm_key="case-cork-biochemicals",
        kind="offer",
        domains=("marketing",),
        title="Brewing enzymes and finings with technical service: distributors sought in Africa",
        summary=(
            "A European supplier of brewing enzymes, papain and isinglass finings seeks distributors that "
            "serve breweries in Africa, backed by its application laboratory."
        ),
        description=(
            "The supplier already serves breweries in Nigeria, Kenya and South Africa from Europe. To be "
            "closer to them it seeks distributors with technical staff, who will hold stock, take orders "
            "and call on the breweries with the supplier's brewers. Training at the pilot brewery is "
            "included."
        ),
        advantages="A full brewing-aids range with laboratory support and trials at a pilot brewery.",
        arrangement_types=("distribution",),
        partner_role="Hold stock, sell to breweries and give first-line technical service.",
        sectors=("4669", "2029"),
        keywords="brewing enzymes, finings, breweries, distribution, Africa",
        stage="market",
        ip_status="trademark",
        partner_countries=("NGA", "GHA", "KEN", "TZA", "UGA", "ETH", "ZAF", "CIV"),
        partner_corridors=("north_south",),
        required_capacity="A sales team that visits breweries and a bonded warehouse.",
        required_languages=("en", "fr"),
    ),
    OpportunityContent(
        key="case-natural-flavours-research",
        firm_key="case-rotterdam-flavours",
        kind="request",
        domains=("technology",),
        title="Research partners in developing countries for microbial fermentation of natural flavours",
        summary=(
            "A transnational flavours and fragrances maker seeks cost-effective research partners for "
            "microbial production of natural flavours, under joint research agreements."
        ),
        description=(
            "The company wants to produce vanillin, fruity esters and other natural flavours by microbial "
            "fermentation. It seeks research groups and firms in developing countries with fermentation "
            "skills to run projects under formal joint research agreements. Partners gain access to large "
            "technical databases, international quality standards and the company's analytical "
            "laboratories, and share in the results."
        ),
        advantages=(
            "Long-term funding of projects; access to technical databases; a route to market for the results."
        ),
        arrangement_types=("rd_cooperation",),
        partner_role="Screen strains, develop and scale up fermentation processes under a research agreement.",
        sectors=("7210", "1079"),
        keywords="natural flavours, microbial fermentation, biocatalysis, joint research, vanillin",
        partner_types=("research", "firm"),
        partner_economy_groups=("developing",),
        partner_corridors=("north_south",),
        required_certifications=("iso-9001",),
        required_capacity="A fermentation laboratory with at least pilot-scale fermenters.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-natural-raw-materials",
        firm_key="case-rotterdam-flavours",
        kind="request",
        domains=("production",),
        title="Suppliers of natural raw materials for flavours: vanilla, spices, citrus oils",
        summary=(
            "A flavours and fragrances maker seeks growers and processors of vanilla, spices and citrus "
            "oils able to meet its quality standards, for multi-year supply contracts."
        ),
        description=(
            "The company buys natural raw materials for its flavours from many origins and wants direct, "
            "traceable supply. It seeks growers' organisations and processors that can guarantee lot "
            "traceability and residue testing. It offers multi-year contracts, advance payments at harvest "
            "and training in its quality requirements."
        ),
        advantages="Multi-year contracts with advance payment and training in quality requirements.",
        arrangement_types=("supply",),
        partner_role="Grow or process and ship raw materials to agreed specifications, with traceability.",
        sectors=("0128", "1079"),
        keywords="vanilla, spices, citrus oils, natural raw materials, traceability, supply",
        partner_countries=("LKA", "IND", "IDN", "UGA", "TZA", "KEN", "MEX", "BRA", "PHL"),
        partner_corridors=("north_south",),
        required_certifications=("globalgap",),
        required_capacity="At least 5 tonnes of cured vanilla or 20 tonnes of spices a year.",
        required_languages=("en",),
    ),
    # Paras 17-19: the telecom multinational and its Indian partners.
    OpportunityContent(
        key="case-indian-software-partners",
        firm_key="case-great-lakes-telecom",
        kind="request",
        domains=("technology", "production"),
        title="Software development partners in India to host dedicated development cells",
        summary=(
            "A North American maker of telecom network equipment seeks Indian software firms, large or "
            "small, to run dedicated development cells and share in the ownership of products."
        ),
        description=(
            "The company develops switching, optical and wireless network equipment and has found that "
            "independent Indian firms bring skilled engineers and fast delivery. Each partner runs a cell "
            "of engineers working only on the company's products, linked to its laboratories by video "
            "conference and electronic networks. Partners range from large groups to specialised start-ups; "
            "the best ones take part in the ownership of the products they develop."
        ),
        advantages=(
            "Long-term work on state-of-the-art telecom products; learning from the company's laboratories; "
            "a share in product ownership and in hard-currency income."
        ),
        arrangement_types=("services_outsourcing", "strategic_alliance", "rd_cooperation"),
        partner_role=(
            "Set up and staff a dedicated development cell; deliver software to the company's processes; "
            "take on whole product components over time."
        ),
        sectors=("6201", "2630"),
        keywords="telecom software, development cell, offshore development, switching, network equipment",
        partner_sizes=("small", "medium", "large"),
        partner_countries=("IND",),
        partner_corridors=("north_south",),
        required_certifications=("iso-9001",),
        required_capacity="At least 20 software engineers who can be assigned to the cell within six months.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-south-asia-operators",
        firm_key="case-great-lakes-telecom",
        kind="request",
        domains=("marketing",),
        title="Local partners for access to telecom operators in South Asia",
        summary=(
            "A telecom network equipment maker seeks local partners with relationships with operators in "
            "South Asia, to sell, install and support its equipment."
        ),
        description=(
            "The company wants to grow its sales to fixed and mobile operators in South Asia. It seeks "
            "local firms that know the operators' procurement, can take part in tenders with it, install "
            "equipment and give first-line support."
        ),
        advantages="A complete network portfolio and training of the partner's engineers.",
        arrangement_types=("strategic_alliance", "distribution"),
        partner_role="Represent the company to operators, bid in tenders together, install and support.",
        sectors=("2630", "6201"),
        keywords="telecom operators, network equipment, tenders, installation, South Asia",
        partner_countries=("IND", "BGD", "LKA", "NPL"),
        partner_corridors=("north_south",),
        required_capacity="A team of installation engineers and references with at least one operator.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-engineering-partnership-offer",
        firm_key="case-mumbai-consolidated",
        kind="offer",
        domains=("production", "technology"),
        title="Long-term product-engineering partner with joint ownership of results",
        summary=(
            "A large Indian software and services group offers product companies a long-term engineering "
            "partnership: dedicated teams, joint laboratories and shared ownership of results."
        ),
        description=(
            "The group has delivered software for clients in North America and Europe for decades and runs "
            "a dedicated development cell for a telecom equipment maker. It offers product companies the "
            "same model: a team that works only for them, processes assessed at the highest maturity "
            "level, and joint laboratories where the results are owned together."
        ),
        advantages="Scale, mature processes and experience of joint product ownership.",
        arrangement_types=("services_outsourcing", "strategic_alliance"),
        partner_role="A product company that wants a long-term engineering partner rather than a vendor.",
        sectors=("6201", "6202"),
        keywords="product engineering, offshore development, development cell, telecom software",
        stage="market",
        partner_sizes=("medium", "large"),
        partner_economy_groups=("developed",),
        partner_corridors=("north_south",),
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-telecom-protocol-software-offer",
        firm_key="case-bengaluru-infotech",
        kind="offer",
        domains=("technology", "production"),
        title="Telecom protocol and embedded software development for equipment makers",
        summary=(
            "An Indian software services company with a long record in switching software offers "
            "development of telecom protocol stacks and embedded software."
        ),
        description=(
            "The company learned the state of the art in telecommunications through the dedicated cell it "
            "runs for a North American equipment maker. It offers other equipment makers protocol stacks, "
            "embedded software and automated testing, delivered from its development centres with "
            "continuous integration and dedicated client teams."
        ),
        advantages="Deep telecom experience; test automation that shortens release cycles.",
        arrangement_types=("services_outsourcing", "technical_cooperation"),
        partner_role="An equipment maker that outsources software development or testing.",
        sectors=("6201",),
        keywords="protocol stacks, embedded software, telecom, test automation, outsourcing",
        stage="market",
        partner_countries=("USA", "CAN", "DEU", "FRA", "SWE", "GBR", "JPN"),
        partner_corridors=("north_south",),
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-test-equipment-distributors",
        firm_key="case-deccan-digital",
        kind="offer",
        domains=("marketing",),
        title="Telecom test equipment: distributors sought in the Gulf and Africa",
        summary=(
            "A medium-sized Indian maker of network-management software and telecom test equipment seeks "
            "distributors for its test sets in the Gulf States and Africa."
        ),
        description=(
            "The test sets check transmission and signalling on operators' networks and are sold with "
            "the firm's network-management software. The firm seeks distributors that serve operators and "
            "their contractors, can demonstrate the equipment and give first-line support."
        ),
        advantages="Lower price than established brands, with software updates included.",
        arrangement_types=("distribution",),
        partner_role="Sell and support the test equipment to operators and contractors.",
        sectors=("2630", "4652"),
        keywords="telecom test equipment, network management, distribution, Gulf, Africa",
        stage="market",
        ip_status="copyright",
        partner_countries=("ARE", "SAU", "OMN", "KEN", "NGA", "ZAF", "EGY"),
        partner_corridors=("south_south",),
        required_capacity="Engineers trained in transmission testing.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-second-strategic-partner",
        firm_key="case-deccan-digital",
        kind="offer",
        domains=("technology",),
        title="Network-management software developer seeks a second strategic partner in Europe",
        summary=(
            "A developer of network-management systems with a North American partner since 1996 seeks a "
            "second strategic partner among European equipment makers."
        ),
        description=(
            "The firm works with its partner's laboratory on a shared code base with weekly video reviews. "
            "It seeks a European equipment maker for the same kind of alliance: joint development of "
            "network-management software, with the firm as a long-term development partner."
        ),
        advantages="Proven distributed development with a multinational partner.",
        arrangement_types=("strategic_alliance", "rd_cooperation"),
        partner_role="A European equipment maker that wants a development partner for network software.",
        sectors=("6201",),
        keywords="network management, SNMP, strategic alliance, joint development, telecom",
        stage="market",
        ip_status="copyright",
        partner_countries=("DEU", "FRA", "SWE", "ITA", "NLD", "GBR"),
        partner_corridors=("north_south",),
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-start-up-equity",
        firm_key="case-pune-signal",
        kind="request",
        domains=("investment",),
        title="Equity investment sought to grow a telecom protocol-software start-up",
        summary=(
            "A young Indian firm writing signalling-protocol stacks and 5G test tools seeks equity "
            "investment to double its engineering team."
        ),
        description=(
            "The firm earned a place as a partner of a multinational by specialising in signalling "
            "protocols. It seeks 1.5 million US dollars from an investor who knows the telecom market, "
            "to grow from 24 to 50 engineers and to sell its test tools in Europe."
        ),
        advantages="A niche product with a multinational reference customer.",
        arrangement_types=("equity_investment",),
        partner_role="Take a minority stake and help with access to equipment makers.",
        sectors=("6201",),
        keywords="equity, start-up, 5G, protocol stacks, test tools",
        partner_types=("investor", "firm"),
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-test-tools-licence",
        firm_key="case-pune-signal",
        kind="offer",
        domains=("technology",),
        title="5G core test tools offered for licence to European test-equipment firms",
        summary="Conformance test tools for 5G core signalling, offered for licence and integration.",
        description=(
            "The tools test SIP and Diameter signalling in 5G core networks against the standards. The "
            "firm offers a licence to integrate them into test equipment sold in Europe, with source code "
            "escrow and joint maintenance."
        ),
        advantages="Written in Rust for speed and safety; conformance suites kept up to date.",
        arrangement_types=("licensing",),
        partner_role="Integrate the tools in your test equipment and sell them in Europe.",
        sectors=("6201",),
        keywords="5G, test tools, licence, SIP, Diameter, conformance",
        stage="market",
        ip_status="copyright",
        partner_countries=EU,
        partner_corridors=("north_south",),
        required_languages=("en",),
    ),
    # Paras 23-24: the Venezuelan oil research institute and the Uruguayan SMEs.
    OpportunityContent(
        key="case-heavy-oil-research",
        firm_key="case-caracas-petroleum-institute",
        kind="offer",
        domains=("technology",),
        title="R&D cooperation on heavy-crude upgrading and enhanced oil recovery",
        summary=(
            "The research arm of a state-owned oil corporation offers R&D cooperation on heavy-crude "
            "upgrading, enhanced oil recovery and catalysts, to universities and service companies."
        ),
        description=(
            "The institute works on market terms: it trained its staff first, then built partnerships with "
            "competitors, suppliers and research universities abroad, and now sells technical services "
            "from Argentina to China. It offers joint projects and international consortia in heavy-crude "
            "upgrading, enhanced oil recovery and reservoir simulation, using its pilot plants and "
            "laboratories."
        ),
        advantages=(
            "Pilot plants for upgrading and refining; 600 researchers; experience of international consortia."
        ),
        arrangement_types=("rd_cooperation", "technical_cooperation"),
        partner_role="Join research projects or consortia; bring complementary skills or field data.",
        sectors=("7210", "0910"),
        keywords="heavy crude, upgrading, enhanced oil recovery, catalysts, consortium, R&D",
        stage="tested",
        ip_status="patent_granted",
        partner_types=("research", "firm"),
        partner_economy_groups=("developed", "developing"),
        partner_corridors=("north_south", "south_south"),
        required_languages=("es", "en"),
    ),
    OpportunityContent(
        key="case-oil-technical-services",
        firm_key="case-caracas-petroleum-institute",
        kind="offer",
        domains=("production",),
        title="Technical services for oil producers: reservoir simulation, catalyst testing, pilot runs",
        summary="Accredited laboratories and pilot plants offer technical services to oil producers and refiners.",
        description=(
            "Reservoir simulation studies, catalyst testing and pilot-plant runs for upgrading and "
            "refining, done to international standards and reported in Spanish or English."
        ),
        advantages="Accredited laboratories; pilot plants rarely available to smaller producers.",
        arrangement_types=("services_outsourcing", "technical_cooperation"),
        partner_role="An oil producer or refiner that needs studies or tests.",
        sectors=("0910", "7120"),
        keywords="reservoir simulation, catalyst testing, pilot plant, oil services",
        stage="market",
        partner_regions=("419",),
        partner_corridors=("south_south",),
        required_languages=("es",),
    ),
    OpportunityContent(
        key="case-pasture-monitoring-technology",
        firm_key="case-taller-digital",
        kind="request",
        domains=("technology",),
        title="Technology partner sought for satellite pasture monitoring",
        summary=(
            "A young Uruguayan software firm that makes livestock traceability software seeks a partner "
            "with satellite imagery technology to add pasture monitoring for its farmer customers."
        ),
        description=(
            "The firm's traceability platform serves about 3,000 farms. Farmers ask for pasture growth "
            "estimates to plan grazing. The firm seeks a technology partner with satellite-imagery "
            "processing, to license or co-develop a pasture module, with training of its developers."
        ),
        advantages="An installed base of farms and a team that knows livestock producers' needs.",
        arrangement_types=("technical_cooperation", "licensing"),
        partner_role="License imagery processing or co-develop the module; train our developers.",
        sectors=("6201",),
        keywords="satellite imagery, pasture monitoring, remote sensing, livestock, agritech",
        partner_types=("firm", "research"),
        required_languages=("es", "en"),
    ),
    OpportunityContent(
        key="case-traceability-reseller",
        firm_key="case-taller-digital",
        kind="offer",
        domains=("marketing",),
        title="Livestock traceability software: reseller sought in Brazil",
        summary="Cloud traceability software for meat and dairy exporters, with RFID ear-tag readers, seeks a reseller in Brazil.",
        description=(
            "The software records animal movements from ear tags and produces the documents exporters of "
            "meat and dairy need. It is used in Uruguay and Argentina. The firm seeks a reseller in Brazil "
            "that serves farms or slaughterhouses and can install and support it in Portuguese."
        ),
        advantages="Meets export-market traceability rules; works offline on farms.",
        arrangement_types=("distribution",),
        partner_role="Sell, install and support the software in Brazil.",
        sectors=("6201",),
        keywords="traceability, livestock, RFID, reseller, software, Brazil",
        stage="market",
        ip_status="copyright",
        partner_countries=("BRA",),
        partner_corridors=("south_south",),
        required_languages=("pt", "es"),
    ),
    OpportunityContent(
        key="case-cheese-ripening-cooperation",
        firm_key="case-queseria-litoral",
        kind="request",
        domains=("technology",),
        title="Technical cooperation on cheese ripening and packaging for a small dairy",
        summary=(
            "A family cheese dairy that modernised with a development credit seeks technical cooperation "
            "on ripening and packaging, to export semi-hard cheeses."
        ),
        description=(
            "The dairy processes milk from neighbouring farms into semi-hard cheeses ripened for three to "
            "twelve months. To export, it must make ripening more even and pack cheeses for long transport. "
            "It seeks a dairy or a dairy-technology institute for visits, training and advice."
        ),
        advantages="Good milk from pasture-fed herds; a new pasteuriser and a ripening room.",
        arrangement_types=("technical_cooperation",),
        partner_role="Advise on ripening control and packaging; host a study visit.",
        sectors=("1050",),
        keywords="cheese ripening, packaging, dairy, technical cooperation",
        partner_types=("firm", "research"),
        required_languages=("es",),
    ),
    OpportunityContent(
        key="case-aged-cheese-distributor",
        firm_key="case-queseria-litoral",
        kind="offer",
        domains=("marketing",),
        title="Aged semi-hard cheese: distributor sought in Brazil",
        summary="A small dairy offers semi-hard cheeses ripened up to twelve months and seeks a distributor in Brazil.",
        description=(
            "The cheeses are made from pasture milk and ripened in a controlled room. The dairy seeks a "
            "distributor that serves delicatessens and restaurants in southern Brazil."
        ),
        advantages="Long-ripened cheese at a price below European imports.",
        arrangement_types=("distribution",),
        partner_role="Import and distribute the cheeses to delicatessens and restaurants.",
        sectors=("1050",),
        keywords="aged cheese, dairy, distribution, Brazil",
        stage="market",
        partner_countries=("BRA",),
        partner_corridors=("south_south",),
        required_languages=("es", "pt"),
    ),
    # Para 25: the Turkish household-appliance maker.
    OpportunityContent(
        key="case-appliance-know-how-transfer",
        firm_key="case-anadolu-appliances",
        kind="offer",
        domains=("technology", "production", "investment"),
        title="Know-how and production transfer for refrigerators and washing machines",
        summary=(
            "A large Turkish maker of household appliances offers know-how, licences and production "
            "transfer for refrigerators and washing machines, as it has done in North Africa and Asia."
        ),
        description=(
            "The company builds about six million appliances a year. It has already transferred know-how "
            "and production lines to partners in Tunisia and the Republic of Korea. It offers licences for "
            "its refrigerator and washing-machine platforms, the transfer of production lines, training of "
            "engineers and operators, and, where the market justifies it, a joint venture."
        ),
        advantages=(
            "Energy-efficient platforms with inverter motors; proven transfer of whole lines; supply of "
            "compressors and electronics during start-up."
        ),
        arrangement_types=("licensing", "technical_cooperation", "joint_venture"),
        partner_role="Assemble, then manufacture, appliances under licence for the local and regional market.",
        sectors=("2750",),
        keywords="refrigerators, washing machines, production transfer, know-how, licence, joint venture",
        stage="market",
        ip_status="patent_granted",
        partner_sizes=("medium", "large"),
        partner_countries=("TUN", "MAR", "EGY", "KOR", "VNM", "IDN", "KAZ", "UZB"),
        partner_corridors=("south_south", "south_transition"),
        required_certifications=("iso-9001",),
        required_capacity="A factory site and a workforce experienced in metal or electrical assembly.",
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-compressor-university-research",
        firm_key="case-anadolu-appliances",
        kind="request",
        domains=("technology",),
        title="R&D agreements with universities on compressor efficiency and noise",
        summary=(
            "An appliance maker seeks university research groups in developed countries for R&D agreements "
            "on variable-speed compressors, efficiency and noise."
        ),
        description=(
            "The company develops its own compressors and motors and runs R&D agreements with universities "
            "to develop specific technologies. It seeks groups in thermodynamics, acoustics or electric "
            "drives for funded projects of two to three years, with doctoral students and shared results."
        ),
        advantages="Funded projects, access to production test data, and a route to industrial use.",
        arrangement_types=("rd_cooperation",),
        partner_role="Carry out funded research; supervise doctoral students; publish jointly.",
        sectors=("7210", "2750"),
        keywords="compressors, efficiency, noise, inverter motors, university research",
        partner_types=("research",),
        partner_economy_groups=("developed",),
        partner_countries=("DEU", "ITA", "SWE", "GBR", "NLD", "FRA"),
        partner_corridors=("north_south",),
        required_languages=("en",),
    ),
    OpportunityContent(
        key="case-north-africa-parts-suppliers",
        firm_key="case-anadolu-appliances",
        kind="request",
        domains=("production",),
        title="Suppliers of injection-moulded and sheet-metal parts sought in North Africa",
        summary=(
            "An appliance maker seeks subcontractors in North Africa for injection-moulded plastic parts "
            "and sheet-metal parts for refrigerators and washing machines."
        ),
        description=(
            "The parts supply the company's partner plants in the region. Subcontractors receive drawings, "
            "moulds where needed, and help from the company's quality engineers to meet its standards."
        ),
        advantages="Steady orders over several years, technical help and prompt payment.",
        arrangement_types=("subcontracting", "supply"),
        partner_role="Mould or press parts to drawings, with inspection reports for each delivery.",
        sectors=("2220", "2592"),
        keywords="injection moulding, sheet metal, subcontracting, appliances, North Africa",
        partner_sizes=("small", "medium"),
        partner_countries=("EGY", "TUN", "MAR"),
        partner_corridors=("south_south",),
        required_certifications=("iso-9001",),
        required_capacity="Injection-moulding machines of 200 tonnes or more, or a press shop.",
        required_languages=("en", "fr"),
    ),
    OpportunityContent(
        key="case-cooker-licence",
        firm_key="case-anadolu-appliances",
        kind="offer",
        domains=("technology",),
        title="Cooker range offered for licence",
        summary="Gas and electric cookers offered for licensed manufacture.",
        description="Designs, tooling drawings and assembly know-how for a range of free-standing cookers.",
        advantages="A range sold in many markets.",
        arrangement_types=("licensing",),
        partner_role="Manufacture and sell the cookers under licence.",
        sectors=("2750",),
        keywords="cookers, licence, appliances",
        stage="market",
        ip_status="trademark",
        partner_regions=("002",),
    ),
    # Para 30: Egypt's small enterprises and subcontracting links.
    OpportunityContent(
        key="case-furniture-subcontracting",
        firm_key="case-damietta-furniture",
        kind="offer",
        domains=("production",),
        title="Carved beech-wood chairs and tables: subcontracting capacity for furniture exporters",
        summary=(
            "A family workshop in a Nile Delta furniture cluster offers subcontracting capacity for carved "
            "beech-wood chairs and tables to larger furniture makers and exporters."
        ),
        description=(
            "The workshop has seven skilled carvers and finishers and shares a CNC router with neighbouring "
            "workshops. It makes about 80 chairs a month and already sells through a larger exporter. It "
            "seeks regular subcontracting orders made to the buyer's designs, and would welcome help to "
            "meet export finishing standards."
        ),
        advantages="Fine hand carving at a low cost; a cluster of workshops that can share large orders.",
        arrangement_types=("subcontracting",),
        partner_role="Place orders to your designs; check quality on delivery; help with finishing standards.",
        sectors=("3100",),
        keywords="carved furniture, beech wood, chairs, subcontracting, hand carving",
        stage="market",
        partner_sizes=("medium", "large"),
        partner_countries=("EGY", "ITA", "SAU", "ARE", "TUR", "FRA"),
        required_languages=("ar",),
    ),
    OpportunityContent(
        key="case-furniture-finishing-training",
        firm_key="case-damietta-furniture",
        kind="request",
        domains=("technology",),
        title="Training in finishing for export markets sought by a furniture workshop",
        summary="A small furniture workshop seeks training in lacquering and finishing to export standards.",
        description=(
            "Export buyers reject pieces for uneven lacquer and scratches in transport. The workshop seeks "
            "a furniture maker or training centre for a short course and follow-up visits on spray "
            "lacquering, water-based finishes and packing."
        ),
        advantages="A motivated team and an intermediary that co-finances the training.",
        arrangement_types=("technical_cooperation",),
        partner_role="Train the team in finishing and packing; visit twice to check progress.",
        sectors=("3100",),
        keywords="furniture finishing, lacquering, training, export standards",
        partner_types=("firm", "research"),
        required_languages=("ar", "en"),
    ),
    OpportunityContent(
        key="case-moulding-subcontracting",
        firm_key="case-tenth-ramadan-plastics",
        kind="offer",
        domains=("production",),
        title="Injection-moulded plastic parts: subcontracting for appliance and car-parts makers",
        summary=(
            "An Egyptian moulder with nine machines from 80 to 450 tonnes offers subcontracting of plastic "
            "parts to appliance and car-parts makers."
        ),
        description=(
            "The firm already moulds parts for washing machines and refrigerators for two large appliance "
            "makers, a link built by a subcontracting programme for small enterprises. It works two shifts, "
            "maintains moulds in-house and does trimming, sub-assembly and inspection."
        ),
        advantages="ISO 9001 quality system, in-house mould maintenance and spare capacity on a third shift.",
        arrangement_types=("subcontracting", "supply"),
        partner_role="Place orders for parts with moulds or drawings; audit our quality system.",
        sectors=("2220",),
        keywords="injection moulding, plastic parts, subcontracting, appliances, car parts",
        stage="market",
        partner_sizes=("medium", "large"),
        partner_regions=("002", "142"),
        required_languages=("ar", "en"),
    ),
    OpportunityContent(
        key="case-iatf-cooperation",
        firm_key="case-tenth-ramadan-plastics",
        kind="request",
        domains=("technology",),
        title="Technical cooperation to obtain IATF 16949 certification",
        summary="A plastics moulder seeks technical cooperation to meet the automotive quality standard IATF 16949.",
        description=(
            "To supply car-parts makers the firm needs IATF 16949. It seeks an automotive supplier or "
            "consultant to assess its gaps, train its staff in PPAP and statistical process control, and "
            "accompany it to the audit."
        ),
        advantages="An ISO 9001 base and management commitment.",
        arrangement_types=("technical_cooperation",),
        partner_role="Assess gaps, train staff and accompany the certification.",
        sectors=("2220", "2930"),
        keywords="IATF 16949, automotive quality, PPAP, SPC, certification",
        partner_types=("firm",),
        required_languages=("en",),
    ),
)

# What became of each case opportunity (published when missing).
CASE_STATUSES: dict[str, str] = {
    "case-enzymes-north-america": "on_hold",
    "case-natural-colours": "draft",
    "case-test-tools-licence": "submitted",
    "case-aged-cheese-distributor": "submitted",
    "case-cooker-licence": "expired",
}

# The review comments that put a case on hold.
CASE_HOLD_COMMENTS: dict[str, str] = {
    "case-enzymes-north-america": (
        "Please say which enzymes you offer and in what volumes, what support distributors get "
        "(samples, training, marketing material) and what makes your enzymes better than those already "
        "sold in North America. The summary repeats the title."
    ),
}
