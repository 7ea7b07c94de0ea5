"""The search index of published opportunities, kept current by ``services.search_index_refresh``.

- ``SearchEntry``: one small row per published opportunity with everything the filters and facet counts
  read — kind, owner country and size class, deadline, publication time, and the domains, arrangement
  types and ISIC sections as bit masks (``BITS``), so that one scan of the result set counts them all.
- ``SearchText``: the opportunity's public text, normalised (``text.normalise``), apart from the entry
  so that scans of entries stay small. The full-text index is built on it by migration ``0002``:
  on SQLite ``search_fts``, an FTS5 table with ``search_searchtext`` as external content
  (``unicode61 remove_diacritics 2``), kept in step by three triggers; on PostgreSQL
  ``search_searchtext.document``, a stored generated ``tsvector`` with a GIN index. A future migration
  that makes Django *rebuild* ``search_searchtext`` on SQLite (most field changes) drops the triggers and
  must create them again (``migrations/0002_fulltext.py``); ``tests/test_services.py`` checks them.
- ``SearchFacet``: one row per ISIC division, group and class of the opportunity's sectors, to filter
  and drill down below the section.

Facets that depend on the date or on reference data that can change — the deadline bucket, LDC status
on today's date, the M49 region, the UN economy group and the corridor relative to the searching firm —
are not stored: the selector derives them at query time from ``deadline`` and ``country``.
"""

from __future__ import annotations

import string

from django.db import models

from interfirm.opportunities.models import ArrangementType, Domain


def _bits(values: list[str]) -> dict[str, int]:
    return {value: 1 << position for position, value in enumerate(values)}


# The bit of each value in the masks. Appending a value is safe; reordering or removing one changes
# what stored masks mean, and needs ``manage.py search_rebuild``.
BITS: dict[str, dict[str, int]] = {
    "domain": _bits(list(Domain.values)),
    "arrangement": _bits(list(ArrangementType.values)),
    "section": _bits(list(string.ascii_uppercase[:21])),  # ISIC Rev.4 sections A to U
}


def mask_of(facet: str, values: list[str] | tuple[str, ...] | set[str]) -> int:
    """Return the bit mask of ``values`` of ``facet`` (unknown values are left out)."""
    bits = BITS[facet]
    mask = 0
    for value in values:
        mask |= bits.get(value, 0)
    return mask


class SearchEntry(models.Model):
    """A published opportunity as the filters and facet counts see it."""

    opportunity = models.OneToOneField(
        "opportunities.Opportunity", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    kind = models.CharField(max_length=8)
    country = models.CharField(max_length=3)
    size_class = models.CharField(max_length=8, blank=True)
    deadline = models.DateField()
    published_at = models.DateTimeField(db_index=True)
    domains = models.PositiveIntegerField(default=0)
    arrangements = models.PositiveIntegerField(default=0)
    sections = models.PositiveIntegerField(default=0)
    # The owner firm's partnership readiness (``readiness.models.level_rank``: 1 not yet ready … 4
    # experienced partner); null when never assessed. Refreshed when an assessment is submitted.
    readiness = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        # Few indexes on purpose: the facet counts scan the whole result set anyway, and pages walk
        # ``published_at`` in order. Without sqlite_stat4, SQLite guesses that ``deadline >= today``
        # or a long country list is selective and, given an index on it, sorts the whole result set.
        indexes = [models.Index(fields=["kind", "published_at"])]

    def __str__(self) -> str:
        return str(self.opportunity_id)


class SearchText(models.Model):
    """The public text of a published opportunity as space-separated, accent- and case-folded words."""

    entry = models.OneToOneField(SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="text")
    title = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = "search text"
        verbose_name_plural = "search texts"

    def __str__(self) -> str:
        return str(self.entry_id)


class FacetName(models.TextChoices):
    """The ISIC levels below the section, stored as ``SearchFacet`` rows."""

    ISIC_DIVISION = "isic_division", "ISIC division"
    ISIC_GROUP = "isic_group", "ISIC group"
    ISIC_CLASS = "isic_class", "ISIC class"


class SearchFacet(models.Model):
    """One ISIC division, group or class of an indexed opportunity's sectors."""

    # No index of its own: the unique constraint (entry, facet, value) serves lookups by entry.
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets", db_index=False)
    facet = models.CharField(max_length=20, choices=FacetName.choices)
    value = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "entry"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_unique")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
