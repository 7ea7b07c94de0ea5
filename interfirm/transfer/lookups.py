"""The reference data an import checks codes against, read once per import into dictionaries.

Countries, ISIC classes, NACE codes with their ISIC classes, certifications, languages: a few
thousand rows in all, so that checking ten thousand lines costs no query per cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interfirm.firms.models import Certification
from interfirm.geo.models import Country, Language
from interfirm.sectors.models import IsicCode, IsicLevel, NaceCode

# The most sectors a profile may have (the firm and opportunity forms allow as many).
MAX_SECTORS = 20

_NACE_SECTION = re.compile(r"^[A-U]\.?(?=\d)")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Lookups:
    """Reference data by every spelling an import file may use."""

    countries: dict[str, str] = field(default_factory=dict)  # iso3, iso2, name (folded) → iso3
    country_names: dict[str, str] = field(default_factory=dict)  # iso3 → name
    isic_levels: dict[str, str] = field(default_factory=dict)  # code → level
    nace_levels: dict[str, str] = field(default_factory=dict)  # NACE code → level
    nace_isic_classes: dict[str, set[str]] = field(default_factory=dict)  # NACE code → ISIC classes
    certifications: dict[str, str] = field(default_factory=dict)  # code or name (folded) → code
    languages: dict[str, str] = field(default_factory=dict)  # code or name (folded) → code

    @classmethod
    def load(cls) -> Lookups:
        """Return the lookups read from the database."""
        lookups = cls()
        for iso3, iso2, name in Country.objects.values_list("iso3", "iso2", "name"):
            lookups.countries[iso3.casefold()] = iso3
            lookups.countries[iso2.casefold()] = iso3
            lookups.countries[_fold(name)] = iso3
            lookups.country_names[iso3] = name
        lookups.isic_levels = dict(IsicCode.objects.values_list("code", "level"))
        lookups.nace_levels = dict(NaceCode.objects.values_list("code", "level"))
        for nace, isic in NaceCode.isic.through.objects.values_list("nacecode_id", "isiccode_id"):
            if lookups.isic_levels.get(isic) == IsicLevel.CLASS:
                lookups.nace_isic_classes.setdefault(nace, set()).add(isic)
        for code, name in Certification.objects.values_list("code", "name"):
            lookups.certifications[_fold(name)] = code
            lookups.certifications[code.casefold()] = code
        for code, name in Language.objects.values_list("code", "name"):
            lookups.languages[_fold(name)] = code
            lookups.languages[code.casefold()] = code
        return lookups

    def country(self, text: str, *, by_name: bool = False) -> str | None:
        """Return the ISO alpha-3 code of the country ``text`` names (a code; also a name when
        ``by_name``, exact or a unique part of the official name), or None."""
        key = _fold(text)
        found = self.countries.get(key)
        if found is not None and (by_name or len(key) in (2, 3)):
            return found
        if by_name and len(key) > 3:
            matches = {iso3 for iso3, name in self.country_names.items() if key in name.casefold()}
            if len(matches) == 1:
                return matches.pop()
        return None

    def isic_class(self, code: str) -> tuple[str | None, str]:
        """Return ``(code, "")`` for an ISIC class, ``(None, "unknown")`` or ``(None, "not_class")``."""
        code = code.strip().upper()
        level = self.isic_levels.get(code)
        if level is None:
            return None, "unknown"
        if level != IsicLevel.CLASS:
            return None, "not_class"
        return code, ""

    def nace_code(self, text: str) -> str:
        """Return the NACE Rev.2 code written in ``text`` in the stored form (``10.39``): the section
        letter (``C.10.39``) is dropped, ``1039`` becomes ``10.39``. Return the input, trimmed, when
        it is no NACE shape (the caller reports it unknown)."""
        code = "".join(text.split()).upper()
        code = _NACE_SECTION.sub("", code)
        if re.fullmatch(r"\d{3,4}", code):
            code = f"{code[:2]}.{code[2:]}"
        elif re.fullmatch(r"\d{2}\.\d\.\d", code):
            code = code[:4] + code[5]
        return code

    def isic_classes_for_nace(self, code: str) -> set[str]:
        """Return the ISIC Rev.4 classes of NACE ``code``: those the correspondence gives for the code
        itself, or for a group or division (which correspond to ISIC groups or divisions), those of
        the NACE classes under it."""
        direct = self.nace_isic_classes.get(code)
        if direct:
            return set(direct)
        prefix = code + ("." if len(code) == 2 else "")
        found: set[str] = set()
        for nace, classes in self.nace_isic_classes.items():
            if nace.startswith(prefix) and self.nace_levels.get(nace) == IsicLevel.CLASS:
                found |= classes
        return found

    def certification(self, text: str) -> str | None:
        return self.certifications.get(_fold(text))

    def language(self, text: str) -> str | None:
        return self.languages.get(_fold(text))
