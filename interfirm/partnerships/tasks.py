"""Background tasks of partnerships: thin wrappers around services, safe to run again."""

from __future__ import annotations

from django_tasks import task

from interfirm.partnerships.services import partnerships_daily


@task()
def partnerships_daily_run() -> dict[str, int]:
    """Schedule due check-ins, send reminders and raise early warnings; return the counts."""
    return partnerships_daily().__dict__
