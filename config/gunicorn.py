"""Gunicorn settings for serving interfirm in production: ``gunicorn -c config/gunicorn.py`` (``make serve``).

Every value can be overridden on the command line or by gunicorn's own environment variables
(``WEB_CONCURRENCY`` for the number of worker processes, ``GUNICORN_CMD_ARGS`` for the rest).
Worker processes, not threads, are what use several cores: Python runs one thread at a time per
process. The matching index is loaded once in the master before the workers fork, so that they share
its memory and the first page of each worker does not wait for it.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

# One BLAS thread per process: the matching engine's vector work is small, and more threads per worker
# triple the latency under load (measured). Set before numpy is imported by the application.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or max(2, multiprocessing.cpu_count())
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
preload_app = True
timeout = 60
graceful_timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def when_ready(server: Any) -> None:
    """Load the matching index in the master, once, before the workers fork (they share it); close the
    database connections opened for it, which must not be shared across processes; then do the work
    Django leaves to a process's first requests and freeze what was made (``interfirm.lib.warmup``)."""
    from django.db import connections

    from interfirm.lib.warmup import prepare_for_fork
    from interfirm.matching import engine_adapter

    try:
        version, current = engine_adapter.index()
        if current is not None:
            engine_adapter.warm(current)
            server.log.info("matching index %s loaded (%d profiles)", version[:8], len(current))
    except Exception:  # a database not migrated yet: the first page that needs the index loads it
        server.log.exception("matching index not preloaded")
    finally:
        connections.close_all()
    try:
        server.log.info("%d templates compiled before the workers fork", prepare_for_fork())
    except Exception:  # the workers do it on their first requests, as without this
        server.log.exception("the application could not be prepared before the workers fork")
