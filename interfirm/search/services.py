"""Keeping the search index current.

``search_index_refresh`` is the one entry point for changes: the opportunities services call it after
commit whenever an opportunity changes. It indexes a published opportunity and drops anything else.
``search_index_rebuild`` rebuilds the whole index (``manage.py search_rebuild``). The full-text index
follows ``SearchEntry`` on its own (SQLite triggers, PostgreSQL generated column; see ``models``).

Both build an entry with ``_document`` from the opportunity's plain values, so they index alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from interfirm.opportunities.models import Opportunity, Status
from interfirm.search.cache import index_changed
from interfirm.search.models import FacetName, SearchEntry, SearchFacet, SearchText, mask_of
from interfirm.search.text import normalise
from interfirm.sectors.models import IsicCode, IsicLevel

REBUILD_BATCH = 2000
# The opportunity's public text, as indexed: never anything of the owner firm's identity.
TEXT_FIELDS = (
    "title",
    "keywords",
    "summary",
    "description",
    "advantages",
    "partner_role",
    "required_capacity",
)
ENTRY_COLUMNS = (
    "opportunity_id",
    "kind",
    "country",
    "size_class",
    "deadline",
    "published_at",
    "domains",
    "arrangements",
    "sections",
    "readiness",
)
TEXT_COLUMNS = ("entry_id", "title", "keywords", "body")


@dataclass(frozen=True)
class Sector:
    """What the index needs of an ISIC code."""

    code: str
    level: str
    section: str
    title: str


def isic_facets(sector: Sector | IsicCode) -> list[tuple[str, str]]:
    """Return the ISIC facet rows of a sector: every level below the section down to the code itself.

    ISIC Rev.4 codes spell their ancestry (class 1030 is in group 103 and division 10), so no query is
    needed. The section is kept in the entry's ``sections`` mask.
    """
    if sector.level == IsicLevel.SECTION:
        return []
    levels = (FacetName.ISIC_DIVISION.value, FacetName.ISIC_GROUP.value, FacetName.ISIC_CLASS.value)
    return [
        (facet, sector.code[:length])
        for length, facet in zip((2, 3, 4), levels, strict=True)
        if len(sector.code) >= length
    ]


@dataclass(frozen=True)
class Document:
    """What the index holds of one published opportunity."""

    entry: dict[str, Any]
    text: dict[str, Any]
    facets: list[tuple[str, str]]


def _document(values: dict[str, Any], sectors: Iterable[Sector | IsicCode]) -> Document:
    """Return the index rows of a published opportunity.

    ``values`` holds the opportunity's id, text fields, kind, domains, arrangement types, deadline,
    publication times, and the owner's country and size class.
    """
    ordered = sorted(sectors, key=lambda sector: sector.code)
    facets: set[tuple[str, str]] = set()
    for sector in ordered:
        facets.update(isic_facets(sector))
    return Document(
        entry={
            "opportunity_id": values["id"],
            "kind": values["kind"],
            "country": values["country"],
            "size_class": values["size_class"] or "",
            "deadline": values["deadline"],
            "published_at": values["published_at"] or values["created_at"],
            "domains": mask_of("domain", values["domains"] or []),
            "arrangements": mask_of("arrangement", values["arrangement_types"] or []),
            "sections": mask_of("section", {sector.section for sector in ordered}),
            "readiness": values.get("readiness"),
        },
        text={
            "entry_id": values["id"],
            "title": normalise(values["title"]),
            "keywords": normalise(values["keywords"], *(sector.title for sector in ordered)),
            "body": normalise(*(values[name] for name in TEXT_FIELDS[2:])),
        },
        facets=sorted(facets),
    )


def _values_of(opportunity: Opportunity) -> dict[str, Any]:
    values = {name: getattr(opportunity, name) for name in TEXT_FIELDS}
    values.update(
        id=opportunity.pk,
        kind=opportunity.kind,
        country=opportunity.firm.country_id,
        size_class=opportunity.firm.size_class,
        deadline=opportunity.deadline,
        published_at=opportunity.published_at,
        created_at=opportunity.created_at,
        domains=opportunity.domains,
        arrangement_types=opportunity.arrangement_types,
        readiness=_readiness_ranks([opportunity.firm_id]).get(opportunity.firm_id),
    )
    return values


def _readiness_ranks(firm_ids: Iterable[int]) -> dict[int, int]:
    """Return the rank of each firm's current readiness level (firms never assessed left out)."""
    from interfirm.readiness.models import level_rank
    from interfirm.readiness.selectors import readiness_levels_for_firms

    return {
        firm_id: level_rank(level)
        for firm_id, (level, _validated) in readiness_levels_for_firms(firm_ids).items()
    }


@transaction.atomic
def search_index_refresh(*, opportunity_id: int) -> None:
    """Index the opportunity if it is published; remove it from the index otherwise.

    Safe to call for any id, any number of times, from any process: the opportunity's row is locked
    (on databases that lock rows) so that two refreshes of one opportunity do not interleave.
    """
    Opportunity.objects.select_for_update().filter(pk=opportunity_id).values_list("pk").first()
    index_changed()
    opportunity = (
        Opportunity.objects.select_related("firm")
        .prefetch_related("sectors")
        .filter(pk=opportunity_id, status=Status.PUBLISHED)
        .first()
    )
    if opportunity is None:
        SearchEntry.objects.filter(opportunity_id=opportunity_id).delete()
        return
    document = _document(_values_of(opportunity), opportunity.sectors.all())
    entry = SearchEntry(**document.entry)
    if SearchEntry.objects.filter(opportunity_id=opportunity_id).exists():
        entry.save(force_update=True)
        SearchText(**document.text).save(force_update=True)
    else:
        entry.save(force_insert=True)
        SearchText(**document.text).save(force_insert=True)
    SearchFacet.objects.filter(entry_id=opportunity_id).delete()
    SearchFacet.objects.bulk_create(
        [SearchFacet(entry=entry, facet=facet, value=value) for facet, value in document.facets]
    )


def _published_values(batch_size: int) -> Iterator[dict[str, Any]]:
    fields = (
        "id",
        *TEXT_FIELDS,
        "kind",
        "deadline",
        "published_at",
        "created_at",
        "domains",
        "arrangement_types",
    )
    rows = (
        Opportunity.objects.filter(status=Status.PUBLISHED)
        .order_by("pk")
        .values(*fields, country=F("firm__country_id"), size_class=F("firm__size_class"), owner=F("firm_id"))
    )
    yield from rows.iterator(chunk_size=batch_size)


@transaction.atomic
def search_index_rebuild(*, batch_size: int = REBUILD_BATCH) -> int:
    """Rebuild the whole index from the published opportunities; return how many were indexed.

    Reads the opportunities as plain values and writes the rows with ``executemany`` (the per-row cost
    of models would dominate at 100 000 opportunities). On SQLite the FTS5 triggers are set aside
    meanwhile and the full-text index is rebuilt in one pass at the end, several times faster than
    row by row; all of it in one transaction, so readers see the old index until the new one is whole.
    """
    index_changed()
    with _fts5_triggers_suspended():
        indexed = _rebuild(batch_size)
    return indexed


@contextmanager
def _fts5_triggers_suspended() -> Iterator[None]:
    """On SQLite, drop the FTS5 triggers, and afterwards rebuild the FTS5 index and restore them.

    The triggers are restored from their own definitions, read from the schema before dropping them.
    No ``finally``: on an error the caller's transaction rolls back, the dropped triggers with it.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [SearchText._meta.db_table],
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        for _name, sql in triggers:
            cursor.execute(sql)


def _rebuild(batch_size: int) -> int:
    with connection.cursor() as cursor:
        for model in (SearchFacet, SearchText, SearchEntry):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
    sectors_by_code = {
        code: Sector(code, level, section, title)
        for code, level, section, title in IsicCode.objects.values_list("code", "level", "section", "title")
    }
    through = Opportunity.sectors.through
    sectors_of: dict[int, list[Sector]] = defaultdict(list)
    for opportunity_id, code in (
        through.objects.filter(opportunity__status=Status.PUBLISHED)
        .values_list("opportunity_id", "isiccode_id")
        .iterator(chunk_size=10 * batch_size)
    ):
        sectors_of[opportunity_id].append(sectors_by_code[code])
    owners = Opportunity.objects.filter(status=Status.PUBLISHED).values_list("firm_id", flat=True).distinct()
    ranks = _readiness_ranks(list(owners))
    by_column = {field.column: field for field in SearchEntry._meta.concrete_fields}
    # Only dates and times need converting for the database; the other columns are plain values.
    prepared = {column: by_column[column] for column in ("deadline", "published_at")}
    entry_sql = _insert_sql(SearchEntry._meta.db_table, ENTRY_COLUMNS)
    text_sql = _insert_sql(SearchText._meta.db_table, TEXT_COLUMNS)
    facet_sql = _insert_sql(SearchFacet._meta.db_table, ("entry_id", "facet", "value"))
    indexed = 0
    entries: list[list[Any]] = []
    texts: list[list[Any]] = []
    facets: list[tuple[int, str, str]] = []
    with connection.cursor() as cursor:

        def flush() -> int:
            cursor.executemany(entry_sql, entries)
            cursor.executemany(text_sql, texts)
            cursor.executemany(facet_sql, facets)
            return len(entries)

        for values in _published_values(batch_size):
            values["readiness"] = ranks.get(values["owner"])
            document = _document(values, sectors_of.get(values["id"], ()))
            for column, field in prepared.items():
                document.entry[column] = field.get_db_prep_save(document.entry[column], connection)
            entries.append([document.entry[column] for column in ENTRY_COLUMNS])
            texts.append([document.text[column] for column in TEXT_COLUMNS])
            facets.extend((values["id"], facet, value) for facet, value in document.facets)
            if len(entries) >= batch_size:
                indexed += flush()
                entries, texts, facets = [], [], []
        if entries:
            indexed += flush()
    return indexed


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    return "INSERT INTO {table} ({columns}) VALUES ({marks})".format(  # noqa: S608 (names from the models)
        table=quote(table),
        columns=", ".join(quote(column) for column in columns),
        marks=", ".join(["%s"] * len(columns)),
    )
