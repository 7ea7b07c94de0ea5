"""``make bench``: build a throw-away SQLite database with the reference data and the demo network,
then measure what users feel: the weight of a first visit and the latency of the main pages. Then
``bench.search`` measures search latency at 100 000 published opportunities (its own database).

Prints a table; exits 0. Figures depend on the machine (this one: 2 cores).
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _setup_django(var_dir: Path) -> None:
    os.environ["INTERFIRM_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "1"
    import django

    django.setup()


def _timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="interfirm-bench-") as tmp:
        _setup_django(Path(tmp))
        from django.core.management import call_command
        from django.test import Client

        rows: list[tuple[str, str, str]] = []
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        rows.append(("migrate + load_reference", f"{time.perf_counter() - start:.1f} s", "—"))
        start = time.perf_counter()
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        rows.append(("load_demo (fresh database)", f"{time.perf_counter() - start:.1f} s", "< 60 s"))
        start = time.perf_counter()
        call_command("load_demo", "--if-empty", stdout=open(os.devnull, "w"))  # noqa: SIM115
        rows.append(("load_demo --if-empty (loaded)", f"{time.perf_counter() - start:.2f} s", "< 2 s"))

        client = Client(HTTP_ACCEPT_ENCODING="gzip")
        # First visit of the home page: the HTML and every stylesheet, script and image it links.
        home = client.get("/")
        html = home.content if home.get("Content-Encoding") == "gzip" else gzip.compress(home.content)
        total = len(html)
        assets = re.findall(
            rb'(?:href|src)="(/static/[^"]+)"',
            home.content if home.get("Content-Encoding") != "gzip" else gzip.decompress(home.content),
        )
        for asset in assets:
            body = b"".join(client.get(asset.decode()).streaming_content)  # type: ignore[attr-defined]
            total += len(gzip.compress(body))
        rows.append(("home page, first visit (gzip, with assets)", f"{total / 1024:.1f} KB", "< 100 KB"))

        for label, url in (
            ("home page", "/"),
            ("directory, no filter", "/directory/"),
            ("directory, text + type filter", "/directory/?q=chamber&type=chamber"),
            ("countries list", "/reference/countries/"),
        ):

            def fetch(url: str = url) -> object:
                return client.get(url)

            p50, p95 = _timed(fetch, 30)
            rows.append((f"GET {label}", f"p50 {p50:.1f} ms / p95 {p95:.1f} ms", "—"))

        width = max(len(r[0]) for r in rows)
        print(f"{'benchmark'.ljust(width)}  {'figure':<32} target")
        print("-" * (width + 50))
        for name, figure, target in rows:
            print(f"{name.ljust(width)}  {figure:<32} {target}")
        sys.stdout.flush()

    # Search at 100 000 opportunities needs its own throw-away database, hence its own process.
    print()
    subprocess.run([sys.executable, "-m", "bench.search"], check=True)
    # The matching engine alone (no database), each size in its own process (BENCH_SCALE=small: quick).
    print()
    subprocess.run([sys.executable, "-m", "bench.matching"], check=True)
    # The suggested-partners page under 20 users, with its own database (BENCH_SCALE=small: 10 000).
    print()
    pages = (
        ["--opportunities", "10000", "--firms", "2000"] if os.environ.get("BENCH_SCALE") == "small" else []
    )
    subprocess.run([sys.executable, "-m", "bench.matching_pages", *pages], check=True)


if __name__ == "__main__":
    main()
