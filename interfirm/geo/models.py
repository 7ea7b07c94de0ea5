"""Countries, their UN regions and groups, and languages: the reference data of geography."""

from __future__ import annotations

import datetime
import unicodedata

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from interfirm.geo.names import language_label, region_label

# The languages a country is named in besides English (``name``): CLDR names, data/geo/country_names.csv.
NAME_LANGUAGES = ("fr", "es", "ar")


def name_field(language: str) -> str:
    """Return the field of ``Country`` that names it in ``language`` (``fr-ca`` is French); ``name`` else."""
    base = language.lower().replace("_", "-").split("-")[0]
    return f"name_{base}" if base in NAME_LANGUAGES else "name"


def label_sort_key(text: str) -> str:
    """Return the key that sorts ``text`` among labels in any language: accents folded, case ignored.

    Not a locale's collation (the platform's locales are not assumed), but "Émirats" sorts with the E's.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class EconomyGroup(models.TextChoices):
    """UNCTAD / UN WESP grouping of economies; it defines North and South by default."""

    DEVELOPED = "developed", _("Developed economy")
    DEVELOPING = "developing", _("Developing economy")
    TRANSITION = "transition", _("Economy in transition")


class IncomeGroup(models.TextChoices):
    """World Bank income group (FY2026)."""

    HIGH = "high", _("High income")
    UPPER_MIDDLE = "upper_middle", _("Upper middle income")
    LOWER_MIDDLE = "lower_middle", _("Lower middle income")
    LOW = "low", _("Low income")
    UNCLASSIFIED = "", _("Not classified")


class Country(models.Model):
    """A country or area of ISO 3166 with its UN M49 classification."""

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, primary_key=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    # The names in the other languages of the interface; blank means "say it in English".
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    name_es = models.CharField(_("name in Spanish"), max_length=120, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=120, blank=True)
    region_code = models.CharField(_("M49 region code"), max_length=3, blank=True)
    region = models.CharField(_("region"), max_length=60, blank=True)
    subregion_code = models.CharField(_("M49 sub-region code"), max_length=3, blank=True)
    subregion = models.CharField(_("sub-region"), max_length=80, blank=True)
    intermediate_region_code = models.CharField(_("M49 intermediate region code"), max_length=3, blank=True)
    intermediate_region = models.CharField(_("intermediate region"), max_length=80, blank=True)
    economy_group = models.CharField(_("UN economy group"), max_length=12, choices=EconomyGroup.choices)
    income_group = models.CharField(
        _("World Bank income group"), max_length=12, choices=IncomeGroup.choices, blank=True
    )
    wb_region = models.CharField(_("World Bank region"), max_length=80, blank=True)
    in_official_m49 = models.BooleanField(_("in the official M49 list"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Return the country's name in the active language (``fr-ca`` is French); English otherwise.

        For pages. The API, exports and other payloads keep ``name``, the stable English name.
        """
        return self.name_in(get_language() or "")

    @property
    def region_label(self) -> str:
        """The M49 region's name in the active language (``region`` stays the English name)."""
        return region_label(self.region_code, self.region)

    @property
    def subregion_label(self) -> str:
        return region_label(self.subregion_code, self.subregion)

    @property
    def intermediate_region_label(self) -> str:
        return region_label(self.intermediate_region_code, self.intermediate_region)

    def lazy_label(self) -> str:
        """Return ``label`` as a lazy text: a notification rendered later names the country in the
        recipient's language."""
        return lazy(lambda: self.label, str)()

    def name_in(self, language: str) -> str:
        """Return the country's name in ``language`` (a code such as ``ar`` or ``es-419``), else English."""
        return getattr(self, name_field(language)) or self.name

    def in_group(self, group: str, on: datetime.date | None = None) -> bool:
        """Return whether the country belongs to ``group`` (LDC, LLDC, SIDS) on the date ``on``."""
        day = on or datetime.date.today()
        return any(m.is_in_force(day) for m in self.memberships.all() if m.group == group)


class CountryGroup(models.TextChoices):
    LDC = "LDC", _("Least developed country")
    LLDC = "LLDC", _("Landlocked developing country")
    SIDS = "SIDS", _("Small island developing State")


class CountryGroupMembership(models.Model):
    """A country's membership of a UN group, dated: groups change (LDC graduations)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="memberships")
    group = models.CharField(_("group"), max_length=4, choices=CountryGroup.choices)
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("member until (exclusive)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["country", "group", "since"]
        verbose_name = _("country group membership")
        constraints = [
            models.UniqueConstraint(fields=["country", "group", "since"], name="geo_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.group} {self.since or '…'}–{self.until or '…'}"

    def is_in_force(self, day: datetime.date) -> bool:
        """Return whether the membership holds on ``day``."""
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


class Language(models.Model):
    """A language by ISO 639-1 code."""

    code = models.CharField(_("ISO 639-1 code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The language's name for a list in the active language (``name`` stays the English name)."""
        return language_label(self.code, self.name)
