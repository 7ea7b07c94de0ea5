"""Write ``region_names.csv``: each UN M49 region, sub-region and intermediate region of
``data/countries.csv`` named in French, Spanish and Arabic.

The names are the region names of the Unicode CLDR (which names the M49 codes: "002" Africa, "419"
Latin America and the Caribbean) as Babel ships them. Babel is needed only to regenerate the file,
never to run interfirm: it is not a project dependency. Run it from a throw-away virtual environment::

    python3 -m venv /tmp/babelvenv && /tmp/babelvenv/bin/pip install babel==2.18.0
    /tmp/babelvenv/bin/python data/geo/generate_region_names.py

A region CLDR does not name keeps its English (M49) name in every column; the script prints how many.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from babel import Locale

LANGUAGES = ("fr", "es", "ar")
HERE = Path(__file__).resolve().parent
COUNTRIES = HERE.parent / "countries.csv"
OUTPUT = HERE / "region_names.csv"
LEVELS = (
    ("region_code", "region"),
    ("subregion_code", "subregion"),
    ("intermediate_region_code", "intermediate_region"),
)


def main() -> int:
    territories = {language: Locale.parse(language).territories for language in LANGUAGES}
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        regions = {
            row[code]: row[name] for row in csv.DictReader(handle) for code, name in LEVELS if row[code]
        }
    fallbacks: list[str] = []
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["m49", "name_en", *(f"name_{language}" for language in LANGUAGES)])
        for code, english in sorted(regions.items()):
            names = [territories[language].get(code, "") for language in LANGUAGES]
            if not all(names):
                fallbacks.append(code)
            writer.writerow([code, english, *(name or english for name in names)])
    print(
        f"{len(regions)} regions written to {OUTPUT.name}; {len(fallbacks)} kept their English name: {fallbacks}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
