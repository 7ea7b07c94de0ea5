"""Write ``country_names.csv``: each country of ``data/countries.csv`` named in French, Spanish and Arabic.

The names are the territory names of the Unicode CLDR as Babel ships them. Babel is needed only to
regenerate the file, never to run interfirm: it is not a project dependency. Run it from a throw-away
virtual environment::

    python3 -m venv /tmp/babelvenv && /tmp/babelvenv/bin/pip install babel==2.18.0
    /tmp/babelvenv/bin/python data/geo/generate_country_names.py

A country CLDR does not name keeps its English (M49) name in every column; the script prints how many.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import babel
from babel import Locale

LANGUAGES = ("fr", "es", "ar")
HERE = Path(__file__).resolve().parent
COUNTRIES = HERE.parent / "countries.csv"
OUTPUT = HERE / "country_names.csv"


def main() -> int:
    territories = {language: Locale.parse(language).territories for language in LANGUAGES}
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        countries = list(csv.DictReader(handle))
    fallbacks: list[str] = []
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso3", "iso2", "name_en", *(f"name_{language}" for language in LANGUAGES)])
        for row in sorted(countries, key=lambda r: r["iso3"]):
            names = [territories[language].get(row["iso2"], "") for language in LANGUAGES]
            if not all(names):
                fallbacks.append(row["iso3"])
            writer.writerow(
                [row["iso3"], row["iso2"], row["name_m49"], *(n or row["name_m49"] for n in names)]
            )
    print(f"Babel {babel.__version__}: {len(countries)} countries written to {OUTPUT.name}")
    print(f"{len(fallbacks)} keep their English name (not named by CLDR): {', '.join(fallbacks) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
