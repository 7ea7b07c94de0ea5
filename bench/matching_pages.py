"""``python -m bench.matching_pages``: the suggested-partners page under concurrent users.

Builds a throw-away SQLite database (reference data, ``--firms`` firms and ``--opportunities`` published
opportunities generated like ``bench.search``), rebuilds the matching index through the service
(``matching_rebuild``: read the ORM, build the engine's index, write its file and stamp its version),
then ``--users`` signed-in firm managers request the suggestions page of their firm's opportunities:
first *cold* (no stored suggestion yet: the page computes them with the engine and stores them), then
*warm* (the stored rows are read), then *after a publication* (a new index version: the page shows the
stored rows and enqueues their recomputation, which a task worker started for the phase runs). Twice: served as in production, by gunicorn with ``--workers``
processes (``config/gunicorn.py``, over HTTP on loopback, each user a thread with its own keep-alive
connection), and in this one process with the Django test client (threads sharing one interpreter: the
worst case, a single-process server). Prints a table; exits 0. Figures depend on the machine (this one:
2 cores, shared with other work).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
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
    users: list[Any],
    per_user: int,
    get: Callable[[Any, str], int],
    *,
    think: float = 0.0,
    offset: int = 0,
) -> tuple[list[float], int]:
    """Let every user (a pair: its client, its opportunities' references) request its pages with
    ``get(client, path) -> status``, all starting together, pausing ``think`` seconds (±50 %, random)
    between requests; return the latencies (ms) and the errors."""
    samples: list[float] = []
    errors = 0
    lock = threading.Lock()
    barrier = threading.Barrier(len(users))

    def work(client: Any, references: list[str]) -> None:
        nonlocal errors
        from django.db import connection

        pause = random.Random(id(client))
        barrier.wait()
        if think:
            time.sleep(pause.uniform(0, think))  # users do not all click in the same millisecond
        for n in range(per_user):
            reference = references[(n + offset) % len(references)]
            start = time.perf_counter()
            status = get(client, f"/matching/opportunities/{reference}/")
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                samples.append(elapsed)
                if status != 200:
                    errors += 1
            if think:
                time.sleep(pause.uniform(think * 0.5, think * 1.5))
        connection.close()

    threads = [threading.Thread(target=work, args=pair) for pair in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, errors


def _test_client_get(client: Any, path: str) -> int:
    return int(client.get(path).status_code)


class _HttpUser:
    """One user of the served site: a keep-alive connection and the session cookie of its client."""

    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie = port, cookie
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> int:
        for attempt in (1, 2):  # the server may close an idle keep-alive connection: reconnect once
            try:
                self.connection.request("GET", path, headers={"Cookie": self.cookie, "Host": "127.0.0.1"})
                response = self.connection.getresponse()
                response.read()
                return int(response.status)
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        return 0


def _http_get(user: Any, path: str) -> int:
    return int(user.get(path))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(var_dir: Path) -> dict[str, str]:
    """Return the environment of a production process on this database (DEBUG off)."""
    from django.conf import settings

    env = {
        **os.environ,
        "INTERFIRM_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions of the bench's users are signed with it
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DATABASE_URL", None)
    return env


def _worker(var_dir: Path) -> subprocess.Popen[bytes]:
    """Start a task worker on this database, as production runs one beside the web processes (at a
    lower CPU priority, as the README advises)."""
    root = Path(__file__).resolve().parent.parent
    return subprocess.Popen(
        [
            "nice",
            "-n",
            "10",
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--interval",
            "0.2",
            "-v",
            "0",
        ],
        cwd=root,
        env=_env(var_dir),
    )


def _serve(var_dir: Path, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    """Start gunicorn on this database as production runs it (DEBUG off, static files collected, the
    matching index preloaded); return the process and its port once it answers."""
    port = _free_port()
    env = {**_env(var_dir), "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=root, env=env, check=True
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "config/gunicorn.py", "--log-level", "warning"], cwd=root, env=env
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            connection.close()
            return server, port
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 180 s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--firms", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="requests per user and phase")
    parser.add_argument("--think", type=float, default=2.0, help="seconds a user pauses between pages")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (0: only the in-process run)"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="interfirm-bench-matching-") as tmp:
        _setup_django(Path(tmp))
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from django.conf import settings
        from django.core.management import call_command

        from interfirm.matching import engine_adapter
        from interfirm.matching.engine import limit_blas_threads
        from interfirm.matching.models import Suggestion
        from interfirm.matching.services import matching_index_refresh, matching_rebuild
        from interfirm.opportunities.models import Opportunity, Status

        settings.ALLOWED_HOSTS = ["*"]
        # Served as in production: DEBUG was only needed to start without a SECRET_KEY and a static
        # manifest; off before the first page, templates are cached and no query is logged.
        settings.DEBUG = False
        limit_blas_threads()
        rng = random.Random(SEED)
        rows: list[tuple[str, str, str]] = []

        def row(name: str, figure: str, target: str = "—") -> None:
            rows.append((name, figure, target))
            print(f"{name.ljust(84)}  {figure:<34} {target}")
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

        published = list(
            Opportunity.objects.filter(status=Status.PUBLISHED)
            .order_by("-pk")
            .values_list("pk", flat=True)[:8]
        )

        def phases(label: str, users: list[Any], get: Callable[[Any, str], int]) -> None:
            nonlocal total, errors
            Suggestion.objects.all().delete()  # every page cold again
            engine_adapter._computed_empty.clear()

            def measure(phase: str, count: int, think: float) -> None:
                nonlocal total, errors
                samples, failed = _run(users[:count], args.requests, get, think=think, offset=3)
                total, errors = total + len(samples), errors + failed
                p50, p95 = _percentiles(samples)
                row(
                    f"{label}: {phase}",
                    f"p50 {p50:.0f} ms / p95 {p95:.0f} ms",
                    f"p95 ≤ {TARGET_P95_MS:.0f} ms" if think else "—",
                )

            measure("cold (computed and stored)", len(users), args.think)
            measure("warm (stored rows read)", len(users), args.think)
            measure("warm, no think time", len(users), 0.0)
            # A firm publishes: a new index version, so every stored row is of an older one. The pages
            # show them and enqueue their recomputation, which a task worker runs meanwhile (its work
            # shares the machine with the web processes, as in production).
            matching_index_refresh(opportunity_id=published.pop())
            worker = _worker(Path(tmp))
            try:
                measure(
                    "after a publication (rows shown, recomputed by the task worker)", len(users), args.think
                )
            finally:
                worker.terminate()
                worker.wait(timeout=60)

        people = f"{len(clients)} users, think time {args.think:g} s"
        if args.workers:
            server, port = _serve(Path(tmp), args.workers)
            try:
                cookie_name = settings.SESSION_COOKIE_NAME
                users = [
                    (_HttpUser(port, f"{cookie_name}={client.cookies[cookie_name].value}"), references)
                    for client, references in clients
                ]
                phases(f"gunicorn, {args.workers} workers, {people}", users, _http_get)
            finally:
                server.terminate()
                server.wait(timeout=30)
        phases(f"one process (test client), {people}", clients, _test_client_get)
        row("requests / errors", f"{total} / {errors}")
        row("stored suggestions", f"{Suggestion.objects.count():,}")


if __name__ == "__main__":
    main()
