"""Firms modelled on the cases of the source report (UNCTAD expert meeting, Geneva 1998).

Fictitious names that evoke each case, marked "(demo)"; none of them is the real company. The texts
follow paragraphs 15-19 (Biocon India, Biocon Ireland, Quest; Nortel and its four Indian partners),
23-24 (the Venezuelan oil research institute, Uruguay's development corporation), 25 (the Turkish
household-appliance maker) and 30 (Egypt's small enterprises and subcontracting links).
"""

from __future__ import annotations

import datetime

from interfirm.demo.specs import ConsentSpec, ContactSpec, FirmSpec, UserSpec

# The firm whose manager and member are the documented demo logins.
LOGIN_FIRM_KEY = "case-bangalore-enzymes"

CASE_FIRMS: tuple[FirmSpec, ...] = (
    FirmSpec(
        key=LOGIN_FIRM_KEY,
        legal_name="Bangalore Enzymes Private Limited (demo)",
        trade_name="Bangalore Enzymes (demo)",
        country="IND",
        city="Bengaluru",
        address="Plot 18, Hosur Road Industrial Area",
        website="https://bangalore-enzymes.example",
        email="contact@bangalore-enzymes.example",
        phone="+91 80 5550 1978",
        year_founded=1978,
        employees=200,
        turnover_band="lt50m",
        ownership="mixed",
        sectors=("2029", "2100", "7210"),
        description=(
            "Set up in 1978 with an Irish partner to produce papain, a plant enzyme, and isinglass, a "
            "hydrocolloid from fish, for breweries worldwide: India had the raw materials, the partner had "
            "the market. The firm then replaced the enzymes it used to buy with its own production and is "
            "now a base producer of industrial enzymes, pharmaceutical intermediates and natural colours, "
            "almost all from its own research. Half of its sales go to developed countries."
        ),
        technologies=(
            "Solid-state and submerged fermentation; microbial strain screening and improvement; "
            "downstream purification; enzyme formulation for brewing, baking and textiles."
        ),
        processes=(
            "Papain extraction from papaya latex; isinglass preparation; fermentation scale-up from 10 to "
            "20,000 litres; purification and drying; quality control to international standards."
        ),
        equipment_capacity=(
            "Fermenters totalling 60,000 litres; a solid-state fermentation plant of 300 tonnes of "
            "substrate a month; an R&D centre with 45 scientists."
        ),
        certifications=("iso-9001", "gmp", "haccp", "iso-14001", "halal"),
        markets=("IND", "IRL", "NLD", "GBR", "DEU", "BEL", "USA", "JPN"),
        languages=("en", "hi"),
        needs=(
            "Joint research with a larger firm or university on microbial enzymes and biopharmaceuticals; "
            "distributors of industrial enzymes in North America; a licensee for our solid-state "
            "fermentation process in South-East Asia."
        ),
        contacts=(
            ContactSpec(
                "Kavya Iyer",
                "Managing Director",
                "kavya.iyer@bangalore-enzymes.example",
                "+91 80 5550 1979",
                is_primary=True,
            ),
            ContactSpec(
                "Rahul Desai", "Head of Business Development", "rahul.desai@bangalore-enzymes.example"
            ),
        ),
        users=(
            UserSpec("firm.manager@demo.interfirm.example", "Kavya Iyer", "manager"),
            UserSpec("firm.member@demo.interfirm.example", "Rahul Desai", "member"),
        ),
    ),
    FirmSpec(
        key="case-cork-biochemicals",
        legal_name="Cork Biochemicals Limited (demo)",
        trade_name="Cork Biochemicals (demo)",
        country="IRL",
        city="Cork",
        address="Unit 4, Little Island Business Park",
        website="https://cork-biochemicals.example",
        email="sales@cork-biochemicals.example",
        year_founded=1969,
        employees=38,
        turnover_band="lt10m",
        ownership="private_domestic",
        sectors=("2029", "4669"),
        description=(
            "Supplies breweries in Europe and Africa with brewing enzymes, papain for chill-proofing and "
            "isinglass finings, with the technical service that comes with them. It does not grow the raw "
            "materials: it buys from producers in Asia and blends, tests and markets the products."
        ),
        technologies=(
            "Enzyme blending and standardisation; brewing application laboratory; finings preparation."
        ),
        processes="Blending, activity testing, packing, technical support at customers' breweries.",
        equipment_capacity=(
            "Blending plant of 400 tonnes a year; an application laboratory with a pilot brewery."
        ),
        certifications=("iso-9001", "haccp"),
        markets=("IRL", "GBR", "BEL", "DEU", "NGA", "KEN", "ZAF"),
        languages=("en",),
        needs=(
            "A producer of papain and isinglass with access to the raw materials, ready to grow into "
            "a partner that develops microbial enzymes with us; a minority stake in such a producer "
            "is possible."
        ),
        contacts=(
            ContactSpec(
                "Siobhán Walsh",
                "Managing Director",
                "siobhan.walsh@cork-biochemicals.example",
                is_primary=True,
            ),
        ),
        users=(UserSpec("siobhan.walsh@demo.interfirm.example", "Siobhán Walsh", "manager"),),
    ),
    FirmSpec(
        key="case-rotterdam-flavours",
        legal_name="Rotterdam Flavours and Fragrances International B.V. (demo)",
        trade_name="RFF International (demo)",
        country="NLD",
        city="Rotterdam",
        website="https://rff-international.example",
        email="partnering@rff-international.example",
        year_founded=1952,
        employees=5200,
        turnover_band="gt50m",
        ownership="foreign",
        sectors=("1079", "2023", "2029", "7210"),
        description=(
            "A transnational maker of flavours, fragrances and food ingredients, a subsidiary of a consumer "
            "goods group. It acquired an enzymes business and its partnerships, and looks for cost-effective "
            "research partners for microbial work. Partners should expect formal agreements, and gain "
            "international quality standards and access to large technical databases."
        ),
        technologies="Flavour and fragrance creation; biocatalysis; encapsulation; sensory science.",
        processes=(
            "Joint research projects under formal agreements; stage-gate product development; global QA."
        ),
        equipment_capacity="Twelve plants on four continents; research centres in Europe and Asia.",
        certifications=("iso-9001", "iso-14001", "fssc-22000", "gmp", "halal", "iso-45001"),
        markets=("NLD", "DEU", "FRA", "GBR", "USA", "BRA", "IND", "CHN", "JPN", "ZAF", "TUR", "IDN"),
        languages=("nl", "en", "de", "fr"),
        needs=(
            "Research partners in developing countries for microbial fermentation of natural flavours, "
            "under joint research agreements; suppliers of natural raw materials that can meet our "
            "quality standards."
        ),
        contacts=(
            ContactSpec(
                "Femke Bakker",
                "Director, External Research",
                "femke.bakker@rff-international.example",
                is_primary=True,
            ),
        ),
        users=(UserSpec("femke.bakker@demo.interfirm.example", "Femke Bakker", "manager"),),
    ),
    FirmSpec(
        key="case-great-lakes-telecom",
        legal_name="Great Lakes Telecom Networks Inc. (demo)",
        trade_name="Great Lakes Telecom (demo)",
        country="CAN",
        city="Ottawa",
        website="https://greatlakes-telecom.example",
        email="alliances@greatlakes-telecom.example",
        year_founded=1948,
        employees=62000,
        turnover_band="gt50m",
        ownership="private_domestic",
        sectors=("2630", "6201", "7210"),
        description=(
            "A multinational provider of communications network solutions. It has strategic partnerships "
            "with four independent Indian companies, from large groups to a start-up, which run dedicated "
            "development cells for it and share in the ownership of products; laboratories on both "
            "continents work together by video conference and electronic networking."
        ),
        technologies=(
            "Optical and wireless network equipment; switching software; network management systems."
        ),
        processes=(
            "Distributed development across partner laboratories; joint product ownership; global support."
        ),
        equipment_capacity="Research laboratories in North America, Europe and Asia; 9,000 engineers in R&D.",
        certifications=("iso-9001", "iso-14001", "iso-27001", "cmmi"),
        markets=("CAN", "USA", "GBR", "FRA", "DEU", "IND", "CHN", "BRA", "MEX", "JPN"),
        languages=("en", "fr"),
        needs=(
            "Software development partners in India and other emerging economies willing to host dedicated "
            "development cells; local partners for access to telecom operators in South Asia."
        ),
        contacts=(
            ContactSpec(
                "Geneviève Tremblay",
                "Vice-President, Global Alliances",
                "genevieve.tremblay@greatlakes-telecom.example",
                is_primary=True,
            ),
        ),
        users=(UserSpec("genevieve.tremblay@demo.interfirm.example", "Geneviève Tremblay", "manager", "fr"),),
    ),
    FirmSpec(
        key="case-mumbai-consolidated",
        legal_name="Mumbai Consolidated Technologies Limited (demo)",
        trade_name="MCT (demo)",
        country="IND",
        city="Mumbai",
        website="https://mct-tech.example",
        email="alliances@mct-tech.example",
        year_founded=1968,
        employees=45000,
        turnover_band="gt50m",
        ownership="family",
        sectors=("6201", "6202", "6311"),
        description=(
            "A large, long-established software and services group, part of an industrial conglomerate. "
            "Hosts a dedicated development cell for a North American telecom equipment maker and earns "
            "much of its income in hard currency from clients in North America and Europe."
        ),
        technologies="Telecom software, enterprise systems, managed services, data centres.",
        processes="Offshore delivery centres; CMMI level 5 processes; joint labs with clients.",
        equipment_capacity="Delivery centres in six Indian cities; 45,000 staff.",
        certifications=("cmmi", "iso-27001", "iso-9001"),
        markets=("IND", "USA", "CAN", "GBR", "DEU", "JPN", "ZAF"),
        languages=("en", "hi"),
        needs="Product companies that want a long-term engineering partner with joint ownership of results.",
        contacts=(
            ContactSpec(
                "Vikram Kulkarni",
                "Head of Telecom Alliances",
                "vikram.kulkarni@mct-tech.example",
                is_primary=True,
            ),
        ),
        users=(UserSpec("vikram.kulkarni@demo.interfirm.example", "Vikram Kulkarni", "manager"),),
    ),
    FirmSpec(
        key="case-bengaluru-infotech",
        legal_name="Bengaluru Infotech Systems Limited (demo)",
        trade_name="BIS (demo)",
        country="IND",
        city="Bengaluru",
        website="https://bis-infotech.example",
        email="partners@bis-infotech.example",
        year_founded=1981,
        employees=12000,
        turnover_band="gt50m",
        ownership="private_domestic",
        sectors=("6201", "6202"),
        description=(
            "A software services company founded by engineers, grown into a listed firm. Works with a "
            "Canadian telecom equipment maker on switching software and learned the state of the art in "
            "telecommunications through the dedicated cell it runs for it."
        ),
        technologies="Telecom protocol software; embedded systems; testing automation.",
        processes="Global delivery model; dedicated client cells; continuous integration.",
        equipment_capacity="A 60-acre campus; 12,000 engineers.",
        certifications=("cmmi", "iso-27001", "iso-9001"),
        markets=("IND", "USA", "CAN", "GBR", "AUS"),
        languages=("en", "hi"),
        needs="Equipment makers in North America and Europe seeking a product-engineering partner.",
        contacts=(
            ContactSpec(
                "Lakshmi Menon",
                "Vice-President, Telecom",
                "lakshmi.menon@bis-infotech.example",
                is_primary=True,
            ),
        ),
        users=(UserSpec("lakshmi.menon@demo.interfirm.example", "Lakshmi Menon", "manager"),),
    ),
    FirmSpec(
        key="case-deccan-digital",
        legal_name="Deccan Digital Engineering Private Limited (demo)",
        trade_name="Deccan Digital (demo)",
        country="IND",
        city="Hyderabad",
        website="https://deccan-digital.example",
        email="hello@deccan-digital.example",
        year_founded=1994,
        employees=180,
        turnover_band="lt50m",
        ownership="private_domestic",
        sectors=("6201", "2630"),
        description=(
            "A medium-sized engineering firm that designs network-management software and test equipment "
            "for telecom operators and equipment makers; a partner of a Canadian multinational since 1996."
        ),
        technologies="Network management systems; SNMP and TMN; test and measurement hardware.",
        processes=(
            "Joint development with a partner's laboratory in Canada; shared code base; weekly video reviews."
        ),
        equipment_capacity="Development centre of 150 engineers; a telecom test laboratory.",
        certifications=("iso-9001", "cmmi"),
        markets=("IND", "CAN", "USA", "ARE"),
        languages=("en", "hi"),
        needs=(
            "A second strategic partner in Europe; a distributor for "
            "our test equipment in the Gulf and Africa."
        ),
        contacts=(
            ContactSpec(
                "Sanjay Reddy", "Chief Executive", "sanjay.reddy@deccan-digital.example", is_primary=True
            ),
        ),
        users=(UserSpec("sanjay.reddy@demo.interfirm.example", "Sanjay Reddy", "manager"),),
    ),
    FirmSpec(
        key="case-pune-signal",
        legal_name="Pune Signal Software Private Limited (demo)",
        trade_name="Pune Signal (demo)",
        country="IND",
        city="Pune",
        website="https://pune-signal.example",
        email="founders@pune-signal.example",
        year_founded=2021,
        employees=24,
        turnover_band="lt2m",
        ownership="private_domestic",
        sectors=("6201",),
        description=(
            "A start-up writing signalling-protocol stacks and test tools for telecom equipment makers. "
            "Small, but it earned a place as a partner of a multinational by specialising in a niche."
        ),
        technologies="SIP and Diameter protocol stacks; 5G core test tools; Rust and C.",
        processes="Agile development; conformance testing; remote pairing with the partner's engineers.",
        equipment_capacity="24 engineers; a protocol conformance test bed.",
        certifications=("iso-27001",),
        markets=("IND", "CAN", "USA"),
        languages=("en", "hi"),
        needs="Equity investment to grow the team; a licensing partner for our test tools in Europe.",
        contacts=(ContactSpec("Arjun Kulkarni", "Co-founder", "arjun@pune-signal.example", is_primary=True),),
        users=(UserSpec("arjun.kulkarni@demo.interfirm.example", "Arjun Kulkarni", "manager"),),
    ),
    FirmSpec(
        key="case-caracas-petroleum-institute",
        legal_name="Instituto Tecnológico Petrolero de Caracas C.A. (demo)",
        trade_name="Caracas Petroleum Technology Institute (demo)",
        country="VEN",
        city="Los Teques",
        website="https://itpc-petroleo.example",
        email="cooperacion@itpc-petroleo.example",
        year_founded=1974,
        employees=1500,
        turnover_band="gt50m",
        ownership="state",
        sectors=("7210", "0910", "7120"),
        description=(
            "The research arm of a state-owned oil corporation that works on market terms. It first "
            "trained its staff, then built partnerships with competitors, suppliers and research "
            "universities abroad; it now sells technical services to customers from Argentina to China, "
            "Mexico and Sweden and forms international consortia."
        ),
        technologies="Heavy-crude upgrading; enhanced oil recovery; reservoir simulation; catalysts.",
        processes="Contract research; pilot plants; technical services; consortium projects.",
        equipment_capacity="Pilot plants for upgrading and refining; 40 laboratories; 600 researchers.",
        certifications=("iso-9001", "iso-17025", "iso-14001"),
        markets=("VEN", "ARG", "CHN", "MEX", "SWE", "COL", "BRA"),
        languages=("es", "en"),
        needs="Research universities and service companies for joint projects on heavy-oil upgrading.",
        contacts=(
            ContactSpec(
                "Gabriela Romero",
                "Gerente de Cooperación Tecnológica",
                "gabriela.romero@itpc-petroleo.example",
                is_primary=True,
            ),
        ),
        users=(UserSpec("gabriela.romero@demo.interfirm.example", "Gabriela Romero", "manager", "es"),),
    ),
    FirmSpec(
        key="case-taller-digital",
        legal_name="Taller Digital Montevideo S.A. (demo)",
        trade_name="Taller Digital (demo)",
        country="URY",
        city="Montevideo",
        website="https://tallerdigital.example",
        email="hola@tallerdigital.example",
        year_founded=2016,
        employees=14,
        turnover_band="lt2m",
        ownership="private_domestic",
        sectors=("6201", "6202"),
        description=(
            "A software firm founded by two young women engineers with a start-up loan from the national "
            "development corporation. Builds traceability software for meat and dairy exporters."
        ),
        technologies="Traceability platforms; RFID ear-tag readers; cloud hosting; Python.",
        processes="Agile development; on-farm pilots; support in Spanish and English.",
        equipment_capacity="14 developers; hosting for 3,000 farms.",
        certifications=("iso-27001",),
        markets=("URY", "ARG", "PRY", "BRA"),
        languages=("es", "en", "pt"),
        needs="A reseller in Brazil and a technology partner for satellite pasture monitoring.",
        contacts=(
            ContactSpec(
                "Valentina Silva", "Directora", "valentina.silva@tallerdigital.example", is_primary=True
            ),
        ),
        users=(UserSpec("valentina.silva@demo.interfirm.example", "Valentina Silva", "manager", "es"),),
    ),
    FirmSpec(
        key="case-queseria-litoral",
        legal_name="Quesería del Litoral S.R.L. (demo)",
        country="URY",
        city="Paysandú",
        year_founded=2009,
        employees=8,
        turnover_band="lt2m",
        ownership="family",
        sectors=("1050",),
        description=(
            "A family cheese dairy processing milk from neighbouring farms into semi-hard cheeses. It "
            "modernised with a credit from the development corporation and wants to export."
        ),
        technologies="Traditional cheese making; new vat pasteuriser; ripening room with humidity control.",
        processes="Milk reception, pasteurisation, curdling, pressing, ripening for 3 to 12 months.",
        equipment_capacity="6,000 litres of milk a day; ripening room for 20 tonnes of cheese.",
        certifications=("haccp",),
        markets=("URY",),
        languages=("es",),
        needs="A distributor for aged cheese in Brazil; technical cooperation on ripening and packaging.",
        contacts=(
            ContactSpec("Martín Rodríguez", "Propietario", "martin@queserialitoral.example", is_primary=True),
        ),
        consent=ConsentSpec(
            "montevideo-development-corporation-demo",
            "signed_form",
            datetime.date(2025, 9, 3),
            "Martín Rodríguez, owner",
            "Signed at the Paysandú credit office.",
        ),
    ),
    FirmSpec(
        key="case-anadolu-appliances",
        legal_name="Anadolu Ev Aletleri A.Ş. (demo)",
        trade_name="Anadolu Household Appliances (demo)",
        country="TUR",
        city="Eskişehir",
        website="https://anadolu-appliances.example",
        email="partnerships@anadolu-appliances.example",
        year_founded=1959,
        employees=9500,
        turnover_band="gt50m",
        ownership="family",
        sectors=("2750", "2710", "7210"),
        description=(
            "A large maker of refrigerators, washing machines and cookers. Besides cooperation agreements "
            "with major international companies, it has transferred know-how and production to Tunisia "
            "and the Republic of Korea, and runs R&D agreements with universities in developed countries "
            "to develop specific technologies."
        ),
        technologies=(
            "Variable-speed compressors; inverter motors; noise reduction; product design for recycling."
        ),
        processes=(
            "Press, paint and foaming lines; final assembly; laboratories for energy and noise testing."
        ),
        equipment_capacity="Five plants producing 6 million appliances a year.",
        certifications=("iso-9001", "iso-14001", "iso-45001", "iso-50001", "ce-marking"),
        markets=("TUR", "DEU", "GBR", "FRA", "TUN", "KOR", "EGY", "ZAF", "RUS"),
        languages=("tr", "en", "de"),
        needs=(
            "University research groups for R&D agreements on compressor efficiency; suppliers of "
            "injection-moulded and sheet-metal parts in North Africa; licensees for our cooker range."
        ),
        contacts=(
            ContactSpec(
                "Zeynep Arslan",
                "Director of Technology Partnerships",
                "zeynep.arslan@anadolu-appliances.example",
                is_primary=True,
            ),
        ),
        users=(UserSpec("zeynep.arslan@demo.interfirm.example", "Zeynep Arslan", "manager"),),
    ),
    FirmSpec(
        key="case-damietta-furniture",
        legal_name="Damietta Furniture Workshop (demo)",
        country="EGY",
        city="Damietta",
        year_founded=2004,
        employees=7,
        turnover_band="lt2m",
        ownership="family",
        sectors=("3100",),
        description=(
            "A family workshop in a Nile Delta furniture cluster making carved beech-wood chairs and "
            "tables. Started with a small-enterprise loan and sells through a larger exporter."
        ),
        technologies="Hand carving; spray lacquering; a second-hand CNC router shared with neighbours.",
        processes="Cutting, carving, assembly, finishing.",
        equipment_capacity="About 80 chairs a month.",
        certifications=(),
        markets=("EGY", "SAU"),
        languages=("ar",),
        needs="Subcontracting orders from a larger furniture exporter; training in finishing for export.",
        contacts=(ContactSpec("Mahmoud Gaber", "Owner", "", "+20 57 555 0144", is_primary=True),),
        consent=ConsentSpec(
            "nile-sme-agency-demo",
            "in_person",
            datetime.date(2025, 6, 15),
            "Mahmoud Gaber, owner",
            "Witnessed at the Damietta business service centre.",
        ),
    ),
    FirmSpec(
        key="case-tenth-ramadan-plastics",
        legal_name="Tenth of Ramadan Plastic Components (demo)",
        country="EGY",
        city="Tenth of Ramadan City",
        year_founded=2012,
        employees=28,
        turnover_band="lt2m",
        ownership="private_domestic",
        sectors=("2220",),
        description=(
            "Moulds plastic parts for washing machines and refrigerators as a subcontractor of two large "
            "appliance makers, a link built by the small-enterprise agency's subcontracting programme."
        ),
        technologies="Injection moulding; in-house mould maintenance.",
        processes="Moulding, trimming, sub-assembly, inspection.",
        equipment_capacity="Nine injection-moulding machines from 80 to 450 tonnes; two shifts.",
        certifications=("iso-9001",),
        markets=("EGY",),
        languages=("ar", "en"),
        needs="More subcontracting orders from appliance and car-parts makers; help to obtain IATF 16949.",
        contacts=(
            ContactSpec(
                "Hoda Farouk", "General Manager", "hoda.farouk@ramadan-plastics.example", is_primary=True
            ),
        ),
        consent=ConsentSpec(
            "nile-sme-agency-demo",
            "signed_form",
            datetime.date(2025, 4, 2),
            "Hoda Farouk, general manager",
        ),
    ),
)
