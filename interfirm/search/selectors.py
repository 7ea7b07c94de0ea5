"""Searching and browsing the published opportunities: public, anonymised.

``opportunity_search`` answers one search in a fixed number of queries whatever the size of the index:

1. one grouped count of the matching entries by owner country, kind and size class (with the deadline
   buckets), from which the total follows, and every facet derived from the owner's country: country,
   M49 region, economy group, LDC on today's date, corridor relative to the searching firm;
2. one grouped count by the domain, arrangement and ISIC section bit masks;
3. when a sector is chosen, one count of the ISIC rows one level below it (the drill-down);
4. the ids of the page, in the order asked (bm25 / ts_rank for relevance);
5. the page's opportunities, rendered through ``opportunity_anonymous`` — never the owner's identity.

Counts 1–3 are those of the current filter set (following a facet link shows exactly that many) and
are cached briefly under the index's version (``cache``).
"""

from __future__ import annotations

import datetime
import math
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.firms.models import SizeClass
from interfirm.geo.corridors import CorridorKind, corridor_of
from interfirm.geo.models import Country, CountryGroup, EconomyGroup
from interfirm.geo.selectors import countries_with_groups
from interfirm.opportunities.models import ArrangementType, Domain, Kind, Opportunity
from interfirm.opportunities.selectors import AnonymousOpportunity, opportunity_anonymous, opportunity_is_open
from interfirm.search.cache import cached
from interfirm.search.models import BITS, FacetName, SearchEntry, SearchFacet
from interfirm.search.text import fts5_query, query_words, tsquery
from interfirm.sectors.models import IsicCode, IsicLevel

if TYPE_CHECKING:
    from interfirm.firms.models import Firm

PER_PAGE = 20
# The "deadline within N days" buckets offered as facet links.
DEADLINE_BUCKETS: tuple[int, ...] = (7, 30, 90)
YES, NO = "yes", "no"

# The facet rows of an ISIC code below the section, by the length of the code.
_ISIC_FACET_BY_LENGTH = {
    2: FacetName.ISIC_DIVISION.value,
    3: FacetName.ISIC_GROUP.value,
    4: FacetName.ISIC_CLASS.value,
}
CLASS_LENGTH = 4


class Sort:
    """The orders results can be listed in."""

    RELEVANCE = "relevance"
    NEWEST = "newest"
    DEADLINE = "deadline"
    choices: tuple[tuple[str, Any], ...] = (
        (RELEVANCE, _("Relevance")),
        (NEWEST, _("Newest first")),
        (DEADLINE, _("Deadline soonest")),
    )


@dataclass(frozen=True)
class SearchFilters:
    """A search's filters; empty values do not filter. Values are assumed valid (forms check them)."""

    kind: str = ""
    domain: str = ""
    arrangement: str = ""
    sector: str = ""
    country: str = ""
    region: str = ""
    economy_group: str = ""
    ldc: bool | None = None
    size: str = ""
    corridor: str = ""
    deadline_before: datetime.date | None = None
    deadline_within: int | None = None
    readiness: str = ""  # minimum readiness level of the owner (``readiness.models.ReadinessLevel``)

    def selected(self) -> dict[str, str]:
        """Return the filters in use as their query-string values."""
        values = {
            "kind": self.kind,
            "domain": self.domain,
            "arrangement": self.arrangement,
            "sector": self.sector,
            "country": self.country,
            "region": self.region,
            "economy_group": self.economy_group,
            "ldc": "" if self.ldc is None else (YES if self.ldc else NO),
            "size": self.size,
            "corridor": self.corridor,
            "deadline_before": self.deadline_before.isoformat() if self.deadline_before else "",
            "deadline_within": str(self.deadline_within) if self.deadline_within else "",
            "readiness": self.readiness,
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    """The counts of one facet. ``param`` is the filter its values are given to."""

    name: str
    param: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class SearchResult:
    """One page of a search: the ids and anonymous opportunities of the page, the total, the facets."""

    ids: list[int]
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    text: bool
    facets: dict[str, Facet] = field(default_factory=dict)
    opportunities: list[AnonymousOpportunity] = field(default_factory=list)


def isic_facet_of(code: str) -> str:
    """Return the facet rows that hold ISIC ``code`` (division, group or class, by its length)."""
    return _ISIC_FACET_BY_LENGTH[len(code)]


def _has_bit(entries: QuerySet[SearchEntry], column: str, bit: int) -> QuerySet[SearchEntry]:
    """Return the entries whose mask ``column`` has ``bit`` set."""
    alias = f"{column}_bit"
    return entries.alias(**{alias: F(column).bitand(bit)}).filter(**{f"{alias}__gt": 0})


# Countries with their group memberships, read at most every few minutes by each process: reference
# data changes only when ``load_reference`` runs, and every search needs all of it.
COUNTRIES_TTL_SECONDS = 300
_countries_cache: tuple[float, dict[str, Country]] | None = None


def _countries() -> dict[str, Country]:
    global _countries_cache
    now = time.monotonic()
    if _countries_cache is None or now - _countries_cache[0] > COUNTRIES_TTL_SECONDS:
        _countries_cache = (now, {country.iso3: country for country in countries_with_groups()})
    return _countries_cache[1]


def country_label(iso3: str) -> str:
    """Return the name of the country ``iso3`` in the active language (the code itself if unknown).

    From the countries each process keeps: a page names the country facet's values without a query.
    """
    country = _countries().get(iso3)
    return country.label if country is not None else iso3


def _region_labels(countries: dict[str, Country]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for country in countries.values():
        if country.region_code:
            labels[country.region_code] = country.region_label
        if country.subregion_code:
            labels[country.subregion_code] = country.subregion_label
    return labels


def _ldc_today(countries: dict[str, Country], today: datetime.date) -> set[str]:
    return {iso3 for iso3, country in countries.items() if country.in_group(CountryGroup.LDC, today)}


def _allowed_countries(
    filters: SearchFilters,
    countries: dict[str, Country],
    viewer_country: Country | None,
    today: datetime.date,
) -> set[str] | None:
    """Return the owner countries the country-derived filters allow, or None when none of them is set."""
    allowed: set[str] | None = None

    def narrow(codes: Iterable[str]) -> None:
        nonlocal allowed
        allowed = set(codes) if allowed is None else allowed & set(codes)

    if filters.country:
        narrow([filters.country])
    if filters.region:
        narrow(iso3 for iso3, c in countries.items() if c.region_code == filters.region)
    if filters.economy_group:
        narrow(iso3 for iso3, c in countries.items() if c.economy_group == filters.economy_group)
    if filters.ldc is not None:
        ldc = _ldc_today(countries, today)
        narrow(ldc if filters.ldc else set(countries) - ldc)
    if filters.corridor and viewer_country is not None:
        narrow(
            iso3
            for iso3, c in countries.items()
            if corridor_of(viewer_country, c, on=today).kind == filters.corridor
        )
    return allowed


def _text_condition(terms: list[str]) -> RawSQL | None:
    """Return the ids matching every term, as a subquery for the database in use."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [fts5_query(terms)])
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT entry_id FROM search_searchtext WHERE document @@ to_tsquery('simple', %s)",
            [tsquery(terms)],
        )
    return None


def _candidates(
    filters: SearchFilters,
    terms: list[str],
    allowed_countries: set[str] | None,
    today: datetime.date,
) -> QuerySet[SearchEntry]:
    """Return the index entries matching the filters and the text: the current result set, unordered."""
    entries = SearchEntry.objects.filter(deadline__gte=today)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.size:
        entries = entries.filter(size_class=filters.size)
    if allowed_countries is not None:
        entries = entries.filter(country__in=sorted(allowed_countries))
    if filters.deadline_before:
        entries = entries.filter(deadline__lte=filters.deadline_before)
    if filters.deadline_within:
        entries = entries.filter(deadline__lte=today + datetime.timedelta(days=filters.deadline_within))
    if filters.readiness:
        from interfirm.readiness.models import level_rank

        entries = entries.filter(readiness__gte=level_rank(filters.readiness))
    if filters.domain:
        entries = _has_bit(entries, "domains", BITS["domain"][filters.domain])
    if filters.arrangement:
        entries = _has_bit(entries, "arrangements", BITS["arrangement"][filters.arrangement])
    if len(filters.sector) == 1:
        entries = _has_bit(entries, "sections", BITS["section"][filters.sector])
    elif filters.sector:
        codes = SearchFacet.objects.filter(facet=isic_facet_of(filters.sector), value=filters.sector)
        entries = entries.filter(pk__in=codes.values("entry_id"))
    if terms:
        condition = _text_condition(terms)
        entries = entries.filter(pk__in=condition) if condition is not None else entries.none()
    return entries


def _page_ids(
    entries: QuerySet[SearchEntry], terms: list[str], sort: str, offset: int, limit: int
) -> list[int]:
    """Return the ids of one page of ``entries`` in the order ``sort``."""
    if sort == Sort.DEADLINE:
        ordered = entries.order_by("deadline", "-published_at", "-pk")
        return list(ordered.values_list("pk", flat=True)[offset : offset + limit])
    if sort == Sort.RELEVANCE and terms and connection.vendor in ("sqlite", "postgresql"):
        return _ranked_ids(entries, terms, offset, limit)
    ordered = entries.order_by("-published_at", "-pk")
    return list(ordered.values_list("pk", flat=True)[offset : offset + limit])


_SQLITE_RANKED = (
    "SELECT e.opportunity_id FROM search_fts"
    " JOIN search_searchentry e ON e.opportunity_id = search_fts.rowid"
    " WHERE search_fts MATCH %s AND e.opportunity_id IN ({candidates})"
    " ORDER BY bm25(search_fts, 10.0, 4.0, 1.0), e.published_at DESC, e.opportunity_id DESC"
    " LIMIT %s OFFSET %s"
)
_POSTGRESQL_RANKED = (
    "SELECT e.opportunity_id FROM search_searchentry e"
    " JOIN search_searchtext t ON t.entry_id = e.opportunity_id"
    " WHERE e.opportunity_id IN ({candidates})"
    " ORDER BY ts_rank(t.document, to_tsquery('simple', %s)) DESC, e.published_at DESC, e.opportunity_id DESC"
    " LIMIT %s OFFSET %s"
)


def _ranked_ids(entries: QuerySet[SearchEntry], terms: list[str], offset: int, limit: int) -> list[int]:
    """Return one page of ``entries`` by text relevance: bm25 on SQLite, ts_rank on PostgreSQL.

    Title words weigh most, then keywords and sector names, then the body. Ties go to the newest.
    """
    # The candidates' SQL is Django's own compilation of the filters, user values left as parameters.
    candidates_sql, candidates_params = entries.values("pk").query.sql_with_params()
    if connection.vendor == "sqlite":
        sql = _SQLITE_RANKED.format(candidates=candidates_sql)
        params: list[Any] = [fts5_query(terms), *candidates_params, limit, offset]
    else:
        sql = _POSTGRESQL_RANKED.format(candidates=candidates_sql)
        params = [*candidates_params, tsquery(terms), limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _values(
    counts: Counter[str], labels: dict[str, Any], selected: str, *, keep_order: bool = False
) -> tuple[FacetValue, ...]:
    """Return the facet values with a count, labelled; by count (or in the labels' order)."""
    values = [
        FacetValue(value, str(labels.get(value, value)), count, value == selected)
        for value, count in counts.items()
        if count
    ]
    if keep_order:
        order = {value: index for index, value in enumerate(labels)}
        values.sort(key=lambda v: (order.get(v.value, len(order)), v.label))
    else:
        values.sort(key=lambda v: (-v.count, v.label))
    return tuple(values)


@dataclass(frozen=True)
class _Counts:
    """The raw counts of a result set (what the cache keeps; labels are added per request)."""

    country: dict[str, int]
    kind: dict[str, int]
    size: dict[str, int]
    deadline: dict[str, int]
    domain: dict[str, int]
    arrangement: dict[str, int]
    section: dict[str, int]
    sector: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.country.values())


def _count(entries: QuerySet[SearchEntry], sector: str, today: datetime.date) -> _Counts:
    """Count the result set ``entries``: two scans, plus one of ISIC rows when drilling into a sector."""
    bucket_counts = {
        f"within_{days}": Count("pk", filter=Q(deadline__lte=today + datetime.timedelta(days=days)))
        for days in DEADLINE_BUCKETS
    }
    rows = cast(
        Iterable[dict[str, Any]],
        entries.order_by().values("country", "kind", "size_class").annotate(n=Count("pk"), **bucket_counts),
    )
    by_country: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_size: Counter[str] = Counter()
    by_deadline: Counter[str] = Counter()
    for row in rows:
        by_country[row["country"]] += row["n"]
        by_kind[row["kind"]] += row["n"]
        if row["size_class"]:
            by_size[row["size_class"]] += row["n"]
        for days in DEADLINE_BUCKETS:
            by_deadline[str(days)] += row[f"within_{days}"]
    total = sum(by_country.values())

    by_domain: Counter[str] = Counter()
    by_arrangement: Counter[str] = Counter()
    by_section: Counter[str] = Counter()
    if total:
        masks = cast(
            Iterable[dict[str, Any]],
            entries.order_by().values("domains", "arrangements", "sections").annotate(n=Count("pk")),
        )
        for mask_row in masks:
            for counts, name, column in (
                (by_domain, "domain", "domains"),
                (by_arrangement, "arrangement", "arrangements"),
                (by_section, "section", "sections"),
            ):
                for value, bit in BITS[name].items():
                    if mask_row[column] & bit:
                        counts[value] += mask_row["n"]
    by_sector = _sector_drilldown(entries, sector, total, by_section) if total else Counter()
    return _Counts(
        country=dict(by_country),
        kind=dict(by_kind),
        size=dict(by_size),
        deadline=dict(by_deadline),
        domain=dict(by_domain),
        arrangement=dict(by_arrangement),
        section=dict(by_section),
        sector=dict(by_sector),
    )


def _facets(
    counts: _Counts,
    filters: SearchFilters,
    countries: dict[str, Country],
    viewer_country: Country | None,
    today: datetime.date,
) -> dict[str, Facet]:
    """Return the labelled facets of ``counts``, with those derived from the owner's country."""
    by_country = Counter(counts.country)
    by_kind = Counter(counts.kind)
    by_size = Counter(counts.size)
    by_deadline = Counter(counts.deadline)
    by_domain = Counter(counts.domain)
    by_arrangement = Counter(counts.arrangement)
    by_section = Counter(counts.section)
    by_sector = Counter(counts.sector)
    by_region: Counter[str] = Counter()
    by_economy: Counter[str] = Counter()
    by_ldc: Counter[str] = Counter()
    by_corridor: Counter[str] = Counter()
    ldc = _ldc_today(countries, today) if by_country else set()
    for iso3, n in by_country.items():
        country = countries.get(iso3)
        if country is None:
            continue
        if country.region_code:
            by_region[country.region_code] += n
        by_economy[country.economy_group] += n
        by_ldc[YES if iso3 in ldc else NO] += n
        if viewer_country is not None:
            by_corridor[corridor_of(viewer_country, country, on=today).kind] += n

    isic_rows = IsicCode.objects.filter(code__in=[*by_section, *by_sector]).values_list("code", "title")
    isic_titles = {code: f"{code} – {title}" for code, title in isic_rows}
    selected = filters.selected()
    region_names = {c.region_code: c.region_label for c in countries.values() if c.region_code}
    deadline_labels = {str(days): _("Within %(days)s days") % {"days": days} for days in DEADLINE_BUCKETS}

    def facet(
        name: str,
        param: str,
        label: Any,
        counts: Counter[str],
        labels: dict[str, Any],
        keep_order: bool = False,
    ) -> Facet:
        return Facet(
            name, param, str(label), _values(counts, labels, selected.get(param, ""), keep_order=keep_order)
        )

    facets = [
        facet("kind", "kind", _("Offer or request"), by_kind, dict(Kind.choices), keep_order=True),
        facet("domain", "domain", _("Domain"), by_domain, dict(Domain.choices), True),
        facet(
            "arrangement", "arrangement", _("Arrangement type"), by_arrangement, dict(ArrangementType.choices)
        ),
        facet("isic_section", "sector", _("Sector (ISIC section)"), by_section, isic_titles),
        facet("sector", "sector", _("Sector"), by_sector, isic_titles),
        facet(
            "country",
            "country",
            _("Country of the owner"),
            by_country,
            {k: c.name for k, c in countries.items()},
        ),
        facet("region", "region", _("Region of the owner"), by_region, region_names),
        facet(
            "economy_group", "economy_group", _("Economy group"), by_economy, dict(EconomyGroup.choices), True
        ),
        facet(
            "ldc",
            "ldc",
            _("Least developed countries"),
            by_ldc,
            {YES: _("Owner in a least developed country"), NO: _("Owner in another country")},
            True,
        ),
        facet("size", "size", _("Size of the owner"), by_size, dict(SizeClass.choices), keep_order=True),
        facet(
            "deadline_within", "deadline_within", _("Deadline"), by_deadline, deadline_labels, keep_order=True
        ),
    ]
    if viewer_country is not None:
        facets.append(
            facet(
                "corridor",
                "corridor",
                _("Corridor from your country"),
                by_corridor,
                dict(CorridorKind.choices),
                True,
            )
        )
    return {f.name: f for f in facets}


def _sector_drilldown(
    entries: QuerySet[SearchEntry], sector: str, total: int, by_section: Counter[str]
) -> Counter[str]:
    """Return the counts to browse sectors by: the sections, or the codes one level below ``sector``.

    The chosen code itself is kept, with the count of the whole result set (every result is in it).
    """
    if not sector:
        return by_section
    counts: Counter[str] = Counter({sector: total})
    if len(sector) == CLASS_LENGTH:
        return counts
    if len(sector) == 1:
        divisions = IsicCode.objects.filter(section=sector, level=IsicLevel.DIVISION).values_list(
            "code", flat=True
        )
        below = SearchFacet.objects.filter(facet=FacetName.ISIC_DIVISION, value__in=list(divisions))
    else:
        below = SearchFacet.objects.filter(
            facet=_ISIC_FACET_BY_LENGTH[len(sector) + 1], value__startswith=sector
        )
    rows = (
        below.filter(entry_id__in=entries.order_by().values("pk"))
        .values_list("value")
        .annotate(n=Count("entry_id"))
        .order_by()
    )
    counts.update(dict(cast(Iterable[tuple[str, int]], rows)))
    return counts


def _anonymous_page(
    ids: list[int], today: datetime.date, countries: dict[str, Country]
) -> list[AnonymousOpportunity]:
    """Return the opportunities of ``ids`` in that order, as anyone may see them.

    Checked again against the opportunities themselves, so that an index a moment behind never shows
    what is no longer published.
    """
    found = {
        opportunity.pk: opportunity
        for opportunity in Opportunity.objects.filter(pk__in=ids)
        .select_related("firm", "firm__country", "firm__organisation")
        .prefetch_related(
            "sectors", "partner_countries", "required_certifications", "required_languages", "firm__sectors"
        )
        if opportunity_is_open(opportunity, today)
    }
    regions = _region_labels(countries)
    return [opportunity_anonymous(found[pk], regions=regions) for pk in ids if pk in found]


def opportunity_search(
    *,
    q: str = "",
    filters: SearchFilters | None = None,
    viewer_firm: Firm | None = None,
    sort: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResult:
    """Return one page of the published opportunities matching ``q`` and ``filters``, with facet counts.

    Anyone may search; results are anonymous. The corridor filter and facet are relative to the
    country of ``viewer_firm`` (the firm the searcher acts for) and ignored without one. ``sort`` is a
    ``Sort`` value: relevance (the default when ``q`` has words), newest (the default otherwise) or
    deadline soonest. A page past the last gives the last page.
    """
    filters = filters or SearchFilters()
    today = timezone.localdate()
    terms = query_words(q)
    if sort not in (Sort.RELEVANCE, Sort.NEWEST, Sort.DEADLINE) or (sort == Sort.RELEVANCE and not terms):
        sort = Sort.RELEVANCE if terms else Sort.NEWEST
    countries = _countries()
    viewer_country = countries.get(viewer_firm.country_id) if viewer_firm is not None else None
    allowed = _allowed_countries(filters, countries, viewer_country, today)
    entries = _candidates(filters, terms, allowed, today)
    # What defines the result set (the corridor only through the countries it allows).
    parts = (today, terms, replace(filters, corridor=""), sorted(allowed) if allowed is not None else None)
    counts: _Counts = cached(parts, lambda: _count(entries, filters.sector, today))
    total = counts.total
    facets = _facets(counts, filters, countries, viewer_country, today)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    ids = _page_ids(entries, terms, sort, (page - 1) * per_page, per_page) if total else []
    return SearchResult(
        ids=ids,
        total=total,
        page=page,
        pages=pages,
        per_page=per_page,
        sort=sort,
        text=bool(terms),
        facets=facets,
        opportunities=_anonymous_page(ids, today, countries),
    )


def search_viewer_firm(membership: Membership | None) -> Firm | None:
    """Return the firm a searcher acts for (the corridor is relative to its country), or None."""
    from interfirm.firms.selectors import firm_for_membership

    if not membership or membership.organisation.kind != OrganisationKind.FIRM:
        return None
    try:
        return firm_for_membership(membership)
    except Http404:
        return None
