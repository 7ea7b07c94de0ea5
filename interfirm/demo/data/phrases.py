"""The words the demo writes opportunities, reviews and expressions of interest with.

Names of kinds of firm per sector template, country names and adjectives, what reviewers write when they
publish, hold or reject, why owners decline, and the messages two sides exchange before and after an
expression of interest is accepted. None of it names a firm, a place in a country or a person.
"""

from __future__ import annotations

# The kind of firm each sector template describes, as the opportunities call it.
SECTOR_NOUNS: dict[str, str] = {
    "fruit": "fruit and vegetable processor",
    "dairy": "dairy processor",
    "coffee_tea": "coffee and tea producer",
    "fish": "seafood processor",
    "grain_oils": "edible-oil mill",
    "bakery_snacks": "biscuit and snack maker",
    "beverages": "beverage producer",
    "textiles": "textile mill",
    "garments": "garment manufacturer",
    "leather": "leather and footwear maker",
    "wood_furniture": "furniture manufacturer",
    "packaging": "packaging converter",
    "chemicals": "paints and chemicals maker",
    "pharma": "pharmaceutical manufacturer",
    "cosmetics": "natural cosmetics maker",
    "plastics_rubber": "plastics and rubber moulder",
    "building_materials": "building-materials manufacturer",
    "metal_fabrication": "metal fabrication shop",
    "machinery": "machinery builder",
    "electrical": "electrical equipment manufacturer",
    "auto_parts": "automotive components supplier",
    "medical_devices": "medical device manufacturer",
    "software": "software developer",
    "it_services": "IT and business-process services provider",
    "engineering_consult": "engineering consultancy",
    "biotech_rd": "biotechnology company",
    "energy": "solar energy company",
    "logistics": "logistics provider",
    "tourism": "hospitality company",
    "horticulture": "horticultural grower and exporter",
    "crafts_jewellery": "crafts and jewellery workshop",
    "construction": "construction company",
}

# Sectors whose output is a service: their offers of capacity are services outsourcing, not subcontracting.
SERVICE_SECTORS = frozenset(
    {"software", "it_services", "engineering_consult", "logistics", "tourism", "construction", "energy"}
)

# Needs in which a firm offers to be the local partner of foreign firms, with who those firms are.
LOCAL_PARTNER_NEEDS: dict[str, str] = {
    "a foreign contractor seeking a local joint-venture partner": "foreign contractors",
    "a foreign engineering firm seeking a local partner in {region}": "foreign engineering firms",
}

ADJECTIVES: dict[str, str] = {
    "KEN": "Kenyan",
    "GHA": "Ghanaian",
    "ETH": "Ethiopian",
    "SEN": "Senegalese",
    "TZA": "Tanzanian",
    "UGA": "Ugandan",
    "RWA": "Rwandan",
    "NGA": "Nigerian",
    "CIV": "Ivorian",
    "EGY": "Egyptian",
    "MAR": "Moroccan",
    "TUN": "Tunisian",
    "ZAF": "South African",
    "URY": "Uruguayan",
    "VEN": "Venezuelan",
    "COL": "Colombian",
    "BRA": "Brazilian",
    "MEX": "Mexican",
    "ARG": "Argentine",
    "CHL": "Chilean",
    "PER": "Peruvian",
    "CAN": "Canadian",
    "USA": "American",
    "IND": "Indian",
    "BGD": "Bangladeshi",
    "LKA": "Sri Lankan",
    "PHL": "Philippine",
    "KHM": "Cambodian",
    "NPL": "Nepalese",
    "CHN": "Chinese",
    "VNM": "Vietnamese",
    "THA": "Thai",
    "IDN": "Indonesian",
    "MYS": "Malaysian",
    "UZB": "Uzbek",
    "KAZ": "Kazakh",
    "TUR": "Turkish",
    "JPN": "Japanese",
    "KOR": "Korean",
    "IRL": "Irish",
    "DEU": "German",
    "ITA": "Italian",
    "NLD": "Dutch",
    "FRA": "French",
    "ESP": "Spanish",
    "GBR": "British",
    "BEL": "Belgian",
    "POL": "Polish",
    "SWE": "Swedish",
    "CHE": "Swiss",
    "UKR": "Ukrainian",
    "FJI": "Fijian",
    "PNG": "Papua New Guinean",
    "AUS": "Australian",
    "NZL": "New Zealand",
}

COUNTRY_NAMES: dict[str, str] = {
    "KEN": "Kenya",
    "GHA": "Ghana",
    "ETH": "Ethiopia",
    "SEN": "Senegal",
    "TZA": "Tanzania",
    "UGA": "Uganda",
    "RWA": "Rwanda",
    "NGA": "Nigeria",
    "CIV": "Côte d'Ivoire",
    "EGY": "Egypt",
    "MAR": "Morocco",
    "TUN": "Tunisia",
    "ZAF": "South Africa",
    "URY": "Uruguay",
    "VEN": "Venezuela",
    "COL": "Colombia",
    "BRA": "Brazil",
    "MEX": "Mexico",
    "ARG": "Argentina",
    "CHL": "Chile",
    "PER": "Peru",
    "CAN": "Canada",
    "USA": "the United States",
    "IND": "India",
    "BGD": "Bangladesh",
    "LKA": "Sri Lanka",
    "PHL": "the Philippines",
    "KHM": "Cambodia",
    "NPL": "Nepal",
    "CHN": "China",
    "VNM": "Viet Nam",
    "THA": "Thailand",
    "IDN": "Indonesia",
    "MYS": "Malaysia",
    "UZB": "Uzbekistan",
    "KAZ": "Kazakhstan",
    "TUR": "Türkiye",
    "JPN": "Japan",
    "KOR": "the Republic of Korea",
    "IRL": "Ireland",
    "DEU": "Germany",
    "ITA": "Italy",
    "NLD": "the Netherlands",
    "FRA": "France",
    "ESP": "Spain",
    "GBR": "the United Kingdom",
    "BEL": "Belgium",
    "POL": "Poland",
    "SWE": "Sweden",
    "CHE": "Switzerland",
    "UKR": "Ukraine",
    "FJI": "Fiji",
    "PNG": "Papua New Guinea",
    "AUS": "Australia",
    "NZL": "New Zealand",
    "ARE": "the United Arab Emirates",
    "SAU": "Saudi Arabia",
}

# Review comments: what a reviewer writes when publishing, holding or rejecting.
PUBLISH_COMMENTS: tuple[str, ...] = (
    "",
    "",
    "Clear and complete. Published.",
    "Good profile; the partner sought is well described.",
    "Published. Consider adding the volumes you can handle to attract more serious partners.",
    "Well written; keywords adjusted by the owner as suggested.",
)
HOLD_COMMENTS: tuple[str, ...] = (
    "The description does not say what is innovative or better than what competitors offer. Please add "
    "figures (yields, costs, capacity) and resubmit.",
    "Please describe the partner sought more precisely: size, country and the task you expect of them.",
    "The summary repeats the title. Say in two sentences what you offer and what you seek.",
    "Please remove the brand name from the keywords and explain the stage of development.",
    "The text mixes two different offers. Keep one here and submit the other separately.",
)
REJECT_COMMENTS: tuple[str, ...] = (
    "This is an advertisement for products, not a cooperation opportunity. Please describe the partnership "
    "you seek; you may submit a new profile.",
    "The text is too short to be understood by a partner and does not say what cooperation is sought.",
)
# What an owner adds to the description after a hold, before resubmitting.
HOLD_FIXES: tuple[str, ...] = (
    "Figures on request: yields, unit costs and references from current customers.",
    "We expect the partner to commit to a first trial within six months of signing.",
    "The cooperation would start with a pilot order or project and grow with results.",
)

DECLINE_NOTES: dict[str, tuple[str, ...]] = {
    "not_relevant": (
        "Thank you. What you offer is close, but we need a partner in a different segment.",
        "Your proposal is interesting but does not match the cooperation we described.",
    ),
    "capacity": (
        "Thank you for your interest. At this stage we need a partner with larger capacity.",
        "We need a partner that already holds the certifications listed; we hope to meet again later.",
    ),
    "geography": (
        "We have decided to focus on partners closer to our own market for now.",
        "Our customers require a partner in the region we named; thank you all the same.",
    ),
    "already_found": (
        "We have just signed with another partner. Thank you for your interest.",
        "Another firm was faster; we will keep your profile in mind.",
    ),
    "timing": (
        "Our plans have moved to next year; please contact us again then.",
        "We cannot start a new partnership before our plant extension is finished.",
    ),
    "information": (
        "Your message does not say enough about your experience. Please send more and try again.",
        "We could not judge your capacity from the message; a fuller profile would help.",
    ),
    "other": ("We have decided not to pursue this opportunity for now.",),
}

# Messages exchanged before an answer (the owner asks, the interested firm answers).
QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "Thank you for your interest. Could you tell us your monthly capacity and the lead time for a first order?",
        "Certainly. We can start with a trial lot within four weeks and reach full volume in three months.",
    ),
    (
        "What similar partnerships have you had, and with firms of which size?",
        "We have worked with two foreign partners over the past five years, one large and one of our size.",
    ),
    (
        "Could you send technical data sheets or a short company presentation through the platform?",
        "We will add our data sheets to the profile this week; our intermediary can also share a presentation.",
    ),
    (
        "Which certifications do you hold, and when was your last audit?",
        "We were audited last spring; the certificate and the audit summary are available on request.",
    ),
    (
        "How do you see the first year of the cooperation?",
        "A pilot project for three months, a joint review, then a one-year agreement if both sides agree.",
    ),
)
# Messages after acceptance, when identities and contacts are visible.
AFTER_ACCEPTANCE: tuple[tuple[str, str], ...] = (
    (
        "Glad to take this further. Could we have a video call next week to go through the details?",
        "Yes. Our contact details are now on the case page; please propose two or three times.",
    ),
    (
        "We would like to visit your site before drafting an agreement. Would next month suit you?",
        "You are welcome. We will prepare a plant tour and a meeting with our technical team.",
    ),
    (
        "Please find our draft terms of cooperation: we suggest a pilot phase of six months.",
        "Thank you; our lawyer is reading them and we will answer with comments shortly.",
    ),
)
