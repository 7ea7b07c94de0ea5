"""``python -m bench.matching``: speed and memory of the matching engine (engine only, no database).

A generator makes N realistic opportunities (countries weighted like bench.search, ISIC classes and
texts in the vocabulary of their sector, offers and requests in every domain, a network of past
partnerships between their firms). Measured: index build at 100 000; top-20 suggestions for one
opportunity, p50/p95, at 100 000 and 1 000 000; re-matching every opportunity at 100 000 with the
batch path (``MatchingIndex.suggest_many``, on every core; timed on a sample and extrapolated, said so
in the table); peak memory (RSS, ``resource.getrusage``) at 1 000 000, each size in its own process so
its peak is its own.

The batch sample is every opportunity of firms drawn at random until there are at least 6 000, in
firm order, as the full run would pass them (grouped by firm): a fair sample of the full run. What a
run pays once (starting the workers, each unpickling the profiles it holds) is timed apart, on two
queries; the full run's time is that plus the rest of the sample's time x N / sample size (its caches
start cold, as the full run's do, but warm over fewer queries: the figure errs on the high side). It
is timed on every core and in one process (the scaling), each outcome consumed as it comes (as a
caller storing them would).

``BENCH_SCALE=small`` measures 10 000 and 100 000 instead (quick); the default is the issue's sizes.
Prints a table and which targets were not met; exits 0.
"""

from __future__ import annotations

import datetime
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

import numpy as np

from bench.search import COUNTRIES, DOMAIN_ARRANGEMENTS, GENERIC, SIZES, VOCABULARY
from interfirm.matching.engine import (
    MatchingIndex,
    Network,
    PastPartnership,
    Profile,
    Requirements,
    limit_blas_threads,
)

SEED = 20261201
TODAY = datetime.date(2026, 12, 1)
DEVELOPED = {"DEU", "FRA", "ITA", "ESP", "NLD", "GBR", "USA", "JPN", "KOR"}
TRANSITION = {"RUS", "UKR", "KAZ"}
LDC = {"UGA", "TZA", "ETH", "SEN", "BGD", "NPL", "HTI", "MOZ"}
CERTS = ("iso9001", "iso14001", "haccp", "gmp", "ce")
LANGS = ("en", "fr", "es", "ar", "pt", "de", "zh")


def generate(n: int, seed: int = SEED) -> tuple[list[Profile], Network]:
    """Return ``n`` opportunities of ``n // 4`` firms and a network of ``n // 20`` past partnerships."""
    stream, network = generate_stream(n, seed)
    return list(stream), network


def generate_stream(n: int, seed: int = SEED) -> tuple[Iterator[Profile], Network]:
    """Return the opportunities of ``generate`` one at a time (nothing held: the index's own memory is
    what is measured), and the network (made first: the index needs it before the profiles)."""
    rng = random.Random(seed)
    countries = [c for c, _ in COUNTRIES]
    cweights = [w for _, w in COUNTRIES]
    sizes = [s for s, _ in SIZES]
    sweights = [w for _, w in SIZES]
    sectors = list(VOCABULARY)
    n_firms = max(n // 4, 2)
    firm_country = rng.choices(countries, cweights, k=n_firms)
    firm_size = rng.choices(sizes, sweights, k=n_firms)
    firm_sector = [rng.choice(sectors) for _ in range(n_firms)]
    net_rng = random.Random(seed + 1)
    partnerships = []
    for j in range(max(n // 20, 1)):
        a = net_rng.randrange(n_firms)
        others = [net_rng.randrange(n_firms) for _ in range(net_rng.choice((1, 1, 2, 3)))]
        partnerships.append(
            PastPartnership(
                f"p:{j}",
                tuple({a, *others}),
                TODAY - datetime.timedelta(days=net_rng.randrange(3000)),
                fields=frozenset({firm_sector[a]}),
                lead_ids=(a,),  # the owner of the opportunity it came from chose its partners
            )
        )
    network = Network(tuple(partnerships), dict(enumerate(firm_country)), {})
    domains = list(DOMAIN_ARRANGEMENTS)

    def profiles() -> Iterator[Profile]:
        for i in range(n):
            firm = rng.randrange(n_firms)
            sector = firm_sector[firm]
            codes, words = VOCABULARY[sector]
            domain = rng.choice(domains)
            iso = firm_country[firm]
            text = " ".join(rng.choices(words, k=12) + rng.choices(GENERIC, k=8))
            requires = Requirements(
                certifications=frozenset(rng.sample(CERTS, rng.choice((0, 0, 1, 2)))),
                languages=frozenset(rng.sample(LANGS, rng.choice((0, 1)))),
                economy_groups=frozenset({"developing"}) if rng.random() < 0.1 else frozenset(),
            )
            yield Profile(
                key=f"opp:{i}",
                firm_id=firm,
                kind=rng.choice(("offer", "request")),
                domains=frozenset({domain}),
                arrangement_types=frozenset(rng.sample(DOMAIN_ARRANGEMENTS[domain], 2)),
                sectors=(rng.choice(codes),),
                text=text,
                country=iso,
                economy_group="developed"
                if iso in DEVELOPED
                else "transition"
                if iso in TRANSITION
                else "developing",
                is_ldc=iso in LDC,
                size_class=firm_size[firm],
                certifications=frozenset(rng.sample(CERTS, rng.choice((0, 1, 2)))),
                languages=frozenset(rng.sample(LANGS, 2)),
                requires=requires,
                readiness_level=rng.choice((None, 2, 3, 4, 5)),
                keywords=frozenset({sector}),
                published_at=TODAY - datetime.timedelta(days=rng.randrange(365)),
                deadline=TODAY + datetime.timedelta(days=rng.randrange(-30, 365)),
                status="published" if rng.random() < 0.95 else "withdrawn",
            )

    return profiles(), network


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int, batch_sample: int) -> dict[str, float]:
    """Measure one size in this process; return the figures."""
    limit_blas_threads()
    # The build alone, timed on profiles already generated (a tenth when n is large, scaled: the build
    # is linear), first, so that its memory is freed before the measured index is built.
    sample_n = n if n <= 100_000 else n // 10
    sample, sample_network = generate(sample_n)
    t = time.perf_counter()
    MatchingIndex(sample, sample_network)
    build = (time.perf_counter() - t) * (n / sample_n)
    del sample, sample_network
    gc.collect()
    t = time.perf_counter()
    stream, network = generate_stream(n)
    index = MatchingIndex(stream, network)
    generated = time.perf_counter() - t - build
    rng = random.Random(7)
    queries = [index.get(f"opp:{rng.randrange(n)}") for _ in range(60)]
    samples = []
    for q in queries:
        assert q is not None
        t = time.perf_counter()
        index.suggest(q, k=20, today=TODAY)
        samples.append((time.perf_counter() - t) * 1000)
    samples = samples[10:]  # the first queries warm caches
    samples.sort()
    out = {
        "n": n,
        "generate_s": generated,
        "build_s": build,
        "p50_ms": statistics.median(samples),
        "p95_ms": samples[int(len(samples) * 0.95) - 1],
    }
    if batch_sample:
        out.update(measure_batch(index, n, batch_sample))
    t = time.perf_counter()
    first = index.get("opp:0")
    assert first is not None
    index.add(first.evolve(key="opp:new", text="mango pulp aseptic packaging distributor"))
    index.remove("opp:1")
    out["update_ms"] = (time.perf_counter() - t) * 1000
    out["rss_mb"] = _rss_mb()
    return out


def measure_batch(index: MatchingIndex, n: int, batch_sample: int) -> dict[str, float]:
    """Time ``suggest_many`` over every opportunity of random firms (at least ``batch_sample``), on
    every core and in one process; extrapolate each to all ``n`` opportunities."""
    firm_of = index.firm_ids(np.arange(n))  # row i is "opp:i": nothing was removed yet
    rows_of: dict[int, list[int]] = {}
    for row, firm in enumerate(firm_of.tolist()):
        rows_of.setdefault(firm, []).append(row)
    firms = sorted(rows_of)
    random.Random(11).shuffle(firms)
    chosen: list[int] = []
    picked = 0
    for firm in firms:
        chosen.append(firm)
        picked += len(rows_of[firm])
        if picked >= batch_sample:
            break
    queries = [index.get(f"opp:{row}") for firm in sorted(chosen) for row in rows_of[firm]]
    assert all(q is not None for q in queries)
    out: dict[str, float] = {"batch_sample": len(queries), "batch_firms": len(chosen)}
    workers = len(os.sched_getaffinity(0))
    for name, count in (("batch_all", workers), ("batch_one_process", 1)):
        # What a run pays once (the workers forked, each unpickling the profiles it holds), timed on
        # two queries; then the sample; the full run is the first plus the sample's rest x N / sample.
        t = time.perf_counter()
        assert len(list(index.suggest_many(queries[:2], k=20, today=TODAY, workers=count))) == 2  # type: ignore[arg-type]
        fixed = time.perf_counter() - t
        t = time.perf_counter()
        done = 0
        for _ in index.suggest_many(queries, k=20, today=TODAY, workers=count):  # type: ignore[arg-type]
            done += 1
        assert done == len(queries)
        whole = time.perf_counter() - t
        out[f"{name}_fixed_s"] = fixed
        out[f"{name}_s"] = fixed + max(whole - fixed, 0.0) / len(queries) * n
    out["batch_workers"] = workers
    return out


def _child(n: int, batch: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.matching", "--measure", str(n), str(batch)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        print(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]))))
        return
    small = os.environ.get("BENCH_SCALE", "") == "small"
    mid, big = (10_000, 100_000) if small else (100_000, 1_000_000)
    a = _child(mid, 6000)
    b = _child(big, 0)
    rows = [
        (
            f"index build, N={mid:,}",
            f"{a['build_s']:.1f} s",
            60.0 if mid == 100_000 else None,
            a["build_s"],
            "s",
        ),
        (
            f"top-20 for one opportunity, N={mid:,}",
            f"p50 {a['p50_ms']:.1f} ms / p95 {a['p95_ms']:.1f} ms",
            20.0,
            a["p50_ms"],
            "ms",
        ),
        (
            f"top-20 for one opportunity, N={big:,}",
            f"p50 {b['p50_ms']:.1f} ms / p95 {b['p95_ms']:.1f} ms",
            100.0,
            b["p50_ms"],
            "ms",
        ),
        (f"index build, N={big:,}", f"{b['build_s']:.1f} s", None, b["build_s"], "s"),
        (f"peak memory (RSS), N={big:,}", f"{b['rss_mb']:.0f} MB", 4096.0, b["rss_mb"], "MB"),
        (
            f"re-match every opportunity, N={mid:,} (suggest_many, {a['batch_workers']:.0f} workers; "
            f"{a['batch_all_fixed_s']:.1f} s to start, then all {a['batch_sample']:,.0f} opportunities "
            f"of {a['batch_firms']:.0f} random firms timed, x N / {a['batch_sample']:,.0f})",
            f"{a['batch_all_s']:.0f} s",
            300.0,
            a["batch_all_s"],
            "s",
        ),
        (
            f"re-match every opportunity, N={mid:,}, in one process (the same sample; "
            f"{a['batch_one_process_fixed_s']:.1f} s to start)",
            f"{a['batch_one_process_s']:.0f} s",
            None,
            a["batch_one_process_s"],
            "s",
        ),
        (
            f"publish + withdraw one profile, N={mid:,}",
            f"{a['update_ms']:.1f} ms",
            None,
            a["update_ms"],
            "ms",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'matching engine'.ljust(width)}  {'figure':<32} target")
    print("-" * (width + 48))
    missed = []
    for name, figure, target, value, unit in rows:
        print(f"{name.ljust(width)}  {figure:<32} {f'≤ {target:g} {unit}' if target else '—'}")
        if target is not None and value > target:
            missed.append(f"{name}: {figure} over {target:g} {unit}")
    if small:
        print("(BENCH_SCALE=small: sizes are a tenth of the issue's; targets apply to the full sizes)")
    print("targets not met: " + ("; ".join(missed) if missed else "none"))


if __name__ == "__main__":
    main()
