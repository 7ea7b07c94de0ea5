"""Finding a firm's identity in the text of its opportunity.

An opportunity is published anonymously, so its text must not name the firm. At submission (and on
every later edit) the platform looks for what identifies the owner — its legal and trade names
(also without legal suffixes such as "Ltd"), its website's domain, its e-mail addresses and phone
numbers, and its contact persons' names, e-mail addresses and phone numbers — in every public text
field. What it finds is stored in ``Opportunity.identity_flags`` as ``[{"field": ..., "found": ...}]``
and shown to the owner and the reviewer, who cannot publish while any remain.

Names match whole words, ignoring case and accents ("AMANI fresh" finds "Amani Fresh"; "fresh" alone
does not). A person is also found by one part of the name after a title ("Ms Kamau", "Dr. Wanjiru",
"Sr. van der Berg" for "Wanjiru Kamau" and "Pieter van der Berg"; ``TITLES``) or after the initial
of the first name ("W. Kamau", "P. van der Berg"); a part alone ("Kamau is our engineer") is not
flagged: it may be an ordinary word.
Phone numbers match on their digits, whatever the spacing, with or without the country code or a
leading zero.

Where a name may not be kept (a party of an anonymised case that is on no record of the exchange),
its **fingerprints** are kept instead (``name_fingerprints``): a keyed hash (HMAC-SHA256 under the
installation's ``SECRET_KEY``) of each of its forms' folded words, and the number of words. Texts are
checked against them window by window (``fingerprint_terms``): the same whole-word match, with
nothing that reads the name back. Fingerprints made under a ``SECRET_KEY`` that was rotated away
still match while that key is among ``SECRET_KEY_FALLBACKS``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from interfirm.firms.models import Firm
    from interfirm.opportunities.models import Opportunity

# The public text fields searched, in the order they appear on the form.
SEARCHED_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "description",
    "advantages",
    "partner_role",
    "required_capacity",
    "keywords",
)

# A phone number in free text: digits with the usual separators, at least seven digits in all.
_PHONE_RUN = re.compile(r"\+?\d[\d\s().\-/]{5,}\d")
_WORD = re.compile(r"[^\W_]+")
MIN_PHONE_DIGITS = 7
# A name shorter than this (once normalised) would match too much to be a useful flag.
MIN_NAME_LENGTH = 3

# Words (folded, without their full stop) that put a person's name after them: a part of a person's
# name after one of these is that person ("Ms Kamau"). English, French, Spanish, Portuguese, German,
# Italian, Arabic and the titles of East Africa and South Asia that the exchange's users write.
_TITLE_WORDS = (
    "mr mrs ms miss mx dr prof professor sir dame lord lady madam eng engr ing hon rev chief",
    "monsieur madame mademoiselle mme mlle mm pr",
    "señor señora señorita sr sra srta don doña dra lic",
    "senhor senhora dom",
    "herr frau",
    "sig sigra dott dottssa",
    "sheikh shaikh sheikha mwalimu bwana bi mzee shri smt sri",
    "السيد السيدة الدكتور الدكتورة الأستاذ الأستاذة الشيخ المهندس المهندسة",
)
# Lower-case words that begin a family name ("van der Berg", "bin Zayed", "da Silva").
_PARTICLE_WORDS = "van von der den de da das do dos du del della di la le bin binti ibn al el ben ter ten"
_PARTICLES = frozenset(_PARTICLE_WORDS.split(" "))


def _fold(text: str) -> str:
    """Return ``text`` without accents, case-folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


TITLES = frozenset(_fold(word) for line in _TITLE_WORDS for word in line.split())


def _words(text: str) -> list[tuple[str, int, int]]:
    """Return the words of ``text`` folded, each with its start and end in the original text."""
    return [(_fold(match.group()), match.start(), match.end()) for match in _WORD.finditer(text)]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@dataclass(frozen=True)
class IdentityTerms:
    """What identifies a firm, prepared for matching."""

    names: tuple[tuple[str, ...], ...]  # each a sequence of folded words
    domains: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]  # digits only
    # Fingerprints of names not kept (``fingerprint_terms``): (keys, words in the name, digests).
    name_prints: tuple[tuple[bytes, int, frozenset[str]], ...] = ()
    # Parts of persons' names, found only after a title (``person_parts``), and parts after the
    # initial of the first name, the initial first (``initialled_parts``): as words, and as fingerprints.
    titled: tuple[tuple[str, ...], ...] = ()
    titled_prints: tuple[tuple[bytes, int, frozenset[str]], ...] = ()
    initialled: tuple[tuple[str, ...], ...] = ()
    initialled_prints: tuple[tuple[bytes, int, frozenset[str]], ...] = ()


def _name_variants(name: str, min_length: int = MIN_NAME_LENGTH) -> list[tuple[str, ...]]:
    from interfirm.firms.services import name_key_for

    variants = []
    for form in (name, name_key_for(name)):
        words = tuple(word for word, _start, _end in _words(form))
        if words and len(" ".join(words)) >= min_length:
            variants.append(words)
    return variants


def _name_tokens(name: str) -> list[str]:
    """Return the names of a person, first name first ("Kamau, Wanjiru" is family name first)."""
    family, comma, given = name.partition(",")
    tokens = [*given.split(), *family.split()] if comma else name.split()
    return [t for t in tokens if _fold(t).strip(".") not in TITLES]


def person_parts(name: str, min_length: int = MIN_NAME_LENGTH) -> list[tuple[str, ...]]:
    """Return the parts of a person's ``name`` that name the person after a title, as folded words:
    each of its names ("Wanjiru", "Kamau"; "Mazumdar-Shaw" whole), and a family name with its
    particles ("van der Berg", "der Berg"). A name of one word gives none (the name itself is matched
    everywhere)."""
    tokens = _name_tokens(name)
    if len(tokens) < 2:
        return []
    parts: list[tuple[str, ...]] = []
    for i, token in enumerate(tokens):
        folded = _fold(token)
        if folded in _PARTICLES:
            if i < len(tokens) - 1:  # a particle begins the family name: keep it with what follows
                parts.append(tuple(word for t in tokens[i:] for word, _s, _e in _words(t)))
            continue
        words = tuple(word for word, _s, _e in _words(token))
        if words:
            parts.append(words)
    return [p for p in dict.fromkeys(parts) if p and len(" ".join(p)) >= min_length]


def initialled_parts(name: str, min_length: int = MIN_NAME_LENGTH) -> list[tuple[str, ...]]:
    """Return the initial of a person's first name followed by each later part of the name
    (``person_parts`` after the first name), as folded words: "w kamau" for "Wanjiru Kamau"."""
    tokens = _name_tokens(name)
    first = _words(tokens[0]) if len(tokens) >= 2 else []
    if not first:
        return []
    initial = first[0][0][0]
    own = {tuple(w for w, _s, _e in first)}
    return [(initial, *part) for part in person_parts(name, min_length) if part not in own]


def _domain_of(website: str) -> str:
    if not website:
        return ""
    host = urlsplit(website if "//" in website else f"//{website}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host if "." in host else ""


def identity_terms(firm: Firm) -> IdentityTerms:
    """Return what identifies ``firm``: names, website domain, e-mail addresses, phone numbers."""
    names: list[tuple[str, ...]] = []
    emails: list[str] = []
    phones: list[str] = []
    for name in (firm.legal_name, firm.trade_name):
        names += _name_variants(name or "")
    emails.append(firm.email)
    phones.append(firm.phone)
    titled: list[tuple[str, ...]] = []
    initialled: list[tuple[str, ...]] = []
    for contact in firm.contacts.all():
        names += _name_variants(contact.name)
        # After a title or an initial even a two-letter family name ("Mr Li") is the person.
        titled += person_parts(contact.name, MIN_GIVEN_NAME_LENGTH)
        initialled += initialled_parts(contact.name, MIN_GIVEN_NAME_LENGTH)
        emails.append(contact.email)
        phones.append(contact.phone)
    domain = _domain_of(firm.website)
    return IdentityTerms(
        names=tuple(dict.fromkeys(names)),
        titled=tuple(dict.fromkeys(titled)),
        initialled=tuple(dict.fromkeys(initialled)),
        domains=(domain,) if domain else (),
        emails=tuple(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip())),
        phones=tuple(
            dict.fromkeys(d for d in (_digits(p or "") for p in phones) if len(d) >= MIN_PHONE_DIGITS)
        ),
    )


_PRINT_SALT = b"interfirm.identity.name-fingerprint"
# A fingerprint is "<words>:<hex>"; 32 hex digits (128 bits) of the HMAC are plenty to tell names apart.
_PRINT_HEX = 32


def _print_keys() -> list[bytes]:
    """Return the fingerprint keys: the one made from ``SECRET_KEY`` first, then its fallbacks'."""
    from django.conf import settings

    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [hashlib.sha256(_PRINT_SALT + str(secret).encode()).digest() for secret in secrets]


def _print_of(key: bytes, words: Sequence[str]) -> str:
    return hmac.new(key, " ".join(words).encode(), hashlib.sha256).hexdigest()[:_PRINT_HEX]


# A name an operator gives on purpose may be as short as a brand ("3M", "LG"); one letter would
# match every initial.
MIN_GIVEN_NAME_LENGTH = 2


def name_fingerprints(names: Iterable[str]) -> list[str]:
    """Return the fingerprints of ``names`` (each with and without its legal suffix, as names are
    matched), to be kept in place of the names; a name with fewer than ``MIN_GIVEN_NAME_LENGTH``
    letters or digits gives none. A name of several words without a legal suffix may be a person's:
    each of its parts (``person_parts``) is kept too, as ``t<words>:<hex>``, to be found after a title, and each with
    the first name's initial (``initialled_parts``) as ``i<words>:<hex>``."""
    key = _print_keys()[0]
    prints: list[str] = []
    for name in names:
        variants = _name_variants(name, MIN_GIVEN_NAME_LENGTH)
        for words in variants:
            prints.append(f"{len(words)}:{_print_of(key, words)}")
        if len(set(variants)) == 1:  # a legal suffix ("Ltd") makes two forms: a firm's name, not a person's
            for words in person_parts(name, MIN_GIVEN_NAME_LENGTH):
                prints.append(f"t{len(words)}:{_print_of(key, words)}")
            for words in initialled_parts(name, MIN_GIVEN_NAME_LENGTH):
                prints.append(f"i{len(words)}:{_print_of(key, words)}")
    return list(dict.fromkeys(prints))


def fingerprint_terms(prints: Iterable[str]) -> IdentityTerms:
    """Return the terms that find, in a text, the names whose ``name_fingerprints`` are ``prints``
    (malformed entries are skipped: they match nothing)."""
    kinds: dict[str, dict[int, set[str]]] = {"": {}, "t": {}, "i": {}}
    for entry in prints:
        size, _, digest = str(entry).partition(":")
        kind = size[:1] if size[:1] in ("t", "i") else ""
        size = size[len(kind) :]
        if size.isdigit() and int(size) > 0 and len(digest) == _PRINT_HEX:
            kinds[kind].setdefault(int(size), set()).add(digest)
    if not any(kinds.values()):
        return IdentityTerms((), (), (), ())
    keys = _print_keys()

    def made(kind: str) -> tuple[tuple[bytes, int, frozenset[str]], ...]:
        return tuple((key, size, frozenset(d)) for key in keys for size, d in sorted(kinds[kind].items()))

    return IdentityTerms((), (), (), (), made(""), titled_prints=made("t"), initialled_prints=made("i"))


def _same_phone(a: str, b: str) -> bool:
    """Return whether two digit strings are the same number, with or without country code or trunk 0."""
    a, b = a.lstrip("0"), b.lstrip("0")
    if min(len(a), len(b)) < MIN_PHONE_DIGITS:
        return False
    return a.endswith(b) or b.endswith(a)


def _after_titles(text: str, words: list[tuple[str, int, int]]) -> list[int]:
    """Return the positions of the words that follow a title ("Ms", "Dr.")."""
    return [i for i in range(1, len(words)) if words[i - 1][0] in TITLES]


def _initials(text: str, words: list[tuple[str, int, int]]) -> list[int]:
    """Return the positions of the initials in ``text``: a letter alone, with its full stop ("W.")."""
    return [
        i
        for i, (word, _start, end) in enumerate(words[:-1])
        if len(word) == 1 and word.isalpha() and text[end : end + 1] == "."
    ]


def _find_in(text: str, terms: IdentityTerms) -> list[str]:
    """Return the pieces of ``text`` that identify the firm, as written in the text, in text order.

    Overlapping matches count once, as the longest ("Amani Fresh Foods Ltd", not also "Amani Fresh").
    """
    spans: list[tuple[int, int]] = []
    words = _words(text)
    folded = [word for word, _start, _end in words]
    for name in terms.names:
        size = len(name)
        for i in range(len(folded) - size + 1):
            if tuple(folded[i : i + size]) == name:
                spans.append((words[i][1], words[i + size - 1][2]))
    for key, size, digests in terms.name_prints:
        for i in range(len(folded) - size + 1):
            if _print_of(key, folded[i : i + size]) in digests:
                spans.append((words[i][1], words[i + size - 1][2]))
    for starts, names, printed, lead in (
        (_after_titles, terms.titled, terms.titled_prints, 1),
        (_initials, terms.initialled, terms.initialled_prints, 0),
    ):
        if not names and not printed:
            continue
        for i in starts(text, words):
            for name in names:
                if tuple(folded[i : i + len(name)]) == name:
                    spans.append((words[i - lead][1], words[i + len(name) - 1][2]))
            for key, size, digests in printed:
                if i + size <= len(folded) and _print_of(key, folded[i : i + size]) in digests:
                    spans.append((words[i - lead][1], words[i + size - 1][2]))
    # Lower-case ASCII only, so that positions in ``lowered`` are positions in ``text``.
    lowered = "".join(ch.lower() if ch.isascii() else ch for ch in text)
    for domain in terms.domains:
        pattern = r"(?<![\w.-])(?:[\w-]+\.)*" + re.escape(domain) + r"(?![\w-])"
        spans += [(match.start(), match.end()) for match in re.finditer(pattern, lowered)]
    for email in terms.emails:
        spans += [(match.start(), match.end()) for match in re.finditer(re.escape(email), lowered)]
    for match in _PHONE_RUN.finditer(text):
        if any(_same_phone(_digits(match.group()), phone) for phone in terms.phones):
            spans.append((match.start(), match.end()))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end in kept):
            kept.append((start, end))
    return list(dict.fromkeys(text[start:end].strip() for start, end in sorted(kept)))


def identity_flags_in(texts: Mapping[str, str], terms: IdentityTerms) -> list[dict[str, str]]:
    """Return ``[{"field": name, "found": text}]`` for every identifying piece in ``texts``."""
    flags: list[dict[str, str]] = []
    for field, text in texts.items():
        for piece in _find_in(text or "", terms):
            flags.append({"field": field, "found": piece})
    return flags


def identity_flags_for(
    opportunity: Opportunity, fields: Iterable[str] = SEARCHED_FIELDS
) -> list[dict[str, str]]:
    """Return the identity flags of ``opportunity``: where its text names or contacts its owner."""
    texts = {field: str(getattr(opportunity, field) or "") for field in fields}
    return identity_flags_in(texts, identity_terms(opportunity.firm))
