"""Write the names of the reference data in French, Spanish and Arabic, from the Unicode CLDR as
Babel ships it:

- ``country_names.csv``: each country of ``data/countries.csv`` (CLDR territory names, by ISO alpha-2);
- ``region_names.csv``: each UN M49 region, sub-region and intermediate region of ``data/countries.csv``
  (CLDR names the M49 codes: "002" Africa, "419" Latin America and the Caribbean);
- ``language_names.csv``: each language of ``data/languages.csv`` (CLDR language names, as written
  inside a sentence: "espagnol").

Babel is needed only to regenerate the files, never to run interfirm: it is not a project dependency.
Run it from a throw-away virtual environment::

    python3 -m venv /tmp/babelvenv && /tmp/babelvenv/bin/pip install babel==2.18.0
    /tmp/babelvenv/bin/python data/geo/generate_names.py

A name CLDR does not give keeps the English one in its column; the script prints how many.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path

import babel
from babel import Locale

LANGUAGES = ("fr", "es", "ar")
HERE = Path(__file__).resolve().parent
DATA = HERE.parent
LEVELS = (
    ("region_code", "region"),
    ("subregion_code", "subregion"),
    ("intermediate_region_code", "intermediate_region"),
)


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(
    output: str,
    keys: list[str],
    rows: list[tuple[list[str], str, str]],
    names_of: Callable[[str], dict[str, str]],
) -> None:
    """Write ``output``: per row (its key columns, its CLDR code, its English name), the English name
    and the name in each language (the English one where CLDR gives none)."""
    fallbacks: list[str] = []
    with (HERE / output).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*keys, "name_en", *(f"name_{language}" for language in LANGUAGES)])
        for key, code, english in rows:
            names = [names_of(language).get(code, "") for language in LANGUAGES]
            if not all(names):
                fallbacks.append(code)
            writer.writerow([*key, english, *(name or english for name in names)])
    print(
        f"{output}: {len(rows)} rows; {len(fallbacks)} keep their English name: {', '.join(fallbacks) or 'none'}"
    )


def main() -> int:
    territories = {language: Locale.parse(language).territories for language in LANGUAGES}
    languages = {language: Locale.parse(language).languages for language in LANGUAGES}
    countries = sorted(_read("countries.csv"), key=lambda r: r["iso3"])
    _write(
        "country_names.csv",
        ["iso3", "iso2"],
        [([r["iso3"], r["iso2"]], r["iso2"], r["name_m49"]) for r in countries],
        territories.__getitem__,
    )
    regions = {r[code]: r[name] for r in countries for code, name in LEVELS if r[code]}
    _write(
        "region_names.csv",
        ["m49"],
        [([code], code, name) for code, name in sorted(regions.items())],
        territories.__getitem__,
    )
    _write(
        "language_names.csv",
        ["code"],
        [
            ([r["code"]], r["code"], r["name"])
            for r in sorted(_read("languages.csv"), key=lambda r: r["code"])
        ],
        languages.__getitem__,
    )
    print(f"Babel {babel.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
