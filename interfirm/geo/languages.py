"""Languages named in the language of the page.

The names are the Unicode CLDR's (``data/geo/language_names.csv``, made by
``data/geo/generate_language_names.py``). CLDR writes them as they stand inside a sentence ("espagnol"
in French, "Spanish" in English): ``language_name`` gives that form, ``language_label`` the one for a
list or a menu, with a capital. A language the file does not name, or a page language it has no
column for, keeps its English name. ``Language.name``, the API and exports stay in English.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

LANGUAGES = ("fr", "es", "ar")


@functools.cache
def _names() -> dict[str, dict[str, str]]:
    """Return {ISO 639-1 code: {page language: name}}, read once."""
    path = Path(settings.BASE_DIR) / "data" / "geo" / "language_names.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: {"en": row["name_en"], **{lang: row.get(f"name_{lang}", "") for lang in LANGUAGES}}
            for row in csv.DictReader(handle)
        }


def language_name(code: str, english: str = "") -> str:
    """Return the name of the language ``code`` as written inside a sentence of the active language."""
    names = _names().get(code)
    if not names:
        return english or code
    page = (get_language() or "en").split("-")[0].lower()
    return names.get(page) or names["en"] or english or code


def language_label(code: str, english: str = "") -> str:
    """Return the name of the language ``code`` for a list or a menu of the active language."""
    name = language_name(code, english)
    return name[:1].upper() + name[1:]
