"""Text normalisation shared by indexing and querying, and the full-text query of each database.

Both sides of a search go through ``words()``: text is split into words of letters and digits,
accents removed and case folded ("Café-Crème" → ``cafe creme``). The index stores those words joined by
spaces, and a query is built only from those words, each quoted, so nothing a user types can reach
the FTS5 or tsquery syntax: ``"AND OR (`` searches for the words *and* and *or*.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same as _WORD on lower-case ASCII text, faster
# More words than this add nothing to a query but cost; the rest are ignored.
MAX_QUERY_WORDS = 12
# Words at least this long also match as a prefix ("dry" finds "dryer", "drying"); shorter ones match
# whole, or "a" would match every word starting with an a.
MIN_PREFIX_LENGTH = 3


def fold(text: str) -> str:
    """Return ``text`` without accents, case-folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> tuple[str, ...]:
    if word.isascii():
        return (word.lower(),)
    # Folding can split a word: a ligature or a fraction decomposes into several characters.
    return tuple(_WORD.findall(fold(word)))


def words(text: str) -> list[str]:
    """Return the folded words of ``text``, in order (letters and digits; everything else separates)."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    folded: list[str] = []
    # NFC first, so that a letter typed with a separate combining accent stays inside its word.
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        folded.extend(_fold_word(word))
    return folded


def normalise(*texts: str) -> str:
    """Return the words of ``texts`` joined by single spaces: the form the index stores."""
    found: list[str] = []
    for text in texts:
        if text:
            found.extend(words(text))
    return " ".join(found)


def query_words(q: str) -> list[str]:
    """Return the distinct words of the user's query ``q``, at most ``MAX_QUERY_WORDS``."""
    return list(dict.fromkeys(words(q)))[:MAX_QUERY_WORDS]


def fts5_query(terms: list[str]) -> str:
    """Return an FTS5 MATCH expression requiring every term (``"solar"* "dry"* "3d"``).

    Terms come from ``query_words`` and hold only letters and digits, so quoting them is enough to
    keep them out of the query syntax.
    """
    return " ".join(f'"{term}"*' if len(term) >= MIN_PREFIX_LENGTH else f'"{term}"' for term in terms)


def tsquery(terms: list[str]) -> str:
    """Return a PostgreSQL ``to_tsquery`` text requiring every term (``'solar':* & 'dry':* & '3d'``)."""
    return " & ".join(f"'{term}':*" if len(term) >= MIN_PREFIX_LENGTH else f"'{term}'" for term in terms)
