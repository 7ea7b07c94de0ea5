"""Text relevance without a model: TF-IDF over words and over the concepts of a small partnering
thesaurus, so that "distributor wanted in Kenya" meets "we sell through our sales network in East
Africa" although they share no word.

Why not a neural embedding: all-MiniLM-L6-v2 embeds ~30 texts/s on this 2-core machine (hours for a
rebuild at 100 000 profiles) and needs torch; a static model distilled from it embeds ~4,000 texts/s
but must be shipped as a matrix and still misses the partnering sense of words like "agent" or "JV".
The thesaurus is explainable ("both speak of distribution"), fast (a sparse dot product) and editable
by an operator. The trade-off is written up in ARCHITECTURE.md ("The matching engine").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

# Concept -> words and short phrases that express it (English, French, Spanish). A word may express
# several concepts. Concepts are written "#name" in the token stream and named in reasons.
THESAURUS: Mapping[str, list[str]] = {
    "distribution": [
        "distribution",
        "distributor",
        "distributors",
        "distribute",
        "agent",
        "agents",
        "agency",
        "reseller",
        "resellers",
        "dealer",
        "dealers",
        "wholesale",
        "wholesaler",
        "importer",
        "importers",
        "import",
        "retail",
        "retailer",
        "sales",
        "network",
        "distributeur",
        "distribuidor",
        "representante",
        "comercialización",
    ],
    "market access": [
        "market",
        "markets",
        "access",
        "export",
        "exports",
        "exporter",
        "buyers",
        "customers",
        "clients",
        "marketing",
        "channel",
        "channels",
        "penetration",
        "entry",
        "marché",
        "mercado",
        "mercados",
        "exportación",
    ],
    "finance": [
        "capital",
        "investment",
        "investor",
        "investors",
        "equity",
        "funding",
        "finance",
        "financing",
        "loan",
        "venture",
        "shares",
        "shareholder",
        "financement",
        "inversión",
        "inversor",
        "financiación",
    ],
    "joint venture": ["jv", "joint", "venture", "ventures", "coentreprise", "conjunta"],
    "licensing": [
        "licence",
        "license",
        "licensing",
        "licensed",
        "licensee",
        "licensor",
        "patent",
        "patents",
        "royalty",
        "royalties",
    ],
    "manufacturing": [
        "manufacturing",
        "manufacture",
        "manufacturer",
        "production",
        "produce",
        "producer",
        "plant",
        "factory",
        "factories",
        "assembly",
        "subcontracting",
        "subcontractor",
        "contract",
        "fabrication",
        "fabricación",
        "producción",
        "usine",
    ],
    "supply": [
        "supply",
        "supplier",
        "suppliers",
        "sourcing",
        "raw",
        "materials",
        "material",
        "inputs",
        "feedstock",
        "procurement",
        "fournisseur",
        "proveedor",
        "suministro",
    ],
    "technology": [
        "technology",
        "technologies",
        "technical",
        "know-how",
        "knowhow",
        "engineering",
        "innovation",
        "process",
        "processes",
        "technologie",
        "tecnología",
    ],
    "research": [
        "research",
        "r&d",
        "rd",
        "development",
        "laboratory",
        "lab",
        "scientists",
        "scientific",
        "university",
        "institute",
        "recherche",
        "investigación",
        "desarrollo",
    ],
    "software": [
        "software",
        "programmers",
        "programming",
        "developers",
        "it",
        "code",
        "applications",
        "digital",
        "telecom",
        "telecoms",
        "telecommunications",
        "switching",
        "logiciel",
    ],
    "skills": [
        "skilled",
        "staff",
        "engineers",
        "workforce",
        "labour",
        "labor",
        "personnel",
        "training",
        "talent",
        "experts",
        "expertise",
        "formation",
        "capacitación",
    ],
    "biotech": [
        "biotech",
        "biotechnology",
        "enzymes",
        "enzyme",
        "fermentation",
        "microbial",
        "biological",
        "pharmaceutical",
        "pharmaceuticals",
        "pharma",
    ],
    "food": [
        "food",
        "foods",
        "agro",
        "agri",
        "agricultural",
        "processing",
        "fruit",
        "dairy",
        "beverages",
        "juice",
        "crops",
        "harvest",
        "alimentaire",
        "alimentos",
    ],
    "quality": [
        "iso",
        "9001",
        "quality",
        "certification",
        "certified",
        "gmp",
        "haccp",
        "standards",
        "accreditation",
        "qualité",
        "calidad",
    ],
    "energy": [
        "energy",
        "solar",
        "wind",
        "power",
        "renewable",
        "electricity",
        "photovoltaic",
        "énergie",
        "energía",
    ],
}

# Letters of any script (Arabic texts are matched too), digits and "&" (R&D); the same on ASCII text,
# twice as fast.
_WORD = re.compile(r"(?:[^\W_]|&)+(?:[-'](?:[^\W_])+)*")
_ASCII_WORD = re.compile(r"[a-z0-9&]+(?:[-'][a-z0-9]+)*")
# French and Italian elisions and the English possessive are not part of the word: "l'énergie" is
# "énergie", "dell'impresa" is "impresa", "the firm's" is "firm".
_ELIDED = re.compile(
    r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|dell|nell|all|dall|sull)'(?=[^\W\d_])|'s\b"
)
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "to",
        "we",
        "with",
        "you",
        "your",
        "this",
        "that",
        "will",
        "can",
        "us",
        "any",
        "all",
        "more",
        "into",
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "et",
        "en",
        "un",
        "une",
        "el",
        "los",
        "las",
        "del",
        "y",
        "para",
        "con",
        "por",
        # Arabic, as folded (see ``_fold``): في من إلى على عن مع أو أن هذا هذه التي الذي ذلك كل بين قد لا ما ثم
        "في",
        "من",
        "الي",
        "علي",
        "عن",
        "مع",
        "او",
        "ان",
        "هذا",
        "هذه",
        "تي",
        "ذي",
        "ذلك",
        "كل",
        "بين",
        "قد",
        "لا",
        "ما",
        "ثم",
    ]
)


# Arabic: the letters written in several ways are one (hamza on alef, alef maqsura, taa marbuta), and
# the article with the clitics before it ("الطاقة", "والطاقة", "بالطاقة") and "and" ("وأدوية") are not
# part of the word (a light stemmer: a word that begins with و loses it on both sides alike).
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_ARABIC_ARTICLE = re.compile(
    r"(?<![^\W\d_])(?:(?:وال|بال|كال|فال|لل|ال)(?=[\u0621-\u064a]{2,})|و(?=[\u0621-\u064a]{3,}))"
)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if any("\u0600" <= ch <= "\u06ff" for ch in folded):
        folded = _ARABIC_ARTICLE.sub("", folded.translate(_ARABIC_LETTERS))
    return folded


def _build_concepts() -> dict[str, tuple[str, ...]]:
    concepts: dict[str, list[str]] = {}
    for concept, words in THESAURUS.items():
        for word in words:
            concepts.setdefault(_fold(word), []).append("#" + concept)
    return {word: tuple(names) for word, names in concepts.items()}


_CONCEPTS = _build_concepts()


def words(text: str) -> list[str]:
    """Return the folded words of ``text`` without stop words."""
    folded = _fold(text)
    if "'" in folded:
        folded = _ELIDED.sub(" ", folded)
    found = _ASCII_WORD.findall(folded) if folded.isascii() else _WORD.findall(folded)
    return [w for w in found if w not in _STOP and len(w) > 1]


def _stem(word: str) -> str:
    # A light plural folding is enough for matching short profiles.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Return the index terms of ``text``: stemmed words, and the thesaurus concepts they express."""
    out: list[str] = []
    for word in words(text):
        out.append(_stem(word))
        out.extend(_CONCEPTS.get(word, ()))
    return out


def concepts_of(text: str) -> set[str]:
    """Return the thesaurus concepts (without "#") expressed in ``text``."""
    return {name[1:] for word in words(text) for name in _CONCEPTS.get(word, ())}


class Vocabulary:
    """Term ids and document frequencies; grows as profiles are added, IDF fixed between rebuilds."""

    def __init__(self) -> None:
        self.term_id: dict[str, int] = {}
        self.doc_freq: list[int] = []
        self.n_docs = 0
        self.idf: list[float] = []

    def fit(self, documents: Iterable[list[str]]) -> None:
        for terms in documents:
            self.n_docs += 1
            for term in set(terms):
                tid = self.term_id.get(term)
                if tid is None:
                    tid = self.term_id[term] = len(self.doc_freq)
                    self.doc_freq.append(0)
                self.doc_freq[tid] += 1
        self.freeze()

    def freeze(self) -> None:
        n = max(self.n_docs, 1)
        self.idf = [math.log(1.0 + n / (1.0 + df)) for df in self.doc_freq]

    def vector(self, terms: list[str], *, grow: bool = False) -> dict[int, float]:
        """Return the L2-normalised TF-IDF vector of ``terms`` as {term id: weight}."""
        counts = Counter(terms)
        vec: dict[int, float] = {}
        default_idf = math.log(1.0 + max(self.n_docs, 1))
        for term, count in counts.items():
            tid = self.term_id.get(term)
            if tid is None:
                if not grow:
                    continue
                tid = self.term_id[term] = len(self.doc_freq)
                self.doc_freq.append(1)
                self.idf.append(default_idf)
            vec[tid] = (1.0 + math.log(count)) * self.idf[tid]
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}

    def term_vector(self, terms: list[str]) -> dict[str, float]:
        """Return the normalised TF-IDF vector of ``terms`` keyed by term (unknown terms get the
        highest IDF): for comparing two texts outside the index."""
        counts = Counter(terms)
        default_idf = math.log(1.0 + max(self.n_docs, 1))
        vec = {}
        for term, count in counts.items():
            tid = self.term_id.get(term)
            idf = self.idf[tid] if tid is not None and tid < len(self.idf) else default_idf
            vec[term] = (1.0 + math.log(count)) * idf
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Mapping[Any, float], b: Mapping[Any, float]) -> float:
    """Return the dot product of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return float(sum(v * b.get(t, 0.0) for t, v in a.items()))
