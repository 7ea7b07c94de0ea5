"""Countries of the demo network: real cities, languages, legal-form suffixes and name pools for people.

Weights make firms cluster in the countries where the demo intermediaries work (the report's cases:
India, Ireland, the Netherlands, Canada, Venezuela, Uruguay, Turkey, Egypt, Sri Lanka, the Philippines,
Italy; and the LDCs, transition economies and small island States the brief asks for).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    """Given and family names that are common in a region (for contact persons and users)."""

    given: tuple[str, ...]
    family: tuple[str, ...]


NAMES: dict[str, NamePool] = {
    "east_africa": NamePool(
        ("Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Baraka", "Amina", "Mwangi", "Zawadi", "Kiprono"),
        (
            "Kamau",
            "Odhiambo",
            "Mwangi",
            "Wekesa",
            "Njoroge",
            "Chebet",
            "Mutua",
            "Kariuki",
            "Omondi",
            "Nyambura",
        ),
    ),
    "tanzania": NamePool(
        ("Neema", "Juma", "Rehema", "Baraka", "Halima", "Emmanuel", "Upendo", "Hamisi"),
        ("Mushi", "Massawe", "Mollel", "Kimaro", "Mrema", "Swai", "Lyimo", "Mfinanga"),
    ),
    "uganda_rwanda": NamePool(
        ("Aisha", "Moses", "Grace", "Jean-Claude", "Diane", "Patrick", "Esther", "Eric"),
        ("Nakato", "Mugisha", "Uwimana", "Niyonzima", "Kato", "Habimana", "Namubiru", "Mukamana"),
    ),
    "west_africa_en": NamePool(
        ("Kwame", "Ama", "Kofi", "Abena", "Chinedu", "Ngozi", "Yaw", "Efua", "Tunde", "Adaeze"),
        ("Mensah", "Owusu", "Boateng", "Asante", "Okafor", "Adeyemi", "Agyeman", "Nwosu", "Osei", "Bello"),
    ),
    "west_africa_fr": NamePool(
        ("Aminata", "Moussa", "Fatou", "Ousmane", "Awa", "Cheikh", "Mariama", "Ibrahima", "Aïcha", "Koffi"),
        ("Diop", "Ndiaye", "Fall", "Sow", "Ba", "Traoré", "Koné", "Diallo", "Kouassi", "Sarr"),
    ),
    "ethiopia": NamePool(
        ("Abebe", "Tigist", "Dawit", "Hirut", "Solomon", "Meron", "Yonas", "Selamawit", "Bereket", "Liya"),
        (
            "Tesfaye",
            "Bekele",
            "Alemu",
            "Haile",
            "Getachew",
            "Wolde",
            "Tadesse",
            "Girma",
            "Mekonnen",
            "Assefa",
        ),
    ),
    "arab": NamePool(
        ("Ahmed", "Mona", "Mohamed", "Nour", "Karim", "Yasmin", "Omar", "Hoda", "Tarek", "Salma"),
        (
            "Hassan",
            "El-Sayed",
            "Mahmoud",
            "Abdel Rahman",
            "Farouk",
            "Mansour",
            "Saleh",
            "Fahmy",
            "Gaber",
            "Nasser",
        ),
    ),
    "maghreb": NamePool(
        ("Youssef", "Khadija", "Mehdi", "Salma", "Anis", "Leïla", "Hamza", "Imane", "Nabil", "Sonia"),
        (
            "Benali",
            "El Amrani",
            "Trabelsi",
            "Ben Salah",
            "Bennani",
            "Chaabane",
            "Alaoui",
            "Jaziri",
            "Tazi",
            "Mejri",
        ),
    ),
    "southern_africa": NamePool(
        ("Thabo", "Lerato", "Sipho", "Nomvula", "Pieter", "Anele", "Johan", "Zanele"),
        ("Nkosi", "Dlamini", "Van der Merwe", "Mokoena", "Botha", "Khumalo", "Naidoo", "Ndlovu"),
    ),
    "india": NamePool(
        ("Priya", "Rajesh", "Ananya", "Suresh", "Kavita", "Arjun", "Lakshmi", "Vikram", "Deepa", "Sanjay"),
        ("Sharma", "Rao", "Iyer", "Patel", "Reddy", "Nair", "Gupta", "Kulkarni", "Menon", "Desai"),
    ),
    "bangladesh": NamePool(
        ("Farhana", "Rashed", "Nusrat", "Tanvir", "Sharmin", "Mahbub", "Ruma", "Kamrul", "Sadia", "Imran"),
        ("Rahman", "Hossain", "Islam", "Chowdhury", "Ahmed", "Karim", "Akter", "Uddin", "Haque", "Sarkar"),
    ),
    "nepal": NamePool(
        ("Sunita", "Bikash", "Anjali", "Rajan", "Sarita", "Prakash", "Kabita", "Dipesh"),
        ("Shrestha", "Thapa", "Gurung", "Adhikari", "Karki", "Maharjan", "Rai", "Tamang"),
    ),
    "sri_lanka": NamePool(
        (
            "Nimal",
            "Dilani",
            "Chaminda",
            "Ishara",
            "Ruwan",
            "Sanduni",
            "Kasun",
            "Tharushi",
            "Arjuna",
            "Nadeesha",
        ),
        (
            "Perera",
            "Fernando",
            "Silva",
            "Jayasinghe",
            "Wickramasinghe",
            "Bandara",
            "Dissanayake",
            "Gunawardena",
        ),
    ),
    "philippines": NamePool(
        ("Maria", "Jose", "Kristine", "Ramon", "Liza", "Paolo", "Angelica", "Miguel", "Rowena", "Carlo"),
        (
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Garcia",
            "Mendoza",
            "Villanueva",
            "Dela Cruz",
            "Ramos",
            "Aquino",
        ),
    ),
    "china": NamePool(
        ("Wei", "Li Na", "Jun", "Xiaoming", "Fang", "Hao", "Mei", "Lei", "Yan", "Qiang"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"),
    ),
    "vietnam": NamePool(
        ("Minh", "Lan", "Tuan", "Huong", "Duc", "Thao", "Quang", "Linh"),
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"),
    ),
    "thailand": NamePool(
        ("Somchai", "Suda", "Niran", "Kanya", "Anan", "Pornthip", "Wichai", "Malee"),
        ("Srisuk", "Chaiyaporn", "Wongsakul", "Rattanakorn", "Boonmee", "Thongchai", "Saelim", "Kittisak"),
    ),
    "malay_indo": NamePool(
        ("Siti", "Ahmad", "Dewi", "Budi", "Nurul", "Hafiz", "Putri", "Rizal", "Aisyah", "Agus"),
        (
            "Rahman",
            "Santoso",
            "Wijaya",
            "Abdullah",
            "Hidayat",
            "Ismail",
            "Setiawan",
            "Hamzah",
            "Kusuma",
            "Yusof",
        ),
    ),
    "cambodia": NamePool(
        ("Sokha", "Dara", "Sreymom", "Vannak", "Chanthou", "Rithy", "Bopha", "Sophal"),
        ("Chea", "Sok", "Heng", "Keo", "Meas", "Chan", "Phan", "Sim"),
    ),
    "central_asia": NamePool(
        (
            "Aziz",
            "Dilnoza",
            "Timur",
            "Gulnara",
            "Rustam",
            "Madina",
            "Bakhtiyor",
            "Aigerim",
            "Sanjar",
            "Zarina",
        ),
        (
            "Karimov",
            "Yusupova",
            "Nurmagambetov",
            "Rakhimov",
            "Tashkentova",
            "Abdullaev",
            "Seitkali",
            "Usmanov",
        ),
    ),
    "turkey": NamePool(
        ("Ayşe", "Mehmet", "Elif", "Mustafa", "Zeynep", "Emre", "Fatma", "Burak", "Selin", "Hakan"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan"),
    ),
    "japan": NamePool(
        ("Hiroshi", "Yuko", "Takeshi", "Akiko", "Kenji", "Naomi", "Satoshi", "Emi"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"),
    ),
    "korea": NamePool(
        ("Min-jun", "Seo-yeon", "Ji-hoon", "Eun-ji", "Hyun-woo", "Soo-jin", "Dong-hyun", "Ha-eun"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"),
    ),
    "latin_es": NamePool(
        ("María", "José", "Lucía", "Carlos", "Valentina", "Andrés", "Camila", "Diego", "Gabriela", "Martín"),
        (
            "González",
            "Rodríguez",
            "Fernández",
            "López",
            "Martínez",
            "Pérez",
            "Gómez",
            "Díaz",
            "Silva",
            "Romero",
        ),
    ),
    "brazil": NamePool(
        ("Ana", "João", "Mariana", "Pedro", "Beatriz", "Rafael", "Camila", "Lucas", "Fernanda", "Thiago"),
        (
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Pereira",
            "Costa",
            "Almeida",
            "Carvalho",
            "Ribeiro",
            "Gomes",
        ),
    ),
    "anglo": NamePool(
        ("Sarah", "James", "Emily", "Michael", "Laura", "David", "Rachel", "Andrew", "Hannah", "Thomas"),
        (
            "Smith",
            "Johnson",
            "Brown",
            "Wilson",
            "Taylor",
            "Campbell",
            "Anderson",
            "Clarke",
            "Robinson",
            "Walker",
        ),
    ),
    "canada": NamePool(
        ("Geneviève", "Daniel", "Amélie", "Ryan", "Chloé", "Marc", "Jennifer", "Olivier"),
        ("Tremblay", "Martin", "Roy", "MacDonald", "Gagnon", "Wong", "Côté", "Singh"),
    ),
    "ireland": NamePool(
        ("Siobhán", "Ciarán", "Aoife", "Declan", "Niamh", "Seán", "Orla", "Pádraig"),
        ("Murphy", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Kelly", "Ryan", "Fitzgerald"),
    ),
    "german": NamePool(
        ("Katrin", "Thomas", "Julia", "Stefan", "Anna", "Markus", "Sabine", "Jan", "Lena", "Matthias"),
        (
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Hoffmann",
            "Vogel",
        ),
    ),
    "italian": NamePool(
        ("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Elena", "Matteo", "Sara", "Davide"),
        ("Rossi", "Bianchi", "Ferrari", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Galli"),
    ),
    "dutch_flemish": NamePool(
        ("Sanne", "Daan", "Femke", "Joost", "Lotte", "Pieter", "Anouk", "Bram"),
        ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Peeters", "Janssens", "Smit"),
    ),
    "french": NamePool(
        ("Camille", "Nicolas", "Claire", "Julien", "Sophie", "Mathieu", "Élodie", "Antoine"),
        ("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Fournier"),
    ),
    "spanish": NamePool(
        ("Lucía", "Javier", "Marta", "Pablo", "Carmen", "Sergio", "Elena", "Álvaro"),
        ("García", "Martínez", "Sánchez", "Ruiz", "Jiménez", "Moreno", "Navarro", "Torres"),
    ),
    "polish": NamePool(
        ("Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Krzysztof"),
        ("Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zielińska", "Szymański"),
    ),
    "nordic": NamePool(
        ("Emma", "Erik", "Sofia", "Lars", "Ingrid", "Anders", "Maja", "Johan"),
        ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Lindqvist", "Berg"),
    ),
    "ukraine": NamePool(
        ("Olena", "Andriy", "Iryna", "Oleksandr", "Natalia", "Dmytro", "Oksana", "Serhiy"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Marchenko"),
    ),
    "pacific": NamePool(
        ("Mere", "Josefa", "Litia", "Sitiveni", "Ana", "Peni", "Salote", "Ravi", "Priya", "Kelera"),
        ("Naidu", "Tuilagi", "Ratu", "Waqa", "Prasad", "Koroi", "Vunibola", "Singh", "Lal", "Nakau"),
    ),
    "png": NamePool(
        ("Grace", "John", "Mary", "Peter", "Ruth", "Michael", "Joyce", "Paul"),
        ("Kila", "Namaliu", "Tom", "Kaupa", "Wari", "Morea", "Baki", "Pokana"),
    ),
    "swiss": NamePool(
        ("Laura", "Lukas", "Nathalie", "Reto", "Martina", "Urs", "Céline", "Beat"),
        ("Meier", "Keller", "Favre", "Huber", "Brunner", "Rochat", "Gerber", "Bianchi"),
    ),
}


@dataclass(frozen=True)
class Place:
    """A country the demo uses: its real cities, languages, legal suffix, names and weight."""

    iso3: str
    cities: tuple[str, ...]
    languages: tuple[str, ...]
    suffix: str
    names: str
    weight: int
    tld_hint: str


PLACES: tuple[Place, ...] = (
    # Africa
    Place(
        "KEN",
        ("Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Thika"),
        ("en", "sw"),
        "Ltd",
        "east_africa",
        14,
        "ke",
    ),
    Place(
        "GHA", ("Accra", "Kumasi", "Tema", "Takoradi", "Tamale"), ("en",), "Ltd", "west_africa_en", 10, "gh"
    ),
    Place(
        "ETH",
        ("Addis Ababa", "Hawassa", "Bahir Dar", "Adama", "Mekelle"),
        ("am", "en"),
        "PLC",
        "ethiopia",
        10,
        "et",
    ),
    Place(
        "SEN", ("Dakar", "Thiès", "Saint-Louis", "Kaolack"), ("fr", "wo"), "SARL", "west_africa_fr", 5, "sn"
    ),
    Place("TZA", ("Dar es Salaam", "Arusha", "Mwanza", "Dodoma"), ("sw", "en"), "Ltd", "tanzania", 5, "tz"),
    Place("UGA", ("Kampala", "Jinja", "Mbarara", "Gulu"), ("en", "sw"), "Ltd", "uganda_rwanda", 4, "ug"),
    Place("RWA", ("Kigali", "Huye", "Musanze"), ("rw", "en", "fr"), "Ltd", "uganda_rwanda", 3, "rw"),
    Place(
        "NGA",
        ("Lagos", "Abuja", "Kano", "Port Harcourt", "Ibadan"),
        ("en", "yo", "ha"),
        "Ltd",
        "west_africa_en",
        5,
        "ng",
    ),
    Place("CIV", ("Abidjan", "Bouaké", "San-Pédro"), ("fr",), "SA", "west_africa_fr", 3, "ci"),
    Place(
        "EGY",
        ("Cairo", "Alexandria", "Damietta", "Tenth of Ramadan City", "Port Said"),
        ("ar", "en"),
        "S.A.E.",
        "arab",
        11,
        "eg",
    ),
    Place("MAR", ("Casablanca", "Tangier", "Fès", "Agadir"), ("ar", "fr"), "SARL", "maghreb", 4, "ma"),
    Place("TUN", ("Tunis", "Sfax", "Sousse", "Bizerte"), ("ar", "fr"), "SARL", "maghreb", 4, "tn"),
    Place(
        "ZAF",
        ("Johannesburg", "Cape Town", "Durban", "Port Elizabeth"),
        ("en",),
        "(Pty) Ltd",
        "southern_africa",
        5,
        "za",
    ),
    # Americas
    Place("URY", ("Montevideo", "Paysandú", "Salto", "Maldonado"), ("es",), "S.A.", "latin_es", 9, "uy"),
    Place(
        "VEN",
        ("Caracas", "Maracaibo", "Valencia", "Puerto Ordaz", "Los Teques"),
        ("es",),
        "C.A.",
        "latin_es",
        5,
        "ve",
    ),
    Place("COL", ("Bogotá", "Medellín", "Cali", "Barranquilla"), ("es",), "S.A.S.", "latin_es", 6, "co"),
    Place(
        "BRA",
        ("São Paulo", "Campinas", "Curitiba", "Belo Horizonte", "Porto Alegre", "Recife"),
        ("pt",),
        "Ltda.",
        "brazil",
        9,
        "br",
    ),
    Place(
        "MEX",
        ("Monterrey", "Guadalajara", "Querétaro", "Puebla", "Mexico City"),
        ("es",),
        "S.A. de C.V.",
        "latin_es",
        6,
        "mx",
    ),
    Place("ARG", ("Buenos Aires", "Córdoba", "Rosario", "Mendoza"), ("es",), "S.R.L.", "latin_es", 4, "ar"),
    Place("CHL", ("Santiago", "Valparaíso", "Concepción"), ("es",), "SpA", "latin_es", 3, "cl"),
    Place("PER", ("Lima", "Arequipa", "Trujillo"), ("es",), "S.A.C.", "latin_es", 3, "pe"),
    Place(
        "CAN",
        ("Ottawa", "Toronto", "Montréal", "Vancouver", "Calgary"),
        ("en", "fr"),
        "Inc.",
        "canada",
        5,
        "ca",
    ),
    Place(
        "USA",
        ("Boston", "Chicago", "Houston", "San Jose", "Atlanta", "Minneapolis"),
        ("en",),
        "Inc.",
        "anglo",
        6,
        "us",
    ),
    # Asia
    Place(
        "IND",
        ("Bengaluru", "Pune", "Chennai", "Hyderabad", "Ahmedabad", "Coimbatore", "Mumbai"),
        ("en", "hi"),
        "Pvt Ltd",
        "india",
        15,
        "in",
    ),
    Place(
        "BGD",
        ("Dhaka", "Chattogram", "Gazipur", "Narayanganj", "Khulna"),
        ("bn", "en"),
        "Ltd",
        "bangladesh",
        9,
        "bd",
    ),
    Place(
        "LKA", ("Colombo", "Kandy", "Galle", "Negombo"), ("si", "ta", "en"), "(Pvt) Ltd", "sri_lanka", 8, "lk"
    ),
    Place(
        "PHL",
        ("Manila", "Cebu City", "Davao City", "Makati", "Iloilo City"),
        ("en",),
        "Inc.",
        "philippines",
        9,
        "ph",
    ),
    Place("KHM", ("Phnom Penh", "Siem Reap", "Battambang"), ("km", "en"), "Co., Ltd.", "cambodia", 5, "kh"),
    Place("NPL", ("Kathmandu", "Pokhara", "Biratnagar"), ("ne", "en"), "Pvt. Ltd.", "nepal", 3, "np"),
    Place(
        "CHN",
        ("Shenzhen", "Suzhou", "Ningbo", "Chengdu", "Qingdao"),
        ("zh", "en"),
        "Co., Ltd.",
        "china",
        5,
        "cn",
    ),
    Place(
        "VNM", ("Ho Chi Minh City", "Hanoi", "Da Nang", "Hai Phong"), ("vi", "en"), "JSC", "vietnam", 5, "vn"
    ),
    Place(
        "THA",
        ("Bangkok", "Chiang Mai", "Rayong", "Khon Kaen"),
        ("th", "en"),
        "Co., Ltd.",
        "thailand",
        4,
        "th",
    ),
    Place("IDN", ("Jakarta", "Surabaya", "Bandung", "Semarang"), ("id", "en"), "PT", "malay_indo", 4, "id"),
    Place(
        "MYS",
        ("Kuala Lumpur", "Penang", "Johor Bahru", "Shah Alam"),
        ("ms", "en", "zh"),
        "Sdn Bhd",
        "malay_indo",
        4,
        "my",
    ),
    Place(
        "UZB",
        ("Tashkent", "Samarkand", "Namangan", "Bukhara", "Andijan"),
        ("uz", "ru"),
        "LLC",
        "central_asia",
        8,
        "uz",
    ),
    Place("KAZ", ("Almaty", "Astana", "Karaganda", "Shymkent"), ("kk", "ru"), "LLP", "central_asia", 5, "kz"),
    Place(
        "TUR",
        ("Istanbul", "Ankara", "Bursa", "İzmir", "Eskişehir", "Kayseri"),
        ("tr", "en"),
        "A.Ş.",
        "turkey",
        11,
        "tr",
    ),
    Place("JPN", ("Osaka", "Nagoya", "Yokohama", "Hamamatsu"), ("ja", "en"), "K.K.", "japan", 3, "jp"),
    Place("KOR", ("Seoul", "Busan", "Changwon", "Daejeon"), ("ko", "en"), "Co., Ltd.", "korea", 3, "kr"),
    # Europe
    Place("IRL", ("Dublin", "Cork", "Galway", "Limerick", "Shannon"), ("en",), "Ltd", "ireland", 8, "ie"),
    Place(
        "DEU",
        ("Stuttgart", "Düsseldorf", "Duisburg", "Nuremberg", "Hamburg", "Dortmund"),
        ("de", "en"),
        "GmbH",
        "german",
        11,
        "de",
    ),
    Place(
        "ITA",
        ("Bologna", "Modena", "Reggio Emilia", "Prato", "Brescia", "Vicenza"),
        ("it", "en"),
        "S.r.l.",
        "italian",
        10,
        "it",
    ),
    Place(
        "NLD",
        ("Rotterdam", "Eindhoven", "Utrecht", "Wageningen", "Amsterdam"),
        ("nl", "en"),
        "B.V.",
        "dutch_flemish",
        7,
        "nl",
    ),
    Place("FRA", ("Lyon", "Toulouse", "Lille", "Grenoble", "Nantes"), ("fr", "en"), "SAS", "french", 5, "fr"),
    Place("ESP", ("Barcelona", "Valencia", "Bilbao", "Zaragoza"), ("es", "en"), "S.L.", "spanish", 4, "es"),
    Place(
        "GBR", ("Birmingham", "Manchester", "Leeds", "Glasgow", "Bristol"), ("en",), "Ltd", "anglo", 5, "uk"
    ),
    Place("BEL", ("Antwerp", "Ghent", "Liège", "Leuven"), ("nl", "fr", "en"), "NV", "dutch_flemish", 3, "be"),
    Place("POL", ("Poznań", "Wrocław", "Łódź", "Kraków"), ("pl", "en"), "Sp. z o.o.", "polish", 3, "pl"),
    Place("SWE", ("Gothenburg", "Malmö", "Västerås", "Linköping"), ("sv", "en"), "AB", "nordic", 3, "se"),
    Place("CHE", ("Geneva", "Basel", "Zurich", "Lausanne"), ("de", "fr", "en"), "AG", "swiss", 2, "ch"),
    Place("UKR", ("Kyiv", "Kharkiv", "Lviv", "Dnipro"), ("uk", "en"), "LLC", "ukraine", 3, "ua"),
    # Oceania
    Place("FJI", ("Suva", "Lautoka", "Nadi", "Labasa"), ("en",), "Pte Ltd", "pacific", 6, "fj"),
    Place("PNG", ("Port Moresby", "Lae", "Mount Hagen"), ("en",), "Ltd", "png", 3, "pg"),
    Place("AUS", ("Melbourne", "Brisbane", "Adelaide", "Perth"), ("en",), "Pty Ltd", "anglo", 4, "au"),
    Place("NZL", ("Auckland", "Christchurch", "Hamilton"), ("en",), "Ltd", "anglo", 3, "nz"),
)

PLACES_BY_ISO3: dict[str, Place] = {place.iso3: place for place in PLACES}

# Where the firms of a region export first, after their neighbours.
EXPORT_HUBS: tuple[str, ...] = (
    "USA",
    "DEU",
    "GBR",
    "FRA",
    "NLD",
    "CHN",
    "JPN",
    "ARE",
    "IND",
    "ZAF",
    "BRA",
    "SAU",
)

# UN M49 regions of the demo countries (used to pick neighbouring markets).
REGIONS: dict[str, tuple[str, ...]] = {
    "Africa": ("KEN", "GHA", "ETH", "SEN", "TZA", "UGA", "RWA", "NGA", "CIV", "EGY", "MAR", "TUN", "ZAF"),
    "Americas": ("URY", "VEN", "COL", "BRA", "MEX", "ARG", "CHL", "PER", "CAN", "USA"),
    "Asia": (
        "IND",
        "BGD",
        "LKA",
        "PHL",
        "KHM",
        "NPL",
        "CHN",
        "VNM",
        "THA",
        "IDN",
        "MYS",
        "UZB",
        "KAZ",
        "TUR",
        "JPN",
        "KOR",
    ),
    "Europe": ("IRL", "DEU", "ITA", "NLD", "FRA", "ESP", "GBR", "BEL", "POL", "SWE", "CHE", "UKR"),
    "Oceania": ("FJI", "PNG", "AUS", "NZL"),
}

# UN economy groups as shipped in data/countries.csv; only these two are needed here.
DEVELOPED: frozenset[str] = frozenset(
    {
        "CAN",
        "USA",
        "JPN",
        "IRL",
        "DEU",
        "ITA",
        "NLD",
        "FRA",
        "ESP",
        "GBR",
        "BEL",
        "POL",
        "SWE",
        "CHE",
        "AUS",
        "NZL",
    }
)
TRANSITION: frozenset[str] = frozenset({"UZB", "KAZ", "UKR"})

# Regions a firm may name as a target market, with the countries in each (a firm never targets its own).
TARGET_REGIONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("the European Union", frozenset({"IRL", "DEU", "ITA", "NLD", "FRA", "ESP", "BEL", "POL", "SWE"})),
    ("North America", frozenset({"CAN", "USA", "MEX"})),
    ("East Africa", frozenset({"KEN", "TZA", "UGA", "RWA", "ETH"})),
    ("West Africa", frozenset({"GHA", "SEN", "NGA", "CIV"})),
    ("North Africa", frozenset({"EGY", "MAR", "TUN"})),
    ("Southern Africa", frozenset({"ZAF"})),
    ("the Gulf States", frozenset()),
    ("South Asia", frozenset({"IND", "BGD", "LKA", "NPL"})),
    ("South-East Asia", frozenset({"PHL", "KHM", "VNM", "THA", "IDN", "MYS"})),
    ("Central Asia", frozenset({"UZB", "KAZ"})),
    ("Latin America", frozenset({"URY", "VEN", "COL", "BRA", "MEX", "ARG", "CHL", "PER"})),
    ("the Pacific Islands", frozenset({"FJI", "PNG"})),
    ("Japan and Korea", frozenset({"JPN", "KOR"})),
    ("Australia and New Zealand", frozenset({"AUS", "NZL"})),
)
