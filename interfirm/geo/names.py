"""UN M49 regions and languages named in the language of the page.

The names are the Unicode CLDR's (``data/geo/region_names.csv`` and ``language_names.csv``, made by
``data/geo/generate_names.py``; countries have theirs on ``Country``). A region or language the files
do not name, or a page language they have no column for, keeps its English name. What is stored, the
filter values, the API and exports stay the English names and the codes.

CLDR writes a language's name as it stands inside a sentence ("espagnol" in French, "Spanish" in
English): ``language_name`` gives that form, ``language_label`` the one for a list, with a capital.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

LANGUAGES = ("fr", "es", "ar")


@functools.cache
def _table(file: str, key: str) -> dict[str, dict[str, str]]:
    """Return {code: {page language: name}} of one names file, read once ({} if it is missing)."""
    path = Path(settings.BASE_DIR) / "data" / "geo" / file
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row[key]: {"en": row["name_en"], **{lang: row.get(f"name_{lang}", "") for lang in LANGUAGES}}
            for row in csv.DictReader(handle)
        }


def _in_page_language(names: dict[str, str] | None, fallback: str) -> str:
    if not names:
        return fallback
    page = (get_language() or "en").split("-")[0].lower()
    return names.get(page) or names["en"] or fallback


@functools.cache
def _region_codes() -> dict[str, str]:
    return {names["en"]: code for code, names in _table("region_names.csv", "m49").items()}


def region_label(code: str = "", english: str = "") -> str:
    """Return the name of the M49 region ``code`` (or, without a code, of the region called ``english``)
    in the active language; ``english`` (or the code) when no name is known."""
    names = _table("region_names.csv", "m49").get(code or _region_codes().get(english, ""))
    return _in_page_language(names, english or code)


def language_name(code: str, english: str = "") -> str:
    """Return the name of the language ``code`` as written inside a sentence of the active language."""
    return _in_page_language(_table("language_names.csv", "code").get(code), english or code)


def language_label(code: str, english: str = "") -> str:
    """Return the name of the language ``code`` for a list or a menu of the active language."""
    name = language_name(code, english)
    return name[:1].upper() + name[1:]
