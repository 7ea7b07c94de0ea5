"""Write ``language_names.csv``: each language of ``data/languages.csv`` named in French, Spanish and
Arabic.

The names are the language names of the Unicode CLDR as Babel ships them. Babel is needed only to
regenerate the file, never to run interfirm: it is not a project dependency. Run it from a throw-away
virtual environment::

    python3 -m venv /tmp/babelvenv && /tmp/babelvenv/bin/pip install babel==2.18.0
    /tmp/babelvenv/bin/python data/geo/generate_language_names.py

A language CLDR does not name keeps its English name in every column; the script prints how many.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from babel import Locale

LANGUAGES = ("fr", "es", "ar")
HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "languages.csv"
OUTPUT = HERE / "language_names.csv"


def main() -> int:
    names_in = {language: Locale.parse(language).languages for language in LANGUAGES}
    with SOURCE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fallbacks: list[str] = []
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name_en", *(f"name_{language}" for language in LANGUAGES)])
        for row in sorted(rows, key=lambda r: r["code"]):
            names = [names_in[language].get(row["code"], "") for language in LANGUAGES]
            if not all(names):
                fallbacks.append(row["code"])
            writer.writerow([row["code"], row["name"], *(name or row["name"] for name in names)])
    print(
        f"{len(rows)} languages written to {OUTPUT.name}; {len(fallbacks)} kept their English name: {fallbacks}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
