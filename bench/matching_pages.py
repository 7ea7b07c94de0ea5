"""``python -m bench.matching_pages``: the suggested-partners page under concurrent users.

Builds a throw-away SQLite database (reference data, ``--firms`` firms and ``--opportunities`` published
opportunities generated like ``bench.search``), rebuilds the matching index through the service
(``matching_rebuild``: read the ORM, build the engine's index, write its file and stamp its version),
then ``--users`` threads, each a signed-in firm manager with the Django test client, request the
suggestions page of their firm's opportunities: first *cold* (no stored suggestion yet: the page
computes them with the engine and stores them), then *warm* (the stored rows are read). Prints a
table; exits 0. Figures depend on the machine (this one: 2 cores, shared with other work).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.search import SEED, _make_firms, _make_opportunities, _setup_django

TARGET_P95_MS = 250.0


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, max(0, round(len(ordered) * 0.95) - 1))]


def _clients(count: int, rng: random.Random) -> list[tuple[Any, list[str]]]:
    """Return ``count`` signed-in clients of distinct firms with their opportunities' references."""
    from django.db.models import Count

    from interfirm.accounts.models import Membership, Role, User
    from interfirm.firms.models import Firm
    from interfirm.opportunities.models import Opportunity
    from interfirm.testing import client_for

    firms = list(
        Firm.objects.annotate(n=Count("opportunities"))
        .filter(n__gte=3)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = rng.sample(firms, min(count, len(firms)))
    clients = []
    for i, firm_id in enumerate(chosen):
        firm = Firm.objects.select_related("organisation").get(pk=firm_id)
        user = User.objects.create_user(f"bench{i}@bench.example", "bench-password", email_confirmed=True)
        Membership.objects.create(user=user, organisation=firm.organisation, role=Role.MANAGER)
        references = list(
            Opportunity.objects.filter(firm_id=firm_id).values_list("reference", flat=True)[:10]
        )
        clients.append((client_for(user, firm.organisation), references))
    return clients


def _run(
    clients: list[tuple[Any, list[str]]],
    per_user: int,
    *,
    distinct: bool,
    think: float = 0.0,
    offset: int = 0,
) -> tuple[list[float], int]:
    """Let every client request its pages, all starting together, pausing ``think`` seconds (±50 %,
    random) between requests; return the latencies (ms) and the errors."""
    samples: list[float] = []
    errors = 0
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients))

    def work(client: Any, references: list[str]) -> None:
        nonlocal errors
        from django.db import connection

        pause = random.Random(id(client))
        barrier.wait()
        if think:
            time.sleep(pause.uniform(0, think))  # users do not all click in the same millisecond
        for n in range(per_user):
            reference = references[(n + offset) % len(references)] if distinct else references[0]
            start = time.perf_counter()
            response = client.get(f"/matching/opportunities/{reference}/")
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                samples.append(elapsed)
                if response.status_code != 200:
                    errors += 1
            if think:
                time.sleep(pause.uniform(think * 0.5, think * 1.5))
        connection.close()

    threads = [threading.Thread(target=work, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, errors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--firms", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="requests per user and phase")
    parser.add_argument("--think", type=float, default=2.0, help="seconds a user pauses between pages")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="interfirm-bench-matching-") as tmp:
        _setup_django(Path(tmp))
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from django.conf import settings
        from django.core.management import call_command

        from interfirm.matching.engine import limit_blas_threads
        from interfirm.matching.models import Suggestion
        from interfirm.matching.services import matching_rebuild

        settings.ALLOWED_HOSTS = ["*"]
        # Served as in production: DEBUG was only needed to start without a SECRET_KEY and a static
        # manifest; off before the first page, templates are cached and no query is logged.
        settings.DEBUG = False
        limit_blas_threads()
        rng = random.Random(SEED)
        rows: list[tuple[str, str, str]] = []

        def row(name: str, figure: str, target: str = "—") -> None:
            rows.append((name, figure, target))
            print(f"{name.ljust(64)}  {figure:<34} {target}")
            sys.stdout.flush()

        print(f"Suggested-partners page at {args.opportunities:,} opportunities, {args.firms:,} firms")
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        row("migrate + load_reference", f"{time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        firms = _make_firms(rng, args.firms)
        _make_opportunities(rng, firms, args.opportunities)
        row(
            f"generate {args.firms:,} firms, {args.opportunities:,} opportunities",
            f"{time.perf_counter() - start:.1f} s",
        )
        report = matching_rebuild(precompute=False)
        row(
            f"matching_rebuild ({report.opportunities:,} opp. + {report.firms:,} firms)",
            f"{report.seconds:.1f} s",
            "≤ 60 s at 100k",
        )
        clients = _clients(args.users, rng)
        total = errors = 0
        for label, users, think, offset in (
            ("cold (computed and stored), 1 user", 1, 0.0, 0),
            ("warm (stored rows read), 1 user", 1, 0.0, 0),
            (f"cold, {len(clients)} users, think time {args.think:g} s", len(clients), args.think, 3),
            (f"warm, {len(clients)} users, think time {args.think:g} s", len(clients), args.think, 3),
            (f"warm, {len(clients)} users at once, no think time", len(clients), 0.0, 3),
        ):
            samples, failed = _run(clients[:users], args.requests, distinct=True, think=think, offset=offset)
            total, errors = total + len(samples), errors + failed
            p50, p95 = _percentiles(samples)
            row(f"page, {label}", f"p50 {p50:.0f} ms / p95 {p95:.0f} ms", f"p95 ≤ {TARGET_P95_MS:.0f} ms")
        row("requests / errors", f"{total} / {errors}")
        row("stored suggestions", f"{Suggestion.objects.count():,}")


if __name__ == "__main__":
    main()
