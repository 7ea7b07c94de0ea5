"""Finding a firm's identity in the text of its opportunity.

An opportunity is published anonymously, so its text must not name the firm. At submission (and on
every later edit) the platform looks for what identifies the owner — its legal and trade names
(also without legal suffixes such as "Ltd"), its website's domain, its e-mail addresses and phone
numbers, and its contact persons' names, e-mail addresses and phone numbers — in every public text
field. What it finds is stored in ``Opportunity.identity_flags`` as ``[{"field": ..., "found": ...}]``
and shown to the owner and the reviewer, who cannot publish while any remain.

Names match whole words, ignoring case and accents ("AMANI fresh" finds "Amani Fresh"; "fresh" alone
does not). Phone numbers match on their digits, whatever the spacing, with or without the country
code or a leading zero.

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


def _fold(text: str) -> str:
    """Return ``text`` without accents, case-folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


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


def _name_variants(name: str, min_length: int = MIN_NAME_LENGTH) -> list[tuple[str, ...]]:
    from interfirm.firms.services import name_key_for

    variants = []
    for form in (name, name_key_for(name)):
        words = tuple(word for word, _start, _end in _words(form))
        if words and len(" ".join(words)) >= min_length:
            variants.append(words)
    return variants


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
    for contact in firm.contacts.all():
        names += _name_variants(contact.name)
        emails.append(contact.email)
        phones.append(contact.phone)
    domain = _domain_of(firm.website)
    return IdentityTerms(
        names=tuple(dict.fromkeys(names)),
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
    letters or digits gives none."""
    key = _print_keys()[0]
    prints: list[str] = []
    for name in names:
        for words in _name_variants(name, MIN_GIVEN_NAME_LENGTH):
            prints.append(f"{len(words)}:{_print_of(key, words)}")
    return list(dict.fromkeys(prints))


def fingerprint_terms(prints: Iterable[str]) -> IdentityTerms:
    """Return the terms that find, in a text, the names whose ``name_fingerprints`` are ``prints``
    (malformed entries are skipped: they match nothing)."""
    by_size: dict[int, set[str]] = {}
    for entry in prints:
        size, _, digest = str(entry).partition(":")
        if size.isdigit() and int(size) > 0 and len(digest) == _PRINT_HEX:
            by_size.setdefault(int(size), set()).add(digest)
    if not by_size:
        return IdentityTerms((), (), (), ())
    keys = _print_keys()
    return IdentityTerms(
        (),
        (),
        (),
        (),
        tuple((key, size, frozenset(d)) for key in keys for size, d in sorted(by_size.items())),
    )


def _same_phone(a: str, b: str) -> bool:
    """Return whether two digit strings are the same number, with or without country code or trunk 0."""
    a, b = a.lstrip("0"), b.lstrip("0")
    if min(len(a), len(b)) < MIN_PHONE_DIGITS:
        return False
    return a.endswith(b) or b.endswith(a)


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
