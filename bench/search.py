"""``python -m bench.search``: search latency at 100 000 published opportunities on SQLite.

Builds a throw-away SQLite database (reference data, a few thousand firms across the world, 100 000
published opportunities inserted in bulk, in the vocabulary of their sectors), builds the
index with ``search_index_rebuild``, then times ``opportunity_search`` — the whole search: counts,
facets, the page, its anonymous rendering — over sets of realistic queries, each with the facet-count
cache emptied first (cold) and then with the counts cached; and the page and API over HTTP. Prints a
table; exits 0.

``--opportunities N`` changes the size (default 100 000); ``--repeat R`` the runs of each query.
Figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

SEED = 20260101


def _vocab(text: str) -> list[str]:
    return text.split()


# Sectors with the ISIC classes and the words their opportunities are written in. Accented words are
# there on purpose: searches must fold them.
VOCABULARY: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "food": (
        ("1030", "1050", "1071", "1079", "1080", "1104"),
        _vocab(
            "mango pineapple passion fruit pulp juice concentrate dried fruit dairy yoghurt cheese "
            "cassava flour bakery biscuits pasteurisation cold chain aseptic packaging HACCP shelf life "
            "spices honey séchage café crème purée confiture"
        ),
    ),
    "agriculture": (
        ("0111", "0113", "0127", "0150"),
        _vocab(
            "seeds irrigation greenhouse coffee cocoa tea harvesting drip organic fertiliser horticulture "
            "post-harvest storage silos maize sorghum vegetables cooperative smallholder traceability cosecha"
        ),
    ),
    "textiles": (
        ("1311", "1392", "1410"),
        _vocab(
            "cotton spinning weaving knitting garments dyeing denim apparel embroidery fabric yarn sewing "
            "finishing workwear uniforms teñido"
        ),
    ),
    "machinery": (
        ("2811", "2822", "2829"),
        _vocab(
            "CNC machining lathe milling gearbox hydraulic pump turbine tooling moulds spare parts "
            "automation conveyor pulping pasteurising drying equipment maintenance retrofit maquinaria"
        ),
    ),
    "metal": (
        ("2410", "2511", "2592"),
        _vocab(
            "steel casting forging welding galvanising sheet metal fabrication foundry aluminium structures"
        ),
    ),
    "pharma": (
        ("2100", "2023"),
        _vocab(
            "generic tablets capsules active ingredient GMP vaccines formulation biotech enzymes cosmetics "
            "herbal extracts diagnostics médicaments"
        ),
    ),
    "ict": (
        ("6201", "6202", "6311", "2610"),
        _vocab(
            "software mobile payments cloud ERP platform data analytics sensors electronics semiconductor "
            "e-commerce cybersecurity app logiciel"
        ),
    ),
    "energy": (
        ("3510", "2710"),
        _vocab(
            "solar photovoltaic mini-grid biogas battery inverter wind hydropower energy efficiency "
            "off-grid lighting énergie"
        ),
    ),
    "construction": (
        ("4100", "4290", "2395"),
        _vocab("cement bricks prefabricated housing roads concrete building materials tiles roofing"),
    ),
    "automotive": (
        ("2910", "2930"),
        _vocab("spare parts brake wiring harness assembly components tyres bodywork vehicles"),
    ),
    "chemicals": (
        ("2011", "2022"),
        _vocab("paints coatings resins fertilizer plastics recycling polymers adhesives"),
    ),
}
GENERIC = _vocab(
    "we offer seek partner cooperation technology know-how licence production capacity market access "
    "distribution agent joint venture investment quality certified export experience regional markets "
    "low cost proven reliable innovative training support after-sales supply contract long term "
    "manufacturing plant small medium enterprise growth new product development transfer"
)
# (iso3, weight): a mix of developed, developing, transition and least developed economies.
COUNTRIES = (
    ("KEN", 8), ("DEU", 8), ("UGA", 4), ("TZA", 4), ("ETH", 3), ("NGA", 5), ("GHA", 3), ("SEN", 2),
    ("ZAF", 4), ("EGY", 3), ("MAR", 3), ("IND", 8), ("CHN", 6), ("BGD", 3), ("VNM", 3), ("IDN", 3),
    ("BRA", 5), ("MEX", 3), ("COL", 2), ("PER", 2), ("URY", 1), ("FRA", 5), ("ITA", 4), ("ESP", 3),
    ("NLD", 3), ("GBR", 4), ("USA", 6), ("JPN", 4), ("KOR", 3), ("RUS", 3), ("UKR", 2), ("KAZ", 2),
    ("TUR", 3), ("NPL", 1), ("HTI", 1), ("MOZ", 1),
)  # fmt: skip
DOMAIN_ARRANGEMENTS = {
    "technology": (
        "licensing",
        "technical_cooperation",
        "rd_cooperation",
        "joint_venture",
        "strategic_alliance",
    ),
    "production": (
        "subcontracting",
        "supply",
        "joint_venture",
        "services_outsourcing",
        "technical_cooperation",
    ),
    "marketing": ("distribution", "franchising", "joint_venture", "strategic_alliance"),
    "investment": ("equity_investment", "joint_venture"),
}
SIZES = (("micro", 3), ("small", 5), ("medium", 3), ("large", 2))


def _setup_django(var_dir: Path) -> None:
    os.environ["INTERFIRM_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "1"
    os.environ.pop("DATABASE_URL", None)  # always the throw-away SQLite database
    import django

    django.setup()


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choices(words, k=n))


def _make_firms(rng: random.Random, count: int) -> list[tuple[int, str]]:
    """Create ``count`` firms with their organisations; return (firm id, sector key) pairs."""
    from interfirm.accounts.models import Organisation, OrganisationKind
    from interfirm.firms.models import Firm

    countries, weights = _weighted(COUNTRIES)
    sizes, size_weights = _weighted(SIZES)
    sector_keys = list(VOCABULARY)
    plan = [
        (rng.choices(countries, weights)[0], rng.choices(sizes, size_weights)[0], rng.choice(sector_keys))
        for _ in range(count)
    ]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(kind=OrganisationKind.FIRM, name=f"Bench firm {i}", country_id=c)
            for i, (c, _s, _k) in enumerate(plan)
        ],
        batch_size=2000,
    )
    firms = Firm.objects.bulk_create(
        [
            Firm(
                organisation=organisation,
                legal_name=f"Bench firm {i} Ltd",
                name_key=f"bench firm {i}",
                reference=f"FB{i:07d}",
                country_id=country,
                size_class=size,
            )
            for i, (organisation, (country, size, _k)) in enumerate(zip(organisations, plan, strict=True))
        ],
        batch_size=2000,
    )
    return [(firm.pk, key) for firm, (_c, _s, key) in zip(firms, plan, strict=True)]


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (attribute name → value) with ``executemany``, several times faster than
    ``bulk_create`` (whose per-value preparation dominates at this size). A column a row leaves out
    takes its field's default, computed once, or once a row for unique fields (``uid``)."""
    from django.db import connection
    from django.utils import timezone

    given = set(rows[0])
    fields = [f for f in model._meta.concrete_fields if f.attname in given or not f.primary_key]
    now = timezone.now()
    fixed: dict[str, Any] = {}
    per_row = []
    for field in fields:
        if field.attname in given:
            continue
        if field.unique:
            per_row.append(field)
        else:
            value = (
                now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else None
            )
            fixed[field.attname] = field.get_db_prep_save(value or field.get_default(), connection)

    def prepared(field: Any, value: Any) -> Any:
        if value is None or isinstance(value, str | int):
            return value
        return field.get_db_prep_save(value, connection)

    params = []
    for row in rows:
        for field in per_row:
            row[field.attname] = field.get_db_prep_save(field.get_default(), connection)
        params.append(
            [fixed[f.attname] if f.attname in fixed else prepared(f, row[f.attname]) for f in fields]
        )
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _make_opportunities(rng: random.Random, firms: list[tuple[int, str]], count: int) -> None:
    """Create ``count`` published opportunities of ``firms`` with their sectors, in batches."""
    from django.db import transaction
    from django.utils import timezone

    from interfirm.opportunities.models import Opportunity
    from interfirm.sectors.models import IsicCode

    known = set(IsicCode.objects.values_list("code", flat=True))
    classes = {key: [c for c in codes if c in known] for key, (codes, _w) in VOCABULARY.items()}
    words = {key: vocab for key, (_c, vocab) in VOCABULARY.items()}
    now = timezone.now()
    today = timezone.localdate()
    domains = list(DOMAIN_ARRANGEMENTS)
    batch = 5000
    first_id = (Opportunity.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for start in range(0, count, batch):
        opportunities: list[dict[str, Any]] = []
        sectors: list[dict[str, Any]] = []
        for i in range(start, min(start + batch, count)):
            firm_id, key = rng.choice(firms)
            vocabulary = words[key] * 3 + GENERIC
            chosen_domains = rng.sample(domains, rng.choice((1, 1, 1, 2)))
            opportunities.append(
                {
                    "id": first_id + i,
                    "firm_id": firm_id,
                    "reference": f"OB{i:08d}",
                    "kind": rng.choice(("offer", "request")),
                    "domains": chosen_domains,
                    "title": _sentence(rng, words[key], 3).capitalize() + " " + _sentence(rng, GENERIC, 2),
                    "summary": _sentence(rng, vocabulary, 25),
                    "description": _sentence(rng, vocabulary, 90),
                    "advantages": _sentence(rng, vocabulary, 20),
                    "arrangement_types": sorted({rng.choice(DOMAIN_ARRANGEMENTS[d]) for d in chosen_domains}),
                    "partner_role": _sentence(rng, vocabulary, 15),
                    "keywords": ", ".join(rng.sample(words[key], 4)),
                    "deadline": today + datetime.timedelta(days=rng.randint(1, 400)),
                    "status": "published",
                    "published_at": now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
                }
            )
            for code in rng.sample(classes[key], min(len(classes[key]), rng.choice((1, 1, 2)))):
                sectors.append({"opportunity_id": first_id + i, "isiccode_id": code})
        with transaction.atomic():
            _insert(Opportunity, opportunities)
            _insert(Opportunity.sectors.through, sectors)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(len(ordered) * 0.95) - 1))]
    return statistics.median(ordered), p95


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _query_sets(viewer: Any) -> dict[str, list[dict[str, Any]]]:
    from interfirm.search.selectors import SearchFilters as F

    return {
        "text only": [
            {"q": q}
            for q in (
                "mango",
                "solar inverter",
                "cnc machining",
                "generic tablets",
                "software payments",
                "cotton weaving",
                "café",
                "steel casting",
                "organic coffee",
                "battery inverter",
                "licence know-how",
                "cassava",
            )
        ],
        "text + facets": [
            {"q": "mango", "filters": F(kind="request", domain="production")},
            {"q": "solar", "filters": F(region="002")},
            {"q": "software", "filters": F(economy_group="developed", arrangement="licensing")},
            {"q": "cotton", "filters": F(sector="13")},
            {"q": "pump", "filters": F(country="DEU")},
            {"q": "cassava flour", "filters": F(ldc=True)},
            {"q": "coffee", "filters": F(corridor="north_south"), "viewer_firm": viewer},
            {"q": "joint venture", "filters": F(size="small", deadline_within=90)},
            {"q": "vaccines", "filters": F(sector="C", kind="offer")},
            {"q": "cement", "filters": F(domain="investment")},
        ],
        "facets only": [
            {},
            {"filters": F(domain="technology")},
            {"filters": F(sector="C")},
            {"filters": F(sector="10")},
            {"filters": F(country="KEN", kind="offer")},
            {"filters": F(region="150", arrangement="subcontracting")},
            {"filters": F(ldc=True)},
            {"filters": F(deadline_within=30)},
            {"filters": F(corridor="south_south"), "viewer_firm": viewer},
            {"filters": F(size="medium", domain="marketing", economy_group="transition")},
        ],
        "sorted / deeper pages": [
            {"q": "mango", "sort": "deadline"},
            {"sort": "deadline"},
            {"filters": F(sector="28"), "sort": "newest"},
            {"q": "solar", "page": 5},
            {"page": 50},
            {"filters": F(domain="production"), "sort": "deadline", "page": 10},
            {"q": "quality certified", "sort": "newest"},
            {"q": "export", "filters": F(kind="request"), "sort": "deadline", "page": 3},
        ],
    }


class _Table:
    """Prints each row as soon as it is measured (a long run shows its progress)."""

    WIDTH = 72

    def append(self, row: tuple[str, str]) -> None:
        print(f"{row[0].ljust(self.WIDTH)}  {row[1]}")
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--firms", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="interfirm-bench-search-") as tmp:
        _setup_django(Path(tmp))
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from interfirm.firms.models import Firm
        from interfirm.search.models import SearchEntry, SearchFacet
        from interfirm.search.selectors import opportunity_search
        from interfirm.search.services import search_index_rebuild

        rows = _Table()
        rng = random.Random(SEED)
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        version = sqlite3.sqlite_version
        print(f"Search at {args.opportunities:,} published opportunities (SQLite {version})")
        print(f"{'benchmark'.ljust(_Table.WIDTH)}  figure")
        print("-" * (_Table.WIDTH + 30))
        rows.append(("migrate + load_reference", f"{time.perf_counter() - start:.1f} s"))
        start = time.perf_counter()
        firms = _make_firms(rng, args.firms)
        _make_opportunities(rng, firms, args.opportunities)
        rows.append(
            (
                f"generate {args.firms:,} firms, {args.opportunities:,} opportunities",
                f"{time.perf_counter() - start:.1f} s",
            )
        )
        start = time.perf_counter()
        indexed = search_index_rebuild()
        rows.append((f"search_index_rebuild ({indexed:,} entries)", f"{time.perf_counter() - start:.1f} s"))
        rows.append(("facet rows", f"{SearchFacet.objects.count():,}"))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        size = Path(connection.settings_dict["NAME"]).stat().st_size
        rows.append(("database size", f"{size / 1024 / 1024:.0f} MB"))
        assert SearchEntry.objects.count() == args.opportunities

        viewer = Firm.objects.filter(country_id="KEN").first()
        rows.append(("opportunity_search (the whole search: counts, facets, page)", ""))
        for label, queries in _query_sets(viewer).items():
            cold: list[float] = []
            warm: list[float] = []
            found = 0
            for query in queries:
                found += opportunity_search(**query).total  # also warms the database's page cache
                for _ in range(args.repeat):
                    cache.clear()
                    cold.extend(_time(partial(opportunity_search, **query), 1))
                warm.extend(_time(partial(opportunity_search, **query), args.repeat))
            cold50, cold95 = _percentiles(cold)
            warm50, warm95 = _percentiles(warm)
            rows.append(
                (
                    f"  {label} ({len(queries)} queries × {args.repeat}, mean {found // len(queries):,} hits)",
                    f"p50 {cold50:.0f} ms / p95 {cold95:.0f} ms"
                    f"   counts cached: p50 {warm50:.0f} ms / p95 {warm95:.0f} ms",
                )
            )

        client = Client()
        for label, url in (
            ("GET /search/ (browse)", "/search/"),
            ("GET /search/?q=solar+inverter&region=002", "/search/?q=solar+inverter&region=002"),
            (
                "GET /api/search/opportunities?q=mango&kind=request",
                "/api/search/opportunities?q=mango&kind=request",
            ),
        ):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            p50, p95 = _percentiles(_time(partial(client.get, url), max(10, args.repeat * 2)))
            rows.append((label, f"p50 {p50:.0f} ms / p95 {p95:.0f} ms (counts cached)"))


if __name__ == "__main__":
    main()
