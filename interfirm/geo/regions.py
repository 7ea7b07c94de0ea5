"""UN M49 regions named in the language of the page.

The names are the Unicode CLDR's for the M49 codes (``data/geo/region_names.csv``, made by
``data/geo/generate_region_names.py``); a region the file does not name, or a language it has no
column for, keeps its English (M49) name. The stored values (``Country.region`` and the rest, filter
values, the API and exports) stay the English names and the codes.
"""

from __future__ import annotations

import csv
import functools

from django.conf import settings
from django.utils.translation import get_language

LANGUAGES = ("fr", "es", "ar")


@functools.cache
def _names() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Return ({m49 code: {language: name}}, {English name: m49 code}), read once."""
    by_code: dict[str, dict[str, str]] = {}
    by_english: dict[str, str] = {}
    from pathlib import Path

    path = Path(settings.BASE_DIR) / "data" / "geo" / "region_names.csv"
    if not path.exists():
        return by_code, by_english
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["m49"]
            by_code[code] = {
                "en": row["name_en"],
                **{lang: row.get(f"name_{lang}", "") for lang in LANGUAGES},
            }
            by_english[row["name_en"]] = code
    return by_code, by_english


def region_label(code: str = "", english: str = "") -> str:
    """Return the name of the M49 region ``code`` (or, without a code, of the region called ``english``)
    in the active language; ``english`` (or the code) when no name is known."""
    by_code, by_english = _names()
    names = by_code.get(code or by_english.get(english, ""))
    if not names:
        return english or code
    language = (get_language() or "en").split("-")[0].lower()
    return names.get(language) or names["en"] or english or code
